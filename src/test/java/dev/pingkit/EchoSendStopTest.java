package dev.pingkit;

import dev.pingkit.engine.EngineOptions;
import dev.pingkit.engine.Stop;
import dev.pingkit.fakes.EchoPeer;
import dev.pingkit.fakes.FakeAddresses;
import dev.pingkit.fakes.FakeNet;

import static dev.pingkit.fakes.FakeAddresses.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The single send and the one stop token, on the shared fake network and clock. */
class EchoSendStopTest {
    private final FakeNet net = new FakeNet();
    private final long start = net.clock.now;
    private final Echo echo = Echo.to(FakeAddresses.target(false).getHostAddress()).id(7).seq(3);
    private final EchoPeer peer = new EchoPeer(FakeAddresses.client(false));

    private SendResult send(Stop stop) throws Exception {
        try (EchoSend s = EchoSend.of(echo, Duration.ofSeconds(10), EngineOptions.defaults(), net.engines())) {
            SendResult r = s.await(stop);
            assertEquals(stop.stopped(), s.stopped(), "stopped() tells a stopped send from a timeout");
            return r;
        }
    }

    @Test
    void anUnstoppedSendIsAnswered() throws Exception {
        peer.rttNanos = seq -> 3 * MS;
        net.peer = peer;
        SendResult r = send(new Stop());
        assertInstanceOf(SendResult.Answered.class, r);
        assertEquals(3 * MS, net.clock.now - start);
    }

    @Test
    void aStopWhileWaitingEndsTheSendAtOnceWithNoReply() throws Exception {
        Stop stop = new Stop();
        peer.drop = seq -> true;
        net.peer = (s, icmp, dst, now) -> {
            peer.onSend(s, icmp, dst, now);
            stop.stop(); // as the probe leaves: nothing will answer
        };
        SendResult r = send(stop);
        assertInstanceOf(SendResult.NoReply.class, r);
        assertEquals(1, peer.requests, "the probe went out");
        assertTrue(net.clock.now - start < 10_000 * MS, "did not wait the 10 s out");
    }

    @Test
    void aStopBeforeTheSendSendsNothing() throws Exception {
        net.peer = peer;
        Stop stop = new Stop();
        stop.stop();
        SendResult r = send(stop);
        assertInstanceOf(SendResult.NoReply.class, r);
        assertEquals(0, peer.requests);
        assertFalse(net.sockets.values().stream().anyMatch(s -> !s.sent.isEmpty()));
    }
}
