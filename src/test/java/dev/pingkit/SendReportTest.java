package dev.pingkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.packet.EchoMessage;
import dev.pingkit.packet.IcmpMessage;
import dev.pingkit.SendResult;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A send's result in ping's words (the facade's), and the values' own one-line summaries (the engine's). */
class SendReportTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final Echo echo = Echo.to("127.0.0.1").id(7).seq(1).payload("hi").ttl(3);
    private final IcmpMessage reply = EchoMessage.reply(4).identifier(7).sequence(1).data("hi".getBytes()).build()
            .decoded();

    private SendResult.Answered answered(boolean checksumOk, boolean payloadMatches) {
        ProbeEvent outcome = checksumOk && payloadMatches
                ? new ProbeEvent.Answered(null, LOOPBACK, 42_000, 64, reply.length(), 0, true, reply)
                : new ProbeEvent.Corrupted(null, LOOPBACK, 42_000, 64, reply.length(), true, checksumOk,
                payloadMatches ? -1 : 0, payloadMatches ? -1 : 'h', payloadMatches ? -1 : 'x', reply);
        return new SendResult.Answered(echo.target(), echo.message(), outcome);
    }

    @Test
    void anAnswerIsPingsLineFlaggedWhenCorrupted() {
        assertEquals("10 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.042 ms", SendReport.line(answered(true, true)));
        assertEquals("10 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.042 ms (BAD CHECKSUM!) (PAYLOAD ALTERED!)",
                SendReport.line(answered(false, false)));
        assertEquals("Answered[from=127.0.0.1 seq=1 bytes=10 ttl=64 rtt=0.042ms checksumOk=false]",
                answered(false, true).toString());
    }

    @Test
    void anAnswerReadsItsFieldsFromTheEnginesOutcome() {
        SendResult.Answered a = answered(true, false);
        assertEquals(LOOPBACK, a.from());
        assertEquals(42_000, a.rttNanos());
        assertEquals(64, a.ttl());
        assertEquals(reply, a.reply());
        assertTrue(a.checksumOk() && !a.payloadMatches(), a::toString);
        assertThrows(IllegalArgumentException.class, () -> new SendResult.Answered(echo.target(), echo.message(),
                new ProbeEvent.Lost(null, false)));
    }

    @Test
    void noReplyNamesTargetSequenceAndWait() {
        SendResult.NoReply n = new SendResult.NoReply(echo.target(), echo.message(), Duration.ofMillis(1500),
                new ProbeEvent.Lost(null, false));
        assertEquals("no reply from 127.0.0.1 icmp_seq=1 within 1500 ms", SendReport.line(n));
        assertEquals("NoReply[target=127.0.0.1 seq=1 waited=1500ms]", n.toString());
    }

    @Test
    void showHasTheEchoWithItsSendOptionsThenTheReply() {
        String shown = SendReport.show(echo, answered(true, true));
        assertTrue(shown.startsWith("request:\n  target   = 127.0.0.1\n"), shown);
        assertTrue(shown.contains("\n  ttl      = 3\n"), shown);
        assertTrue(shown.contains("reply from 127.0.0.1 after 0.042 ms, ttl 64:\n"), shown);
        assertTrue(shown.contains("echo-reply"), shown);
        // the engine's own view knows only the packet: the request's fields, without send options
        String packetOnly = answered(true, true).show();
        assertTrue(packetOnly.contains("reply from 127.0.0.1 after 0.042 ms, ttl 64:\n") && !packetOnly.contains("ttl      = 3"),
                packetOnly);
    }
}
