package dev.pingkit.jshell;

import dev.pingkit.socket.Family;
import dev.pingkit.socket.IcmpSocket;
import dev.pingkit.socket.IcmpSockets;
import dev.pingkit.socket.Inbound;
import dev.pingkit.socket.SocketKind;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * <b>A bare IPv4 ICMP socket for learning: you send the bytes you built, you get back exactly what the kernel hands
 * over, and you parse and time it yourself.</b> Nothing is matched, filtered or decoded for you.
 *
 * <pre>{@code
 * try (var s = TeachingSocket.raw()) {
 *     s.send(myEchoRequestBytes, "127.0.0.1");
 *     var r = s.receive(Duration.ofSeconds(1));   // null when nothing came
 *     r.bytes();                                   // raw: a whole IPv4 packet, header first
 * }
 * }</pre>
 *
 * {@link #raw()} is the C call {@code socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)} with {@code IP_HDRINCL} left at 0
 * (off): you write the ICMP message, the kernel writes the IPv4 header in front of it; {@link #setIpHdrIncl
 * setIpHdrIncl(true)} turns it on, and then you write the header too. {@link #datagram()} is
 * {@code socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP)}; {@link #open(String, String, String)} makes either call with
 * its arguments named, and {@link #socketCall()} says which one you hold.
 *
 * <p>A {@linkplain #raw() raw socket} (root or CAP_NET_RAW) receives a copy of every ICMP message this host receives,
 * each as an IPv4 packet starting with its header; on 127.0.0.1 that includes your own echo requests. A
 * {@linkplain #datagram() datagram ("ping") socket} needs no privilege where {@code net.ipv4.ping_group_range}
 * admits your group: the kernel writes its own identifier ({@link #localId()}) into every echo request, fills in
 * the checksum, and hands back only the replies carrying that identifier (and errors), without the IP header.
 *
 * <p>Not for concurrent use: one learner, one thread.
 */
public final class TeachingSocket implements AutoCloseable {
    /** Record Route (RFC 791): type 7, length 39, pointer 4, room for nine addresses; one pad byte to 40. */
    private static final byte[] RECORD_ROUTE = recordRouteOption();

    private final IcmpSocket socket;
    private final Inbound inbound = new Inbound();
    private long lastSendTime = -1;
    private Received lastReceived;
    private long sendReturnDelayNanos;
    private boolean hdrIncl;

    private TeachingSocket(IcmpSocket socket) {
        this.socket = socket;
    }

    /**
     * <b>Opens a raw IPv4 ICMP socket</b>: what you receive is a whole IPv4 packet, IP header first.
     *
     * @throws IOException with a one-line message saying what is missing when this process may not (not root)
     */
    public static TeachingSocket raw() throws IOException {
        return new TeachingSocket(IcmpSockets.open(Family.IPV4, SocketKind.RAW));
    }

    /**
     * <b>Opens a socket as the C call {@code socket(family, type, protocol)} does, its arguments by their C names</b>:
     * {@code open("AF_INET", "SOCK_RAW", "IPPROTO_ICMP")} is {@link #raw()}, {@code "SOCK_DGRAM"} {@link #datagram()}.
     *
     * @throws IllegalArgumentException naming the argument, when it is not one of those (IPv4 ICMP only here)
     * @throws IOException              as {@link #raw()} and {@link #datagram()}
     */
    public static TeachingSocket open(String family, String type, String protocol) throws IOException {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(protocol, "protocol");
        if (!family.equals("AF_INET")) {
            throw new IllegalArgumentException("family must be AF_INET (IPv4; AF_INET6 is ICMPv6, not in these"
                    + " exercises), got " + family);
        }
        if (!protocol.equals("IPPROTO_ICMP")) {
            throw new IllegalArgumentException("protocol must be IPPROTO_ICMP (1, the protocol number of ICMP in the"
                    + " IPv4 header), got " + protocol);
        }
        return switch (type) {
            case "SOCK_RAW" -> raw();
            case "SOCK_DGRAM" -> datagram();
            default -> throw new IllegalArgumentException("type must be SOCK_RAW (you write the ICMP message, checksum"
                    + " and all) or SOCK_DGRAM (the unprivileged ping socket), got " + type);
        };
    }

    /**
     * <b>Opens a datagram ("ping") IPv4 ICMP socket</b>: what you receive is the bare ICMP message, and the kernel
     * puts its own identifier in what you send.
     *
     * @throws IOException with a one-line message naming the sysctl when {@code net.ipv4.ping_group_range} does
     *                     not admit this process's group
     */
    public static TeachingSocket datagram() throws IOException {
        return new TeachingSocket(IcmpSockets.open(Family.IPV4, SocketKind.DATAGRAM));
    }

    /** <b>"raw" or "datagram".</b> */
    public String kind() {
        return socket.kind() == SocketKind.RAW ? "raw" : "datagram";
    }

    /**
     * <b>The socket option {@code IP_HDRINCL} as set on this socket</b>: false as opened (the kernel writes the IPv4
     * header of what you send), true after {@link #setIpHdrIncl setIpHdrIncl(true)} (you write it). It says nothing
     * about what you receive: see {@link #receivesIpHeader()}.
     */
    public boolean ipHeaderIncluded() {
        return hdrIncl;
    }

    /**
     * <b>Sets {@code IP_HDRINCL}, as {@code setsockopt(fd, IPPROTO_IP, IP_HDRINCL, &on, sizeof on)} does</b>: on, what
     * you {@link #send} is a whole IPv4 packet, header first, as you wrote it; the kernel still writes the header
     * checksum and total length over yours, and the identification and source when you leave them 0 (raw(7)), so
     * what went out (a raw socket on 127.0.0.1 receives it too) shows whether yours were right. Returns this socket.
     *
     * @throws IllegalStateException on a datagram socket, which has no such option
     */
    public TeachingSocket setIpHdrIncl(boolean on) throws IOException {
        if (socket.kind() != SocketKind.RAW) {
            throw new IllegalStateException("IP_HDRINCL is an option of raw sockets; this is " + socketCall());
        }
        socket.setIpHdrIncl(on);
        hdrIncl = on;
        return this;
    }

    /** <b>True when what you receive starts with the IPv4 header (raw); false for the bare ICMP message.</b> */
    public boolean receivesIpHeader() {
        return socket.headerIncluded();
    }

    /** <b>The C call that opened this socket</b>, e.g. {@code socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)}. */
    public String socketCall() {
        return "socket(AF_INET, " + (socket.kind() == SocketKind.RAW ? "SOCK_RAW" : "SOCK_DGRAM") + ", IPPROTO_ICMP)";
    }

    /** <b>The identifier the kernel writes into a datagram socket's echo requests</b>; -1 on a raw socket. */
    public int localId() {
        return socket.localId();
    }

    /** <b>Sends later packets with this TTL, 1..255.</b> Returns this socket, for chaining. */
    public TeachingSocket ttl(int ttl) throws IOException {
        socket.setTtl(ttl);
        return this;
    }

    /**
     * <b>Sends later packets with the IP option Record Route</b> (40 bytes, as {@code ping -R}): their IP header is
     * 60 bytes long instead of 20, and so is the header of the echo reply, which carries the option back. Returns
     * this socket, for chaining.
     */
    public TeachingSocket recordRoute() throws IOException {
        socket.setIpOptions(RECORD_ROUTE);
        return this;
    }

    /**
     * <b>Sends your ICMP message, exactly these bytes (checksum included on a raw socket), to an IPv4 host</b>; with
     * {@code IP_HDRINCL} on, your whole IPv4 packet, header first.
     *
     * @param icmp the ICMP message, from its type byte on (no IP header: the kernel writes that); with
     *             {@code IP_HDRINCL} on, the IPv4 header and then the ICMP message
     * @param host an IPv4 address such as {@code "127.0.0.1"}; with {@code IP_HDRINCL} on, the header's destination
     * @return when it was sent: CLOCK_REALTIME nanoseconds read just before the kernel took it, the clock of
     *         {@link Received#kernelTimeNanos()}
     * @throws IllegalArgumentException if {@code icmp} is empty or {@code host} is not an IPv4 address; with
     *                                  {@code IP_HDRINCL} on, if the header is shorter than its IHL says, its
     *                                  destination is not {@code host} or its source not 0.0.0.0 nor an address
     *                                  of this host (a reply must come back here)
     */
    public long send(byte[] icmp, String host) throws IOException {
        Objects.requireNonNull(icmp, "icmp");
        if (icmp.length == 0) {
            throw new IllegalArgumentException("icmp must hold at least 1 byte (the type), got 0");
        }
        InetAddress to = ipv4(host);
        if (hdrIncl) {
            OwnHeader.check(icmp, to);
        }
        lastSendTime = socket.send(ByteBuffer.wrap(icmp), to);
        if (sendReturnDelayNanos > 0) {
            pause(sendReturnDelayNanos);
        }
        return lastSendTime;
    }

    /**
     * <b>Makes every later {@link #send} return only {@code delay} after the kernel took the packet</b>, as when your
     * thread loses the processor right after the system call: the reply can arrive before {@code send} returns. A
     * stopwatch started after {@code send} then misses part of the round trip; exercise 8's check uses this.
     * 0 turns it off. Returns this socket, for chaining.
     *
     * @throws IllegalArgumentException unless {@code delay} is 0..10 s
     */
    public TeachingSocket sendReturnsAfter(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative() || delay.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("delay must be 0..10 s, got " + delay);
        }
        sendReturnDelayNanos = delay.toNanos();
        return this;
    }

    private static void pause(long nanos) throws IOException {
        long end = System.nanoTime() + nanos;
        try {
            for (long left = nanos; left > 0; left = end - System.nanoTime()) {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while send() was held back");
        }
    }

    /**
     * <b>Waits up to {@code timeout} for the next message and returns it, or null when none came.</b> Takes
     * whatever the kernel queued first: on a raw socket that may be someone else's ICMP, or your own request.
     */
    public Received receive(Duration timeout) throws IOException {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be zero or more, got " + timeout);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (!socket.receive(inbound, left)) {
                return null;
            }
            if (inbound.isErrorReport()) {
                continue; // the kernel's own reports (e.g. EMSGSIZE) are not packets: nothing a learner can parse
            }
            lastReceived = new Received(Arrays.copyOf(inbound.data(), inbound.length()),
                    inbound.source().getHostAddress(), inbound.kernelTimeNanos());
            return lastReceived;
        }
    }

    /** <b>What the last {@link #send} returned</b>, -1 before the first. */
    public long lastSendTime() {
        return lastSendTime;
    }

    /** <b>What the last {@link #receive} returned</b> (null before the first, or when nothing came yet). */
    public Received lastReceived() {
        return lastReceived;
    }

    @Override
    public void close() {
        socket.close();
    }

    @Override
    public String toString() {
        return "TeachingSocket[" + socketCall() + (socket.kind() == SocketKind.RAW ? ", IP_HDRINCL " + (hdrIncl ? 1 : 0) : "")
                + (localId() >= 0 ? ", id " + localId() : "") + "]";
    }

    /**
     * <b>One message as the kernel handed it over.</b>
     *
     * @param bytes           exactly what was received: an IPv4 packet on a raw socket, an ICMP message on a
     *                        datagram one (a copy, yours to keep)
     * @param source          who sent it, as text
     * @param kernelTimeNanos when the kernel received it (CLOCK_REALTIME nanoseconds, the clock of
     *                        {@link TeachingSocket#send}'s result)
     */
    public record Received(byte[] bytes, String source, long kernelTimeNanos) {
        /** Copies the bytes, so the value stays as received. */
        public Received {
            bytes = bytes.clone();
        }

        /** <b>The bytes (a copy).</b> */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Received r && Arrays.equals(bytes, r.bytes) && source.equals(r.source)
                    && kernelTimeNanos == r.kernelTimeNanos;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes) * 31 + source.hashCode();
        }

        @Override
        public String toString() {
            return bytes.length + " bytes from " + source;
        }
    }

    private static InetAddress ipv4(String host) {
        Objects.requireNonNull(host, "host");
        if (!host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException("host must be an IPv4 address such as 127.0.0.1, got " + host);
        }
        try {
            InetAddress a = InetAddress.getByName(host); // a literal: no lookup
            if (a instanceof Inet4Address) {
                return a;
            }
        } catch (IOException e) {
            // fall through: not a valid literal
        }
        throw new IllegalArgumentException("host must be an IPv4 address such as 127.0.0.1, got " + host);
    }

    private static byte[] recordRouteOption() {
        byte[] option = new byte[40];
        option[0] = 7;   // Record Route
        option[1] = 39;  // 3 + 9 addresses of 4 bytes
        option[2] = 4;   // pointer to the first free slot, counted from 1
        return option;   // option[39] = 0: End of Options, padding to a whole word
    }
}
