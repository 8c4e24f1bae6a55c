package dev.pingkit.cli.prober;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.pingkit.engine.Engine;
import dev.pingkit.engine.EngineFactory;
import dev.pingkit.engine.EngineOptions;
import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.engine.ProbeListener;
import dev.pingkit.engine.ProbeSpec;
import dev.pingkit.engine.TargetPlan;

/**
 * <b>The one place the prober calls the engine: one continuous {@link Engine} run over all targets (one socket per
 * family), each probe's end reported to a {@link ProbeOutcomes}.</b>
 *
 * <p>Every target is probed once an interval; a probe ends lost at its timeout, which is the interval (so a probe
 * is settled before its target's next one leaves). New targets start spread over one interval, so thousands of
 * them do not burst: the i-th of a batch of n starts i/n of an interval after the engine takes it in (the plan's
 * start delay, on the engine's clock). {@code --rate} caps the sends of all targets together. The engine runs on
 * a thread of its own; the listener runs there too and only counts.
 */
final class EngineProbes implements AutoCloseable {
    private final ProberConfig config;
    private final ProbeOutcomes outcomes;
    private final PrintStream err;
    private final Engine engine;
    private final TargetPlan plan;
    private final Map<ProberTarget, dev.pingkit.engine.ProbeTarget> handles = new LinkedHashMap<>();
    private final Events events = new Events();
    private Thread runner;
    private volatile boolean finishing;
    private volatile boolean failed;
    private int added; // guarded by this: targets handed to the engine so far

    private final Runnable onFailure;

    /** {@code onFailure} runs (on the engine's thread) if the run ends on an error; the error is on {@code err}. */
    EngineProbes(ProberConfig config, ProbeOutcomes outcomes, PrintStream err, Runnable onFailure) {
        this(config, outcomes, err, onFailure, EngineFactory.SYSTEM);
    }

    /** The same over {@code engines}: a test's fake network and clock, so the schedule runs in fake time. */
    EngineProbes(ProberConfig config, ProbeOutcomes outcomes, PrintStream err, Runnable onFailure,
                 EngineFactory engines) {
        this.onFailure = onFailure;
        this.config = config;
        this.outcomes = outcomes;
        this.err = err;
        EngineOptions options = EngineOptions.defaults().continuous(true);
        if (config.rate() > 0) {
            options = options.gap(Duration.ofNanos(1_000_000_000L / config.rate()));
        }
        this.engine = engines.open(options);
        this.plan = TargetPlan.every(config.interval())
                .spec(ProbeSpec.DEFAULT.payloadSize(config.size()).timeout(config.interval()));
    }

