package dev.pingkit.engine;

import dev.pingkit.fakes.FakeNet;
import dev.pingkit.fakes.FakeSocket;
import dev.pingkit.fakes.Wire;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.pingkit.fakes.FakeNet.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Probes carrying their own sequence numbers over the fake network: the table keeps them apart by (target, id, seq),
 * a probe whose (target, seq) is in flight waits for it, and a late reply stays the late reply of its own probe.
 */
class EngineOwnSequenceTest {
    static final long MS = 1_000_000L;
    static final InetAddress A = ip("198.51.100.1");
    static final InetAddress B = ip("198.51.100.2");

    /** What went out: destination, seq and payload size of each send, at the fake clock's time. */
    record Send(InetAddress to, int seq, int size, long at) {
    }

    private static FakeSocket.Peer answering(List<Send> log, Map<InetAddress, Long> delay) {
        return (s, icmp, dst, now) -> {
            log.add(new Send(dst, Wire.seq(icmp), icmp.length - 8, now));
            Long d = delay.get(dst);
            if (d != null) {
                s.deliver(now + d, Wire.delivered(s, dst, dst, 64, Wire.reply(icmp, false)), dst, 64);
            }
        };
    }

    private static ProbeSpec spec(int size, long timeoutMs) {
        return ProbeSpec.DEFAULT.payloadSize(size).timeout(Duration.ofMillis(timeoutMs));
    }

    @Test
    void twoTargetsCarryingOneSeqAtOnceEachGetTheirOwnAnswer() throws Exception {
        FakeNet net = new FakeNet();
        List<Send> log = new ArrayList<>();
        // B answers first, so its reply meets the table while A's probe with the same seq is still in flight
        net.peer = answering(log, Map.of(A, 5 * MS, B, 2 * MS));
        ProbeTarget a = net.engine.add(A, TargetPlan.explicit());
        ProbeTarget b = net.engine.add(B, TargetPlan.explicit());
        for (int seq = 1; seq <= 3; seq++) {
            net.engine.probe(a, spec(56, 1000), 10 + seq, seq);
            net.engine.probe(b, spec(56, 1000), 20 + seq, seq);
        }
        net.run();
        assertEquals(List.of(1, 1, 2, 2, 3, 3), log.stream().map(Send::seq).toList(), "every seq as asked");
        List<ProbeEvent.Answered> answers = net.events(ProbeEvent.Answered.class);
        assertEquals(6, answers.size(), net.events.toString());
        for (ProbeEvent.Answered x : answers) {
            boolean toA = x.probe().target().equals(a);
            assertEquals(toA ? A : B, x.from(), x.toString());
            assertEquals((toA ? 10 : 20) + x.probe().seq(), x.probe().tag(), x.toString());
            assertEquals(toA ? 5 * MS : 2 * MS, x.rttNanos(), x.toString());
            assertEquals(0x1234, x.probe().id());
        }
        assertTrue(net.events(ProbeEvent.Lost.class).isEmpty());
        assertTrue(net.events(ProbeEvent.Stray.class).isEmpty());
    }

    @Test
    void aProbeWhoseTargetAndSeqAreInFlightGoesOnceThatOneEnded() throws Exception {
        FakeNet net = new FakeNet();
        List<Send> log = new ArrayList<>();
        net.peer = answering(log, Map.of(A, 10 * MS));
        ProbeTarget a = net.engine.add(A, TargetPlan.explicit());
        long start = net.clock.now;
        for (int i = 0; i < 3; i++) {
            net.engine.probe(a, spec(100 * i, 500), i + 1, 7); // sizes at one seq
        }
        net.run();
        assertEquals(List.of(new Send(A, 7, 0, start), new Send(A, 7, 100, start + 10 * MS),
                new Send(A, 7, 200, start + 20 * MS)), log, "each waits for the answer to the one before");
        List<ProbeEvent.Answered> answers = net.events(ProbeEvent.Answered.class);
        assertEquals(List.of(1, 2, 3), answers.stream().map(x -> x.probe().tag()).toList());
        assertEquals(List.of(0, 100, 200), answers.stream().map(x -> x.probe().size()).toList());
        assertTrue(net.events(ProbeEvent.Corrupted.class).isEmpty(), "each reply met its own payload");
    }

