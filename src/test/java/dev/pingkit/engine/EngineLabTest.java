package dev.pingkit.engine;

import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The multi-target engine against the lab: real peers in their own namespaces, from the client namespace. */
@LabTest
class EngineLabTest {

    @Test
    void aSweepOfTheWholeRangeInBothFamiliesOverOneSocketEachEndsWithExactCountsPerTarget() throws Exception {
        Lab.Range sweep = Lab.sweep();
        List<InetAddress> addresses = new ArrayList<>(sweep.all(4));
        addresses.addAll(sweep.all(6));
        assertEquals(2048, addresses.size(), "1024 addresses of each family: " + sweep);
        List<ProbeTarget> ts = new ArrayList<>();
        long[] answered = new long[addresses.size()];
        try (Engine e = Engine.open(EngineOptions.defaults().netns(Lab.CLIENT_NETNS)
                .gap(Duration.ofNanos(100_000)))) {
            for (InetAddress a : addresses) {
                ts.add(e.add(a, TargetPlan.count(2, Duration.ofMillis(300))
                        .spec(ProbeSpec.DEFAULT.timeout(Duration.ofSeconds(3)))));
            }
            // a flood-style listener: no event objects for sends and answers
            e.run(new ProbeListener() {
                @Override
                public void onEvent(ProbeEvent event) {
                }

                @Override
                public boolean wantsRoutineEvents() {
                    return false;
                }

                @Override
                public void onAnswered(int target, long number, long rttNanos) {
                    answered[target]++;
                }
            });
            for (ProbeTarget t : ts) {
                ProbeStatistics s = e.statistics(t);
                assertEquals(2, s.transmitted(), t.toString());
                assertEquals(2, s.received(), t.toString());
                assertEquals(0, s.duplicates() + s.errors() + s.corrupted(), t.toString());
                assertEquals(2, answered[t.index()], t.toString());
                assertTrue(s.minNanos() > 0, t + " " + s);
            }
        }
    }

    @Test
    void aTracerouteBatchToTheFarHostMeetsTheRouterThenTheHost() throws Exception {
        InetAddress far = Lab.host(Lab.FAR).v4();
        InetAddress router = Lab.host(Lab.ROUTER).v4();
        List<ProbeEvent> events = new ArrayList<>();
        try (Engine e = Engine.open(EngineOptions.defaults().netns(Lab.CLIENT_NETNS))) {
            ProbeTarget t = e.add(far, TargetPlan.explicit());
            for (int ttl = 1; ttl <= 3; ttl++) {
                e.probe(t, ProbeSpec.DEFAULT.ttl(ttl).timeout(Duration.ofSeconds(3)), ttl);
            }
            e.run(events::add);
        }
        ProbeEvent.Failed hop1 = events.stream().filter(ev -> ev instanceof ProbeEvent.Failed)
                .map(ev -> (ProbeEvent.Failed) ev).findFirst().orElseThrow(() -> new AssertionError(events));
        assertEquals(1, hop1.probe().tag());
        assertEquals(11, hop1.error().type(), hop1.toString());
        assertEquals(router, hop1.reporter(), hop1.toString());
        assertEquals(List.of(2, 3), events.stream().filter(ev -> ev instanceof ProbeEvent.Answered)
                .map(ev -> ev.probe().tag()).toList(), events.toString());
    }
}
