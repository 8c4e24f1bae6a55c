package dev.pingkit.trace;

import dev.pingkit.fakes.FakeClock;
import dev.pingkit.fakes.FakeNet;
import dev.pingkit.fakes.Wire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

/**
 * The tracer on the engine over a fake socket and clock: a scripted path answers each probe by the TTL it was sent
 * with, so hop order, silent hops, the wait rule, batching, the final hop and quote checks are exact.
 */
class TracerTest {
    private static final InetAddress CLIENT = ip("198.51.100.1");
    private static final InetAddress TARGET = ip("198.18.13.2");
    private static final long MS = 1_000_000L;

    /** What the path does with a probe of a given TTL: who answers, and how. */
    private record Answer(InetAddress from, int type, int code, boolean alterQuote) {
    }

    private final FakeNet net = new FakeNet();
    private final FakeClock clock = net.clock;
    private final List<Long> sendTimes = new ArrayList<>();
    private final java.util.Map<Integer, Long> sentBySeq = new java.util.HashMap<>();

    private List<TraceProbe> trace(Trace s, IntFunction<Answer> path) throws IOException {
        net.peer = (sock, icmp, dst, now) -> {
            sendTimes.add(now);
            sentBySeq.put((icmp[6] & 0xff) << 8 | icmp[7] & 0xff, now);
            int ttl = sock.ttl;
            Answer a = path.apply(ttl);
            if (a == null) {
                return;
            }
            byte[] msg = a.type() == 0 ? Wire.reply(icmp, false) : error(a, icmp);
            sock.deliver(now + ttl * MS, Wire.delivered(sock, a.from(), CLIENT, 64 - ttl, msg), a.from(), -1);
        };
        try (Tracer t = new Tracer(s, net.engine, clock)) {
            return t.run(TraceListener.NONE);
        }
    }

    // An ICMP error quoting the whole probe (as Linux does), optionally with its last payload byte changed.
    private static byte[] error(Answer a, byte[] request) {
        byte[] q = request.clone();
        if (a.alterQuote()) {
            q[q.length - 1] ^= 1;
        }
        byte[] quoted = Wire.ipv4(CLIENT, TARGET, 1, q);
        byte[] e = new byte[8 + quoted.length];
        e[0] = (byte) a.type();
        e[1] = (byte) a.code();
        System.arraycopy(quoted, 0, e, 8, quoted.length);
        return Wire.checksum(e, false);
    }

    // hop n answers from 198.18.10.n; hop 2 is silent; the target is hop 4
    private static Answer chain(int ttl) {
        if (ttl == 2) {
            return null;
        }
        return ttl >= 4 ? new Answer(TARGET, 0, 0, false) : new Answer(ip("198.18.10." + ttl), 11, 0, false);
    }

    @Test
    void tracesHopByHopAndStopsAtTheDestination() throws IOException {
        List<TraceProbe> probes = trace(Trace.to(TARGET), TracerTest::chain);
        assertEquals(12, probes.size(), probes::toString);
        for (TraceProbe p : probes) {
            assertEquals(1 + probes.indexOf(p) / 3, p.ttl());
            if (p.ttl() == 2) {
                assertTrue(p.timedOut(), p::toString);
                assertNull(p.message());
            } else {
                assertEquals(p.ttl() == 4 ? TARGET : ip("198.18.10." + p.ttl()), p.from(), p::toString);
                assertEquals(p.ttl() * MS, p.rttNanos(), p::toString);
                assertEquals(p.ttl() == 4, p.reached(), p::toString);
                assertEquals(p.ttl() == 4 ? 0 : 11, p.message().type());
                assertFalse(p.quoteAltered(), p::toString);
            }
        }
    }

