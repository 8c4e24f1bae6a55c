package dev.pingkit.engine;

import dev.pingkit.fakes.FakeNet;
import dev.pingkit.fakes.FakeSocket;
import dev.pingkit.fakes.Wire;
import dev.pingkit.socket.Family;
import dev.pingkit.socket.Inbound;
import dev.pingkit.socket.NativeSocketException;
import dev.pingkit.socket.SocketKind;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.pingkit.fakes.FakeNet.ip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The multi-target engine over in-memory sockets on fake time: schedule, matching, lifecycle, statistics. */
class EngineTest {
    static final long MS = 1_000_000L;
    static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void oneProbeIsSentAndAnsweredWithTheRttOfTheProbeTable() throws Exception {
        FakeNet net = new FakeNet();
        net.peer = FakeNet.answering(3 * MS);
        ProbeTarget t = net.engine.add(ip("198.51.100.7"), TargetPlan.count(1, SECOND));
        net.run();
        assertEquals(2, net.events.size(), net.events.toString());
        ProbeEvent.Sent sent = (ProbeEvent.Sent) net.events.get(0);
        ProbeEvent.Answered a = (ProbeEvent.Answered) net.events.get(1);
        assertEquals(t, sent.probe().target());
        assertEquals(1, sent.probe().number());
        assertEquals(0x1234, sent.probe().id());
        assertEquals(3 * MS, a.rttNanos());
        assertEquals(ip("198.51.100.7"), a.from());
        assertEquals(64, a.ttl());
        assertEquals(64, a.length());
        ProbeStatistics s = net.engine.statistics(t);
        assertEquals(1, s.transmitted());
        assertEquals(1, s.received());
        assertEquals(3_000_000, s.minNanos());
    }

    @Test
    void anUnansweredProbeIsLostAtItsTimeoutAsAnEvent() throws Exception {
        FakeNet net = new FakeNet();
        long start = net.clock.now;
        net.engine.add(ip("198.51.100.7"),
                TargetPlan.count(1, SECOND).spec(ProbeSpec.DEFAULT.timeout(Duration.ofMillis(700))));
        net.run();
        List<ProbeEvent.Lost> lost = net.events(ProbeEvent.Lost.class);
        assertEquals(1, lost.size());
        assertFalse(lost.get(0).stopped());
        assertEquals(start + 700 * MS, net.clock.now, "the run ends at the timeout, not later");
    }

    @Test
    void aThousandTwentyFourTargetsOverOneSocketEndWithExactCountsEach() throws Exception {
        FakeNet net = new FakeNet();
        // Even addresses answer every probe; odd ones answer only the second.
        java.util.Map<InetAddress, Integer> sends = new java.util.HashMap<>();
        net.peer = (s, icmp, dst, now) -> {
            int n = sends.merge(dst, 1, Integer::sum);
            if ((dst.getAddress()[3] & 1) == 0 || n == 2) {
                s.deliver(now + 2 * MS, Wire.delivered(s, dst, dst, 64, Wire.reply(icmp, false)), dst, 64);
            }
        };
        List<ProbeTarget> ts = new ArrayList<>();
        for (int i = 0; i < 1024; i++) {
            ts.add(net.engine.add(FakeNet.sweep(i), TargetPlan.count(3, Duration.ofMillis(100))
                    .spec(ProbeSpec.DEFAULT.timeout(Duration.ofMillis(500)))));
        }
        net.run();
        assertEquals(1, net.sockets.size(), "one socket for all IPv4 targets");
        assertEquals(3 * 1024, net.sockets.get(Family.IPV4).sent.size());
        for (ProbeTarget t : ts) {
            ProbeStatistics s = net.engine.statistics(t);
            assertEquals(3, s.transmitted(), t.toString());
            assertEquals((t.address().getAddress()[3] & 1) == 0 ? 3 : 1, s.received(), t.toString());
        }
        assertEquals(3 * 1024, net.events(ProbeEvent.Sent.class).size());
        assertEquals(512 * 3 + 512, net.events(ProbeEvent.Answered.class).size());
        assertEquals(512 * 2, net.events(ProbeEvent.Lost.class).size());
    }

