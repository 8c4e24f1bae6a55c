package dev.pingkit.ping;

import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.fakes.EchoPeer;
import dev.pingkit.fakes.FakeClock;
import dev.pingkit.fakes.FakeSocket;
import dev.pingkit.fakes.Wire;
import dev.pingkit.socket.Family;
import dev.pingkit.socket.SocketKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.pingkit.fakes.FakeAddresses.MS;
import static dev.pingkit.fakes.FakeAddresses.S;
import static dev.pingkit.fakes.FakeAddresses.client;
import static dev.pingkit.fakes.FakeAddresses.ip;
import static dev.pingkit.fakes.FakeAddresses.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run loop on fake time and an in-memory socket: scheduling, matching, counting, ending. */
class PingerTest {
    final FakeClock clock = new FakeClock();
    final List<PingEvent> events = new ArrayList<>();

    FakeSocket socket(boolean v6) {
        return new FakeSocket(clock, v6 ? Family.IPV6 : Family.IPV4, SocketKind.RAW, -1);
    }

    PingSettings settings(boolean v6) {
        return PingSettings.to(target(v6)).identifier(4242);
    }

    PingStatistics run(PingSettings s, FakeSocket socket) throws IOException {
        return run(s, socket, events::add);
    }

    PingStatistics run(PingSettings s, FakeSocket socket, PingListener l) throws IOException {
        try (Pinger p = new Pinger(s, socket, clock)) {
            return p.run(l);
        }
    }

    <T> List<T> of(Class<T> type) {
        return Seen.of(events, type);
    }

