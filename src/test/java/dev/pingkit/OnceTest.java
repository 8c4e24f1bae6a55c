package dev.pingkit;

import dev.pingkit.fakes.EchoPeer;
import dev.pingkit.engine.EngineFactory;
import dev.pingkit.engine.EngineOptions;
import dev.pingkit.fakes.FakeClock;
import dev.pingkit.fakes.FakeSocket;
import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.engine.ProbeSpec;
import dev.pingkit.engine.TimeSource;
import dev.pingkit.fakes.Wire;
import dev.pingkit.fakes.FakeAddresses;
import dev.pingkit.Echo;
import dev.pingkit.socket.Family;
import dev.pingkit.socket.SocketKind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;

import static dev.pingkit.fakes.FakeAddresses.MS;
import static dev.pingkit.fakes.FakeAddresses.client;
import static dev.pingkit.fakes.FakeAddresses.ip;
import static dev.pingkit.fakes.FakeAddresses.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** a single send ({@link Once#send}) on fake time: which packet counts as the answer to one probe. */
class OnceTest {
    final FakeClock clock = new FakeClock();
    final FakeSocket socket = new FakeSocket(clock, Family.IPV4, SocketKind.RAW, -1);
    final InetAddress me = client(false);
    final InetAddress peer = target(false);
    final Echo echo = Echo.to(peer).id(7).seq(1).payload("hi");

    @Test
    void answeredOnlyByTheMatchingReplyAfterOtherTraffic() throws IOException {
        socket.peer = (s, icmp, dst, now) -> {
            s.deliver(now + MS, Wire.delivered(s, me, dst, 64, icmp.clone()), me, 64); // our own request (loopback)
            byte[] wrongSeq = Wire.reply(icmp, false);
            wrongSeq[7] = 9;
            s.deliver(now + 2 * MS, Wire.delivered(s, dst, me, 64, Wire.checksum(wrongSeq, false)), dst, 64);
            byte[] wrongId = Wire.reply(icmp, false);
            wrongId[5] = 8;
            s.deliver(now + 3 * MS, Wire.delivered(s, dst, me, 64, Wire.checksum(wrongId, false)), dst, 64);
            InetAddress other = ip("198.51.100.77");
            s.deliver(now + 4 * MS, Wire.delivered(s, other, me, 64, Wire.reply(icmp, false)), other, 64);
            s.deliver(now + 5 * MS, Wire.delivered(s, dst, me, 61, Wire.reply(icmp, false)), dst, 61);
        };
        SendResult r = Once.send(echo, Duration.ofSeconds(1), socket, clock);
        SendResult.Answered a = assertInstanceOf(SendResult.Answered.class, r);
        assertEquals(5 * MS, a.rttNanos());
        assertEquals(61, a.ttl());
        assertEquals(peer, a.from());
        assertEquals(7, a.reply().id());
        assertEquals(1, a.reply().seq());
        assertTrue(a.checksumOk());
        assertTrue(a.payloadMatches());
        assertEquals("10 bytes from 198.51.100.2: icmp_seq=1 ttl=61 time=5.000 ms", dev.pingkit.SendReport.line(a));
        assertTrue(a.show().contains("request:") && a.show().contains("reply from 198.51.100.2"), a.show());
    }

    @Test
    void anAlteredReplyIsFlaggedNotSilentlyAccepted() throws IOException {
        socket.peer = (s, icmp, dst, now) -> {
            byte[] r = Wire.reply(icmp, false);
            r[9] = 'X';
            r[3] ^= 1; // and a checksum that no longer verifies
            s.deliver(now + MS, Wire.delivered(s, dst, me, 64, r), dst, 64);
        };
        SendResult.Answered a = assertInstanceOf(SendResult.Answered.class,
                Once.send(echo, Duration.ofSeconds(1), socket, clock));
        assertFalse(a.checksumOk());
        assertFalse(a.payloadMatches());
        String line = dev.pingkit.SendReport.line(a);
        assertTrue(line.endsWith("(BAD CHECKSUM!) (PAYLOAD ALTERED!)"), line);
    }

    @Test
    void anErrorQuotingThisProbeFailsIt() throws IOException {
        InetAddress router = ip("198.18.0.1");
        socket.peer = (s, icmp, dst, now) -> {
            byte[] otherSeq = icmp.clone();
            otherSeq[7] = 2;
            s.deliver(now + MS, Wire.delivered(s, router, me, 64, Wire.error(11, 0, otherSeq, me, dst)), router, 64);
            s.deliver(now + 2 * MS, Wire.delivered(s, router, me, 64, Wire.error(11, 0, icmp, me, dst)), router, 64);
        };
        SendResult.Failed f = assertInstanceOf(SendResult.Failed.class,
                Once.send(echo, Duration.ofSeconds(1), socket, clock));
        assertEquals(router, f.from());
        assertEquals(11, f.error().type());
        String line = dev.pingkit.SendReport.line(f);
        assertTrue(line.startsWith("From 198.18.0.1 icmp_seq=1 "), line);
    }

    @Test
    void silenceIsNoReplyAfterExactlyTheTimeout() throws IOException {
        long start = clock.now;
        SendResult r = Once.send(echo, Duration.ofMillis(1500), socket, clock);
        SendResult.NoReply n = assertInstanceOf(SendResult.NoReply.class, r);
        assertEquals(Duration.ofMillis(1500), n.waited());
        assertEquals(start + 1500 * MS, clock.now);
        assertEquals("no reply from 198.51.100.2 icmp_seq=1 within 1500 ms", dev.pingkit.SendReport.line(n));
    }

    @Test
    void datagramSocketsMatchTheKernelsIdentifier() throws IOException {
        FakeSocket dgram = new FakeSocket(clock, Family.IPV4, SocketKind.DATAGRAM, 999);
        dgram.peer = new EchoPeer(me);
        SendResult.Answered a = assertInstanceOf(SendResult.Answered.class,
                Once.send(echo, Duration.ofSeconds(1), dgram, clock));
        assertEquals(999, a.reply().id());
    }

    @Test
    void aNegativeTimeoutIsRefused() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> echo.send(Duration.ofMillis(-1)));
        assertEquals("timeout must be >= 0, got -1 ms", e.getMessage());
    }

    /**
     * The REPL's lost first send: a fresh JVM under load gets the CPU back only after the whole wait has passed,
     * while the reply came in long before. It is in the queue, so it is the answer, not a NoReply.
     */
    @Test
    void aReplyQueuedWhileThisThreadWasLateStillAnswers() throws IOException {
        socket.peer = (s, icmp, dst, now) -> s.deliver(now + MS, Wire.delivered(s, dst, me, 64,
                Wire.reply(icmp, false)), dst, 64);
        // Every read of the clock after the send finds it 3 s later: the thread stalls right after sending.
        TimeSource late = () -> {
            clock.now += 3 * FakeAddresses.S;
            return clock.now;
        };
        SendResult.Answered a = assertInstanceOf(SendResult.Answered.class,
                Once.send(echo, Duration.ofSeconds(2), socket, late));
        assertEquals(MS, a.rttNanos(), "the kernel's receive time, not the late thread's");
    }

    @Test
    void aLateThreadWithNothingQueuedStillReportsNoReply() throws IOException {
        TimeSource late = () -> {
            clock.now += 3 * FakeAddresses.S;
            return clock.now;
        };
        assertInstanceOf(SendResult.NoReply.class, Once.send(echo, Duration.ofSeconds(2), socket, late));
        assertEquals(1, socket.sent.size());
    }

    @Test
    void aHugeTimeoutSaturatesInsteadOfThrowingArithmeticException() throws IOException {
        socket.peer = (s, icmp, dst, now) -> s.deliver(now + MS, Wire.delivered(s, dst, me, 64,
                Wire.reply(icmp, false)), dst, 64);
        SendResult r = Once.send(echo, Duration.ofDays(365_000_000L), socket, clock);
        assertEquals(MS, assertInstanceOf(SendResult.Answered.class, r).rttNanos());
    }

    @Test
    void aForcedChecksumOverIcmpv6IsRefusedBecauseTheKernelWritesIt() {
        FakeSocket v6 = new FakeSocket(clock, Family.IPV6, SocketKind.RAW, -1);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Once.send(Echo.to("::1").checksum(0xdead), Duration.ofSeconds(1), v6, clock));
        assertEquals("checksum cannot be forced over an ICMPv6 socket (the kernel computes it), got 0xdead",
                e.getMessage());
        assertTrue(v6.sent.isEmpty(), "nothing sent");
    }

    @Test
    void aForcedChecksumGoesOnTheWireAsGiven() throws IOException {
        Once.send(echo.checksum(0xbeef), Duration.ofMillis(100), socket, clock);
        byte[] sent = socket.sent.get(0);
        assertEquals(0xbeef, ((sent[2] & 0xff) << 8) | (sent[3] & 0xff));
        assertEquals(8, sent[0], "still an echo request");
        assertEquals(1, ((sent[6] & 0xff) << 8) | (sent[7] & 0xff), "the echo's own seq");
    }

    @Test
    void aTimestampRequestIsAnsweredByItsTimestampReplyNotByAnEchoReply() throws IOException {
        socket.peer = (s, icmp, dst, now) -> {
            byte[] echoReply = Wire.reply(icmp, false); // type 0 with our id and seq: not the answer to type 13
            s.deliver(now + MS, Wire.delivered(s, dst, me, 64, echoReply), dst, 64);
            byte[] stamp = icmp.clone();
            stamp[0] = 14;
            s.deliver(now + 2 * MS, Wire.delivered(s, dst, me, 64, Wire.checksum(stamp, false)), dst, 64);
        };
        Echo timestamp = echo.type(13).seq(300);
        SendResult.Answered a = assertInstanceOf(SendResult.Answered.class,
                Once.send(timestamp, Duration.ofSeconds(1), socket, clock));
        assertEquals(13, socket.sent.get(0)[0], "sent as a timestamp request");
        assertEquals(14, a.reply().type());
        assertEquals(300, a.reply().seq());
        assertEquals(2 * MS, a.rttNanos());
        assertTrue(a.checksumOk());
    }

    @Test
    void aSendStoppedBeforeItRunsSendsNothingAndEndsStopped() throws IOException {
        try (OneProbe p = OneProbe.open(peer, 1, ProbeSpec.DEFAULT, EngineOptions.defaults(),
                EngineFactory.over(f -> socket, clock))) {
            p.stop();
            ProbeEvent.Lost lost = assertInstanceOf(ProbeEvent.Lost.class, p.run());
            assertTrue(lost.stopped());
            assertTrue(p.stopped());
        }
        assertTrue(socket.sent.isEmpty(), "nothing sent");
    }
}
