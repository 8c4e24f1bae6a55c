package dev.pingkit.ping;

import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.tools.RequiredTool;
import dev.pingkit.engine.Engine;
import dev.pingkit.Once;
import dev.pingkit.SendResult;
import dev.pingkit.engine.TimeSource;
import dev.pingkit.Echo;
import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;
import dev.pingkit.packet.Addresses;
import dev.pingkit.socket.IcmpSocket;
import dev.pingkit.socket.IcmpSockets;
import dev.pingkit.socket.SocketKind;
import dev.pingkit.socket.SocketOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine against real hosts of the namespace lab, from sockets opened in the client namespace. */
@LabTest
class PingerLabTest {
    static final SocketOptions CLIENT = SocketOptions.DEFAULTS.netns(Lab.CLIENT_NETNS);
    static final Duration WAIT = Duration.ofSeconds(2);

    static InetAddress addr(String host, int family) {
        return Lab.host(host).address(family);
    }

    static SendResult once(Echo echo, Duration timeout) throws IOException {
        return Once.send(echo, timeout, SocketKind.AUTO, CLIENT);
    }

    static PingSettings settings(String host, int family) {
        return PingSettings.to(addr(host, family), host).netns(Lab.CLIENT_NETNS);
    }

    static class Recorder implements PingListener {
        final List<PingEvent> events = new ArrayList<>();
        final AtomicInteger foreign = new AtomicInteger();

        @Override
        public void onEvent(PingEvent e) {
            if (Seen.is(e, ProbeEvent.Stray.class)) {
                foreign.incrementAndGet();
            } else {
                events.add(e);
            }
        }

        @Override
        public boolean wantsForeign() {
            return true;
        }

        <T> List<T> of(Class<T> type) {
            return Seen.of(events, type);
        }

        List<PingEvent.Outcome> replies() {
            return Seen.replies(events);
        }
    }