    List<PingEvent.Outcome> replies() {
        return Seen.replies(events);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void countsEveryReplyOfAPlainRunAndTimesItLikeIputils(boolean v6) throws IOException {
        FakeSocket s = socket(v6);
        EchoPeer peer = new EchoPeer(client(v6));
        peer.rttNanos = seq -> seq * MS + 123_456;
        s.peer = peer;
        long start = clock.now;
        PingStatistics st = run(settings(v6).count(5), s);
        assertEquals(5, st.transmitted());
        assertEquals(5, st.received());
        assertEquals(0, st.lossPercent());
        assertEquals(4 * S, st.elapsedNanos(), "iputils' time: first to last probe");
        assertEquals(4000, st.timeMillis());
        assertEquals(1_123_456, st.minNanos());
        assertEquals(5_123_456, st.maxNanos());
        assertEquals(1123, st.minMicros());
        assertEquals(5123, st.maxMicros());
        // the run ends with the last reply, not after a wait
        assertEquals(start + 4 * S + 5_123_456, clock.now);
        List<PingEvent.Outcome> replies = replies();
        assertEquals(5, replies.size());
        for (int i = 0; i < 5; i++) {
            PingEvent.Outcome r = replies.get(i);
            assertEquals(i + 1, r.seq());
            assertEquals(target(v6), r.reply().from());
            assertEquals(64, r.reply().ttl());
            assertEquals(64, r.reply().length());
            assertEquals((i + 1) * MS + 123_456, r.reply().rttNanos());
            assertInstanceOf(ProbeEvent.Answered.class, r.event());
            assertTrue(r.answers());
            assertFalse(r.duplicate());
            assertTrue(r.reply().kernelTimestamp());
            assertNull(r.reply().message());
        }
        assertEquals(List.of(1, 2, 3, 4, 5), of(ProbeEvent.Sent.class).stream().map(Seen::seq).toList());
        assertTrue(of(ProbeEvent.Lost.class).isEmpty());
    }

    @Test
    void probesCarryOurIdentifierSequenceAndPayloadWithAValidChecksum() throws IOException {
        FakeSocket s = socket(false);
        run(settings(false).count(3).pattern("ab").payloadSize(5).interval(Duration.ofMillis(10)), s);
        assertEquals(3, s.sent.size());
        for (int i = 0; i < 3; i++) {
            byte[] b = s.sent.get(i);
            assertEquals(8, b[0]);
            assertEquals(4242, Wire.id(b));
            assertEquals(i + 1, Wire.seq(b));
            assertEquals(13, b.length);
            for (int k = 8; k < 13; k++) {
                assertEquals((byte) 0xab, b[k]);
            }
            assertEquals(0, dev.pingkit.packet.Checksum.of(b, 0, b.length), "checksum verifies");
        }
    }

    @Test
    void sequenceWrapsFrom65535To0AndRepliesAfterTheWrapStillMatch() throws IOException {
        FakeSocket s = socket(false);
        s.peer = new EchoPeer(client(false));
        PingStatistics st = run(settings(false).count(70_000).interval(Duration.ZERO).flood(true), s,
                e -> {
                    if (Seen.is(e, ProbeEvent.Sent.class)) {
                        events.add(e);
                    }
                });
        assertEquals(70_000, st.transmitted());
        assertEquals(70_000, st.received());
        assertEquals(0, st.duplicates());
        List<ProbeEvent.Sent> sent = of(ProbeEvent.Sent.class);
        assertEquals(65535, sent.get(65534).probe().seq());
        assertEquals(0, sent.get(65535).probe().seq());
        assertEquals(1, sent.get(65536).probe().seq());
        assertEquals(70_000 & 0xffff, sent.get(69_999).probe().seq());
    }

    @Test
    void lateRepliesAreCountedAndOutstandingProbesReportedWithO() throws IOException {
        FakeSocket s = socket(false);
        EchoPeer peer = new EchoPeer(client(false));
        peer.rttNanos = seq -> 2500 * MS; // longer than the interval
        s.peer = peer;
        PingStatistics st = run(settings(false).count(4).reportOutstanding(true), s);
        assertEquals(4, st.received());
        assertEquals(3, st.pipe(), "three probes in flight at once, as iputils' pipe");
        // -O: probes 1..3 had no answer when the next went out
        assertEquals(List.of(1, 2, 3), of(PingEvent.NoAnswerYet.class).stream().map(Seen::seq).toList());
        assertEquals(2_500_000, st.minMicros());
    }

    @Test
    void duplicatesAreCountedOnceEachAndFlagged() throws IOException {
        FakeSocket s = socket(false);
        EchoPeer peer = new EchoPeer(client(false));
        peer.copies = seq -> seq % 2 == 0 ? 3 : 1;
        s.peer = peer;
        PingStatistics st = run(settings(false).count(6).interval(Duration.ofMillis(100)), s);
        assertEquals(6, st.received());
        // seq 2 and 4 come back three times; the run ends (as iputils' does) at the last probe's first reply
        assertEquals(4, st.duplicates());
        List<PingEvent.Outcome> dups = replies().stream().filter(PingEvent.Outcome::duplicate).toList();
        assertEquals(List.of(2, 2, 4, 4), dups.stream().map(PingEvent.Outcome::seq).toList());
        assertTrue(st.toString().contains("+4 duplicates"), st.toString());
    }

    @Test
    void aListenerThatNeedsNoRoutineEventsIsToldOfProbesAndIntactRepliesAndStillGetsDuplicatesAsEvents()
            throws IOException {
        FakeSocket s = socket(false);
        EchoPeer peer = new EchoPeer(client(false));
        peer.copies = seq -> seq == 2 ? 2 : 1;
        s.peer = peer;
        List<Integer> sent = new ArrayList<>();
        List<Integer> replied = new ArrayList<>();
        PingStatistics st = run(settings(false).count(3).interval(Duration.ofMillis(100)), s, new PingListener() {
            @Override
            public void onEvent(PingEvent e) {
                events.add(e);
            }

            @Override
            public boolean wantsRoutineEvents() {
                return false;
            }

            @Override
            public void onSent(int seq) {
                sent.add(seq);
            }

            @Override
            public void onReply(int seq) {
                replied.add(seq);
            }
        });
        assertEquals(3, st.received());
        assertEquals(1, st.duplicates());
        assertEquals(List.of(1, 2, 3), sent);
        assertEquals(List.of(1, 2, 3), replied);
        assertTrue(of(ProbeEvent.Sent.class).isEmpty());
        List<PingEvent.Outcome> replies = replies();
        assertEquals(1, replies.size(), replies.toString());
        assertEquals(2, replies.get(0).seq());
        assertTrue(replies.get(0).duplicate());
    }

    @Test
    void lostProbesGiveExactLossAndTimeoutsAfterTwiceTheMaxRtt() throws IOException {
        FakeSocket s = socket(false);
        EchoPeer peer = new EchoPeer(client(false));
        peer.drop = seq -> seq % 4 == 0;
        peer.rttNanos = seq -> 30 * MS;
        s.peer = peer;
        long start = clock.now;
        PingStatistics st = run(settings(false).count(10).interval(Duration.ofMillis(20)), s);
        assertEquals(10, st.transmitted());
        assertEquals(8, st.received());
        assertEquals(20.0, st.lossPercent());
        assertEquals(List.of(4, 8), of(ProbeEvent.Lost.class).stream().map(Seen::seq).toList());
        // iputils' final wait: max(2 * tmax, interval) after the last probe
        assertEquals(start + 9 * 20 * MS + 2 * 30 * MS, clock.now);
    }

    @Test
    void withNoReplyTheRunWaitsTheReplyTimeoutAfterTheLastProbe() throws IOException {
        FakeSocket s = socket(true);
        long start = clock.now;
        PingStatistics st = run(settings(true).count(2).replyTimeout(Duration.ofSeconds(3)), s);
        assertEquals(2, st.transmitted());
        assertEquals(0, st.received());
        assertEquals(100.0, st.lossPercent());
        assertFalse(st.hasRtt());
        assertEquals(start + 1 * S + 3 * S, clock.now);
        assertEquals(2, of(ProbeEvent.Lost.class).size());
    }

    @Test
    void aDeadlineEndsAnUnlimitedRun() throws IOException {
        FakeSocket s = socket(false);
        s.peer = new EchoPeer(client(false));
        long start = clock.now;
        PingStatistics st = run(settings(false).deadline(Duration.ofSeconds(5)), s);
        assertEquals(5, st.transmitted());
        assertEquals(5, st.received());
        assertEquals(start + 5 * S, clock.now);
    }

    @Test
    void withADeadlineACountMeansRepliesWantedSoProbesContinuePastLosses() throws IOException {
        FakeSocket s = socket(false);
        EchoPeer peer = new EchoPeer(client(false));
        peer.drop = seq -> seq <= 2;
        s.peer = peer;
        PingStatistics st = run(settings(false).count(3).deadline(Duration.ofSeconds(60)), s);
        assertEquals(5, st.transmitted());
        assertEquals(3, st.received());
    }

    @Test
    void preloadSendsThatManyAtOnce() throws IOException {
        FakeSocket s = socket(false);
        EchoPeer peer = new EchoPeer(client(false));
        s.peer = peer;
        long start = clock.now;
        List<Long> sendTimes = new ArrayList<>();
        run(settings(false).count(5).preload(3), s, e -> {
            if (Seen.is(e, ProbeEvent.Sent.class)) {
                sendTimes.add(clock.now - start);
            }
        });
        assertEquals(List.of(0L, 0L, 0L, 1 * S, 2 * S), sendTimes);
    }

    @Test
    void floodSendsOnEachReplyOrEvery10msWithout() throws IOException {
        FakeSocket s = socket(false);
        EchoPeer peer = new EchoPeer(client(false));
        peer.rttNanos = seq -> 3 * MS;
        peer.drop = seq -> seq > 3;
        s.peer = peer;
        long start = clock.now;
        List<Long> sendTimes = new ArrayList<>();
        PingStatistics st = run(settings(false).count(6).interval(Duration.ZERO).flood(true)
                .replyTimeout(Duration.ofSeconds(1)), s, e -> {
                    if (Seen.is(e, ProbeEvent.Sent.class)) {
                        sendTimes.add((clock.now - start) / MS);
                    }
                });
        // answered probes: next one at the reply (3 ms later); unanswered: 10 ms later
        assertEquals(List.of(0L, 3L, 6L, 9L, 19L, 29L), sendTimes);
        assertEquals(3, st.received());
    }

    @Test
    void corruptRepliesAreReportedWithTheByteAndNotCountedAsReceived() throws IOException {
        FakeSocket s = socket(false);
        EchoPeer peer = new EchoPeer(client(false));
        peer.mangler = (seq, reply) -> {
            if (seq == 2) {
                reply[3] ^= 0x55; // checksum broken
            } else if (seq == 3) {
                reply[8 + 10] = (byte) 0xee; // payload byte 10 altered, checksum recomputed
                Wire.checksum(reply, false);
            }
        };
        s.peer = peer;
        PingStatistics st = run(settings(false).count(4).interval(Duration.ofMillis(10))
                .replyTimeout(Duration.ofSeconds(1)), s);
        assertEquals(4, st.transmitted());
        assertEquals(2, st.received());
        assertEquals(2, st.corrupted());
        assertEquals(50.0, st.lossPercent());
        List<PingEvent.Outcome> replies = replies();
        PingEvent.Outcome bad = replies.get(1);
        assertFalse(bad.checksumOk());
        assertEquals(-1, Seen.damage(bad).firstDifferent(), "the payload itself is intact");
        assertFalse(bad.answers());
        assertFalse(bad.duplicate());
        PingEvent.Outcome altered = replies.get(2);
        assertTrue(altered.checksumOk());
        assertEquals(10, Seen.damage(altered).firstDifferent());
        assertEquals(10, Seen.damage(altered).expected());
        assertEquals(0xee, Seen.damage(altered).actual());
        assertFalse(altered.answers());
        assertTrue(st.toString().contains("+2 corrupted"), st.toString());
    }

    @Test
    void aReplyLongerThanTheRequestIsReportedAsTooLongNotAsAWrongByte() throws IOException {
        FakeSocket s = socket(false);
        InetAddress me = client(false);
        s.peer = (sock, icmp, dst, now) -> {
            byte[] longer = java.util.Arrays.copyOf(Wire.reply(icmp, false), icmp.length + 8);
            java.util.Arrays.fill(longer, icmp.length, longer.length, (byte) 0xab);
            Wire.checksum(longer, false);
            sock.deliver(now + MS, Wire.delivered(sock, dst, me, 64, longer), dst, 64);
        };
        PingStatistics st = run(settings(false).count(1).replyTimeout(Duration.ofSeconds(1)), s);
        assertEquals(1, st.corrupted());
        PingEvent.Outcome r = replies().get(0);
        assertEquals(72, r.reply().length());
        assertEquals(56, Seen.damage(r).firstDifferent());
        assertEquals(0xab, Seen.damage(r).actual());
        assertEquals(-1, Seen.damage(r).expected(), "past the end of what was sent, not a wrong byte");
        assertTrue(r.checksumOk());
        assertFalse(r.answers());
    }

    @Test
    void foreignPacketsAreIgnoredAndOnlyShownToListenersThatAsk() throws IOException {
        FakeSocket s = socket(false);
        InetAddress me = client(false);
        InetAddress other = ip("198.51.100.99");
        EchoPeer peer = new EchoPeer(me);
        s.peer = (sock, icmp, dst, now) -> {
            peer.onSend(sock, icmp, dst, now);
            byte[] otherId = Wire.reply(icmp, false);
            otherId[4] ^= 1;
            Wire.checksum(otherId, false);
            sock.deliver(now + 10, Wire.delivered(sock, dst, me, 64, otherId), dst, 64);
            // our own request seen on the raw socket, and a reply from someone else
            sock.deliver(now + 20, Wire.delivered(sock, me, dst, 64, icmp.clone()), me, 64);
            sock.deliver(now + 30, Wire.delivered(sock, other, me, 64, Wire.reply(icmp, false)), other, 64);
            // a reply to a sequence we never sent, and an error about another process's probe
            byte[] unsent = Wire.reply(icmp, false);
            unsent[6] = 0x7f;
            Wire.checksum(unsent, false);
            sock.deliver(now + 40, Wire.delivered(sock, dst, me, 64, unsent), dst, 64);
            byte[] foreignProbe = icmp.clone();
            foreignProbe[5] ^= 1;
            sock.deliver(now + 50, Wire.delivered(sock, other, me, 64, Wire.error(11, 0, foreignProbe, me, dst)), other, 64);
        };
        List<PingEvent> foreign = new ArrayList<>();
        PingStatistics st = run(settings(false).count(3).interval(Duration.ofMillis(100)), s, new PingListener() {
            @Override
            public void onEvent(PingEvent e) {
                events.add(e);
                if (Seen.is(e, ProbeEvent.Stray.class)) {
                    foreign.add(e);
                }
            }

            @Override
            public boolean wantsForeign() {
                return true;
            }
        });
        assertEquals(3, st.received());
        assertEquals(0, st.duplicates());
        assertEquals(0, st.errors());
        assertEquals(0, st.corrupted());
        assertEquals(3, replies().size());
        assertTrue(foreign.size() >= 10, "the first replies end the run early, but earlier foreign packets show: "
                + foreign.size());
        assertNotNull(((ProbeEvent.Stray) ((PingEvent.Outcome) foreign.get(0)).event()).message());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void icmpErrorsAreMatchedThroughTheQuotedProbeAndCounted(boolean v6) throws IOException {
        FakeSocket s = socket(v6);
        InetAddress router = ip(v6 ? "2001:db8:ff::1" : "198.18.0.1");
        s.peer = (sock, icmp, dst, now) -> sock.deliver(now + 2 * MS,
                Wire.delivered(sock, router, client(v6), 64, Wire.error(v6 ? 3 : 11, 0, icmp, client(v6), dst)),
                router, 64);
        PingStatistics st = run(settings(v6).count(3).interval(Duration.ofMillis(100)), s);
        assertEquals(3, st.transmitted());
        assertEquals(0, st.received());
        assertEquals(3, st.errors());
        assertEquals(100.0, st.lossPercent());
        List<ProbeEvent.Failed> errs = of(ProbeEvent.Failed.class);
        assertEquals(List.of(1, 2, 3), errs.stream().map(Seen::seq).toList());
        assertEquals(router, errs.get(0).reporter());
        assertEquals(v6 ? 3 : 11, errs.get(0).error().type());
        assertTrue(of(ProbeEvent.Lost.class).isEmpty(), "errored probes are not timeouts");
    }

    @Test
    void aReplyAfterAnErrorCountsOnceAndItsCopyIsADuplicate() throws IOException {
        FakeSocket s = socket(false);
        InetAddress router = ip("198.18.0.1");
        EchoPeer echo = new EchoPeer(client(false));
        echo.rttNanos = seq -> 3 * MS;
        echo.copies = seq -> seq == 1 ? 2 : 1;
        s.peer = (sock, icmp, dst, now) -> {
            if ((((icmp[6] & 0xff) << 8) | (icmp[7] & 0xff)) == 1) { // probe 1: an error first, then two replies
                sock.deliver(now + MS, Wire.delivered(sock, router, client(false), 64,
                        Wire.error(11, 0, icmp, client(false), dst)), router, 64);
            }
            echo.onSend(sock, icmp, dst, now);
        };
        PingStatistics st = run(settings(false).count(6).interval(Duration.ofMillis(100)), s);
        // iputils: the error does not mark probe 1 answered, its first reply does, the copy is a DUP
        assertEquals(1, st.errors());
        assertEquals(1, st.duplicates(), "the second copy of probe 1's reply is a duplicate");
        assertEquals(List.of(false, true), replies().stream().filter(r -> r.seq() == 1)
                .map(PingEvent.Outcome::duplicate).toList());
        // a -c run ends once received + errors reach the count, as iputils' does
        assertEquals(5, st.transmitted());
        assertEquals(5, st.received());
    }

    @Test
    void anErrorEndsADeadlineRunAsIputilsDoes() throws IOException {
        FakeSocket s = socket(false);
        InetAddress router = ip("198.18.0.1");
        s.peer = (sock, icmp, dst, now) -> sock.deliver(now + MS,
                Wire.delivered(sock, router, client(false), 64, Wire.error(3, 1, icmp, client(false), dst)), router, 64);
        PingStatistics st = run(settings(false).deadline(Duration.ofSeconds(10)), s);
        assertEquals(1, st.transmitted());
        assertEquals(1, st.errors());
    }

    @Test
    void aLocalSendErrorCountsAsSentAndAsAnError() throws IOException {
        FakeSocket s = socket(false);
        s.peer = new EchoPeer(client(false));
        s.failNextSend = new java.io.IOException("sendto: ENETUNREACH (Network is unreachable)");
        PingStatistics st = run(settings(false).count(3).interval(Duration.ofMillis(10)), s);
        assertEquals(3, st.transmitted());
        assertEquals(2, st.received());
        assertEquals(1, st.errors());
        assertEquals(1, of(ProbeEvent.SendFailed.class).stream().map(Seen::refusal).toList().size());
    }

    @Test
    void datagramSocketsMatchOnTheKernelsIdentifier() throws IOException {
        FakeSocket s = new FakeSocket(clock, Family.IPV4, SocketKind.DATAGRAM, 777);
        s.peer = new EchoPeer(client(false));
        try (Pinger p = new Pinger(settings(false).count(2).interval(Duration.ofMillis(10)), s, clock)) {
            assertEquals(777, p.identifier());
            PingStatistics st = p.run(events::add);
            assertEquals(2, st.received());
        }
    }

    @Test
    void stopEndsTheRunAndSnapshotSeesTheCountsSoFar() throws IOException {
        FakeSocket s = socket(false);
        s.peer = new EchoPeer(client(false));
        try (Pinger p = new Pinger(settings(false), s, clock)) {
            List<PingStatistics> snaps = new ArrayList<>();
            PingStatistics st = p.run(e -> {
                if (e instanceof PingEvent.Outcome r && r.reply() != null) {
                    snaps.add(p.snapshot());
                    if (r.seq() == 3) {
                        p.stop();
                    }
                }
            });
            assertEquals(3, st.received());
            assertEquals(3, st.transmitted());
            assertEquals(List.of(1L, 2L, 3L), snaps.stream().map(PingStatistics::received).toList());
            assertThrows(IllegalStateException.class, () -> p.run(PingListener.NONE));
        }
    }

    @Test
    void aStoppedRunReportsNoTimeoutsForProbesStillInFlight() throws IOException {
        FakeSocket s = socket(false);
        EchoPeer peer = new EchoPeer(client(false));
        peer.rttNanos = seq -> 1500 * MS;
        s.peer = peer;
        try (Pinger p = new Pinger(settings(false).count(10), s, clock)) {
            PingStatistics st = p.run(e -> {
                events.add(e);
                if (e instanceof PingEvent.Outcome r && r.reply() != null && r.seq() == 2) {
                    p.stop();
                }
            });
            assertEquals(3, st.transmitted());
            assertEquals(2, st.received());
            assertTrue(of(ProbeEvent.Lost.class).isEmpty(), events.toString());
        }
    }

    @Test
    void decodedMessagesOnlyForListenersThatAsk() throws IOException {
        FakeSocket s = socket(false);
        s.peer = new EchoPeer(client(false));
        run(settings(false).count(1), s, new PingListener() {
            @Override
            public void onEvent(PingEvent e) {
                events.add(e);
            }

            @Override
            public boolean wantsMessages() {
                return true;
            }
        });
        PingEvent.Outcome r = replies().get(0);
        assertNotNull(r.reply().message());
        assertEquals(0, r.reply().message().type());
        assertEquals(4242, r.reply().message().id());
    }

    @Test
    void aSocketOfTheWrongFamilyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Pinger(settings(false), socket(true), clock));
        assertTrue(e.getMessage().startsWith("socket must be IPV4"), e.getMessage());
    }

