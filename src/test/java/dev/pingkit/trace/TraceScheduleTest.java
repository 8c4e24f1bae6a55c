package dev.pingkit.trace;

import dev.pingkit.engine.Stop;
import dev.pingkit.fakes.FakeAddresses;
import dev.pingkit.fakes.FakeNet;
import dev.pingkit.fakes.Wire;

import static dev.pingkit.fakes.FakeAddresses.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@link Trace#run} through the mode's seam on the shared fake network and clock: Debian traceroute's wait rule
 * ({@code -w MAX,HERE,NEAR}: a probe waits HERE x (the RTT of an answered probe of its hop + 1 ms), else NEAR x
 * that of a later hop's, never more than MAX) in milliseconds of fake time, and the stop token.
 */
class TraceScheduleTest {
    private static final InetAddress CLIENT = FakeAddresses.client(false);
    private static final InetAddress TARGET = FakeAddresses.ip("198.18.13.2");
    private static final InetAddress ROUTER = FakeAddresses.ip("198.18.10.1");

    private final FakeNet net = new FakeNet();
    private final long start = net.clock.now;
    private final List<Double> sendMs = new ArrayList<>();
    private final List<Hop> hops = new ArrayList<>();

    /**
     * A two-hop path: the router at TTL 1 answers only the first probe of its hop, after {@code routerMs}; the
     * destination (TTL 2 and beyond) answers every probe after 4 ms.
     */
    private void path(long routerMs) {
        int[] atTtl1 = {0};
        net.peer = (s, icmp, dst, now) -> {
            sendMs.add((now - start) / (double) MS);
            if (s.ttl == 1) {
                if (atTtl1[0]++ == 0) {
                    byte[] err = Wire.error(11, 0, icmp, CLIENT, dst);
                    s.deliver(now + routerMs * MS, Wire.delivered(s, ROUTER, CLIENT, 64, err), ROUTER, 64);
                }
            } else {
                s.deliver(now + 4 * MS, Wire.delivered(s, dst, CLIENT, 63, Wire.reply(icmp, false)), dst, 63);
            }
        };
    }

    private Route run(Trace trace, Stop stop) throws Exception {
        return trace.run(hops::add, stop, net.engines());
    }

    private double elapsedMs() {
        return (net.clock.now - start) / (double) MS;
    }

    @Test
    void unansweredProbesOfAHopWithAnAnswerWaitHereTimesItsRttPlusAMillisecond() throws Exception {
        path(2);
        Route r = run(Trace.to(TARGET), new Stop());
        assertEquals(java.util.Collections.nCopies(16, 0.0), sendMs.subList(0, 16), "16 probes at once (TTL 1..6)");
        // 3 x (2 + 1) ms, long before the 5 s at most
        assertEquals(9.0, elapsedMs(), 1e-9);
        assertEquals(2, r.hops().size());
        Hop first = r.hops().get(0);
        assertFalse(first.probes().get(0).timedOut());
        assertTrue(first.probes().get(1).timedOut() && first.probes().get(2).timedOut(), first::toString);
        assertTrue(r.reached());
        assertEquals(r.hops(), hops, "each hop handed over as it ended");
    }

    @Test
    void withoutTheHereRuleTheyWaitNearTimesTheRttOfALaterHop() throws Exception {
        path(2);
        run(Trace.to(TARGET).waitHere(0), new Stop());
        // 10 x (4 + 1) ms: the destination's answers at TTL 2
        assertEquals(50.0, elapsedMs(), 1e-9);
    }

    @Test
    void withNeitherRuleTheyWaitTheMaximum() throws Exception {
        path(2);
        run(Trace.to(TARGET).waitHere(0).waitNear(0).waitMax(Duration.ofMillis(700)), new Stop());
        assertEquals(700.0, elapsedMs(), 1e-9);
    }

    @Test
    void theMaximumCapsAFactorTimesALongRtt() throws Exception {
        path(100);
        run(Trace.to(TARGET).waitNear(0).waitMax(Duration.ofMillis(250)), new Stop());
        // once the first answers at 100 ms: 3 x (100 + 1) = 303 ms, capped at 250
        assertEquals(250.0, elapsedMs(), 1e-9);
    }

    @Test
    void aSilentPathWaitsTheMaximumForEveryBatch() throws Exception {
        net.peer = (s, icmp, dst, now) -> sendMs.add((now - start) / (double) MS);
        Route r = run(Trace.to(TARGET).maxHops(4).probes(1).simultaneous(2).waitMax(Duration.ofMillis(300)),
                new Stop());
        assertEquals(List.of(0.0, 0.0, 300.0, 300.0), sendMs);
        assertEquals(600.0, elapsedMs(), 1e-9);
        assertEquals(4, r.hops().size());
        assertFalse(r.reached());
    }

    @Test
    void aStopEndsTheTraceWithTheHopsThatEnded() throws Exception {
        Stop stop = new Stop();
        path(2);
        var answering = net.peer;
        net.peer = (s, icmp, dst, now) -> {
            answering.onSend(s, icmp, dst, now);
            if (s.ttl == 2) {
                stop.stop(); // as the first probe of hop 2 leaves
            }
        };
        Route r = run(Trace.to(TARGET).simultaneous(1), stop);
        assertEquals(1, r.hops().size(), r::toString);
        assertEquals(1, r.hops().get(0).ttl());
        assertEquals(4, sendMs.size(), sendMs::toString);
        assertEquals(List.of(r.hops().get(0)), hops);
    }

    @Test
    void aStopBeforeTheRunSendsNothing() throws Exception {
        path(2);
        Stop stop = new Stop();
        stop.stop();
        Route r = run(Trace.to(TARGET), stop);
        assertEquals(List.of(), r.hops());
        assertEquals(List.of(), sendMs);
        assertEquals("traceroute to 198.18.13.2 (198.18.13.2), 30 hops max, 60 byte packets", r.header());
    }
}
