package dev.pingkit.ping;

import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.fakes.FakeAddresses;
import dev.pingkit.fakes.FakeClock;
import dev.pingkit.fakes.FakeSocket;
import dev.pingkit.Once;
import dev.pingkit.SendResult;
import dev.pingkit.socket.Family;
import dev.pingkit.socket.Inbound;
import dev.pingkit.socket.SocketKind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Error-queue reports of a datagram socket, in memory: matched, counted and worded as iputils does. */
class PingerErrorReportTest {
    static final long MS = 1_000_000L;
    static final int EHOSTUNREACH = 113;
    static final int EMSGSIZE = 90;

    final FakeClock clock = new FakeClock();
    final List<PingEvent> events = new ArrayList<>();
    final InetAddress target = FakeAddresses.target(false);
    final InetAddress router = FakeAddresses.ip("198.18.0.1");

    FakeSocket datagram(int id) {
        return new FakeSocket(clock, Family.IPV4, SocketKind.DATAGRAM, id);
    }

    PingStatistics run(PingSettings s, FakeSocket socket) throws IOException {
        try (Pinger p = new Pinger(s, socket, clock)) {
            return p.run(events::add);
        }
    }

    <T> List<T> of(Class<T> type) {
        return Seen.of(events, type);
    }

    List<PingEvent.Outcome> replies() {
        return Seen.replies(events);
    }

    @Test
    void aReportQuotingOurProbeIsAnErrorReplyFromTheReporter() throws IOException {
        FakeSocket s = datagram(777);
        s.peer = (sock, icmp, dst, now) -> sock.deliverReport(now + MS, icmp, dst, Inbound.ORIGIN_ICMP, 11, 0, 0,
                EHOSTUNREACH, router);
        PingStatistics st = run(PingSettings.to(target).count(3).interval(Duration.ofMillis(10)), s);
        assertEquals(3, st.transmitted());
        assertEquals(3, st.errors());
        assertEquals(List.of(1, 2, 3), of(ProbeEvent.Failed.class).stream().map(Seen::seq).toList());
        ProbeEvent.Failed e = of(ProbeEvent.Failed.class).get(0);
        assertEquals(router, e.reporter());
        assertEquals(11, e.error().type());
        assertEquals(777, e.error().quoted().orElseThrow().id());
        assertEquals(List.of(), of(ProbeEvent.Lost.class));
    }

    @Test
    void aReportQuotingAnotherIdOrAnUnsentSeqIsNotOurs() throws IOException {
        FakeSocket s = datagram(777);
        s.peer = (sock, icmp, dst, now) -> {
            byte[] otherId = icmp.clone();
            otherId[5] ^= 1;
            byte[] unsent = icmp.clone();
            unsent[6] = 0x7f;
            sock.deliverReport(now + MS, otherId, dst, Inbound.ORIGIN_ICMP, 3, 1, 0, EHOSTUNREACH, router);
            sock.deliverReport(now + MS, unsent, dst, Inbound.ORIGIN_ICMP, 3, 1, 0, EHOSTUNREACH, router);
        };
        PingStatistics st = run(PingSettings.to(target).count(1).replyTimeout(Duration.ofSeconds(1)), s);
        assertEquals(0, st.errors());
        assertEquals(List.of(), of(ProbeEvent.Failed.class));
        assertEquals(1, of(ProbeEvent.Lost.class).size());
    }

    @Test
    void redirectsAreReportedButNotCountedAsIputilsDoes() throws IOException {
        FakeSocket s = datagram(5);
        s.peer = (sock, icmp, dst, now) -> sock.deliverReport(now + MS, icmp, dst, Inbound.ORIGIN_ICMP, 5, 1, 0,
                0, router);
        PingStatistics st = run(PingSettings.to(target).count(1).replyTimeout(Duration.ofMillis(100)), s);
        assertEquals(0, st.errors());
        assertEquals(1, of(ProbeEvent.Advisory.class).size()); // shown as iputils shows it, never counted
        assertEquals(List.of(), of(ProbeEvent.Failed.class));
    }

    /**
     * The socket retries a failed send once, so a local EMSGSIZE leaves two reports; the probe is still one
     * transmitted probe and one error, and the event carries the report's errno and MTU (which the CLI words as iputils does).
     */
    @Test
    void aLocalReportExplainsTheFailedSendAndCountsOnce() throws IOException {
        FakeSocket s = datagram(9);
        s.failEverySend = new IOException("sendto: EMSGSIZE (Message too long)");
        s.onFailedSend = (sock, icmp, dst, now) -> {
            for (int attempt = 0; attempt < 2; attempt++) {
                sock.deliverReport(now, new byte[0], dst, Inbound.ORIGIN_LOCAL, 0, 0, 1400, EMSGSIZE, null);
            }
        };
        PingStatistics st = run(PingSettings.to(target).count(2).interval(Duration.ofMillis(10))
                .replyTimeout(Duration.ofMillis(100)), s);
        assertEquals(2, st.transmitted());
        assertEquals(2, st.errors());
        assertEquals(List.of("1 EMSGSIZE Message too long 1400",
                "2 EMSGSIZE Message too long 1400"),
                of(ProbeEvent.SendFailed.class).stream().map(Seen::refusal).toList());
        assertEquals(List.of(), of(ProbeEvent.Lost.class));
    }

    /** Issue 15 item 6: iputils exits as soon as every probe of the count has failed; it waits no linger time. */
    @Test
    void whenEveryProbeFailedLocallyTheRunEndsAtOnceWithoutTheLingerWait() throws IOException {
        FakeSocket s = datagram(9);
        s.failEverySend = new IOException("sendto: EMSGSIZE (Message too long)");
        s.onFailedSend = (sock, icmp, dst, now) -> sock.deliverReport(now, new byte[0], dst, Inbound.ORIGIN_LOCAL, 0,
                0, 1500, EMSGSIZE, null);
        long start = clock.now;
        PingStatistics st = run(PingSettings.to(target).count(2).interval(Duration.ofSeconds(1)), s);
        assertEquals(2, st.errors());
        assertEquals(1000 * MS, clock.now - start, "ends at the second send, not 10 s later");
    }

    @Test
    void onceTurnsAReportAboutItsProbeIntoFailed() throws IOException {
        FakeSocket s = datagram(321);
        s.peer = (sock, icmp, dst, now) -> sock.deliverReport(now + MS, Arrays.copyOf(icmp, 8), dst,
                Inbound.ORIGIN_ICMP, 3, 13, 0, EHOSTUNREACH, router);
        SendResult r = Once.send(dev.pingkit.Echo.to(target).seq(4), Duration.ofSeconds(1), s, clock);
        SendResult.Failed f = assertInstanceOf(SendResult.Failed.class, r);
        assertEquals(router, f.from());
        assertEquals(13, f.error().code());
        assertEquals(4, f.error().quoted().orElseThrow().seq());
    }
}