    /**
     * A run whose thread falls behind (a slow terminal, a loaded machine) past the end of the final wait while its
     * reply sits in the queue: the reply counts, as it arrived in time; the probe does not time out.
     */
    @Test
    void aReplyQueuedBeforeTheFinalWaitEndedCountsEvenWhenTheLoopIsLate() throws IOException {
        FakeSocket s = socket(false);
        InetAddress me = client(false);
        s.peer = (sock, icmp, dst, now) -> {
            byte[] otherId = Wire.reply(icmp, false);
            otherId[5] ^= 1; // another process's reply, read first
            sock.deliver(now + MS, Wire.delivered(sock, dst, me, 64, Wire.checksum(otherId, false)), dst, 64);
            sock.deliver(now + 2 * MS, Wire.delivered(sock, dst, me, 64, Wire.reply(icmp, false)), dst, 64);
        };
        PingStatistics st = run(settings(false).count(1).replyTimeout(Duration.ofSeconds(2)), s, e -> {
            events.add(e);
            if (Seen.is(e, ProbeEvent.Sent.class)) {
                clock.advance(5 * S); // the listener blocks well past the 2 s wait
            }
        });
        assertEquals(1, st.transmitted());
        assertEquals(1, st.received());
        assertEquals(List.of(1), replies().stream().map(PingEvent.Outcome::seq).toList());
        assertEquals(2 * MS, replies().get(0).reply().rttNanos());
        assertTrue(of(ProbeEvent.Lost.class).isEmpty());
    }
}