    @Test
    void ipv4AndIpv6TargetsMixInOneRunOverOneSocketEach() throws Exception {
        FakeNet net = new FakeNet();
        net.peer = FakeNet.answering(MS);
        ProbeTarget v4 = net.engine.add(ip("198.51.100.1"), TargetPlan.count(2, Duration.ofMillis(10)));
        ProbeTarget v6 = net.engine.add(ip("2001:db8::1"), TargetPlan.count(2, Duration.ofMillis(10)));
        net.run();
        assertEquals(2, net.sockets.size());
        assertEquals(2, net.engine.statistics(v4).received());
        assertEquals(2, net.engine.statistics(v6).received());
    }

    @Test
    void aTracerouteBatchEndsInTimeExceededFromEachRouterThenTheAnswer() throws Exception {
        FakeNet net = new FakeNet();
        InetAddress dst = ip("198.51.100.9");
        InetAddress me = ip("198.51.100.254");
        FakeSocket[] sock = new FakeSocket[1];
        net.peer = (s, icmp, to, now) -> {
            sock[0] = s;
            if (s.ttl >= 1 && s.ttl < 4) {
                InetAddress router = ip("198.18.0." + s.ttl);
                s.deliver(now + s.ttl * MS, Wire.delivered(s, router, me, 64,
                        Wire.error(11, 0, icmp, me, to)), router, 64);
            } else {
                s.deliver(now + 4 * MS, Wire.delivered(s, to, me, 64, Wire.reply(icmp, false)), to, 64);
            }
        };
        ProbeTarget t = net.engine.add(dst, TargetPlan.explicit());
        for (int ttl = 1; ttl <= 5; ttl++) {
            net.engine.probe(t, ProbeSpec.DEFAULT.ttl(ttl).timeout(SECOND), ttl);
        }
        net.run();
        List<ProbeEvent.Failed> failed = net.events(ProbeEvent.Failed.class);
        assertEquals(3, failed.size(), net.events.toString());
        for (ProbeEvent.Failed f : failed) {
            assertEquals(ip("198.18.0." + f.probe().tag()), f.reporter());
            assertEquals(f.probe().tag(), f.probe().ttl());
            assertEquals(11, f.error().type());
        }
        assertEquals(List.of(4, 5), net.events(ProbeEvent.Answered.class).stream().map(a -> a.probe().tag()).toList());
        assertEquals(3, net.engine.statistics(t).errors());
    }

    @Test
    void duplicatesLateRepliesAndCorruptedRepliesAreEventsBesideTheLifecycle() throws Exception {
        FakeNet net = new FakeNet();
        net.peer = (s, icmp, dst, now) -> {
            byte[] reply = Wire.reply(icmp, false);
            switch (Wire.seq(icmp)) {
                case 1 -> { // answered, then a duplicate
                    s.deliver(now + MS, Wire.delivered(s, dst, dst, 64, reply), dst, 64);
                    s.deliver(now + 2 * MS, Wire.delivered(s, dst, dst, 64, reply), dst, 64);
                }
                case 2 -> s.deliver(now + 300 * MS, Wire.delivered(s, dst, dst, 64, reply), dst, 64); // late
                default -> { // payload byte 10 altered, then the intact reply
                    byte[] bad = reply.clone();
                    bad[8 + 10] ^= 0x55;
                    s.deliver(now + MS, Wire.delivered(s, dst, dst, 64, Wire.checksum(bad, false)), dst, 64);
                    s.deliver(now + 2 * MS, Wire.delivered(s, dst, dst, 64, reply), dst, 64);
                }
            }
        };
        ProbeTarget t = net.engine.add(ip("198.51.100.3"), TargetPlan.count(3, Duration.ofMillis(10))
                .spec(ProbeSpec.DEFAULT.timeout(Duration.ofMillis(200))));
        net.run();
        assertEquals(1, net.events(ProbeEvent.Duplicate.class).size());
        assertEquals(1, net.events(ProbeEvent.Lost.class).size());
        ProbeEvent.Corrupted c = net.events(ProbeEvent.Corrupted.class).get(0);
        assertEquals(10, c.firstDifferent());
        assertEquals(10, c.expected());
        assertEquals(10 ^ 0x55, c.actual());
        assertTrue(c.checksumValid());
        assertEquals(2, net.events(ProbeEvent.Answered.class).size());
        ProbeStatistics s = net.engine.statistics(t);
        assertEquals(3, s.transmitted());
        assertEquals(2, s.received());
        assertEquals(1, s.duplicates());
        assertEquals(1, s.corrupted());
    }

