package dev.pingkit;

import dev.pingkit.ping.PingEvent;
import dev.pingkit.ping.PingSettings;
import dev.pingkit.ping.Pinger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutionException;

/**
 * The one place a {@link Sweep} reaches the engine. Until the multi-target engine (one socket per family) lands,
 * each probe is a one-probe {@link Pinger} run on a small pool of threads, paced by one global send slot: the
 * schedule, the outcomes and the counts are fping's, the socket count and speed are not yet.
 */
final class SweepEngine {
    private static final int THREADS = 32;

    private final Sweep sweep;
    private final SweepListener listener;
    private final SweepStop stop;
    private final Tally[] tallies;
    private long nextSendNanos;

    private SweepEngine(Sweep sweep, SweepListener listener, SweepStop stop) {
        this.sweep = sweep;
        this.listener = listener;
        this.stop = stop;
        this.tallies = new Tally[sweep.targets().size()];
        for (int i = 0; i < tallies.length; i++) {
            tallies[i] = new Tally(sweep.targets().get(i), Math.max(sweep.count(), sweep.retries() + 1));
        }
    }

    static SweepResult run(Sweep sweep, SweepListener listener, SweepStop stop) throws IOException {
        return new SweepEngine(sweep, listener, stop).run();
    }

    private SweepResult run() throws IOException {
        long start = System.nanoTime();
        nextSendNanos = start;
        AtomicInteger next = new AtomicInteger();
        int n = Math.min(THREADS, tallies.length);
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "pingkit-sweep");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> workers = new ArrayList<>();
        try {
            for (int w = 0; w < n; w++) {
                workers.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < tallies.length && !stop.stopped(); ) {
                        probeTarget(tallies[i]);
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.stop();
        } catch (ExecutionException e) {
            stop.stop();
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<TargetStats> stats = new ArrayList<>(tallies.length);
        for (Tally t : tallies) {
            stats.add(t.stats());
        }
        return new SweepResult(stats, System.nanoTime() - start, stop.stopped());
    }

    private void probeTarget(Tally t) throws InterruptedException {
        if (sweep.count() > 0) {
            long first = 0;
            for (int p = 0; p < sweep.count() && !stop.stopped(); p++) {
                if (p > 0) {
                    sleepUntil(first + p * sweep.period().toNanos());
                }
                long sent = probe(t, p, sweep.timeout());
                if (p == 0) {
                    first = sent;
                }
            }
            return;
        }
        Duration wait = sweep.timeout();
        for (int p = 0; p <= sweep.retries() && !stop.stopped() && t.received == 0; p++) {
            long sent = probe(t, p, wait);
            if (t.received == 0 && t.failedLast) {
                sleepUntil(sent + wait.toNanos()); // an ICMP error ends the probe; fping still waits its timeout
            }
            wait = Duration.ofNanos((long) (wait.toNanos() * sweep.backoff()));
        }
    }

    /** One probe; returns its send time. */
    private long probe(Tally t, int p, Duration timeout) throws InterruptedException {
        long at = sendSlot();
        PingSettings s = PingSettings.to(t.target.address(), t.target.name()).count(1).replyTimeout(timeout)
                .payloadSize(sweep.size()).ttl(sweep.ttl()).tos(sweep.tos()).netns(sweep.netns());
        boolean[] ended = {false};
        t.failedLast = false;
        Pinger pinger;
        try {
            pinger = Pinger.open(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runnable hook = pinger::stop;
        stop.onStop(hook);
        try (pinger) {
            pinger.run(e -> {
                SweepEvent out = map(t, p, e, ended[0]);
                if (out != null) {
                    ended[0] |= !(out instanceof SweepEvent.Reply r) || r.answers();
                    emit(t, out);
                }
            });
        } catch (IOException e) {
            if (!stop.stopped()) {
                throw new UncheckedIOException(e);
            }
        } finally {
            stop.forget(hook);
        }
        if (!ended[0] && !stop.stopped()) {
            emit(t, new SweepEvent.Lost(t.target, p));
        }
        return at;
    }

    private static SweepEvent map(Tally t, int p, PingEvent e, boolean ended) {
        if (e instanceof PingEvent.Reply r) {
            return new SweepEvent.Reply(t.target, p, r.from(), r.bytes(), r.rttNanos(), r.duplicate() || ended,
                    r.intact());
        }
        if (e instanceof PingEvent.ErrorReply r && !ended) {
            return new SweepEvent.Failed(t.target, p, r.from(), r.error());
        }
        if ((e instanceof PingEvent.Timeout || e instanceof PingEvent.SendError) && !ended) {
            return new SweepEvent.Lost(t.target, p);
        }
        return null;
    }

    private synchronized void emit(Tally t, SweepEvent e) {
        t.add(e);
        listener.onEvent(e);
    }

    /** Waits for the global send slot: no two probes closer than the interval. */
    private long sendSlot() throws InterruptedException {
        long at;
        synchronized (this) {
            at = Math.max(System.nanoTime(), nextSendNanos);
            nextSendNanos = at + sweep.interval().toNanos();
        }
        sleepUntil(at);
        return at;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long d = nanoTime - System.nanoTime();
        if (d > 0) {
            Thread.sleep(d / 1_000_000, (int) (d % 1_000_000));
        }
    }

    /** Per-target counts as the events come. */
    private static final class Tally {
        final SweepTarget target;
        final long[] rtts;
        int ended;
        int received;
        int duplicates;
        int damaged;
        volatile boolean failedLast;
        SweepEvent.Failed lastError;

        Tally(SweepTarget target, int probes) {
            this.target = target;
            this.rtts = new long[probes];
        }

        void add(SweepEvent e) {
            if (e instanceof SweepEvent.Reply r) {
                if (r.answers()) {
                    rtts[ended++] = r.rttNanos();
                    received++;
                } else if (r.duplicate()) {
                    duplicates++;
                } else {
                    damaged++;
                }
            } else {
                if (e instanceof SweepEvent.Failed f) {
                    lastError = f;
                    failedLast = true;
                }
                rtts[ended++] = -1;
            }
        }

        synchronized TargetStats stats() {
            long[] r = java.util.Arrays.copyOf(rtts, ended);
            return new TargetStats(target, ended, received, duplicates, damaged, r, Optional.ofNullable(lastError));
        }
    }
}
