package dev.pingkit.ping;

import dev.pingkit.packet.IcmpMessage;
import dev.pingkit.socket.ClosedSocketException;
import dev.pingkit.socket.Family;
import dev.pingkit.socket.IcmpSocket;
import dev.pingkit.socket.IcmpSockets;
import dev.pingkit.socket.Inbound;
import dev.pingkit.socket.SocketKind;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * <b>Every ICMP echo reply and error this host receives, decoded, as the REPL's {@code listen} shows them: the
 * engine's capture over raw sockets of its own.</b>
 *
 * <pre>{@code
 * try (Capture c = Capture.open(true, false, Capture.Filter.ANY.id(4321))) {
 *     long seen = c.run(p -> System.out.println(p.message()), Duration.ofSeconds(5)); // or until c.stop()
 * }
 * }</pre>
 * The raw sockets pass echo replies and ICMP errors (the kernel filter of {@link KernelFilters#repliesAndErrors}),
 * both families on one thread. {@link #stop()} from any thread ends the run at once; the capture closes its own
 * sockets.
 */
public final class Capture implements AutoCloseable {
    private final IcmpSocket v4;
    private final IcmpSocket v6;
    private final Filter filter;
    private volatile boolean stopping;

    /**
     * <b>Which packets a capture keeps: from {@code host} (null: any), of ICMP {@code type} (-1: any), with echo
     * identifier {@code id} (-1: any; a message without one never matches a set id).</b>
     */
    public record Filter(InetAddress host, int type, int id) {
        /** Every packet. */
        public static final Filter ANY = new Filter(null, -1, -1);

        /** Validates every field; messages name the field, the value and what is allowed. */
        public Filter {
            if (type < -1 || type > 255) {
                throw new IllegalArgumentException("type must be 0..255 (or -1 for any), got " + type);
            }
            if (id < -1 || id > 0xffff) {
                throw new IllegalArgumentException("id must be 0..65535 (or -1 for any), got " + id);
            }
        }

        /** <b>This filter keeping only packets from {@code host} (null: any).</b> */
        public Filter host(InetAddress host) {
            return new Filter(host, type, id);
        }

        /** <b>This filter keeping only ICMP type {@code type} (-1: any).</b> */
        public Filter type(int type) {
            return new Filter(host, type, id);
        }

        /** <b>This filter keeping only echo identifier {@code id} (-1: any).</b> */
        public Filter id(int id) {
            return new Filter(host, type, id);
        }

        /** <b>True when a packet from {@code from} carrying {@code m} passes.</b> */
        public boolean test(InetAddress from, IcmpMessage m) {
            return (host == null || host.equals(from)) && (type < 0 || m.type() == type) && (id < 0 || m.id() == id);
        }
    }

    /**
     * <b>One packet the capture kept.</b>
     *
     * @param from            who sent it
     * @param ttl             its TTL / hop limit, -1 if the kernel did not say
     * @param receivedAtNanos CLOCK_REALTIME nanoseconds of the receive
     * @param message         the decoded message (IPv4: with its IP header)
     */
    public record Packet(InetAddress from, int ttl, long receivedAtNanos, IcmpMessage message) {
    }

    private Capture(IcmpSocket v4, IcmpSocket v6, Filter filter) {
        this.v4 = v4;
        this.v6 = v6;
        this.filter = filter;
    }

    /**
     * <b>A capture of IPv4 and/or IPv6 ICMP on raw sockets, keeping what {@code filter} passes.</b>
     *
     * @throws IOException              if a raw socket cannot be opened (the message says how to get permission)
     * @throws IllegalArgumentException if neither family is asked for
     */
    public static Capture open(boolean ipv4, boolean ipv6, Filter filter) throws IOException {
        Objects.requireNonNull(filter, "filter");
        if (!ipv4 && !ipv6) {
            throw new IllegalArgumentException("a capture needs IPv4, IPv6 or both, got neither");
        }
        IcmpSocket a = null;
        IcmpSocket b = null;
        try {
            if (ipv4) {
                a = IcmpSockets.open(Family.IPV4, SocketKind.RAW);
                KernelFilters.repliesAndErrors(a);
            }
            if (ipv6) {
                b = IcmpSockets.open(Family.IPV6, SocketKind.RAW);
                KernelFilters.repliesAndErrors(b);
            }
            return new Capture(a, b, filter);
        } catch (IOException | RuntimeException e) {
            if (a != null) {
                a.close();
            }
            if (b != null) {
                b.close();
            }
            throw e;
        }
    }

    /**
     * <b>Hands each packet the filter passes to {@code listener}, on this thread, until {@code limit} has passed
     * (null: until {@link #stop()}); returns how many it handed over.</b> Returns normally after {@link #stop()}.
     *
     * @throws IOException if a socket fails in a way no retry can fix
     */
    public long run(Consumer<Packet> listener, Duration limit) throws IOException {
        Objects.requireNonNull(listener, "listener");
        long end = limit == null ? Long.MAX_VALUE : System.nanoTime() + ProbeSpec.saturatedNanos(limit, "limit");
        Inbound in = new Inbound();
        long count = 0;
        try {
            for (long left = end - System.nanoTime(); left > 0 && !stopping; left = end - System.nanoTime()) {
                long wait = Math.min(left, Engine.MAX_WAIT * 20);
                int ready = v4 != null && v6 != null ? v4.await(v6, wait) : v4 != null ? 1 : 2;
                long now = v4 != null && v6 != null ? 0 : wait;
                if ((ready & 1) != 0 && v4.receive(in, now)) {
                    count += take(in, 4, listener);
                }
                if ((ready & 2) != 0 && v6.receive(in, now)) {
                    count += take(in, 6, listener);
                }
            }
        } catch (ClosedSocketException e) {
            if (!stopping) {
                throw e;
            }
        }
        return count;
    }

    private int take(Inbound in, int family, Consumer<Packet> listener) {
        if (in.isErrorReport()) {
            return 0; // a raw socket's local report: about our own send, not a packet on the wire
        }
        IcmpMessage m = family == 4 ? IcmpMessage.decode(in.data(), 0, in.length())
                : IcmpMessage.decodeV6(in.data(), 0, in.length(), null, null);
        InetAddress from = in.source();
        if (!filter.test(from, m)) {
            return 0;
        }
        listener.accept(new Packet(from, in.ttl(), in.kernelTimeNanos(), m));
        return 1;
    }

    /** <b>Ends the run at once; thread-safe (Ctrl-C). The capture closes its own sockets.</b> */
    public void stop() {
        stopping = true;
        close();
    }

    /** <b>True once {@link #stop()} was called.</b> */
    public boolean stopped() {
        return stopping;
    }

    /** <b>Closes the sockets; idempotent.</b> */
    @Override
    public void close() {
        if (v4 != null) {
            v4.close();
        }
        if (v6 != null) {
            v6.close();
        }
    }
}
