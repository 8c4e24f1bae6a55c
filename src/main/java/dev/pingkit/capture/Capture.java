package dev.pingkit.capture;

import dev.pingkit.engine.IcmpReceiver;
import dev.pingkit.engine.ProbeSpec;
import dev.pingkit.packet.IcmpMessage;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * <b>Every ICMP echo reply and error this host receives, decoded, as the REPL's {@code listen} shows them: the
 * capture mode over the engine's {@link IcmpReceiver}.</b>
 *
 * <pre>{@code
 * try (Capture c = Capture.open(true, false, Capture.Filter.ANY.id(4321))) {
 *     long seen = c.run(p -> System.out.println(p.message()), Duration.ofSeconds(5)); // or until c.stop()
 * }
 * }</pre>
 * The raw sockets pass echo replies and ICMP errors (the engine's kernel filter),
 * both families on one thread. {@link #stop()} from any thread ends the run at once; the capture closes its own
 * sockets.
 */
public final class Capture implements AutoCloseable {
    private final IcmpReceiver receiver;
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

    private Capture(IcmpReceiver receiver, Filter filter) {
        this.receiver = receiver;
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
        return new Capture(IcmpReceiver.open(ipv4, ipv6), filter);
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
        long[] count = {0};
        Consumer<IcmpReceiver.Message> keep = m -> {
            if (filter.test(m.from(), m.message())) {
                listener.accept(new Packet(m.from(), m.ttl(), m.receivedAtNanos(), m.message()));
                count[0]++;
            }
        };
        for (long left = end - System.nanoTime(); left > 0 && !stopping; left = end - System.nanoTime()) {
            if (receiver.poll(Math.min(left, MAX_WAIT), keep) < 0) {
                break;
            }
        }
        return count[0];
    }

    private static final long MAX_WAIT = 1_000_000_000L;

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
        receiver.close();
    }
}
