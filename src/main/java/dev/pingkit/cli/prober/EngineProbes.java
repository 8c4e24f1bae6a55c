package dev.pingkit.cli.prober;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.pingkit.ping.PingEvent;
import dev.pingkit.ping.PingListener;
import dev.pingkit.ping.PingSettings;
import dev.pingkit.ping.Pinger;

/**
 * <b>The one place the prober calls the engine: it probes a set of targets and reports each probe's end to a
 * {@link ProbeOutcomes}.</b>
 *
 * <p>Until the multi-target engine (issue #11) is on main, each target runs a {@link Pinger} of its own, on a
 * thread of its own, started at an offset within the first interval so the probes spread instead of bursting; a
 * probe still unanswered when the target's next one leaves counts as lost. That is fine for tens of targets and
 * not meant for thousands: the multi-target engine replaces this class's inside, and nothing else.
 */
final class EngineProbes implements AutoCloseable {
    private final ProberConfig config;
    private final ProbeOutcomes outcomes;
    private final PrintStream err;
    private final Map<ProbeTarget, Run> runs = new LinkedHashMap<>();
    private boolean finishing;

    EngineProbes(ProberConfig config, ProbeOutcomes outcomes, PrintStream err) {
        this.config = config;
        this.outcomes = outcomes;
        this.err = err;
    }

    /**
     * <b>Opens a probe run for each target not yet probed (all before any starts), and stops those no longer
     * listed.</b> Runs already going keep their schedule.
     *
     * @throws IOException when a socket cannot be opened (no permission, ...): nothing new was started then
     */
    synchronized void probe(List<ProbeTarget> targets) throws IOException {
        if (finishing) {
            return;
        }
        List<Run> fresh = new ArrayList<>();
        try {
            for (ProbeTarget t : targets) {
                if (!runs.containsKey(t) && fresh.stream().noneMatch(r -> r.target.equals(t))) {
                    fresh.add(new Run(t, Pinger.open(settings(t))));
                }
            }
        } catch (IOException | RuntimeException e) {
            fresh.forEach(r -> r.pinger.close());
            throw e;
        }
        for (var it = runs.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!targets.contains(e.getKey())) {
                e.getValue().pinger.stop();
                it.remove();
            }
        }
        long spread = config.interval().toNanos() / Math.max(1, fresh.size());
        for (int i = 0; i < fresh.size(); i++) {
            Run r = fresh.get(i);
            runs.put(r.target, r);
            r.start(i * spread);
        }
    }

    private PingSettings settings(ProbeTarget t) {
        return PingSettings.to(t.address(), t.host()).count(0).interval(config.interval())
                .payloadSize(config.size()).reportOutstanding(true);
    }

    /**
     * <b>Stops sending and waits up to {@code grace} for the probes in flight</b>; those still unanswered then
     * count as lost. Returns when every run has ended.
     */
    void finish(Duration grace) throws InterruptedException {
        List<Run> all;
        synchronized (this) {
            finishing = true;
            all = new ArrayList<>(runs.values());
        }
        all.forEach(Run::finishing);
        long until = System.nanoTime() + grace.toNanos();
        for (Run r : all) {
            r.awaitSettled(until);
        }
        for (Run r : all) {
            r.pinger.stop();
            r.thread.join(TimeUnit.SECONDS.toMillis(5));
            r.countOutstandingAsLost();
        }
    }

    @Override
    public synchronized void close() {
        runs.values().forEach(r -> r.pinger.stop());
    }

    /** One target's pinger, its thread, and the probe it is waiting on. */
    private final class Run implements PingListener {
        final ProbeTarget target;
        final Pinger pinger;
        Thread thread;
        private int outstanding = -1; // seq of the probe in flight, -1 none
        private int failedSeq = -1;   // the last probe an ICMP error answered
        private boolean finishing;
        private long lastSentNanos;
        private final long intervalNanos = config.interval().toNanos();

        Run(ProbeTarget target, Pinger pinger) {
            this.target = target;
            this.pinger = pinger;
        }

        void start(long delayNanos) {
            thread = new Thread(() -> run(delayNanos), "probe " + target);
            thread.setDaemon(true);
            thread.start();
        }

        private void run(long delayNanos) {
            try {
                TimeUnit.NANOSECONDS.sleep(delayNanos);
                pinger.run(this);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                err.println("prober: " + target + ": probing stopped: " + e.getMessage());
            }
        }

        @Override
        public synchronized void onEvent(PingEvent event) {
            if (event instanceof PingEvent.Sent s) {
                outstanding = s.seq();
                long late = lastSentNanos == 0 ? 0 : Math.max(0, s.sentNanos() - lastSentNanos - intervalNanos);
                lastSentNanos = s.sentNanos();
                outcomes.sent(target, s.seq(), late);
            } else if (event instanceof PingEvent.Reply r) {
                if (!r.intact()) {
                    outcomes.corrupted(target, r.seq());
                } else if (r.duplicate()) {
                    outcomes.duplicate(target, r.seq());
                } else if (r.seq() == outstanding) {
                    settle(r.seq());
                    outcomes.answered(target, r.seq(), r.rttNanos(), r.ttl());
                } else {
                    outcomes.late(target, r.seq()); // already counted lost when the next probe left
                }
            } else if (event instanceof PingEvent.ErrorReply e) {
                settle(e.seq());
                failedSeq = e.seq();
                outcomes.errorReply(target, e.seq(), e.error().type(), e.error().code());
            } else if (event instanceof PingEvent.SendError e) {
                settle(e.seq());
                failedSeq = e.seq();
                outcomes.sendError(target, e.seq());
            } else if (event instanceof PingEvent.NoAnswerYet n) {
                lost(n.seq());
            } else if (event instanceof PingEvent.Timeout t) {
                lost(t.seq());
            }
        }

        private void lost(int seq) {
            if (seq != failedSeq) {
                settle(seq);
                outcomes.lost(target, seq);
            }
        }

        private void settle(int seq) {
            if (seq == outstanding) {
                outstanding = -1;
                notifyAll();
                if (finishing) {
                    pinger.stop();
                }
            }
        }

        synchronized void finishing() {
            finishing = true;
            if (outstanding < 0) {
                pinger.stop();
            }
        }

        synchronized void awaitSettled(long untilNanos) throws InterruptedException {
            for (long left; outstanding >= 0 && (left = untilNanos - System.nanoTime()) > 0; ) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        synchronized void countOutstandingAsLost() {
            if (outstanding >= 0) {
                int seq = outstanding;
                outstanding = -1;
                outcomes.lost(target, seq);
            }
        }
    }
}
