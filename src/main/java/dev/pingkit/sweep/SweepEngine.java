package dev.pingkit.sweep;

import dev.pingkit.engine.Stop;
import dev.pingkit.engine.AddressBlock;
import dev.pingkit.engine.Engine;
import dev.pingkit.engine.EngineFactory;
import dev.pingkit.engine.EngineOptions;
import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.engine.ProbeListener;
import dev.pingkit.engine.ProbeSpec;
import dev.pingkit.engine.TargetPlan;
import dev.pingkit.engine.TimeSource;

import java.io.IOException;
import java.time.Duration;

/**
 * The one place a {@link Sweep} reaches the engine: one {@link Engine} run over all targets (one socket per
 * family), fping's schedule as target plans, and fping's retries as explicit probes on a lost or failed one.
 * Each engine event about a probe becomes a {@link SweepEvent} (the event itself, with the target and attempt) and
 * counts in the per-target tallies; a late reply (after its probe's timeout) is dropped, as fping drops it.
 */
final class SweepEngine {
    private final Sweep sweep;
    private final SweepListener listener;
    private final SweepTallies tallies;
    private final EngineFactory engines;
    private Engine engine;

    private SweepEngine(Sweep sweep, SweepListener listener, EngineFactory engines) {
        this.sweep = sweep;
        this.listener = listener;
        this.engines = engines;
        this.tallies = new SweepTallies(sweep.targets(), sweep.count(), sweep.retries(), sweep.loop());
    }

    static SweepResult run(Sweep sweep, SweepListener listener, Stop stop, EngineFactory engines) throws IOException {
        return new SweepEngine(sweep, listener, engines).run(stop);
    }

    private SweepResult run(Stop stop) throws IOException {
        TimeSource time = engines.time();
        long start = time.nanoTime();
        probe(stop);
        return new SweepResult(tallies.results(), time.nanoTime() - start, stop.stopped());
    }

    /** One engine run over every target. */
    private void probe(Stop stop) throws IOException {
        EngineOptions options = EngineOptions.defaults().gap(sweep.gap());
        if (sweep.netns() != null) {
            options = options.netns(sweep.netns());
        }
        if (sweep.device() != null) {
            options = options.device(sweep.device());
        }
        if (sweep.source() != null) {
            options = options.source(sweep.source());
        }
        if (sweep.dontFragment()) {
            options = options.dontFragment(true);
        }
        ProbeSpec spec = ProbeSpec.DEFAULT.payloadSize(sweep.size()).timeout(sweep.timeout());
        if (sweep.ttl() != null) {
            spec = spec.ttl(sweep.ttl());
        }
        if (sweep.tos() != null) {
            spec = spec.tos(sweep.tos());
        }
        ProbeSpec first = spec;
        Runnable hook;
        try (Engine e = engines.open(options)) {
            engine = e;
            e.readQueuedAtEnd(true); // fping counts the copy of the last reply
            e.keepStatistics(false); // the tallies count; a /16 keeps 17 MB less
            e.randomPayloads(sweep.random());
            hook = e::stop;
            stop.onStop(hook);
            try {
                TargetPlan plan = sweep.loop() ? TargetPlan.every(sweep.interval()).spec(first)
                        : sweep.count() > 0 ? TargetPlan.count(sweep.count(), sweep.interval()).spec(first)
                        : TargetPlan.count(1, sweep.interval()).spec(first);
                // The engine numbers its targets as the sweep does (added in order to a new engine), so a
                // target's index is all the sweep keeps of it; a block goes in whole, as a block.
                if (sweep.targets() instanceof SweepTargets packed) {
                    for (int s = 0; s < packed.segments(); s++) {
                        if (packed.segment(s) instanceof AddressBlock b) {
                            e.add(b, plan);
                        } else {
                            e.add(((SweepTarget) packed.segment(s)).address(), plan);
                        }
                    }
                } else {
                    for (SweepTarget t : sweep.targets()) {
                        e.add(t.address(), plan);
                    }
                }
                if (!stop.stopped()) {
                    listener.onStart(new SweepProgress(tallies));
                    e.run(new ProbeListener() {
                        @Override
                        public void onEvent(ProbeEvent event) {
                            SweepEngine.this.onEvent(event);
                        }

                        @Override
                        public boolean wantsMessages() {
                            return listener.wantsMessages();
                        }
                    });
                }
            } catch (IllegalStateException x) {
                if (!stop.stopped()) {
                    throw x;
                }
                // stopped while the targets were added: the engine took no more
            } finally {
                stop.forget(hook);
                engine = null;
            }
        }
    }

    private void onEvent(ProbeEvent event) {
        if (event.probe() == null || event instanceof ProbeEvent.Sent || event instanceof ProbeEvent.Late
                || event instanceof ProbeEvent.Advisory || event instanceof ProbeEvent.Lost l && l.stopped()) {
            return; // a stray, a send, a late reply, an advisory, or a probe cut short by a stop
        }
        int index = event.probe().target().index();
        SweepEvent out = new SweepEvent(sweep.targets().get(index), (int) event.probe().number() - 1, event);
        tallies.add(index, out);
        listener.onEvent(out);
        // fping retries at a probe's timeout; one the kernel refused to send has none.
        boolean ended = out.unanswered();
        int tries = tallies.ended(index);
        if (ended && sweep.count() == 0 && !sweep.loop() && tallies.received(index) == 0 && tries <= sweep.retries()
                && !engine.stopped()) { // a listener that stopped the sweep gets no retry
            // fping's retry: the same target again, each wait backoff times the one before.
            double factor = Math.pow(sweep.backoff(), tries);
            Duration wait = Duration.ofNanos((long) (sweep.timeout().toNanos() * factor));
            ProbeSpec base = ProbeSpec.DEFAULT.payloadSize(sweep.size()).timeout(wait);
            if (sweep.ttl() != null) {
                base = base.ttl(sweep.ttl());
            }
            if (sweep.tos() != null) {
                base = base.tos(sweep.tos());
            }
            engine.probe(engine.target(index), base, tries);
        }
    }
}
