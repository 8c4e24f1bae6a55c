package dev.pingkit.socket;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * <b>An open ICMP socket: send ICMP messages, receive what comes back with kernel timestamps.</b>
 * An interface so the engine can be tested with an in-memory fake; real ones come from
 * {@link IcmpSockets#open(Family, SocketKind, SocketOptions)}.
 *
 * <p>Threading: one thread may send while another receives; concurrent sends (or receives) are serialised.
 * {@link #close()} may be called from any thread at any time.
 */
public interface IcmpSocket extends AutoCloseable {

    /** IPv4 or IPv6. */
    Family family();

    /** The kind actually opened: {@link SocketKind#RAW} or {@link SocketKind#DATAGRAM}, never AUTO. */
    SocketKind kind();

    /**
     * <b>The ICMP identifier the kernel assigned to a datagram socket</b> (0..65535); the kernel writes it into every
     * echo request sent and delivers only replies carrying it. -1 for raw sockets, where the caller chooses.
     */
    int localId();

    /**
     * <b>True when received bytes start with the IP header</b> (raw IPv4); false when they are the bare ICMP
     * message (ICMPv6, and datagram sockets of both families).
     */
    boolean headerIncluded();

    /**
     * <b>Sends one ICMP message (type, code, checksum, ...) to {@code destination}</b>, returning the send time.
     * Sends the bytes from the buffer's position to its limit and leaves position and limit unchanged, so the same
     * buffer can be sent again. The kernel fills in the checksum for ICMPv6 and for datagram sockets (and the
     * identifier for datagram sockets); raw IPv4 sends the checksum given.
     *
     * @return CLOCK_REALTIME nanoseconds immediately before {@code sendto}, the clock of
     *         {@link Inbound#kernelTimeNanos()} (a flood's are System.nanoTime plus an offset to that clock read
     *         within the last 10 ms: never later than the clock, at most a clock read early)
     * @throws IllegalArgumentException if the destination is not of this socket's family
     * @throws ClosedSocketException    if the socket is closed
     * @throws NativeSocketException    if the kernel refuses (EMSGSIZE with don't-fragment, ENETUNREACH, ...)
     */
    long send(ByteBuffer icmpMessage, InetAddress destination) throws IOException;

    /**
     * <b>Makes every later send to {@code destination} carry IPv6 flow label {@code label}</b> ({@code ping -F}),
     * taken from the kernel's flow label manager for this socket alone; 0 asks the kernel to pick one.
     *
     * @return the label the sends carry (the kernel's pick for 0)
     * @throws IllegalArgumentException unless this is an IPv6 socket, {@code destination} IPv6 and
     *                                  {@code label} 0..0xfffff
     * @throws NativeSocketException    if the kernel refuses (EPERM: another socket holds that label)
     */
    default int labelFlow(InetAddress destination, int label) throws IOException {
        throw new UnsupportedOperationException("flow labels need a native socket");
    }

    /**
     * <b>Waits up to {@code timeoutNanos} for one message and fills {@code into} with it.</b>
     * Allocates nothing. A timeout of 0 only takes what is already queued.
     *
     * @return true when a message was received, false when the timeout passed first
     * @throws ClosedSocketException if the socket is or becomes closed, including by {@link #close()} from another
     *                               thread while this one waits (it is woken at once, not at the timeout)
     */
    boolean receive(Inbound into, long timeoutNanos) throws IOException;

    /**
     * <b>Attaches a classic BPF socket filter: the kernel runs {@code program} on every packet and queues only what
     * it accepts</b> (it replaces any earlier filter). A raw IPv4 socket's program sees the IP header first, a raw
     * ICMPv6 one the bare ICMP message. The engine writes the programs; this layer only installs them.
     *
     * <p>The kernel filters only what arrives after the call, so the socket also discards everything queued before:
     * a raw socket took in every ICMP message on the host since it opened, and under another process's flood a full
     * queue would make the kernel drop our own replies. Call it before sending. This default does nothing (for
     * sockets that cannot filter, such as in-memory fakes).
     *
     * @throws IllegalArgumentException if the program is empty or longer than 4096 instructions
     */
    default void attachFilter(java.util.List<Bpf.Instruction> program) throws IOException {
        if (program.isEmpty() || program.size() > 4096) {
            throw new IllegalArgumentException("program must have 1..4096 instructions, got " + program.size());
        }
    }

    /**
     * <b>Sets the IPv4 options of later sends ({@code IP_OPTIONS})</b>: 0..40 bytes in wire form, padded by the
     * kernel to whole 32-bit words; an empty array removes them. A peer's echo reply carries Record Route and
     * Timestamp options back (RFC 1122 3.2.2.6), so its IP header is longer than 20 bytes.
     *
     * @throws IllegalArgumentException      if longer than 40 bytes
     * @throws UnsupportedOperationException on IPv6, and on sockets that cannot (such as in-memory fakes)
     * @throws NativeSocketException         if the kernel rejects the options as malformed
     */
    default void setIpOptions(byte[] options) throws IOException {
        throw new UnsupportedOperationException("IP options are not supported by " + this);
    }

    /**
     * <b>Turns {@code IP_HDRINCL} on or off on a raw IPv4 socket</b> (it opens with it off). On, {@link #send} takes
     * a whole IPv4 packet, header first, as the caller wrote it; the kernel still fills in the header checksum and
     * the total length, and the identification and source address when they are 0 (raw(7)). What {@link #receive}
     * returns is unchanged.
     *
     * @throws UnsupportedOperationException unless this is a raw IPv4 socket, and on sockets that cannot (fakes)
     */
    default void setIpHdrIncl(boolean on) throws IOException {
        throw new UnsupportedOperationException("IP_HDRINCL is not supported by " + this);
    }

    /**
     * <b>Lets only these ICMPv6 types reach a raw ICMPv6 socket</b> ({@code ICMP6_FILTER}); the kernel blocks the
     * rest before they are queued. This default does nothing (fakes).
     *
     * @throws IllegalArgumentException if a type is not 0..255, or this is not an IPv6 socket
     */
    default void passIcmpv6Types(int... types) throws IOException {
        for (int t : types) {
            if (t < 0 || t > 255) {
                throw new IllegalArgumentException("ICMPv6 type must be 0..255, got " + t);
            }
        }
    }

    /**
     * <b>Changes the TTL (IPv4) or hop limit (IPv6) of later sends</b>, 1..255; -1 restores the system default
     * ({@code net.ipv4.ip_default_ttl}, the route's hop limit).
     */
    void setTtl(int ttl) throws IOException;

    /**
     * <b>Changes the TOS (IPv4) or traffic class (IPv6) of later sends</b>, 0..255; -1 restores the default (0).
     * This default does nothing, for sockets that cannot (in-memory fakes).
     */
    default void setTos(int tos) throws IOException {
        if (tos < -1 || tos > 255) {
            throw new IllegalArgumentException("tos must be 0..255 (or -1 for the default), got " + tos);
        }
    }

    /**
     * <b>Waits up to {@code timeoutNanos} until this socket or {@code other} has something to receive</b> (a
     * message or an error report), for an engine that serves an IPv4 and an IPv6 socket on one thread.
     * Returns a mask: 1 when this socket may have something, 2 when {@code other} may, 0 when the time passed;
     * a set bit is a hint, the {@link #receive} with timeout 0 that follows says for sure. Throws
     * {@link ClosedSocketException} if either is or becomes closed, as {@link #receive} does.
     *
     * <p>This default cannot wait without taking a message, so it answers 3 (look at both) at once; the native
     * sockets wait in one {@code poll} on both, and fakes override it.
     */
    default int await(IcmpSocket other, long timeoutNanos) throws IOException {
        if (timeoutNanos < 0) {
            throw new IllegalArgumentException("timeoutNanos must be 0.." + Long.MAX_VALUE + ", got " + timeoutNanos);
        }
        return 3;
    }

    /**
     * <b>Closes the socket; idempotent, never throws.</b> A {@link #receive} blocked in another thread wakes and
     * throws {@link ClosedSocketException}; the file descriptors are released once no call is using them.
     */
    @Override
    void close();
}
