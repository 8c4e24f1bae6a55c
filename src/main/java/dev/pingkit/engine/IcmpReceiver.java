package dev.pingkit.engine;

import dev.pingkit.packet.IcmpMessage;
import dev.pingkit.socket.ClosedSocketException;
import dev.pingkit.socket.Family;
import dev.pingkit.socket.IcmpSocket;
import dev.pingkit.socket.IcmpSockets;
import dev.pingkit.socket.Inbound;
import dev.pingkit.socket.SocketKind;

import java.io.IOException;
import java.net.InetAddress;
import java.util.function.Consumer;

/**
 * <b>The engine's receive side without probes: every ICMP echo reply and error this host receives, decoded, on raw
 * sockets of its own (IPv4, IPv6 or both, one thread).</b> A capture filters and presents what it hands over.
 *
 * <pre>{@code
 * try (IcmpReceiver r = IcmpReceiver.open(true, true)) {
 *     while (r.poll(1_000_000_000L, m -> System.out.println(m.message())) >= 0) { }
 * }
 * }</pre>
 * The raw sockets pass echo replies and ICMP errors (the kernel filter of {@link KernelFilters#repliesAndErrors}).
 * {@link #close()} from any thread wakes a {@link #poll} at once.
 */
public final class IcmpReceiver implements AutoCloseable {
    private final IcmpSocket v4;
    private final IcmpSocket v6;
    private final Inbound in = new Inbound();
    private volatile boolean closed;

    /**
     * <b>One message received.</b>
     *
     * @param from            who sent it
     * @param ttl             its TTL / hop limit, -1 if the kernel did not say
     * @param receivedAtNanos CLOCK_REALTIME nanoseconds of the receive
     * @param message         the decoded message (IPv4: with its IP header)
     */
    public record Message(InetAddress from, int ttl, long receivedAtNanos, IcmpMessage message) {
    }

    /**
     * <b>What a receiver lets the kernel queue: from {@code host} (null: any), ICMP {@code type}, {@code code} and
     * identifier {@code id} (each -1: any).</b> The kernel checks what it can (see {@link KernelFilters#capture});
     * the caller checks again what the kernel cannot be exact about.
     */
    public record Selection(InetAddress host, int type, int code, int id) {
        /** Every ICMP message. */
        public static final Selection ALL = new Selection(null, -1, -1, -1);

        /** Validates every field; messages name the field, the value and what is allowed. */
        public Selection {
            check("type", type, 255);
            check("code", code, 255);
            check("id", id, 0xffff);
        }

        private static void check(String field, int v, int max) {
            if (v < -1 || v > max) {
                throw new IllegalArgumentException(field + " must be 0.." + max + " (or -1 for any), got " + v);
            }
        }
    }

    private IcmpReceiver(IcmpSocket v4, IcmpSocket v6) {
        this.v4 = v4;
        this.v6 = v6;
    }

    /**
     * <b>Raw sockets of IPv4 and/or IPv6 that receive every echo reply and ICMP error.</b>
     *
     * @throws IOException              if a raw socket cannot be opened (the message says how to get permission)
     * @throws IllegalArgumentException if neither family is asked for
     */
    public static IcmpReceiver open(boolean ipv4, boolean ipv6) throws IOException {
        return open(ipv4, ipv6, null);
    }

    /**
     * <b>Raw sockets of IPv4 and/or IPv6 that receive every ICMP message {@code selection} chooses, of any type:
     * requests and other hosts' traffic too.</b>
     *
     * @throws IOException              if a raw socket cannot be opened (the message says how to get permission)
     * @throws IllegalArgumentException if neither family is asked for
     */
    public static IcmpReceiver open(boolean ipv4, boolean ipv6, Selection selection) throws IOException {
        if (!ipv4 && !ipv6) {
            throw new IllegalArgumentException("a capture needs IPv4, IPv6 or both, got neither");
        }
        IcmpSocket a = null;
        try {
            if (ipv4) {
                a = IcmpSockets.open(Family.IPV4, SocketKind.RAW);
                filter(a, selection);
            }
            IcmpSocket b = null;
            if (ipv6) {
                b = IcmpSockets.open(Family.IPV6, SocketKind.RAW);
                filter(b, selection);
            }
            return new IcmpReceiver(a, b);
        } catch (IOException | RuntimeException e) {
            if (a != null) {
                a.close();
            }
            throw e;
        }
    }

    private static void filter(IcmpSocket s, Selection selection) throws IOException {
        if (selection == null) {
            KernelFilters.repliesAndErrors(s);
        } else {
            KernelFilters.capture(s, selection);
        }
    }

    /**
     * <b>Waits up to {@code waitNanos} for a message, hands what is then queued to {@code sink} on this thread, and
     * returns how many it handed over; -1 once {@link #close()} was called.</b>
     *
     * @throws IOException if a socket fails in a way no retry can fix
     */
    public int poll(long waitNanos, Consumer<Message> sink) throws IOException {
        if (closed) {
            return -1;
        }
        int count = 0;
        try {
            int ready = v4 != null && v6 != null ? v4.await(v6, waitNanos) : v4 != null ? 1 : 2;
            long wait = v4 != null && v6 != null ? 0 : waitNanos;
            if ((ready & 1) != 0 && v4.receive(in, wait)) {
                count += take(4, sink);
            }
            if ((ready & 2) != 0 && v6.receive(in, wait)) {
                count += take(6, sink);
            }
        } catch (ClosedSocketException e) {
            if (closed) {
                return -1;
            }
            throw e;
        }
        return closed && count == 0 ? -1 : count;
    }

    private int take(int family, Consumer<Message> sink) {
        if (in.isErrorReport()) {
            return 0; // a raw socket's local report: about our own send, not a packet on the wire
        }
        IcmpMessage m = family == 4 ? IcmpMessage.decode(in.data(), 0, in.length())
                : IcmpMessage.decodeV6(in.data(), 0, in.length(), null, null);
        sink.accept(new Message(in.source(), in.ttl(), in.kernelTimeNanos(), m));
        return 1;
    }

    /** <b>Closes the sockets, waking a {@link #poll}; idempotent and thread-safe.</b> */
    @Override
    public void close() {
        closed = true;
        if (v4 != null) {
            v4.close();
        }
        if (v6 != null) {
            v6.close();
        }
    }
}