    @Test
    void aWaitingProbeGoesAtTheLostOnesTimeoutAndProbesOfOtherSeqsDoNotWaitBehindIt() throws Exception {
        FakeNet net = new FakeNet();
        List<Send> log = new ArrayList<>();
        net.peer = answering(log, Map.of()); // nothing answers
        ProbeTarget a = net.engine.add(A, TargetPlan.explicit());
        ProbeTarget b = net.engine.add(B, TargetPlan.explicit());
        long start = net.clock.now;
        net.engine.probe(a, spec(0, 300), 1, 4);
        net.engine.probe(a, spec(8, 300), 2, 4);
        net.engine.probe(b, spec(0, 300), 3, 4);
        net.engine.probe(a, spec(0, 300), 4, 5);
        net.run();
        assertEquals(List.of(new Send(A, 4, 0, start), new Send(B, 4, 0, start), new Send(A, 5, 0, start),
                new Send(A, 4, 8, start + 300 * MS)), log);
        List<Integer> lost = net.events(ProbeEvent.Lost.class).stream().map(l -> l.probe().tag()).toList();
        assertEquals(java.util.Set.of(1, 3, 4), java.util.Set.copyOf(lost.subList(0, 3)), lost.toString());
        assertEquals(2, lost.get(3), "the waiting probe ends last, a timeout after the one it waited for");
        assertEquals(start + 600 * MS, net.clock.now, "the run ends when the waiting probe's own timeout ends");
    }

    @Test
    void aLateReplyAfterItsSeqWentToAnotherTargetIsLateForItsOwnProbe() throws Exception {
        FakeNet net = new FakeNet();
        List<Send> log = new ArrayList<>();
        // A answers after its probe's timeout; B, probed with A's seq once A's probe is lost, answers later still
        net.peer = answering(log, Map.of(A, 300 * MS, B, 500 * MS));
        ProbeTarget a = net.engine.add(A, TargetPlan.explicit());
        ProbeTarget b = net.engine.add(B, TargetPlan.explicit());
        net.engine.probe(a, spec(56, 100), 1, 9);
        net.engine.run(e -> {
            net.events.add(e);
            if (e instanceof ProbeEvent.Lost l && l.probe().tag() == 1) {
                net.engine.probe(b, spec(56, 1000), 2, 9);
            }
        });
        assertEquals(List.of(A, B), log.stream().map(Send::to).toList());
        assertEquals(List.of(9, 9), log.stream().map(Send::seq).toList());
        List<ProbeEvent.Late> late = net.events(ProbeEvent.Late.class);
        assertEquals(1, late.size(), net.events.toString());
        assertEquals(a, late.get(0).probe().target());
        assertEquals(300 * MS, late.get(0).rttNanos());
        List<ProbeEvent.Answered> answers = net.events(ProbeEvent.Answered.class);
        assertEquals(1, answers.size(), net.events.toString());
        assertEquals(b, answers.get(0).probe().target());
        assertEquals(500 * MS, answers.get(0).rttNanos());
    }

    @Test
    void aLateReplyAfterItsSeqWentAgainToItsTargetIsLateNotTheNextProbesCorruptedAnswer() throws Exception {
        FakeNet net = new FakeNet();
        List<Send> log = new ArrayList<>();
        // size 0 is answered after its 100 ms timeout, at 150 ms, while size 8 (sent at its loss) is in flight
        net.peer = (s, icmp, dst, now) -> {
            log.add(new Send(dst, Wire.seq(icmp), icmp.length - 8, now));
            long delay = icmp.length == 8 ? 150 * MS : 100 * MS;
            s.deliver(now + delay, Wire.delivered(s, dst, dst, 64, Wire.reply(icmp, false)), dst, 64);
        };
        ProbeTarget a = net.engine.add(A, TargetPlan.explicit());
        long start = net.clock.now;
        net.engine.probe(a, spec(0, 100), 1, 5);
        net.engine.probe(a, spec(8, 1000), 2, 5);
        net.run();
        assertEquals(List.of(new Send(A, 5, 0, start), new Send(A, 5, 8, start + 100 * MS)), log);
        List<ProbeEvent.Late> late = net.events(ProbeEvent.Late.class);
        assertEquals(1, late.size(), net.events.toString());
        assertEquals(1, late.get(0).probe().tag());
        assertEquals(150 * MS, late.get(0).rttNanos());
        assertTrue(net.events(ProbeEvent.Corrupted.class).isEmpty(), net.events.toString());
        List<ProbeEvent.Answered> answers = net.events(ProbeEvent.Answered.class);
        assertEquals(List.of(2), answers.stream().map(x -> x.probe().tag()).toList());
        assertEquals(100 * MS, answers.get(0).rttNanos());
    }