    @Test
    void eachProbeCarriesTheIdentifierItWentOutWithAndItsSendStamp() throws IOException {
        List<TraceProbe> probes = trace(Trace.to(TARGET), TracerTest::chain);
        for (TraceProbe p : probes) {
            // the engine's stamp of that seq (the fake socket stamps sends on its wall clock, EPOCH + monotonic)
            assertEquals(dev.pingkit.fakes.FakeSocket.EPOCH + sentBySeq.get(p.seq()), p.sentAtNanos(), p::toString);
            if (p.reached()) {
                assertEquals(p.message().id(), p.id(), p::toString); // the reply echoes the identifier sent
                assertEquals(p.message().seq(), p.seq(), p::toString);
            }
        }
        assertEquals(1, probes.stream().mapToInt(TraceProbe::id).distinct().count(), probes::toString);
    }

    @Test
    void aSilentHopWaitsOnlyNearFactorTimesALaterHopsRtt() throws IOException {
        long start = clock.now;
        trace(Trace.to(TARGET), TracerTest::chain);
        // hop 3 answered in 3 ms: the silent hop's probes expire after 10 * (3 + 1) ms, not after 5 s.
        long took = clock.now - start;
        assertTrue(took >= 40 * MS && took < 100 * MS, "trace took " + took / MS + " ms of fake time");
    }

    @Test
    void sendsNoMoreThanSimultaneousProbesBeforeAnyEnds() throws IOException {
        Trace s = Trace.to(TARGET).maxHops(6).simultaneous(4).waitMax(Duration.ofSeconds(1));
        List<TraceProbe> probes = trace(s, ttl -> null);
        assertEquals(18, probes.size());
        assertTrue(probes.stream().allMatch(TraceProbe::timedOut));
        long first = sendTimes.get(0);
        assertEquals(4, sendTimes.stream().filter(t -> t == first).count(), sendTimes::toString);
        assertEquals(18, sendTimes.size());
    }

    @Test
    void aLoopEndsAtTheMaximumTtl() throws IOException {
        Trace s = Trace.to(TARGET).maxHops(6).probes(2);
        List<TraceProbe> probes = trace(s, ttl -> new Answer(ip(ttl % 2 == 1 ? "198.51.100.6" : "198.18.10.2"), 11, 0,
                false));
        assertEquals(12, probes.size());
        assertEquals(6, probes.get(11).ttl());
        assertTrue(probes.stream().noneMatch(TraceProbe::isFinal));
    }

    @Test
    void anUnreachableEndsTheTraceAtItsHop() throws IOException {
        List<TraceProbe> probes = trace(Trace.to(TARGET),
                ttl -> ttl == 1 ? new Answer(ip("198.51.100.6"), 11, 0, false) : new Answer(ip("198.18.10.2"), 3, 1,
                        false));
        assertEquals(6, probes.size(), probes::toString);
        assertTrue(probes.get(5).unreachable() && probes.get(5).isFinal());
        assertEquals(1, probes.get(5).message().code());
    }

    @Test
    void aHopThatRewritesTheQuotedProbeIsFlagged() throws IOException {
        List<TraceProbe> probes = trace(Trace.to(TARGET),
                ttl -> ttl == 3 ? new Answer(ip("198.18.10.3"), 11, 0, true) : chain(ttl));
        for (TraceProbe p : probes) {
            assertEquals(p.ttl() == 3, p.quoteAltered(), p::toString);
        }
    }

    @Test
    void answersToProbesOfAnotherIdentifierAreIgnored() throws IOException {
        net.peer = (sock, icmp, dst, now) -> {
            byte[] other = icmp.clone();
            other[4] ^= 0x55; // someone else's identifier
            sock.deliver(now + MS, Wire.delivered(sock, TARGET, CLIENT, 60, Wire.reply(other, false)), TARGET, -1);
        };
        Trace s = Trace.to(TARGET).maxHops(2).probes(1).waitMax(Duration.ofMillis(50));
        try (Tracer t = new Tracer(s, net.engine, clock)) {
            List<TraceProbe> probes = t.run(TraceListener.NONE);
            assertTrue(probes.stream().allMatch(TraceProbe::timedOut), probes::toString);
        }
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
