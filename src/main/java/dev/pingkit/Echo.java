package dev.pingkit;

import dev.pingkit.packet.Addresses;
import dev.pingkit.packet.EchoMessage;
import dev.pingkit.packet.EchoPayload;
import dev.pingkit.packet.Hexdump;
import dev.pingkit.packet.IcmpMessage;
import dev.pingkit.ping.SendResult;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * <b>An ICMP echo request as an immutable value: every call returns a new {@code Echo}.</b>
 *
 * <pre>{@code
 * var base = Echo.to("127.0.0.1").id(7);
 * var e = base.seq(1).payload("hello");   // base is unchanged
 * e.toBytes(); e.show(); e.hexdump();
 * }</pre>
 *
 * <p>An IPv4 target makes an ICMPv4 echo request (type 8), an IPv6 target an ICMPv6 one (type 128).
 * Defaults: id = this process's pid & 0xffff, seq = 1, 56 payload bytes {@code i & 0xff} (ping's default size),
 * code 0, TTL, TOS and don't-fragment left to the kernel.
 *
 * <p>The checksum is computed for every value unless {@link #checksum(int)} forces one. ICMPv6's checksum covers the
 * IPv6 pseudo-header, so {@code Echo} computes it only when it knows both ends ({@link #source(InetAddress)} set);
 * otherwise the field is written as 0 and the kernel fills it in when sending (it always does for ICMPv6 sockets,
 * so a forced ICMPv6 checksum does not survive the kernel either).
 *
 * <p>{@code ttl}, {@code tos} and {@code dontFragment} are send options the socket layer applies (for IPv6: hop
 * limit, traffic class, IPV6_DONTFRAG); they are not part of the ICMP bytes. Unset TTL/TOS read as -1
 * ({@link #hasTtl()}, {@link #hasTos()}).
 *
 * <p>Bad arguments throw {@link IllegalArgumentException} naming the field, the value and the allowed range.
 */
public final class Echo {
    /** <b>Largest ICMPv4 echo payload: 65535 - 20 (IP header) - 8 (ICMP header).</b> */
    public static final int MAX_PAYLOAD_V4 = EchoPayload.MAX_V4;
    /** <b>Largest ICMPv6 echo payload: 65535 (IPv6 payload length) - 8 (ICMP header).</b> */
    public static final int MAX_PAYLOAD_V6 = EchoPayload.MAX_V6;
    /** <b>ping's default payload size.</b> */
    public static final int DEFAULT_SIZE = EchoPayload.DEFAULT_SIZE;

    private final InetAddress target;
    private final InetAddress source;
    private final EchoMessage message; // the ICMP bytes; for ICMPv6 its pseudo-header is (source, target) if known
    private final byte[] pattern;
    private final SendOptions options;

    private Echo(InetAddress target, InetAddress source, EchoMessage message, byte[] pattern, SendOptions options) {
        this.target = target;
        this.source = source;
        this.message = message;
        this.pattern = pattern;
        this.options = options;
    }

    private Echo with(EchoMessage m) {
        return new Echo(target, source, m, pattern, options);
    }

    private Echo with(SendOptions o) {
        return new Echo(target, source, message, pattern, o);
    }

    /**
     * <b>An echo request to a host name or an IPv4/IPv6 literal, resolved once, now.</b>
     * Names in the reserved {@code .invalid} domain (RFC 6761) are refused without a lookup.
     *
     * @throws IllegalArgumentException {@code unknown host: nosuch.invalid} if the name does not resolve
     */
    public static Echo to(String host) {
        return to(Hosts.resolve(host, 0));
    }

    /** <b>An echo request to an address: ICMPv4 for an {@code Inet4Address}, ICMPv6 for an {@code Inet6Address}.</b> */
    public static Echo to(InetAddress target) {
        Objects.requireNonNull(target, "target");
        EchoMessage m = EchoMessage.request(target instanceof Inet6Address ? 6 : 4)
                .identifier((int) (ProcessHandle.current().pid() & 0xffff)).sequence(1)
                .data(EchoPayload.fill(DEFAULT_SIZE)).build();
        return new Echo(target, null, m, null, SendOptions.DEFAULT);
    }

    // ---- setters: each returns a new value ----

    /** <b>The identifier, 0..65535.</b> */
    public Echo id(int id) {
        check("id", id, 0, 65535);
        return with(message.identifier(id));
    }

    /** <b>The sequence number, 0..65535.</b> */
    public Echo seq(int seq) {
        check("seq", seq, 0, 65535);
        return with(message.sequence(seq));
    }

    // ---- batches: each returns a Probes value built from this echo ----

    /** <b>A batch of this probe alone, to widen with {@link Probes}' ranges and send with {@code sendAll()}.</b> */
    public Probes probes() {
        return Probes.of(this);
    }

    /** <b>A batch with sequence numbers {@code from..to}</b>: {@code Echo.to(h).seq(1, 20).sendAll()}. */
    public Probes seq(int from, int to) {
        return probes().seq(from, to);
    }

    /** <b>A batch with payload sizes {@code from..to} by {@code step}</b>: {@code .size(0, 1400, 200).sendAll()}. */
    public Probes size(int from, int to, int step) {
        return probes().size(from, to, step);
    }

    /** <b>A batch with TTLs / hop limits {@code from..to}</b>: {@code Echo.to(h).ttl(1, 4).sendAll()}. */
    public Probes ttl(int from, int to) {
        return probes().ttl(from, to);
    }

    /** <b>A batch of this probe to each of these hosts or CIDR blocks</b> (see {@link Probes#targets}). */
    public Probes targets(String... hosts) {
        return probes().targets(hosts);
    }

    /** <b>Sends this one probe through the engine as a batch of one; see {@link Probes#sendAll()}.</b> */
    public Results sendAll() throws IOException {
        return probes().sendAll();
    }

    /** <b>The payload as the UTF-8 bytes of {@code text}.</b> */
    public Echo payload(String text) {
        Objects.requireNonNull(text, "payload");
        return withPayload(text.getBytes(StandardCharsets.UTF_8), null);
    }

    /** <b>The payload bytes (copied).</b> */
    public Echo payload(byte[] bytes) {
        Objects.requireNonNull(bytes, "payload");
        return withPayload(bytes.clone(), null);
    }

    /**
     * <b>The payload from hex digits, e.g. {@code "dead beef"}.</b> Spaces, colons and a leading {@code 0x} are
     * ignored; an even number of digits is required.
     */
    public Echo payloadHex(String hex) {
        Objects.requireNonNull(hex, "payloadHex");
        byte[] b = Hexdump.parse(hex);
        if (b == null) {
            throw new IllegalArgumentException("payloadHex must be pairs of hex digits, got \"" + hex + "\"");
        }
        return withPayload(b, null);
    }

    /**
     * <b>A payload of {@code n} bytes filled like {@code ping -s}: byte i is {@code i & 0xff}, or the
     * {@link #pattern(String)} repeated if one is set.</b>
     */
    public Echo size(int n) {
        int max = maxPayload();
        if (n < 0 || n > max) {
            throw new IllegalArgumentException("size must be 0.." + max + " for " + ipName() + ", got " + n);
        }
        return withPayload(EchoPayload.fill(n, pattern), pattern);
    }

    /**
     * <b>Fills the payload (its current size, and later {@link #size(int)} calls) with 1..16 bytes of hex
     * repeated, like {@code ping -p ff00}.</b> An explicit {@code payload(...)} later replaces it.
     */
    public Echo pattern(String hex) {
        Objects.requireNonNull(hex, "pattern");
        byte[] p = Hexdump.parse(hex);
        if (p == null || p.length < 1 || p.length > 16) {
            throw new IllegalArgumentException("pattern must be 1..16 bytes as hex digits (like ping -p ff00), got \""
                    + hex + "\"");
        }
        return withPayload(EchoPayload.fill(message.dataLength(), p), p);
    }

    /** <b>The ICMP type, 0..255, for experiments (e.g. 13, a timestamp request); default 8 or 128.</b> */
    public Echo type(int type) {
        check("type", type, 0, 255);
        return with(message.type(type));
    }

    /** <b>The ICMP code, 0..255; default 0.</b> */
    public Echo code(int code) {
        check("code", code, 0, 255);
        return with(message.code(code));
    }

    /**
     * <b>Forces the checksum field to this value, 0..65535 (e.g. a wrong one on purpose).</b> Over ICMPv6 the value
     * shows in {@link #toBytes()} and {@link #show()}, but {@link #send()} refuses it: the kernel writes every
     * ICMPv6 checksum itself, so the forced one would never go out.
     */
    public Echo checksum(int checksum) {
        check("checksum", checksum, 0, 65535);
        return with(message.checksum(checksum));
    }

    /** <b>Back to a computed checksum after {@link #checksum(int)}.</b> */
    public Echo computedChecksum() {
        return with(message.computedChecksum());
    }

    /** <b>The IP TTL (IPv6: hop limit) to send with, 1..255.</b> */
    public Echo ttl(int ttl) {
        check("ttl", ttl, 1, 255);
        return with(options.ttl(ttl));
    }

    /** <b>The IP TOS byte (IPv6: traffic class) to send with, 0..255.</b> */
    public Echo tos(int tos) {
        check("tos", tos, 0, 255);
        return with(options.tos(tos));
    }

    /** <b>Whether to set don't-fragment when sending.</b> */
    public Echo dontFragment(boolean df) {
        return with(options.dontFragment(df));
    }

    /**
     * <b>The source address (same family as the target), or null for "the kernel chooses".</b>
     * For ICMPv6 it lets {@code Echo} compute the checksum over the pseudo-header.
     */
    public Echo source(InetAddress source) {
        if (source != null && (source instanceof Inet6Address) != (target instanceof Inet6Address)) {
            throw new IllegalArgumentException("source must be an " + ipName() + " address like the target "
                    + Addresses.text(target) + ", got " + Addresses.text(source));
        }
        // ICMPv6's checksum covers (source, target); unknown source: the kernel computes it
        EchoMessage m = message.pseudoHeader(family() == 6 ? source : null, family() == 6 && source != null
                ? target : null);
        return new Echo(target, source, m, pattern, options);
    }

    private Echo withPayload(byte[] p, byte[] pat) {
        int max = maxPayload();
        if (p.length > max) {
            throw new IllegalArgumentException("payload must be at most " + max + " bytes for " + ipName()
                    + ", got " + p.length);
        }
        return new Echo(target, source, message.data(p), pat, options);
    }

    private static void check(String field, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(field + " must be " + lo + ".." + hi + ", got " + v);
        }
    }

    private int maxPayload() {
        return EchoPayload.max(family());
    }

    private String ipName() {
        return family() == 6 ? "IPv6" : "IPv4";
    }

    // ---- getters ----

    /** <b>The target address.</b> */
    public InetAddress target() {
        return target;
    }

    /** <b>4 for an IPv4 target (ICMPv4), 6 for an IPv6 target (ICMPv6).</b> */
    public int family() {
        return target instanceof Inet6Address ? 6 : 4;
    }

    /** <b>The identifier.</b> */
    public int id() {
        return message.identifier();
    }

    /** <b>The sequence number.</b> */
    public int seq() {
        return message.sequence();
    }

    /** <b>The payload bytes, a copy.</b> */
    public byte[] payload() {
        return message.data();
    }

    /** <b>The payload length in bytes.</b> */
    public int payloadLength() {
        return message.dataLength();
    }

    /** <b>The fill pattern as lowercase hex, or {@code ""} if none.</b> */
    public String pattern() {
        return pattern == null ? "" : Hexdump.hex(pattern, 0, pattern.length);
    }

    /** <b>The ICMP type.</b> */
    public int type() {
        return message.type();
    }

    /** <b>The ICMP code.</b> */
    public int code() {
        return message.code();
    }

    /**
     * <b>The checksum field as written: forced, or computed.</b> For ICMPv6 without a {@link #source} it is 0
     * (the kernel fills it in); see {@link #checksumKnown()}.
     */
    public int checksum() {
        return message.checksum();
    }

    /** <b>True if {@link #checksum(int)} forced the value.</b> */
    public boolean checksumForced() {
        return message.checksumForced();
    }

    /** <b>False only for ICMPv6 without a source and without a forced checksum: the kernel will compute it.</b> */
    public boolean checksumKnown() {
        return message.checksumKnown();
    }

    /** <b>The TTL / hop limit to send with, or -1 for the kernel's default.</b> */
    public int ttl() {
        return options.ttl();
    }

    /** <b>True if a TTL was set.</b> */
    public boolean hasTtl() {
        return options.hasTtl();
    }

    /** <b>The TOS / traffic class to send with, or -1 for the kernel's default.</b> */
    public int tos() {
        return options.tos();
    }

    /** <b>True if a TOS was set.</b> */
    public boolean hasTos() {
        return options.hasTos();
    }

    /** <b>Whether don't-fragment is requested.</b> */
    public boolean dontFragment() {
        return options.dontFragment();
    }

    /** <b>The source address, if set.</b> */
    public Optional<InetAddress> source() {
        return Optional.ofNullable(source);
    }

    /** <b>The ICMP message this echo sends: the packet-level value, without target or send options.</b> */
    public EchoMessage message() {
        return message;
    }

    /** <b>The send options: TTL, TOS, don't-fragment.</b> */
    public SendOptions sendOptions() {
        return options;
    }

    // ---- the wire ----

    /** <b>The ICMP message length: 8 + payload length.</b> */
    public int wireLength() {
        return message.length();
    }

    /** <b>The ICMP message on the wire (no IP header), a new array.</b> */
    public byte[] toBytes() {
        return message.toBytes();
    }

    /**
     * <b>Writes the ICMP message at {@code buf}'s position and advances it; returns the bytes written.</b>
     * Allocates nothing; works in either byte order.
     *
     * @throws BufferOverflowException if fewer than {@link #wireLength()} bytes remain (nothing is written)
     */
    public int writeTo(ByteBuffer buf) {
        return message.writeTo(buf);
    }

    /** <b>The bytes decoded back, the way a receiver would see them.</b> */
    public IcmpMessage decoded() {
        return message.decoded();
    }

    /** <b>Every field, one per line, with its meaning; send options last.</b> */
    public String show() {
        return EchoView.show(this);
    }

    /**
     * <b>How long {@link #send()} waits for an answer: 10 s, the default of {@code ping -W}.</b> The same default
     * everywhere: the REPL's {@code send} and the {@code ping} command wait as long.
     */
    public static final Duration DEFAULT_TIMEOUT = dev.pingkit.ping.PingSettings.DEFAULT_REPLY_TIMEOUT;

    /**
     * <b>Sends this probe and waits up to {@link #DEFAULT_TIMEOUT} (10 s, as {@code ping -W}) for what comes back.</b>
     * The result is a reply (decoded, with source, kernel-timestamp RTT and TTL), an ICMP error about this very probe,
     * or no reply; see {@link #send(Duration)}.
     * <pre>{@code Echo.to("127.0.0.1").id(7).seq(1).payload("hi").send()}</pre>
     *
     * @throws IOException if no ICMP socket can be opened (the message says how to get permission) or sending fails
     */
    public SendResult send() throws IOException {
        return send(DEFAULT_TIMEOUT);
    }

    /**
     * <b>Sends this probe exactly as built and waits up to {@code timeout} for its reply or an ICMP error about it.</b>
     * Opens a raw socket when permitted, else a datagram ping socket (whose kernel-chosen identifier then replaces
     * {@link #id()} on the wire). A reply counts only if its identifier, sequence number and source match; one with
     * a wrong checksum or an altered payload is returned flagged ({@link SendResult.Answered#checksumOk()},
     * {@link SendResult.Answered#payloadMatches()}), never silently accepted.
     *
     * <p>Concurrent sends of the same probe (family, id, seq, target) from several threads go one after the other,
     * so none takes another's reply. A timeout beyond what nanoseconds hold (~292 years) waits without end.
     *
     * @return {@link SendResult.Answered}, {@link SendResult.Failed} or {@link SendResult.NoReply}
     * @throws IOException              if no ICMP socket can be opened or sending fails
     * @throws IllegalArgumentException if the timeout is negative, or the checksum is forced on an ICMPv6 echo
     */
    public SendResult send(Duration timeout) throws IOException {
        try (EchoSend s = EchoSend.of(this, timeout, dev.pingkit.ping.EngineOptions.defaults())) {
            return s.await();
        }
    }

    /** <b>{@link #toBytes()} as {@code hexdump -C} style lines.</b> */
    public String hexdump() {
        return Hexdump.of(toBytes());
    }

    /** <b>One line: {@code Echo 127.0.0.1 id=7 seq=1 len=5 "hello" checksum=0x….}</b> */
    @Override
    public String toString() {
        return EchoView.line(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Echo e && target.equals(e.target) && Objects.equals(source, e.source)
                && message.equals(e.message) && Arrays.equals(pattern, e.pattern) && options.equals(e.options);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(target, source, message, options) + Arrays.hashCode(pattern);
    }
}