    @Test
    void readQueuedAtEndCountsTheCopyOfTheLastReplyButWaitsForNothingMore() throws Exception {
        for (boolean read : new boolean[] {false, true}) {
            FakeNet net = new FakeNet();
            net.peer = (s, icmp, dst, now) -> {
                byte[] reply = Wire.reply(icmp, false);
                s.deliver(now + MS, Wire.delivered(s, dst, dst, 64, reply), dst, 64);
                s.deliver(now + MS, Wire.delivered(s, dst, dst, 64, reply), dst, 64); // queued with it
                s.deliver(now + 5 * MS, Wire.delivered(s, dst, dst, 64, reply), dst, 64); // not yet there
            };
            ProbeTarget t = net.engine.add(ip("198.51.100.3"), TargetPlan.count(2, Duration.ofMillis(100))
                    .spec(ProbeSpec.DEFAULT.timeout(Duration.ofMillis(100))));
            net.engine.readQueuedAtEnd(read);
            long start = net.clock.now;
            net.run();
            // probe 1: both copies come within the run; probe 2 (the last): its queued copy only when asked
            assertEquals(read ? 3 : 2, net.events(ProbeEvent.Duplicate.class).size(), "read=" + read);
            assertEquals(read ? 3 : 2, net.engine.statistics(t).duplicates(), "read=" + read);
            assertEquals(start + 101 * MS, net.clock.now, "read=" + read + ": the run ends at the last answer");
        }
    }

    @Test
    void readQueuedAtEndIsRefusedOnceTheRunHasStarted() throws Exception {
        FakeNet net = new FakeNet();
        net.engine.add(ip("198.51.100.3"), TargetPlan.count(1, SECOND));
        net.run();
        assertThrows(IllegalStateException.class, () -> net.engine.readQueuedAtEnd(true));
    }

    @Test
    void withoutStatisticsPerTargetTheRunIsTheSameAndAskingForThemIsRefused() throws Exception {
        FakeNet net = new FakeNet();
        net.peer = FakeNet.answering(3 * MS);
        net.engine.keepStatistics(false);
        ProbeTarget t = net.engine.add(ip("198.51.100.7"), TargetPlan.count(2, Duration.ofMillis(10)));
        net.run();
        assertEquals(2, net.events(ProbeEvent.Answered.class).size());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.engine.statistics(t));
        assertTrue(e.getMessage().contains("keepStatistics(false)"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> net.engine.keepStatistics(true), "after the first add");
    }

    @Test
    void randomPayloadsGiveEveryProbeNewBytesAndTheirEchoesStillAnswer() throws Exception {
        FakeNet net = new FakeNet();
        net.peer = FakeNet.answering(MS);
        net.engine.randomPayloads(true);
        net.engine.add(ip("198.51.100.7"), TargetPlan.count(4, Duration.ofMillis(10)));
        net.run();
        assertEquals(4, net.events(ProbeEvent.Answered.class).size(), net.events.toString());
        assertEquals(0, net.events(ProbeEvent.Corrupted.class).size());
        List<String> payloads = new ArrayList<>();
        for (byte[] sent : net.sockets.get(Family.IPV4).sent) {
            assertEquals(8 + 56, sent.length);
            payloads.add(java.util.HexFormat.of().formatHex(sent, 8, sent.length));
        }
        assertEquals(4, payloads.stream().distinct().count(), payloads.toString());
        assertFalse(payloads.contains(java.util.HexFormat.of().formatHex(ProbeSpec.DEFAULT.payloadBytes())));
    }

    @Test
    void aLateReplyAfterTheLossIsLateNotAnAnswer() throws Exception {
        FakeNet net = new FakeNet();
        net.peer = FakeNet.answering(300 * MS);
        ProbeTarget t = net.engine.add(ip("198.51.100.3"), TargetPlan.count(2, Duration.ofMillis(400))
                .spec(ProbeSpec.DEFAULT.timeout(Duration.ofMillis(200))));
        net.run();
        assertEquals(2, net.events(ProbeEvent.Lost.class).size());
        assertEquals(1, net.events(ProbeEvent.Late.class).size(), "the second's late reply comes after the run");
        assertEquals(0, net.engine.statistics(t).received());
    }

