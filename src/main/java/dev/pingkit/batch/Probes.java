package dev.pingkit.batch;

import dev.pingkit.engine.Query;
import dev.pingkit.packet.EchoPayload;
import dev.pingkit.engine.AddressBlock;
import dev.pingkit.engine.Hosts;
import dev.pingkit.packet.Addresses;
import dev.pingkit.engine.EngineFactory;
import dev.pingkit.engine.EngineOptions;
import dev.pingkit.packet.IcmpTypes;
import dev.pingkit.engine.Stop;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * <b>A batch of echo probes built from one {@link Query} by ranges over target, seq, size, TTL and TOS that
 * multiply, as in Scapy; {@link #sendAll()} sends them all in one engine run and returns {@link Results}.</b>
 *
 * <pre>{@code
 * Query.to("198.51.100.2").size(0, 1400, 200).sendAll().table("size", "target", "rtt")
 * Query.to("198.51.100.2").ttl(1, 4).sendAll().summary()
 * Query.to("127.0.0.1").probes().targets("198.19.0.0/30", "::1").seq(1, 3).sendAll()
 * }</pre>
 * Every call returns a new value. Probes go out in the order {@link #list()} gives: target slowest, then seq,
 * size, TTL and TOS fastest. A seq the user set (a seq range, {@link #seqs}, or an echo's seq other than the
 * default 1) goes on the wire as set, for every shape; a probe whose (target, seq) is still in flight (sizes at one
 * seq) goes once that one ended. Where no seq was set the engine numbers the probes 1, 2, ... in send order.
 * {@link Results} holds each request as it went out and {@link Results#numbering()} says whose numbers they were.
 * A batch sends echo requests, or the timestamp, information or address mask requests a query's type asks for
 * (each answered by its own reply type), with the echo's forced checksum, type and code.
 */
public final class Probes {
    /** <b>The most probes one batch sends.</b> */
    public static final int MAX_PROBES = 100_000;
    /** <b>How long a probe of a batch waits for its answer unless {@link #timeout} says otherwise: 2 s.</b> */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** <b>The least time between two sends of a batch unless {@link #gap} says otherwise: 1 ms.</b> */
    public static final Duration DEFAULT_GAP = Duration.ofMillis(1);

    /** A query's seq unless one was set ({@link Query}'s default): left to the engine to number. */
    private static final int DEFAULT_SEQ = 1;

    private final Query base;
    private final List<InetAddress> targets;
    private final int[] seqs;
    private final boolean ownSeqs; // the user set the seqs: they go on the wire as set
    private final int[] sizes;
    private final int[] ttls;
    private final int[] tos;
    private final Duration timeout;
    private final Duration gap;

    private Probes(Copy c) {
        this.base = c.base;
        this.targets = List.copyOf(c.targets);
        this.seqs = c.seqs;
        this.ownSeqs = c.ownSeqs;
        this.sizes = c.sizes;
        this.ttls = c.ttls;
        this.tos = c.tos;
        this.timeout = c.timeout;
        this.gap = c.gap;
        long n = (long) targets.size() * seqs.length * sizes.length * ttls.length * tos.length;
        if (n > MAX_PROBES) {
            throw new IllegalArgumentException("a batch must be at most " + MAX_PROBES + " probes, got " + n + " ("
                    + targets.size() + " targets x " + seqs.length + " seq x " + sizes.length + " sizes x "
                    + ttls.length + " ttls x " + tos.length + " tos)");
        }
    }

    /** The fields of a batch while a wither changes one: the idiom of every value with more than a few fields. */
    private static final class Copy {
        Query base;
        List<InetAddress> targets;
        int[] seqs;
        boolean ownSeqs;
        int[] sizes;
        int[] ttls;
        int[] tos;
        Duration timeout;
        Duration gap;

        Copy(Query echo) {
            base = echo;
            targets = List.of(echo.target());
            seqs = new int[] {echo.seq()};
            ownSeqs = echo.seq() != DEFAULT_SEQ;
            sizes = new int[] {echo.payloadLength()};
            ttls = new int[] {echo.ttl()};
            tos = new int[] {echo.tos()};
            timeout = DEFAULT_TIMEOUT;
            gap = DEFAULT_GAP;
        }

        Copy(Probes p) {
            base = p.base;
            targets = p.targets;
            seqs = p.seqs;
            ownSeqs = p.ownSeqs;
            sizes = p.sizes;
            ttls = p.ttls;
            tos = p.tos;
            timeout = p.timeout;
            gap = p.gap;
        }
    }

    /** A copy of this batch with {@code change} applied (each wither checks its own argument first). */
    private Probes with(Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return new Probes(c);
    }

    /** <b>A batch of just {@code echo}: what {@code Query.probes()} gives.</b> */
    public static Probes of(Query echo) {
        return new Probes(new Copy(Objects.requireNonNull(echo, "echo")));
    }

    private int maxSize() {
        boolean v4 = targets.stream().anyMatch(a -> a.getAddress().length == 4);
        return v4 ? EchoPayload.MAX_V4 : EchoPayload.MAX_V6;
    }

    /** <b>Sequence numbers {@code from..to}: that many probes per combination of the other ranges.</b> */
    public Probes seq(int from, int to) {
        int[] v = Axis.range("seq", from, to, 1, 0, 65535);
        return with(c -> {
            c.seqs = v;
            c.ownSeqs = true;
        });
    }

    /**
     * <b>These sequence numbers, in this order</b> (jumps and repeats as given): {@code seqs(1, 5, 5, 9)}. A seq
     * repeated to one target goes out once the probe before it with that seq has ended.
     */
    public Probes seqs(int... seqs) {
        int[] v = Axis.values("seq", seqs, 0, 65535);
        return with(c -> {
            c.seqs = v;
            c.ownSeqs = true;
        });
    }

    /** <b>Payload sizes {@code from, from+step, ... <= to}, filled as {@link Query#size(int)} fills them.</b> */
    public Probes size(int from, int to, int step) {
        int[] v = Axis.range("size", from, to, step, 0, maxSize());
        return with(c -> c.sizes = v);
    }

    /** <b>These payload sizes.</b> */
    public Probes sizes(int... sizes) {
        int[] v = Axis.values("size", sizes, 0, maxSize());
        return with(c -> c.sizes = v);
    }

    /** <b>TTLs / hop limits {@code from..to} (1..255).</b> */
    public Probes ttl(int from, int to) {
        int[] v = Axis.range("ttl", from, to, 1, 1, 255);
        return with(c -> c.ttls = v);
    }

    /** <b>These TTLs / hop limits.</b> */
    public Probes ttls(int... ttls) {
        int[] v = Axis.values("ttl", ttls, 1, 255);
        return with(c -> c.ttls = v);
    }

    /** <b>These TOS / traffic class values (0..255).</b> */
    public Probes tos(int... tos) {
        int[] v = Axis.values("tos", tos, 0, 255);
        return with(c -> c.tos = v);
    }

    /**
     * <b>These targets instead of the echo's: host names, addresses, or CIDR blocks ({@code "198.19.0.0/30"},
     * {@code "2001:db8::/126"}), every address of a block included</b> ({@link AddressBlock#whole}'s rules).
     */
    public Probes targets(String... hosts) {
        if (hosts.length == 0) {
            throw new IllegalArgumentException("targets needs at least one host or CIDR block");
        }
        List<InetAddress> all = new ArrayList<>();
        for (String h : hosts) {
            if (h.indexOf('/') < 0) {
                all.add(Hosts.resolve(h, 0));
                continue;
            }
            List<InetAddress> block = AddressBlock.whole(h).hosts();
            if (all.size() + block.size() > MAX_PROBES) { // before a million addresses are made
                throw new IllegalArgumentException("a batch must be at most " + MAX_PROBES + " probes, got "
                        + (all.size() + block.size()) + " targets");
            }
            all.addAll(block);
        }
        return with(c -> c.targets = all);
    }

    /** <b>How long each probe waits for an answer before it counts as lost.</b> */
    public Probes timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return with(c -> c.timeout = timeout);
    }

    /** <b>The least time between two sends (0 for as fast as the engine goes).</b> */
    public Probes gap(Duration gap) {
        Objects.requireNonNull(gap, "gap");
        if (gap.isNegative()) {
            throw new IllegalArgumentException("gap must be 0 or more, got " + gap);
        }
        return with(c -> c.gap = gap);
    }

    /** <b>Every probe of the batch as an {@link Query}, in send order.</b> */
    public List<Query> list() {
        List<Query> out = new ArrayList<>();
        for (InetAddress t : targets) {
            Query e = t.equals(base.target()) ? base : retarget(t);
            for (int s : seqs) {
                for (int size : sizes) {
                    for (int ttl : ttls) {
                        for (int q : tos) {
                            Query p = e.seq(s).size(size);
                            p = ttl >= 0 ? p.ttl(ttl) : p;
                            out.add(q >= 0 ? p.tos(q) : p);
                        }
                    }
                }
            }
        }
        return out;
    }

    private Query retarget(InetAddress t) {
        Query e = Query.to(t).id(base.id()).seq(base.seq());
        if (!base.pattern().isEmpty()) {
            e = e.pattern(base.pattern());
        } else {
            e = e.payload(base.payload());
        }
        return e.dontFragment(base.dontFragment());
    }

    /** <b>How many probes the batch sends.</b> */
    public int count() {
        return targets.size() * seqs.length * sizes.length * ttls.length * tos.length;
    }

    /**
     * <b>Sends every probe in one engine run (one socket per family) and waits until each has ended: answered,
     * corrupted, an ICMP error, or lost at its timeout.</b> The probes go out as asked: with the echo's identifier
     * (a raw socket's; a datagram socket's kernel writes its own; where none was set, one the engine chooses), the
     * seqs set (several targets may share one; a seq repeated to one target waits for the probe before it with that
     * seq to end, so sizes at one seq take a round trip each), its forced checksum (IPv4), type and code. Where no
     * seq was set the engine numbers the batch 1, 2, ... in send order; {@link Results#numbering()} says which
     * happened.
     *
     * @throws IOException              if no ICMP socket can be opened (the message says how to get permission)
     * @throws IllegalArgumentException if the checksum is forced on ICMPv6 (the kernel writes it)
     */
    public Results sendAll() throws IOException {
        return sendAll(EngineOptions.defaults(), new Stop());
    }

    /**
     * <b>As {@link #sendAll()}, until every probe has ended or {@code stop} is used</b>; after a stop the results
     * hold the probes that ended before it, in send order (one cut short by the stop is left out, not counted lost).
     *
     * @throws IOException              if no ICMP socket can be opened (the message says how to get permission)
     * @throws IllegalArgumentException if the checksum is forced on ICMPv6 (the kernel writes it)
     */
    public Results sendAll(Stop stop) throws IOException {
        return sendAll(EngineOptions.defaults(), stop);
    }

    /**
     * <b>As {@link #sendAll(Stop)} over sockets of {@code options}</b> (raw or datagram; the batch's gap replaces
     * theirs).
     *
     * @throws IOException              if no ICMP socket can be opened (the message says how to get permission)
     * @throws IllegalArgumentException if the checksum is forced on ICMPv6 (the kernel writes it)
     */
    public Results sendAll(EngineOptions options, Stop stop) throws IOException {
        return sendAll(options, stop, EngineFactory.SYSTEM);
    }

    /** As {@link #sendAll(Stop)} on engines from {@code engines}: every mode's seam, for a fake network and clock. */
    Results sendAll(Stop stop, EngineFactory engines) throws IOException {
        return sendAll(EngineOptions.defaults(), stop, engines);
    }

    private Results sendAll(EngineOptions options, Stop stop, EngineFactory engines) throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(engines, "engines");
        if (IcmpTypes.isExtendedEcho(base.family(), base.type())) {
            throw new IllegalArgumentException("sendAll does not send PROBE (extended echo) requests: they name an "
                    + "interface, which InterfaceProbe does; got " + base);
        }
        boolean v6 = targets.stream().anyMatch(t -> t.getAddress().length == 16);
        if (base.checksumForced() && v6) {
            throw new IllegalArgumentException("checksum cannot be forced over an ICMPv6 socket (the kernel computes"
                    + " it), got 0x" + Integer.toHexString(base.checksum()));
        }
        return new BatchRun(base, list(), ownSeqs, timeout).send(options.gap(gap), stop, engines);
    }

    /** <b>One line: {@code Probes: 8 to 198.51.100.2 size 0..1400 step 200}.</b> */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Probes: ").append(count()).append(" to ");
        sb.append(targets.size() == 1 ? Addresses.text(targets.get(0)) : targets.size() + " targets");
        Axis.describe(sb, "seq", seqs);
        Axis.describe(sb, "size", sizes);
        Axis.describe(sb, "ttl", ttls);
        Axis.describe(sb, "tos", tos);
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Probes p && base.equals(p.base) && targets.equals(p.targets) && Arrays.equals(seqs, p.seqs)
                && ownSeqs == p.ownSeqs && Arrays.equals(sizes, p.sizes) && Arrays.equals(ttls, p.ttls) && Arrays.equals(tos, p.tos)
                && timeout.equals(p.timeout) && gap.equals(p.gap);
    }

    @Override
    public int hashCode() {
        return Objects.hash(base, targets, Arrays.hashCode(seqs), ownSeqs, Arrays.hashCode(sizes), Arrays.hashCode(ttls),
                Arrays.hashCode(tos), timeout, gap);
    }
}
