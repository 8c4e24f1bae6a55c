package dev.pingkit.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The REPL's hints for a learner's typos: a near command or field named, a payload with spaces, an empty one. */
class ReplHintsTest {

    @Test
    void aMistypedCommandOrFieldNamesTheNearOne() {
        var t = ReplDriver.script("shwo", "echo to 127.0.0.1", "set tll 3", "set paylod \"x\"", "set colour red");
        assertTrue(t.output().lines().anyMatch(l -> l.startsWith("error: unknown command shwo; commands: ")
                && l.endsWith("; did you mean show?")), t.output());
        assertTrue(t.output().lines().anyMatch(l -> l.startsWith("error: unknown field tll; fields: ")
                && l.endsWith("; did you mean ttl?")), t.output());
        assertTrue(t.output().lines().anyMatch(l -> l.endsWith("; did you mean payload?")), t.output());
        assertTrue(t.output().lines().anyMatch(l -> l.startsWith("error: unknown field colour; fields: ")
                && !l.contains("did you mean")), "nothing is near colour:\n" + t.output());
    }

    @Test
    void aPayloadWithSpacesIsToldToQuote() {
        var t = ReplDriver.script("echo to 127.0.0.1 payload hello there", "echo to 127.0.0.1", "set payload hello big world");
        assertTrue(t.hasLine("error: unknown field there: to put spaces in a payload, quote it: payload \"hello there\""),
                t.output());
        assertTrue(t.hasLine("error: unknown field big: to put spaces in a payload, quote it: payload \"hello big ...\""),
                t.output());
    }

    @Test
    void anEmptyQuotedPayloadIsAnEmptyPayload() {
        var t = ReplDriver.script("echo to 127.0.0.1 payload \"hi\"", "set payload \"\"", "show");
        assertTrue(!t.output().contains("error:"), t.output());
        assertTrue(t.hasLine("payload  = 0 bytes"), t.output());
        assertTrue(t.output().contains("seq=1 len=0 "), t.output());
    }

    @Test
    void spellingAllowsATypoOrTwoAndNoTies() {
        var known = List.of("send", "show", "set", "ping", "listen");
        assertEquals(Optional.of("show"), Spelling.closest("shwo", known));
        assertEquals(Optional.of("listen"), Spelling.closest("lisen", known));
        assertEquals(Optional.of("ping"), Spelling.closest("PING", known));
        assertEquals(Optional.empty(), Spelling.closest("sxx", known), "one edit from nothing, two from many");
        assertEquals(Optional.empty(), Spelling.closest("colour", known));
    }

    @Test
    void aSendSaysHowLongItWillWaitAndWaitsAsLongAsTheApiAndTheCommand() {
        assertEquals(dev.pingkit.Echo.DEFAULT_TIMEOUT, NetCommands.DEFAULT_TIMEOUT);
        assertEquals(dev.pingkit.Echo.DEFAULT_TIMEOUT, dev.pingkit.ping.PingSettings.DEFAULT_REPLY_TIMEOUT);
        var t = ReplDriver.script("echo to 127.0.0.1 payload \"hi\"", "send", "send 2.5", "send 300ms");
        assertTrue(t.hasLine("waiting up to 10 s for 127.0.0.1 (send <seconds> waits less)"), t.output());
        assertTrue(t.hasLine("waiting up to 2.5 s for 127.0.0.1"), t.output());
        assertEquals(2, t.output().lines().filter(l -> l.startsWith("waiting up to")).count(),
                "a wait under a second is not announced\n" + t.output());
    }
}