    @Test
    void theGlobalGapSpacesEverySendOfTheRun() throws Exception {
        FakeNet net = new FakeNet(SocketKind.RAW, EngineOptions.defaults().gap(Duration.ofMillis(10)));
        net.peer = FakeNet.answering(MS);
        List<Long> at = new ArrayList<>();
        FakeSocket.Peer answer = net.peer;
        net.peer = (s, icmp, dst, now) -> {
            at.add(now);
            answer.onSend(s, icmp, dst, now);
        };
        for (int i = 0; i < 5; i++) {
            net.engine.add(FakeNet.sweep(i), TargetPlan.count(2, Duration.ofMillis(20)));
        }
        net.run();
        assertEquals(10, at.size());
        for (int i = 1; i < at.size(); i++) {
            assertTrue(at.get(i) - at.get(i - 1) >= 10 * MS, "gap before send " + i + ": " + at);
        }
        // targets go first in the order added
        List<Integer> order = net.events(ProbeEvent.Sent.class).stream().map(e -> e.probe().target().index())
                .limit(5).toList();
        assertEquals(List.of(0, 1, 2, 3, 4), order);
    }

    @Test
    void withoutAGapABurstOfThousandsReadsBetweenSendsAndLosesNoReplyToAFullBuffer() throws Exception {
        FakeNet net = new FakeNet(SocketKind.RAW, EngineOptions.defaults().identifier(0x1234));
        net.peer = FakeNet.answering(0); // each reply waits in the queue as soon as its probe is out
        for (int i = 0; i < 4096; i++) {
            net.engine.add(FakeNet.sweep(i), TargetPlan.count(1, SECOND));
        }
        net.sockets.get(Family.IPV4).capacity = 64; // the first add opened it
        net.run();
        assertEquals(0, net.sockets.get(Family.IPV4).overflowed);
        assertEquals(4096, net.events(ProbeEvent.Answered.class).size());
        assertEquals(0, net.events(ProbeEvent.Lost.class).size());
    }

    @Test
    void perProbeTtlAndTosAreSetOnlyWhenTheyChange() throws Exception {
        FakeNet net = new FakeNet();
        List<int[]> seen = new ArrayList<>();
        net.peer = (s, icmp, dst, now) -> seen.add(new int[] {s.ttl, s.tos, icmp.length});
        ProbeTarget t = net.engine.add(ip("198.51.100.3"), TargetPlan.explicit());
        net.engine.probe(t, ProbeSpec.DEFAULT.ttl(3).tos(0x10).payloadSize(100).timeout(Duration.ZERO), 1);
        net.engine.probe(t, ProbeSpec.DEFAULT.timeout(Duration.ZERO), 2);
        net.run();
        assertArrayEquals(new int[] {3, 0x10, 108}, seen.get(0));
        assertArrayEquals(new int[] {-1, -1, 64}, seen.get(1), "back to the socket's defaults");
    }

    @Test
    void stopEndsTheRunAndEveryProbeInFlightIsLostAsStopped() throws Exception {
        FakeNet net = new FakeNet(SocketKind.RAW, EngineOptions.defaults().continuous(true));
        net.engine.add(ip("198.51.100.3"), TargetPlan.every(Duration.ofMillis(100)));
        List<ProbeEvent> events = new ArrayList<>();
        net.engine.run(e -> {
            events.add(e);
            if (e instanceof ProbeEvent.Sent s && s.probe().number() == 3) {
                net.engine.stop();
            }
        });
        assertEquals(3, events.stream().filter(e -> e instanceof ProbeEvent.Lost l && l.stopped()).count());
        assertTrue(net.sockets.get(Family.IPV4).closed, "the engine closed its own socket");
        assertThrows(IllegalStateException.class, () -> net.engine.add(ip("198.51.100.4"), TargetPlan.explicit()));
    }

    @Test
    void aTargetOfTheAnyAddressCountsTheReplyFromLoopback() throws Exception {
        FakeNet net = new FakeNet();
        InetAddress lo = ip("127.0.0.1");
        net.peer = (s, icmp, dst, now) -> s.deliver(now + MS, Wire.delivered(s, lo, lo, 64,
                Wire.reply(icmp, false)), lo, 64);
        ProbeTarget t = net.engine.add(ip("0.0.0.0"), TargetPlan.count(2, Duration.ofMillis(10)));
        net.run();
        assertEquals(2, net.engine.statistics(t).received());
        assertEquals(lo, net.events(ProbeEvent.Answered.class).get(0).from());
    }

