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
        Probes batch = Echo.to(TARGET.getHostAddress()).seq(1, 2).sizes(0, 10, 20).gap(Duration.ofMillis(5))
                .timeout(Duration.ofMillis(300));
        Results r = batch.sendAll(new Stop(), net.engines());
        assertEquals(List.of(0.0, 5.0, 10.0, 15.0, 20.0, 25.0), sendMs);
        assertEquals(List.of(0, 10, 20, 0, 10, 20), sizes, "seq slowest, size faster");
        assertEquals(6, r.size());
        List<ProbeResult.Status> status = r.all().stream().map(ProbeResult::status).toList();
        assertEquals(List.of(ProbeResult.Status.LOST, ProbeResult.Status.ANSWERED, ProbeResult.Status.ERROR,
                ProbeResult.Status.LOST, ProbeResult.Status.ANSWERED, ProbeResult.Status.ERROR), status);
        assertEquals(3.0, r.all().get(1).rttMillis(), 1e-9);
        assertEquals(60, r.all().get(1).replyTtl());
        assertEquals(ROUTER, r.all().get(2).from());
        assertEquals(11, r.all().get(2).reply().type());
        assertNull(r.all().get(0).from());
        // The last probe out is lost 300 ms after it left at 15 ms: the run ends then.
        assertEquals(315.0, (net.clock.now - start) / (double) MS, 1e-9);
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
