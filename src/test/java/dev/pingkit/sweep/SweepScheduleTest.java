package dev.pingkit.sweep;

import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.engine.Stop;
import dev.pingkit.fakes.EchoPeer;
import dev.pingkit.fakes.FakeAddresses;
import dev.pingkit.fakes.FakeNet;
import dev.pingkit.fakes.FakeSocket;
import dev.pingkit.fakes.Wire;

import static dev.pingkit.fakes.FakeAddresses.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * fping's schedule on the shared fake network and clock, in milliseconds of fake time: without a count a silent
 * target is probed {@code -r} more times, each wait {@code -B} times the one before, and a target that answers is
 * probed no more; with a count there are no retries; the gap ({@code -i}) spaces the sends of all targets.
 */
class SweepScheduleTest {
    private final FakeNet net = new FakeNet();
    private final long start = net.clock.now;
    /** Send times per destination, in ms of fake time since the test began. */
    private final Map<InetAddress, List<Double>> sends = new LinkedHashMap<>();
    private final List<SweepEvent> events = new ArrayList<>();

    /** Every probe is recorded; {@code answer} decides who replies (after 2 ms) to which probe number. */
    private void network(java.util.function.BiPredicate<InetAddress, Integer> answer) {
        EchoPeer echo = new EchoPeer(FakeAddresses.client(false));
        echo.rttNanos = seq -> 2 * MS;
        net.peer = (s, icmp, dst, now) -> {
            List<Double> l = sends.computeIfAbsent(dst, k -> new ArrayList<>());
            l.add((now - start) / (double) MS);
            if (answer.test(dst, l.size())) {
                s.deliver(now + 2 * MS, Wire.delivered(s, dst, echo.client, 64, Wire.reply(icmp, false)), dst, 64);
            }
        };
    }

    private SweepResult run(Sweep sweep) throws Exception {
        return sweep.run(events::add, new Stop(), net.engines());
    }

    private double elapsedMs() {
        return (net.clock.now - start) / (double) MS;
    }

    @Test
    void aSilentTargetIsRetriedThreeTimesWithTheDefaultBackOff() throws Exception {
        network((dst, n) -> false);
        InetAddress t = FakeAddresses.target(false);
        SweepResult r = run(Sweep.of("198.51.100.2"));
        // fping 5.1: 500 ms, then 750, 1125 and 1687.5 ms waits (x1.5 each)
        assertEquals(List.of(0.0, 500.0, 1250.0, 2375.0), sends.get(t));
        assertEquals(4062.5, elapsedMs(), 0.001);
        assertEquals(4, r.get(0).sent());
        assertEquals(0, r.get(0).received());
        assertEquals(List.of(r.get(0).target()), r.unreachable());
        assertEquals(4, events.stream().filter(e -> e.outcome() instanceof ProbeEvent.Lost).count(), events::toString);
        // each loss carries its probe's send stamp from the engine's probe table
        assertEquals(List.of(0.0, 500.0, 1250.0, 2375.0), events.stream()
                .map(e -> (e.sentAtNanos() - FakeSocket.EPOCH - start) / (double) MS).toList(), events::toString);
        assertEquals(List.of(0, 1, 2, 3), events.stream().map(SweepEvent::attempt).toList());
    }

    @Test
    void retriesAndBackOffFollowDashRAndDashB() throws Exception {
        network((dst, n) -> false);
        run(Sweep.of("198.51.100.2").retries(2).backoff(2.0).timeout(Duration.ofMillis(100)));
        assertEquals(List.of(0.0, 100.0, 300.0), sends.get(FakeAddresses.target(false)));
        assertEquals(700.0, elapsedMs(), 0.001); // waits of 100, 200 and 400 ms
    }

    @Test
    void noRetriesMeansOneProbeAndOneTimeout() throws Exception {
        network((dst, n) -> false);
        run(Sweep.of("198.51.100.2").retries(0));
        assertEquals(List.of(0.0), sends.get(FakeAddresses.target(false)));
        assertEquals(500.0, elapsedMs(), 0.001);
    }

    @Test
    void aTargetThatAnswersARetryIsProbedNoMore() throws Exception {
        network((dst, n) -> n == 2);
        SweepResult r = run(Sweep.of("198.51.100.2"));
        assertEquals(List.of(0.0, 500.0), sends.get(FakeAddresses.target(false)));
        assertEquals(2, r.get(0).sent());
        assertEquals(1, r.get(0).received());
        assertEquals(List.of(r.get(0).target()), r.alive());
        // The run ends with the reply: nothing is left to wait for.
        assertEquals(502.0, elapsedMs(), 0.001);
    }

    @Test
    void withACountASilentTargetGetsExactlyThatManyProbesAndNoRetries() throws Exception {
        network((dst, n) -> false);
        SweepResult r = run(Sweep.of("198.51.100.2").count(3).interval(Duration.ofMillis(200)));
        assertEquals(List.of(0.0, 200.0, 400.0), sends.get(FakeAddresses.target(false)));
        assertEquals(3, r.get(0).sent());
        assertEquals(0, r.get(0).received());
    }

    @Test
    void theGapSpacesTheFirstProbesOfAllTargetsAndRetriesFollowEachTargetsOwnTimeout() throws Exception {
        network((dst, n) -> dst.equals(FakeAddresses.ip("198.51.100.3")));
        run(Sweep.of("198.51.100.2", "198.51.100.3", "198.51.100.4").gap(Duration.ofMillis(10)).retries(1));
        assertEquals(List.of(0.0, 500.0), sends.get(FakeAddresses.ip("198.51.100.2")));
        assertEquals(List.of(10.0), sends.get(FakeAddresses.ip("198.51.100.3")));
        assertEquals(List.of(20.0, 520.0), sends.get(FakeAddresses.ip("198.51.100.4")));
    }

    @Test
    void aStopEndsTheRetriesAndKeepsWhatWasFound() throws Exception {
        network((dst, n) -> false);
        Stop stop = new Stop();
        SweepResult r = Sweep.of("198.51.100.2").run(e -> {
            if (e.outcome() instanceof ProbeEvent.Lost) {
                stop.stop(); // after the first timeout
            }
        }, stop, net.engines());
        assertTrue(r.stopped());
        assertEquals(1, r.get(0).sent(), r::toString);
        assertEquals(List.of(0.0), sends.get(FakeAddresses.target(false)), "no retry after the stop");
        assertEquals(500.0, elapsedMs(), 0.001);
    }
}
