package dev.pingkit.batch;

import dev.pingkit.Echo;
import dev.pingkit.engine.Stop;
import dev.pingkit.fakes.FakeAddresses;
import dev.pingkit.fakes.FakeNet;
import dev.pingkit.fakes.FakeSocket;
import dev.pingkit.fakes.Wire;

import static dev.pingkit.fakes.FakeAddresses.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A batch's one engine run on the shared fake network and clock, in milliseconds of fake time: sends spaced by the
 * gap in {@link Probes#list()}'s order, each probe ending answered (with its RTT), as an ICMP error, or lost at its
 * timeout; a stop keeps the probes that ended before it.
 */
class ProbesScheduleTest {
    private static final InetAddress TARGET = FakeAddresses.target(false);
    private static final InetAddress CLIENT = FakeAddresses.client(false);
    private static final InetAddress ROUTER = FakeAddresses.ip("198.18.10.1");

    private final FakeNet net = new FakeNet();
    private final long start = net.clock.now;
    private final List<Double> sendMs = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();

    /** Size 0 is lost, size 10 answered after 3 ms, size 20 meets a time exceeded after 1 ms. */
    private final FakeSocket.Peer path = (s, icmp, dst, now) -> {
        sendMs.add((now - start) / (double) MS);
        int size = icmp.length - 8;
        sizes.add(size);
        if (size == 10) {
            s.deliver(now + 3 * MS, Wire.delivered(s, dst, CLIENT, 60, Wire.reply(icmp, false)), dst, 60);
        } else if (size == 20) {
            byte[] err = Wire.error(11, 0, icmp, CLIENT, dst);
            s.deliver(now + MS, Wire.delivered(s, ROUTER, CLIENT, 63, err), ROUTER, 63);
        }
    };

    @Test
    void probesLeaveAGapApartInSendOrderAndEachEndsItsOwnWay() throws Exception {
        net.peer = path;
        // no seq set: the engine numbers the six probes, so none waits for another
        Probes batch = Echo.to(TARGET.getHostAddress()).probes().sizes(0, 10, 20).ttls(64, 65)
                .gap(Duration.ofMillis(5)).timeout(Duration.ofMillis(300));
        Results r = batch.sendAll(new Stop(), net.engines());
        assertEquals(List.of(0.0, 5.0, 10.0, 15.0, 20.0, 25.0), sendMs);
        assertEquals(List.of(0, 0, 10, 10, 20, 20), sizes, "size slower, ttl faster");
        assertEquals(List.of(1, 2, 3, 4, 5, 6), r.all().stream().map(p -> p.request().seq()).toList());
        assertEquals(6, r.size());
        List<ProbeResult.Status> status = r.all().stream().map(ProbeResult::status).toList();
        assertEquals(List.of(ProbeResult.Status.LOST, ProbeResult.Status.LOST, ProbeResult.Status.ANSWERED,
                ProbeResult.Status.ANSWERED, ProbeResult.Status.ERROR, ProbeResult.Status.ERROR), status);
        assertEquals(3.0, r.all().get(2).rttMillis(), 1e-9);
        assertEquals(60, r.all().get(2).replyTtl());
        assertEquals(ROUTER, r.all().get(4).from());
        assertEquals(11, r.all().get(4).reply().type());
        assertNull(r.all().get(0).from());
        // The last probe lost left at 5 ms and is lost 300 ms later; the last out (25 ms) met its error at 26 ms.
        assertEquals(305.0, (net.clock.now - start) / (double) MS, 1e-9);
    }

    @Test
    void sizesAtTheSeqsSetGoUnderThoseSeqsEachAfterTheProbeBeforeItWithItsSeqEnded() throws Exception {
        net.peer = path;
        List<Integer> wireSeqs = new ArrayList<>();
        FakeSocket.Peer seen = net.peer;
        net.peer = (s, icmp, dst, now) -> {
            wireSeqs.add(Wire.seq(icmp));
            seen.onSend(s, icmp, dst, now);
        };
        Results r = Echo.to(TARGET.getHostAddress()).id(4242).seq(1, 2).sizes(0, 10, 20).gap(Duration.ofMillis(5))
                .timeout(Duration.ofMillis(300)).sendAll(new Stop(), net.engines());
        // size 0 is lost: each seq's size 10 goes at that loss (300 and 305 ms, the second a gap later), its
        // size 20 when size 10's answer came 3 ms later, a gap after the send before
        assertEquals(List.of(0.0, 5.0, 300.0, 305.0, 310.0, 315.0), sendMs);
        assertEquals(List.of(1, 2, 1, 1, 2, 2), wireSeqs, "every probe under the seq set");
        assertEquals(List.of(0, 0, 10, 20, 10, 20), sizes);
        assertEquals("as asked", r.numbering());
        assertEquals(List.of(1, 1, 1, 2, 2, 2), r.all().stream().map(p -> p.request().seq()).toList(),
                "results in the batch's order, each with the seq it carried");
        assertEquals(List.of(ProbeResult.Status.LOST, ProbeResult.Status.ANSWERED, ProbeResult.Status.ERROR,
                ProbeResult.Status.LOST, ProbeResult.Status.ANSWERED, ProbeResult.Status.ERROR),
                r.all().stream().map(ProbeResult::status).toList());
        assertEquals(3.0, r.all().get(1).rttMillis(), 1e-9);
    }

    @Test
    void aSeqRangeOverTwoTargetsGoesOutAsSetAtOnce() throws Exception {
        List<String> wire = new ArrayList<>();
        net.peer = (s, icmp, dst, now) -> {
            wire.add(dst.getHostAddress() + " " + Wire.seq(icmp));
            s.deliver(now + MS, Wire.delivered(s, dst, CLIENT, 64, Wire.reply(icmp, false)), dst, 64);
        };
        Results r = Echo.to(TARGET.getHostAddress()).id(4242).probes().targets("198.51.100.7", "198.51.100.8")
                .seq(1, 3).gap(Duration.ZERO).sendAll(new Stop(), net.engines());
        assertEquals(List.of("198.51.100.7 1", "198.51.100.7 2", "198.51.100.7 3", "198.51.100.8 1",
                "198.51.100.8 2", "198.51.100.8 3"), wire);
        assertEquals(0, (net.clock.now - start) / MS - 1, "all in flight at once, over in one RTT");
        assertEquals(6, r.answered().size(), r::summary);
        assertEquals("as asked", r.numbering());
        r.all().forEach(p -> assertEquals(p.request().target(), p.from(), p::toString));
        assertEquals(List.of(4242), r.all().stream().map(p -> p.request().id()).distinct().toList());
    }

    @Test
    void withoutAGapTheProbesLeaveAtOnce() throws Exception {
        net.peer = path;
        Echo.to(TARGET.getHostAddress()).size(10).seq(1, 4).gap(Duration.ZERO)
                .sendAll(new Stop(), net.engines());
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0), sendMs);
    }

    @Test
    void aStopKeepsTheProbesThatEndedBeforeIt() throws Exception {
        Stop stop = new Stop();
        net.peer = (s, icmp, dst, now) -> {
            path.onSend(s, icmp, dst, now);
            if (sendMs.size() == 3) {
                stop.stop(); // as the third probe leaves: the first two have ended (answered after 3 ms)
            }
        };
        Results r = Echo.to(TARGET.getHostAddress()).size(10).seq(1, 10).gap(Duration.ofMillis(5))
                .sendAll(stop, net.engines());
        assertEquals(3, sendMs.size(), sendMs::toString);
        assertEquals(2, r.size(), r::toString);
        r.all().forEach(p -> assertEquals(ProbeResult.Status.ANSWERED, p.status()));
        assertEquals(10.0, (net.clock.now - start) / (double) MS, 1e-9);
    }

    @Test
    void aStopBeforeTheRunSendsNothing() throws Exception {
        net.peer = path;
        Stop stop = new Stop();
        stop.stop();
        Results r = Echo.to(TARGET.getHostAddress()).seq(1, 3).sendAll(stop, net.engines());
        assertEquals(0, r.size());
        assertEquals(List.of(), sendMs);
    }
}
