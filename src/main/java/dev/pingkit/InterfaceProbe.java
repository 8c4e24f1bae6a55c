package dev.pingkit;

import dev.pingkit.engine.EngineOptions;
import dev.pingkit.engine.Hosts;
import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.engine.ProbeSpec;
import dev.pingkit.packet.ExtendedEchoMessage;
import dev.pingkit.packet.Hexdump;
import dev.pingkit.packet.IcmpTypes;
import dev.pingkit.packet.InterfaceId;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * <b>A PROBE (RFC 8335 extended echo request) as an immutable value: "is interface X of that node up, and which
 * families does it run?"</b> The query beside {@link Echo}; every call returns a new value.
 *
 * <pre>{@code
 * var p = InterfaceProbe.to("198.51.100.2").interfaceName("eth0");
 * p.show();                        // type 42, the L bit, the extension structure and its object, field by field
 * InterfaceStatus s = p.send();    // the reply's code, state and A/4/6 bits, or an error, or no reply
 * s.active(); s.ipv6(); s.codeText(); // "No Error", "No Such Interface", ...
 * }</pre>
 *
 * <p>An IPv4 target gets ICMP type 42, an IPv6 target ICMPv6 160. Defaults: the loopback interface by index 1, id =
 * this process's pid & 0xffff, seq = 1 (PROBE's sequence number is 8 bits: 0..255), the L bit set (the interface is
 * on the node probed: the only query Linux answers). The responder must allow it
 * ({@code net.ipv4.icmp_echo_enable_probe=1}, which Linux applies to ICMPv6 too).
 *
 * <p>Bad arguments throw {@link IllegalArgumentException} naming the field, the value and the allowed range.
 */
public final class InterfaceProbe {
    private final InetAddress target;
    private final ExtendedEchoMessage message;
    private final int ttl; // -1: the socket's

    private InterfaceProbe(InetAddress target, ExtendedEchoMessage message, int ttl) {
        this.target = target;
        this.message = message;
        this.ttl = ttl;
    }

    /** <b>A PROBE to a host name or an IPv4/IPv6 literal, resolved once, now.</b> */
    public static InterfaceProbe to(String host) {
        return to(Hosts.resolve(host, 0));
    }

    /** <b>A PROBE to an address: ICMPv4 (42) for an {@code Inet4Address}, ICMPv6 (160) for an IPv6 one.</b> */
    public static InterfaceProbe to(InetAddress target) {
        Objects.requireNonNull(target, "target");
        ExtendedEchoMessage m = ExtendedEchoMessage.request(Hosts.family(target),
                InterfaceId.index(1)).identifier((int) (ProcessHandle.current().pid() & 0xffff)).sequence(1);
        return new InterfaceProbe(target, m, -1);
    }

    /** <b>Asks about the interface called {@code name} (1..255 ASCII characters), e.g. "eth0".</b> */
    public InterfaceProbe interfaceName(String name) {
        return interfaceId(InterfaceId.name(name));
    }

    /** <b>Asks about the interface with index {@code index} (0..2^32-1, as {@code ip link} numbers them).</b> */
    public InterfaceProbe interfaceIndex(long index) {
        return interfaceId(InterfaceId.index(index));
    }

    /** <b>Asks about the interface that has address {@code address} (IPv4 or IPv6, either family's PROBE).</b> */
    public InterfaceProbe interfaceAddress(InetAddress address) {
        return interfaceId(InterfaceId.address(address));
    }

    /** <b>Asks about {@code id}: a name, an index, an address, or any other C-Type for experiments.</b> */
    public InterfaceProbe interfaceId(InterfaceId id) {
        return new InterfaceProbe(target, message.interfaceId(Objects.requireNonNull(id, "interfaceId")), ttl);
    }

    /** <b>The identifier, 0..65535.</b> */
    public InterfaceProbe id(int id) {
        return new InterfaceProbe(target, message.identifier(id), ttl);
    }

    /** <b>The sequence number, 0..255 (byte 6 alone: byte 7 holds the L bit).</b> */
    public InterfaceProbe seq(int seq) {
        return new InterfaceProbe(target, message.sequence(seq), ttl);
    }

    /** <b>The TTL / hop limit of the probe, 1..255.</b> */
    public InterfaceProbe ttl(int ttl) {
        if (ttl < 1 || ttl > 255) {
            throw new IllegalArgumentException("ttl must be 1..255, got " + ttl);
        }
        return new InterfaceProbe(target, message, ttl);
    }

    /** <b>Where the probe goes.</b> */
    public InetAddress target() {
        return target;
    }

    /** <b>The interface asked about.</b> */
    public InterfaceId interfaceId() {
        return message.interfaceId().orElseThrow();
    }

    /** <b>The identifier.</b> */
    public int id() {
        return message.identifier();
    }

    /** <b>The sequence number.</b> */
    public int seq() {
        return message.sequence();
    }

    /** <b>The TTL / hop limit, or -1 for the socket's.</b> */
    public int ttl() {
        return ttl;
    }

    /** <b>The ICMP message as the packet layer's value.</b> */
    public ExtendedEchoMessage message() {
        return message;
    }

    /** <b>The ICMP bytes as they go on the wire (ICMPv6: the checksum left to the kernel).</b> */
    public byte[] toBytes() {
        return message.toBytes();
    }

    /** <b>Every field decoded, with its meaning.</b> */
    public String show() {
        return message.show();
    }

    /** <b>The bytes as offset / hex / ASCII rows.</b> */
    public String hexdump() {
        return Hexdump.of(toBytes());
    }

    /** <b>Sends the probe and waits up to {@link Echo#DEFAULT_TIMEOUT} for the reply or an error about it.</b> */
    public InterfaceStatus send() throws IOException {
        return send(Echo.DEFAULT_TIMEOUT);
    }

    /**
     * <b>Sends the probe through the engine and waits up to {@code timeout}</b>: a reply (answered or, by its code,
     * not), an ICMP error quoting the probe, or no reply. A timeout or an error is a result, not an exception.
     *
     * @throws IOException if no ICMP socket can be opened or the kernel refuses the send
     */
    public InterfaceStatus send(Duration timeout) throws IOException {
        return send(timeout, EngineOptions.defaults());
    }

    /** <b>As {@link #send(Duration)}, on sockets {@code base} describes (kind, namespace, device, mark).</b> */
    public InterfaceStatus send(Duration timeout, EngineOptions base) throws IOException {
        ProbeSpec spec = ProbeSpec.DEFAULT.payload(message.extension()).timeout(timeout);
        EngineOptions options = base.identifier(id()).request(IcmpTypes.EXTENDED_ECHO_REQUEST_V4, 0);
        if (ttl >= 0) {
            options = options.ttl(ttl);
        }
        try (OneProbe p = OneProbe.open(target, seq(), spec, options)) {
            ProbeEvent end = p.run();
            if (end instanceof ProbeEvent.SendFailed s) {
                throw new IOException("sendto: " + s.errnoName() + " (" + s.errnoDescription() + ")");
            }
            return InterfaceStatus.of(this, end, timeout);
        }
    }

    /** One line: {@code InterfaceProbe[198.51.100.2 name "eth0" id=7 seq=1]}. */
    @Override
    public String toString() {
        return "InterfaceProbe[" + target.getHostAddress() + " " + interfaceId().text() + " id=" + id() + " seq="
                + seq() + (ttl >= 0 ? " ttl=" + ttl : "") + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InterfaceProbe p && target.equals(p.target) && message.equals(p.message) && ttl == p.ttl;
    }

    @Override
    public int hashCode() {
        return Objects.hash(target, message, ttl);
    }
}
