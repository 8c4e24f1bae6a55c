package dev.pingkit.engine;

import dev.pingkit.ping.LoopbackTest;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The multi-target engine over real sockets on loopback: the kernel answers. Needs root (raw sockets). */
class EngineLoopbackTest {

    @Test
    void ipv4AndIpv6AndTheAnyAddressAreAnsweredInOneRunOverOneSocketEach() throws Exception {
        LoopbackTest.assumeRoot("a raw-socket engine run");
        List<ProbeEvent> events = new ArrayList<>();
        List<ProbeTarget> ts = new ArrayList<>();
        try (Engine e = Engine.open(EngineOptions.defaults().raw())) {
            for (String host : new String[] {"127.0.0.1", "::1", "0.0.0.0", "::"}) {
                ts.add(e.add(InetAddress.getByName(host), TargetPlan.count(5, Duration.ofMillis(5))
                        .spec(ProbeSpec.DEFAULT.timeout(Duration.ofSeconds(5)))));
            }
            e.run(events::add);
            for (ProbeTarget t : ts) {
                ProbeStatistics s = e.statistics(t);
                assertEquals(5, s.transmitted(), t.toString());
                assertEquals(5, s.received(), t + ": " + events);
                assertEquals(0, s.duplicates(), t.toString());
            }
            assertTrue(e.raw(InetAddress.getByName("::1")));
        }
        for (ProbeEvent ev : events) {
            if (ev instanceof ProbeEvent.Answered a) {
                assertTrue(a.rttNanos() > 0 && a.rttNanos() < 5_000_000_000L, a.toString());
                assertTrue(a.from().isLoopbackAddress(), a.toString());
                assertEquals(64, a.length());
            }
        }
        assertEquals(20, events.stream().filter(ev -> ev instanceof ProbeEvent.Answered).count());
    }

    @Test
    void stopFromAnotherThreadEndsAContinuousRunAtOnce() throws Exception {
        LoopbackTest.assumeRoot("a raw-socket engine run");
        try (Engine e = Engine.open(EngineOptions.defaults().raw().continuous(true))) {
            ProbeTarget t = e.add(InetAddress.getByName("127.0.0.1"), TargetPlan.every(Duration.ofMillis(20)));
            CountDownLatch answered = new CountDownLatch(3);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread runner = new Thread(() -> {
                try {
                    e.run(ev -> {
                        if (ev instanceof ProbeEvent.Answered) {
                            answered.countDown();
                        }
                    });
                } catch (Throwable x) {
                    failure.set(x);
                }
            });
            runner.start();
            assertTrue(answered.await(10, TimeUnit.SECONDS), "three answers");
            // a target added from this thread while the run goes on is probed too
            ProbeTarget late = e.add(InetAddress.getByName("::1"), TargetPlan.count(2, Duration.ofMillis(5)));
            long until = System.nanoTime() + 10_000_000_000L;
            while (e.statistics(late).received() < 2 && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertEquals(2, e.statistics(late).received(), "the target added meanwhile");
            long before = System.nanoTime();
            e.stop();
            runner.join(5_000);
            assertTrue(!runner.isAlive(), "the run ended");
            assertTrue(System.nanoTime() - before < 2_000_000_000L, "at once, not at a timeout");
            assertEquals(null, failure.get());
            ProbeStatistics s = e.statistics(t);
            assertTrue(s.received() >= 3, s.toString());
            assertInstanceOf(IllegalStateException.class, org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalStateException.class, () -> e.run(ProbeListener.NONE)));
        }
    }

    @Test
    void anInterruptOfTheRunsThreadStopsTheRunAndLeavesTheFlagSet() throws Exception {
        LoopbackTest.assumeRoot("a raw-socket engine run");
        try (Engine e = Engine.open(EngineOptions.defaults().raw().continuous(true))) {
            e.add(InetAddress.getByName("127.0.0.1"), TargetPlan.every(Duration.ofMillis(20)));
            CountDownLatch answered = new CountDownLatch(2);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicReference<Boolean> flagAfter = new AtomicReference<>();
            List<ProbeEvent> lost = new ArrayList<>();
            Thread runner = new Thread(() -> {
                try {
                    e.run(ev -> {
                        if (ev instanceof ProbeEvent.Answered) {
                            answered.countDown();
                        } else if (ev instanceof ProbeEvent.Lost) {
                            lost.add(ev);
                        }
                    });
                    flagAfter.set(Thread.currentThread().isInterrupted());
                } catch (Throwable x) {
                    failure.set(x);
                }
            });
            runner.start();
            assertTrue(answered.await(10, TimeUnit.SECONDS), "two answers");
            long before = System.nanoTime();
            runner.interrupt();
            runner.join(5_000);
            assertTrue(!runner.isAlive(), "the interrupted run ended");
            assertTrue(System.nanoTime() - before < 2_000_000_000L, "within a turn, not at a timeout");
            assertEquals(null, failure.get());
            assertEquals(Boolean.TRUE, flagAfter.get(), "the interrupt flag is left for the caller");
            assertTrue(e.stopped(), "stopped as stop() stops it");
            assertTrue(lost.stream().allMatch(l -> ((ProbeEvent.Lost) l).stopped()), lost.toString());
        }
    }
}
