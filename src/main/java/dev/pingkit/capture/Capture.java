package dev.pingkit.capture;

import dev.pingkit.engine.Hosts;
import dev.pingkit.engine.IcmpReceiver;
import dev.pingkit.engine.ProbeSpec;
import dev.pingkit.engine.Stop;
import dev.pingkit.packet.Addresses;
import dev.pingkit.packet.IcmpMessage;
import dev.pingkit.packet.IpPackets;
import dev.pingkit.packet.PcapNgWriter;
import dev.pingkit.packet.PcapWriter;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * <b>Every ICMP message this host receives on either family, decoded and filtered, like Scapy's {@code sniff}: the
 * capture mode over the engine's {@link IcmpReceiver}, and what the REPL's {@code listen} shows.</b>
 *
 * <pre>{@code
 * Stop stop = new Stop();
 * try (Capture c = Capture.open(true, true, Capture.Filter.ANY.type(0).id(4321).where(p -> p.ttl() < 64))) {
 *     List<Capture.Packet> got = c.collect(Duration.ofSeconds(5), stop);   // or c.run(listener, limit, stop)
 *     Capture.pcapng(got, Path.of("sniffed.pcapng"));
 * }
 * }</pre>
 * The kernel filters what it can before anything is queued (type, code, identifier, an IPv4 source; see
 * {@link dev.pingkit.engine.KernelFilters#capture}); the capture checks every field again and then the predicate.
 * Both families are read on one thread. {@link #stop()} or the run's {@link Stop} from any thread ends the run at
 * once; the capture closes its own sockets, so it is good for one run.
 */
public final class Capture implements AutoCloseable {
    private final IcmpReceiver receiver;
    private final Filter filter;
    private volatile boolean stopping;

    /**
     * <b>Which packets a capture keeps: from {@code host} (null: any), of ICMP {@code type} and {@code code} (-1:
     * any), with identifier {@code id} (-1: any; a message without one, such as an error, never matches a set id),
     * and passing {@code where}.</b>
     */
    public record Filter(InetAddress host, int type, int code, int id, Predicate<Packet> where) {
        /** Every packet. */
        public static final Filter ANY = new Filter(null, -1, -1, -1, p -> true);

        /** Validates every field; messages name the field, the value and what is allowed. */
        public Filter {
            new IcmpReceiver.Selection(host, type, code, id); // the one place the ranges are checked
            Objects.requireNonNull(where, "where");
        }

        /** <b>This filter keeping only packets from {@code host} (null: any).</b> */
        public Filter host(InetAddress host) {
            return new Filter(host, type, code, id, where);
        }

        /** <b>This filter keeping only ICMP type {@code type} (-1: any).</b> */
        public Filter type(int type) {
            return new Filter(host, type, code, id, where);
        }

        /** <b>This filter keeping only ICMP code {@code code} (-1: any).</b> */
        public Filter code(int code) {
            return new Filter(host, type, code, id, where);
        }

        /** <b>This filter keeping only identifier {@code id} (-1: any).</b> */
        public Filter id(int id) {
            return new Filter(host, type, code, id, where);
        }

        /** <b>This filter also requiring {@code predicate} (Scapy's {@code lfilter}), after the fields.</b> */
        public Filter where(Predicate<Packet> predicate) {
            Objects.requireNonNull(predicate, "predicate");
            Predicate<Packet> before = where;
            return new Filter(host, type, code, id, p -> before.test(p) && predicate.test(p));
        }

        /** <b>True when {@code p} passes every field and the predicate.</b> */
        public boolean test(Packet p) {
            IcmpMessage m = p.message();
            return (host == null || host.equals(p.from())) && (type < 0 || m.type() == type)
                    && (code < 0 || m.code() == code) && (id < 0 || m.id() == id) && where.test(p);
        }

        IcmpReceiver.Selection selection() {
            return new IcmpReceiver.Selection(host, type, code, id);
        }

        /** <b>One line: the fields that are set, as {@code listen} takes them.</b> */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("Filter[");
            if (host != null) {
                sb.append("host ").append(host.getHostAddress()).append(' ');
            }
            if (type >= 0) {
                sb.append("type ").append(type).append(' ');
            }
            if (code >= 0) {
                sb.append("code ").append(code).append(' ');
            }
            if (id >= 0) {
                sb.append("id ").append(id).append(' ');
            }
            return (sb.charAt(sb.length() - 1) == ' ' ? sb.deleteCharAt(sb.length() - 1) : sb.append("any"))
                    .append(']').toString();
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
        return new Capture(IcmpReceiver.open(ipv4, ipv6, filter.selection()), filter);
    }

    /**
     * <b>Hands each packet the filter passes to {@code listener}, on this thread, until {@code limit} has passed
     * (null: until {@link #stop()}); returns how many it handed over.</b> Returns normally after {@link #stop()} or an
     * interrupt of this thread (its flag left set).
     *
     * @throws IOException if a socket fails in a way no retry can fix
     */
    public long run(Consumer<Packet> listener, Duration limit) throws IOException {
        Objects.requireNonNull(listener, "listener");
        long end = limit == null ? Long.MAX_VALUE : System.nanoTime() + ProbeSpec.saturatedNanos(limit, "limit");
        long[] count = {0};
        Consumer<IcmpReceiver.Message> keep = m -> {
            Packet p = new Packet(m.from(), m.ttl(), m.receivedAtNanos(), m.message());
            if (!stopping && filter.test(p)) {
                listener.accept(p);
                count[0]++;
            }
        };
        Thread self = Thread.currentThread();
        // An interrupt (JShell's Ctrl-C, a cancelled task) ends the run too, its flag left set; the native wait does
        // not see it, so the wait is cut into short slices.
        for (long left = end - System.nanoTime(); left > 0 && !stopping && !self.isInterrupted();
             left = end - System.nanoTime()) {
            if (receiver.poll(Math.min(left, MAX_WAIT), keep) < 0) {
                break;
            }
        }
        return count[0];
    }

    private static final long MAX_WAIT = 100_000_000L;

    /**
     * <b>As {@link #run(Consumer, Duration)}, ending also when {@code stop} is stopped (the one stop token of
     * every run).</b>
     */
    public long run(Consumer<Packet> listener, Duration limit, Stop stop) throws IOException {
        Runnable hook = this::stop;
        stop.onStop(hook);
        try {
            return run(listener, limit);
        } finally {
            stop.forget(hook);
        }
    }

    /** <b>Every packet kept until {@code limit} (null: none) or {@code stop}, in arrival order.</b> */
    public List<Packet> collect(Duration limit, Stop stop) throws IOException {
        List<Packet> kept = new ArrayList<>();
        run(kept::add, limit, stop);
        return List.copyOf(kept);
    }

    /** <b>Writes {@code packets} as a pcap capture (raw IP, nanosecond stamps); returns the file.</b> */
    public static Path pcap(List<Packet> packets, Path file) throws IOException {
        try (PcapWriter w = PcapWriter.create(file)) {
            for (Packet p : packets) {
                w.write(p.receivedAtNanos(), ip(p));
            }
        }
        return file;
    }

    /**
     * <b>Writes {@code packets} as pcapng, each with a comment naming who sent it and its TTL; returns the
     * file.</b>
     */
    public static Path pcapng(List<Packet> packets, Path file) throws IOException {
        try (PcapNgWriter w = PcapNgWriter.create(file)) {
            for (Packet p : packets) {
                w.write(p.receivedAtNanos(), ip(p), "captured from " + Addresses.text(p.from())
                        + (p.ttl() >= 0 ? " ttl " + p.ttl() : ""));
            }
        }
        return file;
    }

    /**
     * The packet as the wire carried it: IPv4 messages come with their header; an ICMPv6 socket shows none, so
     * one is built toward the address this host would answer from (the kernel's choice; no packet is sent).
     */
    private static byte[] ip(Packet p) {
        IcmpMessage m = p.message();
        if (m.ip().isPresent()) {
            return m.bytes();
        }
        return IpPackets.ip(p.from(), Hosts.sourceToward(p.from()), p.ttl(), -1, m.icmpBytes());
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
        receiver.close();
    }
}