    static PingStatistics run(PingSettings s, PingListener l) throws IOException {
        try (Pinger p = Pinger.open(s)) {
            return p.run(l);
        }
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void peerAnswersTheOneShotWithItsFields(int family) throws IOException {
        SendResult.Answered a = assertInstanceOf(SendResult.Answered.class,
                once(Echo.to(addr(Lab.PEER, family)).id(4321).seq(9).payload("lab"), WAIT));
        assertEquals(addr(Lab.PEER, family), a.from());
        assertEquals(9, a.reply().seq());
        assertEquals(64, a.ttl());
        assertTrue(a.payloadMatches() && a.checksumOk(), a.toString());
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void ttlOneToFarFailsWithTimeExceededFromTheRouter(int family) throws IOException {
        Echo probe = Echo.to(addr(Lab.FAR, family)).id(4322).seq(3).ttl(1);
        SendResult.Failed f = assertInstanceOf(SendResult.Failed.class, once(probe, WAIT));
        assertEquals(addr(Lab.ROUTER, family), f.from());
        assertEquals(family == 4 ? 11 : 3, f.error().type());
        assertEquals(0, f.error().code());
        assertEquals(3, f.error().quoted().orElseThrow().seq(), f.error().show());
        String line = dev.pingkit.SendReport.line(f);
        assertTrue(line.startsWith("From " + Addresses.text(addr(Lab.ROUTER, family)) + " icmp_seq=3 "), line);
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void unreachableAndProhibitRoutesGiveTheirCodes(int family) throws IOException {
        SendResult.Failed u = assertInstanceOf(SendResult.Failed.class,
                once(Echo.to(addr(Lab.UNREACHABLE, family)).id(4323), WAIT));
        SendResult.Failed p = assertInstanceOf(SendResult.Failed.class,
                once(Echo.to(addr(Lab.PROHIBIT, family)).id(4324), WAIT));
        assertEquals(addr(Lab.ROUTER, family), u.from());
        assertEquals(addr(Lab.ROUTER, family), p.from());
        // IPv4: host unreachable (1), communication administratively prohibited (13) — iputils' "Packet filtered".
        // IPv6: no route (0), administratively prohibited (1).
        assertEquals(family == 4 ? 3 : 1, u.error().type());
        assertEquals(family == 4 ? 1 : 0, u.error().code());
        assertEquals(family == 4 ? 3 : 1, p.error().type());
        assertEquals(family == 4 ? 13 : 1, p.error().code());
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void blackholeGivesNoReplyAfterTheTimeout(int family) throws IOException {
        Duration timeout = Duration.ofMillis(700);
        long start = System.nanoTime();
        SendResult r = once(Echo.to(addr(Lab.BLACKHOLE, family)).id(4325), timeout);
        long waited = System.nanoTime() - start;
        SendResult.NoReply n = assertInstanceOf(SendResult.NoReply.class, r);
        assertEquals(timeout, n.waited());
        assertTrue(waited >= timeout.toNanos(), "gave up after " + waited / 1e6 + " ms");
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void runToFarWithTtlOneCountsAnErrorPerProbe(int family) throws IOException {
        Recorder rec = new Recorder();
        PingStatistics st = run(settings(Lab.FAR, family).ttl(1).count(3).interval(Duration.ofMillis(50)), rec);
        assertEquals(3, st.transmitted(), st.show());
        assertEquals(0, st.received(), st.show());
        assertEquals(3, st.errors(), st.show());
        List<ProbeEvent.Failed> errors = rec.of(ProbeEvent.Failed.class);
        assertEquals(List.of(1, 2, 3), errors.stream().map(Seen::seq).toList());
        errors.forEach(e -> assertEquals(addr(Lab.ROUTER, family), e.reporter()));
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void lossyHostLosesExactlyEveryFourthProbe(int family) throws IOException {
        Lab.resetCounters();
        Recorder rec = new Recorder();
        PingStatistics st = run(settings(Lab.LOSSY, family).count(8).interval(Duration.ofMillis(10))
                .replyTimeout(Duration.ofSeconds(1)), rec);
        assertEquals(8, st.transmitted(), st.show());
        assertEquals(6, st.received(), st.show());
        assertEquals(25.0, st.lossPercent());
        assertEquals(List.of(1, 2, 3, 5, 6, 7),
                rec.replies().stream().map(PingEvent.Outcome::seq).toList());
        assertEquals(List.of(4, 8), rec.of(ProbeEvent.Lost.class).stream().map(Seen::seq).toList());
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void dupHostGivesExactlyOneDuplicatePerProbeBeforeTheLast(int family) throws IOException {
        Recorder rec = new Recorder();
        PingStatistics st = run(settings(Lab.DUP, family).count(5).interval(Duration.ofMillis(200)), rec);
        assertEquals(5, st.received(), st.show());
        // as iputils: the run ends at the 5th reply, before its copy arrives
        assertEquals(4, st.duplicates(), st.show());
        assertEquals(List.of(1, 2, 3, 4), rec.replies().stream().filter(PingEvent.Outcome::duplicate)
                .map(PingEvent.Outcome::seq).toList());
    }

    /** A run to peer with an iputils flood (another id) started once our first probe is out. */
    record Flooded(PingStatistics stats, Recorder events, Lab.Result iputils, boolean floodEndedBeforeOurLastProbe,
                   int foreignEchoes) {
    }

    static Flooded runWithFlood(int family, Pinger pinger, int count, int floodCount) throws Exception {
        RequiredTool.require("ping", "iputils-ping");
        InetAddress peer = addr(Lab.PEER, family);
        CompletableFuture<Lab.Result> flood = new CompletableFuture<>();
        AtomicInteger foreignEchoes = new AtomicInteger();
        boolean[] endedBefore = new boolean[1];
        Recorder rec = new Recorder() {
            @Override
            public void onEvent(PingEvent e) {
                super.onEvent(e);
                // start the flood once our run is under way, so the two overlap
                if (Seen.is(e, ProbeEvent.Sent.class) && Seen.seq(e) == 1) {
                    CompletableFuture.runAsync(() -> flood.complete(Lab.run(Duration.ofSeconds(60),
                            "ping", "-" + family, "-n", "-q", "-f", "-c", String.valueOf(floodCount),
                            peer.getHostAddress())));
                }
                if (Seen.is(e, ProbeEvent.Sent.class) && Seen.seq(e) == count) {
                    endedBefore[0] = flood.isDone();
                }
                // echo requests and replies not ours (errors may be a lab neighbour's: not counted)
                if (e instanceof PingEvent.Outcome o && o.event() instanceof ProbeEvent.Stray f
                        && !f.message().isError()) {
                    foreignEchoes.incrementAndGet();
                }
            }
        };
        PingStatistics st;
        try (pinger) {
            st = pinger.run(rec);
        }
        Lab.Result iputils = flood.get();
        assertTrue(iputils.ok(), iputils.toString());
        assertTrue(iputils.stdout().contains(floodCount + " packets transmitted, " + floodCount + " received"),
                iputils.toString());
        assertEquals(count, st.transmitted(), st.show());
        assertEquals(count, st.received(), st.show() + rec.of(ProbeEvent.Lost.class) + " foreign " + rec.foreign);
        assertEquals(0, st.duplicates(), st.show());
        assertEquals(0, st.errors(), st.show());
        assertEquals(0, st.corrupted(), st.show());
        return new Flooded(st, rec, iputils, endedBefore[0], foreignEchoes.get());
    }

    /** The engine itself ignores foreign traffic: a raw socket without the kernel filter sees the flood. */
    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void aConcurrentIputilsFloodDoesNotDisturbOurCounts(int family) throws Exception {
        PingSettings s = settings(Lab.PEER, family).count(400).interval(Duration.ofMillis(5))
                .socketKind(SocketKind.RAW);
        // made by hand, not Pinger.open, and refusing the engine's kernel filter: every ICMP message of the host
        // reaches the socket, the flood's included
        IcmpSocket socket = new Unfiltered(IcmpSockets.open(s.family(), SocketKind.RAW,
                s.socketOptions().receiveBuffer(Engine.RECEIVE_BUFFER)));
        Flooded f = runWithFlood(family, new Pinger(s, socket, TimeSource.SYSTEM), 400, 2000);
        // the raw socket did see the other ping's traffic, and left it alone
        assertTrue(f.foreignEchoes() > 0, "no foreign echo seen: the flood did not overlap our run");
    }

    /** Pinger.open filters in the kernel: the flood's packets never reach our socket. */
    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void withTheKernelFilterNoPacketOfAConcurrentFloodReachesUs(int family) throws Exception {
        Pinger p = Pinger.open(settings(Lab.PEER, family).count(400).interval(Duration.ofMillis(5))
                .socketKind(SocketKind.RAW));
        Flooded f = runWithFlood(family, p, 400, 20000);
        assertTrue(f.floodEndedBeforeOurLastProbe(), "the flood did not run within our run: " + f.iputils());
        assertEquals(0, f.foreignEchoes(), "foreign echoes reached the filtered socket");
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void withTheKernelFilterErrorsQuotingOurProbesStillArrive(int family) throws IOException {
        Recorder rec = new Recorder();
        PingStatistics st = run(settings(Lab.FAR, family).ttl(1).count(3).interval(Duration.ofMillis(50))
                .socketKind(SocketKind.RAW), rec);
        assertEquals(3, st.errors(), st.show());
        assertEquals(List.of(1, 2, 3), rec.of(ProbeEvent.Failed.class).stream().map(Seen::seq)
                .toList());
    }

    /** A real socket that keeps every message: the kernel filter the engine asks for is not attached. */
    private record Unfiltered(IcmpSocket inner) implements IcmpSocket {
        @Override
        public dev.pingkit.socket.Family family() {
            return inner.family();
        }

        @Override
        public SocketKind kind() {
            return inner.kind();
        }

        @Override
        public int localId() {
            return inner.localId();
        }

        @Override
        public boolean headerIncluded() {
            return inner.headerIncluded();
        }

        @Override
        public long send(java.nio.ByteBuffer icmpMessage, InetAddress destination) throws IOException {
            return inner.send(icmpMessage, destination);
        }

        @Override
        public boolean receive(dev.pingkit.socket.Inbound into, long timeoutNanos) throws IOException {
            return inner.receive(into, timeoutNanos);
        }

        @Override
        public void setTtl(int ttl) throws IOException {
            inner.setTtl(ttl);
        }

        @Override
        public void setTos(int tos) throws IOException {
            inner.setTos(tos);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