    @Test
    void aSeqSentManyTimesToOneTargetKeepsTwoSlotsAndEveryProbeEndsItsOwnWay() throws Exception {
        FakeNet net = new FakeNet();
        List<Send> log = new ArrayList<>();
        net.peer = answering(log, Map.of(A, MS));
        ProbeTarget a = net.engine.add(A, TargetPlan.explicit());
        for (int i = 0; i < 50; i++) {
            net.engine.probe(a, spec(i, 1000), i + 1, 3);
        }
        net.run();
        assertEquals(50, log.size());
        assertTrue(log.stream().allMatch(x -> x.seq() == 3), log.toString());
        assertEquals(50, net.events(ProbeEvent.Answered.class).size(), net.events.toString());
    }

    @Test
    void anErrorQuotingASharedSeqFailsTheProbeToTheQuotedTarget() throws Exception {
        FakeNet net = new FakeNet();
        InetAddress me = ip("198.51.100.254");
        InetAddress router = ip("198.18.0.1");
        net.peer = (s, icmp, dst, now) -> {
            if (dst.equals(B)) {
                s.deliver(now + MS, Wire.delivered(s, router, me, 64, Wire.error(11, 0, icmp, me, dst)), router, 64);
            } else {
                s.deliver(now + 2 * MS, Wire.delivered(s, dst, dst, 64, Wire.reply(icmp, false)), dst, 64);
            }
        };
        ProbeTarget a = net.engine.add(A, TargetPlan.explicit());
        ProbeTarget b = net.engine.add(B, TargetPlan.explicit());
        net.engine.probe(a, spec(56, 1000), 1, 3);
        net.engine.probe(b, spec(56, 1000), 2, 3);
        net.run();
        List<ProbeEvent.Failed> failed = net.events(ProbeEvent.Failed.class);
        assertEquals(1, failed.size(), net.events.toString());
        assertEquals(b, failed.get(0).probe().target());
        assertEquals(router, failed.get(0).reporter());
        assertEquals(a, net.events(ProbeEvent.Answered.class).get(0).probe().target());
    }

    @Test
    void aThousandTargetsSharingOneSeqEachGetTheirOwnAnswer() throws Exception {
        FakeNet net = new FakeNet();
        net.peer = FakeNet.answering(3 * MS);
        List<ProbeTarget> ts = new ArrayList<>();
        for (int i = 0; i < 1024; i++) {
            ProbeTarget t = net.engine.add(FakeNet.sweep(i), TargetPlan.explicit());
            net.engine.probe(t, spec(56, 1000), i + 1, 42);
            ts.add(t);
        }
        net.run();
        List<ProbeEvent.Answered> answers = net.events(ProbeEvent.Answered.class);
        assertEquals(1024, answers.size(), net.events(ProbeEvent.Stray.class).toString());
        for (ProbeEvent.Answered x : answers) {
            assertEquals(42, x.probe().seq());
            assertEquals(ts.get(x.probe().tag() - 1), x.probe().target());
            assertEquals(x.probe().target().address(), x.from());
        }
    }

    @Test
    void aSeqOutsideTheFamilysRangeIsAOneLineError() throws Exception {
        FakeNet net = new FakeNet();
        ProbeTarget a = net.engine.add(A, TargetPlan.explicit());
        assertEquals("seq must be 0..65535 for " + a + ", got 65536", assertThrows(IllegalArgumentException.class,
                () -> net.engine.probe(a, ProbeSpec.DEFAULT, 1, 65536)).getMessage());
        assertEquals("seq must be 0..65535 for " + a + ", got -1", assertThrows(IllegalArgumentException.class,
                () -> net.engine.probe(a, ProbeSpec.DEFAULT, 1, -1)).getMessage());
    }
}