    /**
     * <b>Probes every target not yet probed, starting them spread over one interval, and stops probing those no
     * longer listed</b> (their probes in flight end as usual; one listed in an earlier call whose start had not come
     * yet never sends). The first call opens the sockets and starts the run.
     *
     * @throws IOException when a socket cannot be opened (no permission, ...): nothing new was started then
     */
    synchronized void probe(List<ProberTarget> targets) throws IOException {
        if (finishing) {
            return;
        }
        // Sets, not list scans: a reload of 10 000 targets must not cost 10^8 comparisons.
        Set<ProberTarget> wanted = new HashSet<>(targets);
        LinkedHashSet<ProberTarget> freshSet = new LinkedHashSet<>();
        for (ProberTarget t : targets) {
            if (!handles.containsKey(t)) {
                freshSet.add(t);
            }
        }
        List<ProberTarget> fresh = new ArrayList<>(freshSet);
        if (!fresh.isEmpty()) {
            // Each family's socket opens with its first target: add those first, so a permission problem is
            // reported before any other target of the batch is started.
            long step = config.interval().toNanos() / fresh.size();
            int first4 = -1;
            int first6 = -1;
            for (int i = 0; i < fresh.size() && (first4 < 0 || first6 < 0); i++) {
                if (fresh.get(i).address() instanceof java.net.Inet4Address) {
                    first4 = first4 < 0 ? i : first4;
                } else {
                    first6 = first6 < 0 ? i : first6;
                }
            }
            for (int i : new int[] {first4, first6}) {
                if (i >= 0) {
                    add(fresh.get(i), i * step);
                }
            }
            for (int i = 0; i < fresh.size(); i++) {
                if (i != first4 && i != first6) {
                    add(fresh.get(i), i * step);
                }
            }
        }
        for (var it = handles.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!wanted.contains(e.getKey())) {
                engine.remove(e.getValue());
                it.remove();
            }
        }
        if (runner == null) {
            // After the first batch is added: the run takes it in at its first turn, so the spread counts from
            // one instant.
            runner = new Thread(this::run, "prober-engine");
            runner.setDaemon(true);
            runner.start();
        }
    }

    private synchronized void add(ProberTarget t, long startNanos) throws IOException {
        if (finishing || handles.containsKey(t)) {
            return;
        }
        // Mapped before the engine knows it: the run may send its first probe before add() returns. Indices are
        // the engine's order of addition, and only this method adds.
        events.map(added, t);
        dev.pingkit.engine.ProbeTarget h = engine.add(t.address(),
                plan.startAfter(Duration.ofNanos(startNanos)));
        if (h.index() != added) {
            throw new IllegalStateException("engine gave target index " + h.index() + ", expected " + added);
        }
        added++;
        handles.put(t, h);
    }

    private void run() {
        try {
            engine.run(events);
        } catch (IOException | RuntimeException | Error e) {
            // An Error too (out of memory with many targets): a prober that no longer probes must not go on
            // serving frozen counters as if it did.
            failed = true;
            err.println("prober: probing stopped: " + e);
            onFailure.run();
        }
    }

    /** True when the engine's run ended on an error (the process should end). */
    boolean failed() {
        return failed;
    }

    /**
     * <b>Stops scheduling and waits up to {@code grace} for the probes in flight</b> (each ends answered, failed or
     * lost at its timeout); then stops the run, so any still in flight end lost.
     */
    void finish(Duration grace) throws InterruptedException {
        synchronized (this) {
            finishing = true;
            handles.values().forEach(engine::remove);
        }
        events.awaitSettled(System.nanoTime() + grace.toNanos());
        engine.stop();
        if (runner != null) {
            runner.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    @Override
    public void close() {
        engine.close();
    }

    /** The run's listener: engine events to outcomes, by target index; on the engine's thread. */
    private final class Events implements ProbeListener {
        private volatile ProberTarget[] byIndex = new ProberTarget[64];
        private long[] lastSent = new long[64];
        private long inFlight; // guarded by this

        synchronized void map(int index, ProberTarget t) {
            if (index >= byIndex.length) {
                byIndex = java.util.Arrays.copyOf(byIndex, Math.max(index + 1, byIndex.length * 2));
            }
            byIndex[index] = t;
        }

        private ProberTarget target(ProbeEvent e) {
            return byIndex[e.probe().target().index()];
        }

        private synchronized void ended() {
            if (--inFlight == 0) {
                notifyAll();
            }
        }

        synchronized void awaitSettled(long untilNanos) throws InterruptedException {
            for (long left; inFlight > 0 && (left = untilNanos - System.nanoTime()) > 0; ) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        @Override
        public void onEvent(ProbeEvent event) {
            if (event instanceof ProbeEvent.Stray || event instanceof ProbeEvent.Advisory) {
                return; // not about a probe's end, and the prober counts neither
            }
            ProberTarget t = target(event);
            int seq = event.probe().seq();
            if (event instanceof ProbeEvent.Sent s) {
                int i = s.probe().target().index();
                if (i >= lastSent.length) {
                    lastSent = java.util.Arrays.copyOf(lastSent, Math.max(i + 1, lastSent.length * 2));
                }
                long late = lastSent[i] == 0 ? 0
                        : Math.max(0, s.sentAtNanos() - lastSent[i] - config.interval().toNanos());
                lastSent[i] = s.sentAtNanos();
                synchronized (this) {
                    inFlight++;
                }
                outcomes.sent(t, seq, late);
            } else {
                outcomes.outcome(t, event);
                if (!(event instanceof ProbeEvent.Reply) || event instanceof ProbeEvent.Answered) {
                    ended(); // answered, failed, refused or lost: the probe is no longer in flight
                }
            }
        }
    }
}
