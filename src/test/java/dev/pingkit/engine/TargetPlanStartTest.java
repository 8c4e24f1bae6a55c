package dev.pingkit.engine;

import dev.pingkit.fakes.FakeNet;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.pingkit.fakes.FakeNet.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A plan's start delay: the first scheduled probe that long after the target is started, the beat from there. */
class TargetPlanStartTest {
    private static final long MS = 1_000_000L;

    @Test
    void theFirstProbeWaitsTheStartDelayAndTheNextKeepTheBeat() throws Exception {
        FakeNet net = new FakeNet();
        net.peer = FakeNet.answering(MS);
        TargetPlan plan = TargetPlan.count(2, Duration.ofSeconds(1));
        ProbeTarget now = net.engine.add(ip("198.51.100.1"), plan);
        ProbeTarget later = net.engine.add(ip("198.51.100.2"), plan.startAfter(Duration.ofMillis(300)));
        net.run();
        List<ProbeEvent.Sent> sent = net.events(ProbeEvent.Sent.class);
        long t0 = sent.get(0).sentAtNanos();
        assertEquals(List.of(now + "@0", later + "@300", now + "@1000", later + "@1300"),
                sent.stream().map(s -> s.probe().target() + "@" + (s.sentAtNanos() - t0) / MS).toList());
    }

    @Test
    void aNegativeStartDelayIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TargetPlan.every(Duration.ofSeconds(1)).startAfter(Duration.ofMillis(-5)));
        assertEquals("start must be >= 0, got PT-0.005S", e.getMessage());
        assertEquals(0, TargetPlan.every(Duration.ofSeconds(1)).startNanos(), "no delay unless asked");
        assertEquals(300 * MS, TargetPlan.count(2, Duration.ofSeconds(1)).startAfter(Duration.ofMillis(300))
                .spec(ProbeSpec.DEFAULT).count(3).startNanos(), "the withers keep it");
    }
}