    @Test
    void aLocalSendErrorFailsTheProbeAtOnceWithoutWaitingItsTimeout() throws Exception {
        FakeNet net = new FakeNet();
        net.peer = (s, icmp, dst, now) -> { };
        ProbeTarget t = net.engine.add(ip("198.51.100.3"), TargetPlan.count(2, Duration.ofMillis(10)));
        FakeSocket s = net.sockets.get(Family.IPV4);
        s.failEverySend = new NativeSocketException("sendto", 90, null);
        s.onFailedSend = (sock, icmp, dst, now) -> sock.deliverReport(now, icmp, dst, Inbound.ORIGIN_LOCAL, 0, 0,
                1500, 90, null);
        long start = net.clock.now;
        net.run();
        List<ProbeEvent.SendFailed> failed = net.events(ProbeEvent.SendFailed.class);
        assertEquals(2, failed.size());
        assertEquals("EMSGSIZE", failed.get(0).errnoName());
        assertEquals(1500, failed.get(0).mtu());
        assertTrue(net.clock.now - start < 100 * MS, "no wait for the 10 s timeout");
        assertEquals(2, net.engine.statistics(t).errors());
        assertEquals(2, net.engine.statistics(t).transmitted());
    }

    @Test
    void aDatagramSocketsErrorQueueReportFailsTheProbeItQuotes() throws Exception {
        FakeNet net = new FakeNet(SocketKind.DATAGRAM, EngineOptions.defaults());
        InetAddress router = ip("198.18.0.1");
        net.peer = (s, icmp, dst, now) -> s.deliverReport(now + MS, icmp, dst, Inbound.ORIGIN_ICMP, 3, 1, 0, 113,
                router);
        ProbeTarget t = net.engine.add(ip("198.51.100.3"), TargetPlan.count(1, SECOND));
        net.run();
        ProbeEvent.Failed f = net.events(ProbeEvent.Failed.class).get(0);
        assertEquals(router, f.reporter());
        assertEquals(3, f.error().type());
        assertEquals(0x4444, f.probe().id(), "the kernel's identifier");
        assertEquals(1, net.engine.statistics(t).errors());
    }

    @Test
    void strayRepliesNeverCount() throws Exception {
        FakeNet net = new FakeNet();
        InetAddress other = ip("198.51.100.99");
        net.peer = (s, icmp, dst, now) -> {
            byte[] wrongId = Wire.reply(icmp, false);
            wrongId[5] ^= 1;
            s.deliver(now + MS, Wire.delivered(s, dst, dst, 64, Wire.checksum(wrongId, false)), dst, 64);
            // the right reply from an address that was not probed
            s.deliver(now + MS, Wire.delivered(s, other, dst, 64, Wire.reply(icmp, false)), other, 64);
        };
        ProbeTarget t = net.engine.add(ip("198.51.100.3"), TargetPlan.count(1, SECOND)
                .spec(ProbeSpec.DEFAULT.timeout(Duration.ofMillis(50))));
        List<ProbeEvent> events = new ArrayList<>();
        net.engine.run(new ProbeListener() {
            @Override
            public void onEvent(ProbeEvent e) {
                events.add(e);
            }

            @Override
            public boolean wantsStrays() {
                return true;
            }
        });
        assertEquals(2, events.stream().filter(e -> e instanceof ProbeEvent.Stray).count());
        assertEquals(0, net.engine.statistics(t).received());
        assertEquals(1, events.stream().filter(e -> e instanceof ProbeEvent.Lost).count());
    }

    @Test
    void hugeDurationsSaturateInsteadOfThrowing() {
        ProbeSpec s = ProbeSpec.DEFAULT.timeout(Duration.ofDays(365_000_000L));
        assertEquals(Long.MAX_VALUE, s.timeoutNanos());
        assertEquals(Long.MAX_VALUE, TargetPlan.count(1, Duration.ofDays(365_000_000L)).intervalNanos());
    }

    @Test
    void badValuesAreRefusedNamingTheFieldTheValueAndWhatIsAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProbeSpec.DEFAULT.ttl(0));
        assertEquals("ttl must be 1..255 (or -1 for the socket's), got 0", e.getMessage());
        FakeNet net = new FakeNet();
        e = assertThrows(IllegalArgumentException.class, () -> net.engine.add(ip("198.51.100.3"),
                TargetPlan.explicit().spec(ProbeSpec.DEFAULT.payloadSize(65_520))));
        assertEquals("payload must be 0..65507 bytes for an IPv4 target, got 65520", e.getMessage());
    }
}
