package dev.pingkit.sweep;

import dev.pingkit.engine.Stop;
import dev.pingkit.engine.AddressBlock;
import dev.pingkit.engine.EngineFactory;
import dev.pingkit.engine.Hosts;
import dev.pingkit.packet.EchoPayload;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * <b>Many targets probed together, fping-style: the settings of a sweep as an immutable value, and its run.</b>
 *
 * <pre>{@code
 * SweepResult r = Sweep.of("198.19.0.0/22").count(1).run();
 * r.alive();                  // the targets that answered
 * Sweep.of("198.51.100.2", "198.18.4.1").run()   // one line per target: alive 1/1 ..., unreachable 0/4
 * }</pre>
 *
 * <p>Without a count (the default) a target is probed until it answers, at most {@code retries + 1} times, each
 * wait {@code backoff} times longer than the one before (fping's default mode). With {@code count(n)} every
 * target gets exactly n probes, {@code interval} apart (fping's {@code -c}); with {@code loop(true)} every target is
 * probed every interval until the sweep is stopped (fping's {@code -l}). Probes of all targets are spread so that
 * no two leave closer than {@code gap}. Defaults are fping 5.1's: gap 10 ms, interval 1 s, timeout 500 ms
 * (with a count or a loop: the interval, at most 2 s), 3 retries, backoff 1.5, 56 data bytes.
 */
public final class Sweep {
    /** <b>fping's default time between two probes to any targets.</b> */
    public static final Duration DEFAULT_GAP = Duration.ofMillis(10);
    /** <b>fping's default time between two probes to one target.</b> */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(1000);
    /** <b>fping's default first timeout.</b> */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);
    /** <b>fping's default number of retries.</b> */
    public static final int DEFAULT_RETRIES = 3;
    /** <b>fping's default backoff factor.</b> */
    public static final double DEFAULT_BACKOFF = 1.5;

    private final List<SweepTarget> targets;
    private final int count;
    private final boolean loop;
    private final Duration gap;
    private final Duration interval;
    private final Duration timeout;
    private final int retries;
    private final double backoff;
    private final int size;
    private final Integer ttl;
    private final Integer tos;
    private final String netns;
    private final String device;
    private final InetAddress source;
    private final boolean dontFragment;
    private final boolean random;

    private Sweep(Copy c) {
        this.targets = c.targets;
        this.count = c.count;
        this.loop = c.loop;
        this.gap = c.gap;
        this.interval = c.interval;
        this.timeout = c.timeout;
        this.retries = c.retries;
        this.backoff = c.backoff;
        this.size = c.size;
        this.ttl = c.ttl;
        this.tos = c.tos;
        this.netns = c.netns;
        this.device = c.device;
        this.source = c.source;
        this.dontFragment = c.dontFragment;
        this.random = c.random;
    }

    /**
     * <b>A sweep of the given targets</b>: each an address, a host name, or a CIDR block ({@code 198.19.0.0/22},
     * {@code 2001:db8:2::/118}, expanded by {@link AddressBlock#parse}).
     *
     * @throws IllegalArgumentException for a name that does not resolve or a malformed block, naming it
     */
    public static Sweep of(String... specs) {
        SweepTargets.Builder list = SweepTargets.builder();
        for (String spec : specs) {
            Objects.requireNonNull(spec, "target");
            if (spec.contains("/")) {
                list.add(AddressBlock.parse(spec)); // kept as a block: no object per address
            } else {
                list.add(spec.strip(), Hosts.resolve(spec, 0));
            }
        }
        return of(list.build());
    }

    /**
     * <b>A sweep of targets already resolved</b>; their indexes must be 0, 1, 2, ... in order.
     *
     * @throws IllegalArgumentException if the list is empty or out of order
     */
    public static Sweep of(List<SweepTarget> targets) {
        if (targets instanceof SweepTargets t) { // immutable, numbered by construction: kept as it is
            if (t.isEmpty()) {
                throw new IllegalArgumentException("targets must not be empty");
            }
            return new Sweep(new Copy(t));
        }
        List<SweepTarget> copy = List.copyOf(targets);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("targets must not be empty");
        }
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i).index() != i) {
                throw new IllegalArgumentException("target " + i + " must have index " + i + ", got "
                        + copy.get(i).index());
            }
        }
        return new Sweep(new Copy(copy));
    }

    /** <b>The targets, in order.</b> */
    public List<SweepTarget> targets() {
        return targets;
    }

    /** <b>Probes per target, 0 = until the target answers (with retries).</b> */
    public int count() {
        return count;
    }

    /**
     * <b>Exactly {@code n} probes per target</b> (fping {@code -c}); 0 returns to "until it answers".
     *
     * @throws IllegalArgumentException unless 0 <= n <= 100000
     */
    public Sweep count(int n) {
        if (n < 0 || n > 100_000) {
            throw new IllegalArgumentException("count must be 0..100000, got " + n);
        }
        return with(c -> c.count = n);
    }

    /** <b>True when every target is probed every interval until the sweep is stopped.</b> */
    public boolean loop() {
        return loop;
    }

    /**
     * <b>Probe every target every interval until the sweep is stopped</b> (fping {@code -l}); the count does not
     * apply then. A loop keeps each target's counts and min/avg/max, not each probe's time, so it runs for days in
     * the memory it starts with: its {@link TargetStats#rttNanos()} are empty.
     */
    public Sweep loop(boolean loop) {
        return with(c -> c.loop = loop);
    }

    /** <b>Least time between any two probes.</b> */
    public Duration gap() {
        return gap;
    }

    /** <b>Least time between any two probes</b> (fping {@code -i}); zero allowed. */
    public Sweep gap(Duration d) {
        return with(c -> c.gap = nonNegative(d, "gap"));
    }

    /** <b>Time between two probes to one target with a count or in a loop.</b> */
    public Duration interval() {
        return interval;
    }

    /** <b>Time between two probes to one target with a count or in a loop</b> (fping {@code -p}). */
    public Sweep interval(Duration d) {
        return with(c -> c.interval = nonNegative(d, "interval"));
    }

    /** <b>How long a probe waits for its reply</b> (the first one, without a count); see the class comment. */
    public Duration timeout() {
        if (timeout != null) {
            return timeout;
        }
        if (count > 0 || loop) {
            return interval.compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : interval;
        }
        return DEFAULT_TIMEOUT;
    }

    /** <b>How long a probe waits for its reply</b> (fping {@code -t}). */
    public Sweep timeout(Duration d) {
        return with(c -> c.timeout = nonNegative(d, "timeout"));
    }

    /** <b>Further probes to a silent target without a count.</b> */
    public int retries() {
        return retries;
    }

    /**
     * <b>Further probes to a silent target without a count</b> (fping {@code -r}).
     *
     * @throws IllegalArgumentException unless 0 <= n <= 1000
     */
    public Sweep retries(int n) {
        if (n < 0 || n > 1000) {
            throw new IllegalArgumentException("retries must be 0..1000, got " + n);
        }
        return with(c -> c.retries = n);
    }

    /** <b>Factor by which each retry waits longer.</b> */
    public double backoff() {
        return backoff;
    }

    /**
     * <b>Factor by which each retry waits longer</b> (fping {@code -B}).
     *
     * @throws IllegalArgumentException unless 1.0 <= f <= 5.0
     */
    public Sweep backoff(double f) {
        if (!(f >= 1.0 && f <= 5.0)) {
            throw new IllegalArgumentException("backoff must be 1.0..5.0, got " + f);
        }
        return with(c -> c.backoff = f);
    }

    /** <b>ICMP data bytes per probe.</b> */
    public int size() {
        return size;
    }

    /**
     * <b>ICMP data bytes per probe</b> (fping {@code -b}).
     *
     * @throws IllegalArgumentException unless 0 <= n <= 65507
     */
    public Sweep size(int n) {
        if (n < 0 || n > EchoPayload.MAX_V4) {
            throw new IllegalArgumentException("size must be 0.." + EchoPayload.MAX_V4 + ", got " + n);
        }
        return with(c -> c.size = n);
    }

    /** <b>TTL / hop limit of the probes</b>, null = the kernel's. */
    public Integer ttl() {
        return ttl;
    }

    /** <b>TTL / hop limit of the probes</b> (fping {@code -H}), 1..255. */
    public Sweep ttl(int n) {
        if (n < 1 || n > 255) {
            throw new IllegalArgumentException("ttl must be 1..255, got " + n);
        }
        return with(c -> c.ttl = n);
    }

    /** <b>TOS / traffic class of the probes</b>, null = 0. */
    public Integer tos() {
        return tos;
    }

    /** <b>TOS / traffic class of the probes</b> (fping {@code -O}), 0..255. */
    public Sweep tos(int n) {
        if (n < 0 || n > 255) {
            throw new IllegalArgumentException("tos must be 0..255, got " + n);
        }
        return with(c -> c.tos = n);
    }

    /** <b>The network namespace the probes leave from</b>, null = this process's. */
    public String netns() {
        return netns;
    }

    /** <b>Probes leave from network namespace {@code name}</b> (the REPL's lab mode); null = this process's. */
    public Sweep netns(String name) {
        return with(c -> c.netns = name);
    }

    /** <b>The interface the probes leave by</b>, null = the routing table's choice. */
    public String device() {
        return device;
    }

    /** <b>Probes leave by interface {@code name}</b> (fping {@code -I}); null = the routing table's choice. */
    public Sweep device(String name) {
        return with(c -> c.device = name);
    }

    /** <b>The source address of the probes of its family</b>, null = the kernel's choice. */
    public InetAddress source() {
        return source;
    }

    /** <b>Probes of {@code address}'s family leave from it</b> (fping {@code -S}); null = the kernel's choice. */
    public Sweep source(InetAddress address) {
        return with(c -> c.source = address);
    }

    /** <b>True when the probes may not be fragmented</b> (DF set; a probe larger than the path refused). */
    public boolean dontFragment() {
        return dontFragment;
    }

    /**
     * <b>Probes carry the DF bit and are never fragmented</b> (fping {@code -M}): one larger than the path's MTU is
     * refused by the kernel and ends with the engine's {@code ProbeEvent.SendFailed}.
     */
    public Sweep dontFragment(boolean df) {
        return with(c -> c.dontFragment = df);
    }

    /** <b>True when the probes carry random data bytes instead of zeros.</b> */
    public boolean random() {
        return random;
    }

    /**
     * <b>Probes carry random data bytes</b> (fping {@code -R}), new ones for every probe; a reply is still checked
     * against the bytes its probe carried.
     */
    public Sweep random(boolean random) {
        return with(c -> c.random = random);
    }

    /** A copy of this sweep with {@code change} applied (each wither checks its own argument first). */
    private Sweep with(Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return new Sweep(c);
    }

    /** The settings as one wither changes them: fping's defaults for new targets, or a sweep's own. */
    private static final class Copy {
        List<SweepTarget> targets;
        int count = 0;
        boolean loop = false;
        Duration gap = DEFAULT_GAP;
        Duration interval = DEFAULT_INTERVAL;
        Duration timeout = null;
        int retries = DEFAULT_RETRIES;
        double backoff = DEFAULT_BACKOFF;
        int size = EchoPayload.DEFAULT_SIZE;
        Integer ttl = null;
        Integer tos = null;
        String netns = null;
        String device = null;
        InetAddress source = null;
        boolean dontFragment = false;
        boolean random = false;

        Copy(List<SweepTarget> targets) {
            this.targets = targets;
        }

        Copy(Sweep s) {
            targets = s.targets;
            count = s.count;
            loop = s.loop;
            gap = s.gap;
            interval = s.interval;
            timeout = s.timeout;
            retries = s.retries;
            backoff = s.backoff;
            size = s.size;
            ttl = s.ttl;
            tos = s.tos;
            netns = s.netns;
            device = s.device;
            source = s.source;
            dontFragment = s.dontFragment;
            random = s.random;
        }
    }

    /** <b>Runs the sweep and returns what it found.</b> */
    public SweepResult run() throws IOException {
        return run(SweepListener.NONE, new Stop());
    }

    /** <b>Runs the sweep, telling {@code listener} each probe's events as they happen.</b> */
    public SweepResult run(SweepListener listener) throws IOException {
        return run(listener, new Stop());
    }

    /**
     * <b>Runs the sweep until it ends or {@code stop} is used</b>; then the result holds what was found so far.
     *
     * @throws IOException if no ICMP socket can be opened (the message says what permission is missing)
     */
    public SweepResult run(SweepListener listener, Stop stop) throws IOException {
        return run(listener, stop, EngineFactory.SYSTEM);
    }

    /**
     * As {@link #run(SweepListener, Stop)} on engines from {@code engines}: every mode's seam, so a test runs fping's
     * schedule, retries and back-off on a fake network and clock.
     */
    SweepResult run(SweepListener listener, Stop stop, EngineFactory engines) throws IOException {
        return SweepEngine.run(this, Objects.requireNonNull(listener, "listener"), Objects.requireNonNull(stop,
                "stop"), Objects.requireNonNull(engines, "engines"));
    }

    @Override
    public String toString() {
        return "Sweep of " + targets.size() + " targets, " + (loop ? "every " + interval.toMillis()
                + " ms until stopped" : count == 0 ? "until alive (" + retries + " retries)"
                : count + " probes each, interval " + interval.toMillis() + " ms") + ", gap "
                + gap.toMillis() + " ms, timeout " + timeout().toMillis() + " ms";
    }

    private static Duration nonNegative(Duration d, String field) {
        Objects.requireNonNull(d, field);
        if (d.isNegative()) {
            throw new IllegalArgumentException(field + " must be >= 0, got " + d.toMillis() + " ms");
        }
        return d;
    }
}
