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
 * them do not burst; {@code --rate} caps the sends of all targets together. The engine runs on a thread of its
 * own; the listener runs there too and only counts.
 */
final class EngineProbes implements AutoCloseable {
    /** How often the starter wakes to add the targets due: spreading finer than this buys nothing. */
    private static final long START_STEP_NANOS = 5_000_000L;

    private final ProberConfig config;
    private final ProbeOutcomes outcomes;
    private final PrintStream err;
    private final Engine engine;
    private final TargetPlan plan;
    private final Map<ProberTarget, dev.pingkit.engine.ProbeTarget> handles = new LinkedHashMap<>();
    private final Events events = new Events();
    private Thread runner;
    private Thread starter;
    private List<ProberTarget> pending = List.of(); // guarded by this: the batch the starter spreads
    private long batch; // guarded by this: bumped by each probe() so the starter drops a replaced batch
    private volatile boolean finishing;
    private volatile boolean failed;
    private int added; // guarded by this: targets handed to the engine so far

    private final Runnable onFailure;

    /** {@code onFailure} runs (on the engine's thread) if the run ends on an error; the error is on {@code err}. */
    EngineProbes(ProberConfig config, ProbeOutcomes outcomes, PrintStream err, Runnable onFailure) {
        this.onFailure = onFailure;
        this.config = config;
        this.outcomes = outcomes;
        this.err = err;
        EngineOptions options = EngineOptions.defaults().continuous(true);
        if (config.rate() > 0) {
            options = options.gap(Duration.ofNanos(1_000_000_000L / config.rate()));
        }
        this.engine = Engine.open(options);
        this.plan = TargetPlan.every(config.interval())
                .spec(ProbeSpec.DEFAULT.payloadSize(config.size()).timeout(config.interval()));
    }

    /**
     * <b>Probes every target not yet probed, starting them spread over one interval, and stops probing those no
     * longer listed</b> (their probes in flight end as usual). The first call opens the sockets and starts the run.
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
            // Open each family's socket now, in this thread, so a permission problem is reported to the caller.
            ProberTarget first4 = fresh.stream().filter(t -> t.address() instanceof java.net.Inet4Address)
                    .findFirst().orElse(null);
            ProberTarget first6 = fresh.stream().filter(t -> !(t.address() instanceof java.net.Inet4Address))
                    .findFirst().orElse(null);
            for (ProberTarget t : new ProberTarget[] {first4, first6}) {
                if (t != null) {
                    add(t);
                    fresh.remove(t);
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
            runner = new Thread(this::run, "prober-engine");
            runner.setDaemon(true);
            runner.start();
        }
        // The batch still being spread is replaced, not queued behind: a target dropped from it is never started,
        // and however many reloads come, one starter thread does the spreading.
        pending = List.copyOf(fresh);
        batch++;
        if (!fresh.isEmpty() && starter == null) {
            starter = new Thread(this::starter, "prober-starter");
            starter.setDaemon(true);
            starter.start();
        }
        notifyAll();
    }

    private synchronized void add(ProberTarget t) throws IOException {
        if (finishing || handles.containsKey(t)) {
            return;
        }
        // Mapped before the engine knows it: the run may send its first probe before add() returns. Indices are
        // the engine's order of addition, and only this method adds.
        events.map(added, t);
        dev.pingkit.engine.ProbeTarget h = engine.add(t.address(), plan);
        if (h.index() != added) {
            throw new IllegalStateException("engine gave target index " + h.index() + ", expected " + added);
        }
        added++;
        handles.put(t, h);
    }

    /**
     * The starter's loop: adds the pending batch one target after another over one interval; a new batch (a
     * reload) restarts the spreading with it. Ends with the run.
     */
    private void starter() {
        try {
            while (true) {
                List<ProberTarget> fresh;
                long mine;
                synchronized (this) {
                    while (pending.isEmpty() && !finishing) {
                        wait();
                    }
                    if (finishing) {
                        return;
                    }
                    fresh = pending;
                    mine = batch;
                }
                long begin = System.nanoTime();
                long step = config.interval().toNanos() / fresh.size();
                for (int i = 0; i < fresh.size(); i++) {
                    synchronized (this) {
                        for (long wait; batch == mine && !finishing
                                && (wait = begin + i * step - System.nanoTime()) > START_STEP_NANOS; ) {
                            TimeUnit.NANOSECONDS.timedWait(this, wait);
                        }
                        if (batch != mine || finishing) {
                            break; // replaced by a reload's batch, or stopping
                        }
                        add(fresh.get(i));
                        if (i == fresh.size() - 1) {
                            pending = List.of();
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException | Error e) {
            failed = true;
            err.println("prober: cannot add targets: " + e);
            onFailure.run();
        }
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
            notifyAll();
        }
        if (starter != null) {
            starter.join();
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
