package dev.pingkit.sweep;

import dev.pingkit.engine.Stop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A real sweep over loopback (real sockets, the kernel's own replies), IPv4 and IPv6 in one run. */
class SweepLoopbackTest {

    @Test
    void countModeSendsExactlyThatManyToEachTargetAndTalliesThem() throws Exception {
        List<SweepEvent> events = new ArrayList<>();
        SweepResult r = Sweep.of("127.0.0.1", "::1").count(3).interval(Duration.ofMillis(20)).run(events::add);
        assertEquals(2, r.targets().size());
        for (TargetStats t : r.targets()) {
            assertEquals(3, t.sent(), t::toString);
            assertEquals(3, t.received(), t::toString);
            assertEquals(3, t.rttNanos().length);
            assertTrue(t.minNanos() > 0 && t.minNanos() <= t.avgNanos() && t.avgNanos() <= t.maxNanos(), t::toString);
            assertTrue(t.percentileNanos(50) >= t.minNanos() && t.percentileNanos(99) <= t.maxNanos());
        }
        assertEquals(6, events.stream().filter(e -> e.answers()).count());
        assertEquals(List.of(0, 1, 2), events.stream().filter(e -> e.target().index() == 1)
                .map(SweepEvent::attempt).toList());
        assertEquals(r.targets().stream().map(TargetStats::target).toList(), r.alive());
        assertTrue(r.toString().startsWith("2 targets, 2 alive, 0 unreachable"), r.toString());
        assertTrue(r.toString().contains("\n127.0.0.1 alive 3/3 rtt min/avg/max "), r.toString());
    }

    @Test
    void eachEventCarriesTheProbeAsSentAndTheReplyWhenAsked() throws Exception {
        List<SweepEvent> events = new ArrayList<>();
        long before = System.currentTimeMillis() * 1_000_000L;
        Sweep.of("127.0.0.1", "::1").count(2).interval(Duration.ofMillis(20)).ttl(9).run(new SweepListener() {
            @Override
            public void onEvent(SweepEvent e) {
                events.add(e);
            }

            @Override
            public boolean wantsMessages() {
                return true;
            }
        });
        long after = System.currentTimeMillis() * 1_000_000L + 1_000_000L;
        assertEquals(4, events.size(), events::toString);
        assertEquals(4, events.stream().map(e -> e.sent().seq()).distinct().count(), events::toString);
        for (SweepEvent e : events) {
            SweepEvent r = e;
            assertTrue(r.answers(), r::toString);
            assertEquals(9, r.sent().ttl());
            assertEquals(56, r.sent().size());
            assertTrue(r.sentAtNanos() >= before && r.sentAtNanos() <= after, r::toString);
            assertEquals(r.sent().id(), r.message().id());
            assertEquals(r.sent().seq(), r.message().seq());
            assertEquals(r.target().address().getAddress().length == 4 ? 0 : 129, r.message().type());
            assertTrue(r.ttl() > 0, r::toString);
        }
        List<SweepEvent> plain = new ArrayList<>();
        Sweep.of("127.0.0.1").count(1).run(plain::add);
        assertEquals(null, plain.get(0).message()); // not asked: nothing decoded
    }

    @Test
    void defaultModeStopsAtTheFirstReply() throws Exception {
        SweepResult r = Sweep.of("127.0.0.1").run();
        assertEquals(1, r.get(0).sent());
        assertEquals(1, r.get(0).received());
        assertEquals(List.of(), r.unreachable());
    }

    @Test
    void aStoppedSweepKeepsWhatItFound() throws Exception {
        Stop stop = new Stop();
        List<SweepEvent> seen = new ArrayList<>();
        SweepResult r = Sweep.of("127.0.0.1").count(1000).interval(Duration.ofMillis(10)).run(e -> {
            seen.add(e);
            if (seen.size() == 5) {
                stop.stop();
            }
        }, stop);
        assertTrue(r.stopped());
        assertTrue(r.get(0).received() >= 5 && r.get(0).received() < 1000, r.toString());
        assertEquals(r.get(0).sent(), r.get(0).received(), r.toString());
    }

    @Test
    void aLoopProbesEveryTargetUntilStoppedAndKeepsMinAvgMax() throws Exception {
        Stop stop = new Stop();
        List<SweepEvent> seen = new ArrayList<>();
        Sweep loop = Sweep.of("127.0.0.1", "::1").loop(true).interval(Duration.ofMillis(2));
        SweepResult r = loop.run(e -> {
            seen.add(e);
            if (seen.size() == 400) { // the stopper decides when it ends, not a count
                stop.stop();
            }
        }, stop);
        assertTrue(r.stopped());
        for (TargetStats t : r.targets()) {
            assertTrue(t.received() >= 150, t::toString);
            assertEquals(t.sent(), t.received(), t::toString);
            assertEquals(0, t.rttNanos().length, "a loop keeps no per-probe times");
            assertTrue(t.minNanos() > 0 && t.minNanos() <= t.avgNanos() && t.avgNanos() <= t.maxNanos(), t::toString);
            List<Integer> probes = seen.stream().filter(e -> e.target().equals(t.target()))
                    .map(SweepEvent::attempt).toList();
            assertEquals(java.util.stream.IntStream.range(0, t.sent()).boxed().toList(), probes,
                    "every probe of " + t.target() + " answered, in order");
        }
        assertTrue(loop.toString().contains("every 2 ms until stopped"), loop.toString());
        assertEquals(Duration.ofMillis(2), loop.timeout()); // a loop's timeout is its period, as with a count
    }

    @Test
    void settingsAreCheckedWithFieldValueAndRange() {
        Sweep s = Sweep.of(List.of(new SweepTarget(0, "127.0.0.1", InetAddress.getLoopbackAddress())));
        assertEquals("count must be 0..100000, got -1",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> s.count(-1))
                        .getMessage());
        assertEquals("backoff must be 1.0..5.0, got 0.5",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> s.backoff(0.5))
                        .getMessage());
        assertEquals(Duration.ofMillis(500), s.timeout());
        assertEquals(Duration.ofSeconds(1), s.count(2).timeout()); // with a count: the period, at most 2 s
    }
}
