package dev.pingkit.engine;

import dev.pingkit.fakes.FakeNet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A listener that keeps its own schedule: {@link Engine#sendNow} from its turns and {@link Engine#finish}. */
@org.junit.jupiter.api.Timeout(30) // a continuous run that finish() failed to end would otherwise never return
class EngineTurnsTest {
    static final long MS = 1_000_000L;

    /** Sends {@code count} probes {@code gap} apart from its turns, and finishes the run once the last has ended. */
    static final class OwnSchedule implements ProbeListener {
        final FakeNet net;
        final ProbeTarget target;
        final int count;
        final long gap;
        final List<ProbeEvent> events = new ArrayList<>();
        final List<Long> sendTimes = new ArrayList<>();
        long start = -1;
        long next;
        int sent;
        int ended;

        OwnSchedule(FakeNet net, ProbeTarget target, int count, long gap) {
            this.net = net;
            this.target = target;
            this.count = count;
            this.gap = gap;
        }

        @Override
        public boolean wantsTurns() {
            return true;
        }

        @Override
        public void onTurn(long now, boolean idle) {
            if (start < 0) {
                start = now;
                next = now;
            }
            if (ended == count) {
                net.engine.finish();
                return;
            }
            if (sent < count && now >= next) {
                try {
                    net.engine.sendNow(target, ProbeSpec.DEFAULT, 7);
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
                sendTimes.add(now - start);
                sent++;
                next = now + gap;
            }
        }

        @Override
        public long nextTurn() {
            return sent < count ? next : Long.MAX_VALUE;
        }

        @Override
        public void onEvent(ProbeEvent e) {
            events.add(e);
            if (e instanceof ProbeEvent.Answered || e instanceof ProbeEvent.Lost) {
                ended++;
            }
        }
    }

    @Test
    void aListenerSendsOnItsOwnBeatFromItsTurnsAndEndsTheRunWithFinish() throws Exception {
        FakeNet net = new FakeNet(dev.pingkit.socket.SocketKind.RAW, EngineOptions.defaults().identifier(0x1234)
                .continuous(true)); // without finish() this run would never end
        net.peer = FakeNet.answering(MS);
        ProbeTarget t = net.engine.add(FakeNet.ip("198.51.100.7"), TargetPlan.explicit());
        OwnSchedule s = new OwnSchedule(net, t, 3, 10 * MS);
        net.engine.run(s);
        assertEquals(List.of(0L, 10 * MS, 20 * MS), s.sendTimes);
        List<ProbeEvent.Answered> answered = s.events.stream().filter(ProbeEvent.Answered.class::isInstance)
                .map(ProbeEvent.Answered.class::cast).toList();
        assertEquals(3, answered.size(), s.events.toString());
        assertEquals(List.of(1L, 2L, 3L), answered.stream().map(a -> a.probe().number()).toList());
        assertTrue(answered.stream().allMatch(a -> a.probe().tag() == 7 && a.rttNanos() == MS), s.events.toString());
        assertEquals(3, net.engine.statistics(t).transmitted());
        assertEquals(3, net.engine.statistics(t).received());
    }

    @Test
    void finishEndsTheProbesStillInFlightAsLostNotStopped() throws Exception {
        FakeNet net = new FakeNet(dev.pingkit.socket.SocketKind.RAW, EngineOptions.defaults().identifier(0x1234)
                .continuous(true));
        ProbeTarget t = net.engine.add(FakeNet.ip("198.51.100.7"), TargetPlan.explicit());
        long start = net.clock.now;
        ProbeListener l = new ProbeListener() {
            boolean sent;

            @Override
            public boolean wantsTurns() {
                return true;
            }

            @Override
            public void onTurn(long now, boolean idle) {
                if (!sent) {
                    sent = true;
                    try {
                        net.engine.sendNow(t, ProbeSpec.DEFAULT, 0); // lost only after 10 s by itself
                    } catch (java.io.IOException e) {
                        throw new AssertionError(e);
                    }
                } else if (now - start >= 5 * MS) {
                    net.engine.finish();
                }
            }

            @Override
            public long nextTurn() {
                return start + 5 * MS;
            }

            @Override
            public void onEvent(ProbeEvent e) {
                net.events.add(e);
            }
        };
        net.engine.run(l);
        List<ProbeEvent.Lost> lost = net.events(ProbeEvent.Lost.class);
        assertEquals(1, lost.size(), net.events.toString());
        assertFalse(lost.get(0).stopped(), "the schedule gave up on it: not a stop");
        assertEquals(5 * MS, net.clock.now - start, "ended by finish(), not at the probe's 10 s timeout");
        assertEquals(1, net.engine.statistics(t).transmitted());
    }

    @Test
    void sendNowAndFinishBelongToTheRunsOwnThread() throws Exception {
        FakeNet net = new FakeNet();
        ProbeTarget t = net.engine.add(FakeNet.ip("198.51.100.7"), TargetPlan.explicit());
        assertThrows(IllegalStateException.class, () -> net.engine.sendNow(t, ProbeSpec.DEFAULT, 0));
        assertThrows(IllegalStateException.class, net.engine::finish);
    }
}
