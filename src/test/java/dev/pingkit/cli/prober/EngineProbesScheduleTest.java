package dev.pingkit.cli.prober;

import dev.pingkit.engine.ProbeEvent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.pingkit.fakes.FakeNet;

/**
 * The prober's probe schedule on the shared fake network and clock, in fake milliseconds: each target once an
 * interval on its beat, a batch staggered over one interval, --rate spacing all sends, a reload starting its new
 * targets spread and dropping the removed ones. A reload is made from the engine's thread at a fake instant (a
 * send's callback), so every run of the test sees the same times.
 */
class EngineProbesScheduleTest {
    private static final long MS = 1_000_000L;
    private static final long REPLY_AFTER = 2 * MS;

    /** One send as the outcomes saw it: target, fake ms since the start, lateness in ms. */
    record Send(String ip, long at, long late) {
        @Override
        public String toString() {
            return ip.substring(ip.lastIndexOf('.') + 1) + "@" + at + (late != 0 ? "+" + late : "");
        }
    }

    /** Records sends up to {@code untilMs} of fake time, then lets the test finish the run. */
    static final class Recorder implements ProbeOutcomes {
        final FakeNet net;
        final long start;
        final long untilMs;
        final List<Send> sends = new ArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);
        Consumer<Send> onSend = s -> { };
        int answered;

        Recorder(FakeNet net, long untilMs) {
            this.net = net;
            this.start = net.clock.now;
            this.untilMs = untilMs;
        }

        @Override
        public synchronized void sent(ProberTarget target, int seq, long lateNanos) {
            Send s = new Send(target.ip(), (net.clock.now - start) / MS, lateNanos / MS);
            if (s.at() > untilMs) {
                done.countDown();
                return;
            }
            sends.add(s);
            onSend.accept(s);
        }

        synchronized List<Send> sends() {
            return List.copyOf(sends);
        }

        @Override
        public synchronized void outcome(ProberTarget target, ProbeEvent event) {
            if (event instanceof ProbeEvent.Answered) {
                answered++;
            }
        }

        @Override
        public void resolveError(ProberTarget target) {
        }
    }

    static ProberConfig config(Duration interval, long rate) {
        return new ProberConfig(List.of(), Optional.empty(), interval, rate, 56, 0, Optional.empty(),
                Buckets.SMOKEPING, true, 3, Optional.empty());
    }

    static ProberTarget t(int last) {
        String ip = "198.51.100." + last;
        return new ProberTarget(ip, FakeNet.ip(ip));
    }

    /** Runs the prober's engine over {@code targets} until the fake clock passes {@code untilMs}. */
    static List<Send> run(ProberConfig config, List<ProberTarget> targets, long untilMs,
                          java.util.function.BiConsumer<EngineProbes, Send> onSend) throws Exception {
        FakeNet net = new FakeNet();
        net.peer = FakeNet.answering(REPLY_AFTER);
        Recorder r = new Recorder(net, untilMs);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (EngineProbes probes = new EngineProbes(config, r, new PrintStream(err, true), () -> { },
                net.engines())) {
            r.onSend = s -> onSend.accept(probes, s);
            probes.probe(targets);
            assertTrue(r.done.await(30, TimeUnit.SECONDS), "the fake clock never passed " + untilMs + " ms: "
                    + r.sends());
            probes.finish(Duration.ZERO);
            assertEquals("", err.toString(), "the run ended on an error");
            assertFalse(probes.failed());
        }
        assertTrue(r.answered > 0, "the fake peer answered");
        return r.sends();
    }

    @Test
    void targetsGoOutOnTheirIntervalStaggeredOverOneInterval() throws Exception {
        List<Send> sends = run(config(Duration.ofSeconds(1), 0), List.of(t(1), t(2), t(3), t(4)), 2_999,
                (p, s) -> { });
        assertEquals("[1@0, 2@250, 3@500, 4@750, 1@1000, 2@1250, 3@1500, 4@1750, 1@2000, 2@2250, 3@2500, 4@2750]",
                sends.toString());
    }

    @Test
    void aRateSpacesEverySendAndTheLateOnesSayHowLate() throws Exception {
        // 2 a second over 4 targets due every second: the schedule falls behind, each probe 500 ms after the last.
        List<Send> sends = run(config(Duration.ofSeconds(1), 2), List.of(t(1), t(2), t(3), t(4)), 3_999,
                (p, s) -> { });
        assertEquals("[1@0, 2@500, 3@1000, 4@1500, 1@2000+1000, 2@2500+1000, 3@3000+1000, 4@3500+1000]",
                sends.toString());
    }

    @Test
    void aReloadStartsItsNewTargetsSpreadAndStopsTheRemovedOnes() throws Exception {
        List<ProberTarget> reloaded = List.of(t(1), t(3), t(4));
        List<Send> sends = run(config(Duration.ofSeconds(1), 0), List.of(t(1), t(2)), 2_999, (p, s) -> {
            if (s.ip().endsWith(".1") && s.at() == 1000) {
                try {
                    p.probe(reloaded); // .2 goes, .3 and .4 come: taken in at the next turn, after .1's reply
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        assertEquals("[1@0, 2@500, 1@1000, 3@1002, 4@1502, 1@2000, 3@2002, 4@2502]", sends.toString());
    }

    @Test
    void aTargetDroppedBeforeItsStartNeverSends() throws Exception {
        List<Send> sends = run(config(Duration.ofSeconds(1), 0), List.of(t(1), t(2), t(3), t(4)), 2_999,
                (p, s) -> {
                    if (s.at() == 0) {
                        try {
                            p.probe(List.of(t(1), t(4))); // .2 and .3 were due at 250 and 500
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                });
        assertEquals("[1@0, 4@750, 1@1000, 4@1750, 1@2000, 4@2750]", sends.toString());
    }
}
