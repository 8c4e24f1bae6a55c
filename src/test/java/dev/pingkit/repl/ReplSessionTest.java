package dev.pingkit.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jline.reader.History;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pingkit.Echo;

/** The REPL driven through JLine with a dumb terminal: commands in, plain text out. */
class ReplSessionTest {

    @Test
    void echoBuildsThePacketAndShowsItsDecodedFields() {
        var t = ReplDriver.script("echo to 127.0.0.1 id 7 seq 1 payload \"hello\"");
        String expected = Echo.to("127.0.0.1").id(7).seq(1).payload("hello").show();
        assertTrue(t.output().contains(expected), t.output());
        assertTrue(t.hasLine("id       = 7 (0x0007)"), t.output());
        assertTrue(t.hasLine("payload  = 5 bytes, \"hello\""), t.output());
        assertEquals(0, t.status());
    }

    @Test
    void setChangesOneFieldAndShowsTheNewPacket() {
        var t = ReplDriver.script("echo to 127.0.0.1 id 7 seq 1 payload \"hello\"", "set seq 2", "set ttl 3");
        Echo expected = Echo.to("127.0.0.1").id(7).seq(2).payload("hello").ttl(3);
        assertTrue(t.hasLine("seq      = 2"), t.output());
        assertTrue(t.hasLine("ttl      = 3"), t.output());
        assertTrue(t.hasLine(expected.toString()), t.output());
    }

    @Test
    void hexPrintsTheWireBytesOfTheCurrentPacket() {
        var t = ReplDriver.script("echo to 127.0.0.1 id 7 seq 1 payload \"odd\"", "set checksum 0xdead", "hex");
        String dump = Echo.to("127.0.0.1").id(7).seq(1).payload("odd").checksum(0xdead).hexdump();
        assertTrue(t.output().contains(dump), t.output());
        assertTrue(t.output().contains("08 00 de ad 00 07 00 01  6f 64 64"), t.output());
    }

    @Test
    void typeTakesANameOfTheTargetsFamily() {
        var t = ReplDriver.script("echo to 127.0.0.1", "set type timestamp-request", "echo to ::1", "set type echo-reply");
        assertTrue(t.hasLine("type     = 13 (timestamp-request)"), t.output());
        assertTrue(t.hasLine("type     = 129 (echo-reply)"), t.output());
    }

    @Test
    void aBadValueIsOneErrorLineNamingFieldValueAndRangeAndTheSessionGoesOn() {
        var t = ReplDriver.script("echo to 127.0.0.1 id 7", "set id 70000", "set id seven", "show");
        assertTrue(t.hasLine("error: id must be 0..65535, got 70000"), t.output());
        assertTrue(t.hasLine("error: id must be a number 0..65535, got seven"), t.output());
        // the failed set changed nothing and show still ran
        assertTrue(t.hasLine("id       = 7 (0x0007)"), t.output());
        assertTrue(t.output().indexOf("pingkit> show") > t.output().indexOf("got seven"), t.output());
        assertEquals(1, t.status());
        assertFalse(t.output().contains("Exception"), t.output());
        assertFalse(t.output().contains("\tat "), t.output());
    }

    @Test
    void sizeIsLimitedByTheTargetsFamilyAsEchoLimitsIt() {
        var t = ReplDriver.script("echo to 127.0.0.1", "set size 65508", "set size 65507", "echo to ::1",
                "set size 65528", "set size 65527");
        assertTrue(t.hasLine("error: size must be 0.." + Echo.MAX_PAYLOAD_V4 + ", got 65508"), t.output());
        assertTrue(t.hasLine("error: size must be 0.." + Echo.MAX_PAYLOAD_V6 + ", got 65528"), t.output());
        assertTrue(t.output().contains("len=65507"), "the IPv4 maximum itself is accepted");
        assertTrue(t.output().contains("len=65527"), "the IPv6 maximum itself is accepted");
    }

    @Test
    void unknownCommandsFieldsAndHostsEachGetOneClearLine() {
        var t = ReplDriver.script("snd", "echo to nosuch.invalid", "show", "echo to 127.0.0.1", "set colour red",
                "set ttl", "socket tcp");
        assertTrue(t.output().lines().anyMatch(l -> l.startsWith("error: unknown command snd; commands: ")),
                t.output());
        assertTrue(t.hasLine("error: unknown host: nosuch.invalid"), t.output());
        assertTrue(t.hasLine("error: show needs a packet first: echo to <host> [field value]..."), t.output());
        assertTrue(t.output().lines().anyMatch(l -> l.startsWith("error: unknown field colour; fields: id seq")),
                t.output());
        assertTrue(t.output().lines().anyMatch(l -> l.startsWith("error: ttl needs a value")), t.output());
        assertTrue(t.hasLine("error: socket must be raw, dgram or auto, got tcp"), t.output());
    }

    @Test
    void aScriptEchoesEachCommandBeforeItsOutputWithoutEscapeCodes() {
        var t = ReplDriver.script("socket dgram", "bogus", "ipv6");
        List<String> lines = t.output().lines().toList();
        int i = lines.indexOf("pingkit> socket dgram");
        assertTrue(i >= 0, t.output());
        assertEquals("socket dgram", lines.get(i + 1));
        assertEquals("pingkit> bogus", lines.get(i + 2));
        assertTrue(lines.get(i + 3).startsWith("error: unknown command bogus"), t.output());
        assertEquals("pingkit> ipv6", lines.get(i + 4));
        assertFalse(t.output().contains("\u001b"), "no escape codes on a dumb terminal");
    }

    @Test
    void aScriptStopsAtTheFirstFailureUnlessToldToKeepGoing() {
        var stop = ReplDriver.run(ReplConfig.script(false), "socket raw", "set id 1", "socket dgram");
        assertEquals(1, stop.status());
        assertFalse(stop.output().contains("pingkit> socket dgram"), stop.output());

        var keep = ReplDriver.run(ReplConfig.script(true), "socket raw", "set id 1", "socket dgram");
        assertEquals(1, keep.status());
        assertTrue(keep.hasLine("pingkit> socket dgram"), keep.output());

        var ok = ReplDriver.run(ReplConfig.script(false), "socket raw", "# a comment", "", "socket auto");
        assertEquals(0, ok.status());
    }

    @Test
    void quitEndsTheSessionBeforeTheRestOfTheInput() {
        var t = ReplDriver.script("ipv4", "quit", "ipv6");
        assertTrue(t.hasLine("host names resolve to IPv4"), t.output());
        assertFalse(t.output().contains("IPv6"), t.output());
        assertEquals(0, t.status());
    }

    @Test
    void variablesExpandAndAnUnknownOneIsAnError() {
        var t = ReplDriver.run(ReplConfig.script(true).withVariables(java.util.Map.of("lo", "127.0.0.1")),
                "let n 42", "echo to $lo id $n payload \"${n} apples\"", "echo to $nowhere");
        assertTrue(t.hasLine("target   = 127.0.0.1"), t.output());
        assertTrue(t.hasLine("id       = 42 (0x002a)"), t.output());
        assertTrue(t.hasLine("payload  = 9 bytes, \"42 apples\""), t.output());
        assertTrue(t.output().lines().anyMatch(l -> l.startsWith("error: unknown variable $nowhere, defined: ")),
                t.output());
    }

    @Test
    void historyKeepsEveryLineIncludingFailedOnesAcrossSessions(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("history");
        List<String> seen = new ArrayList<>();
        ReplDriver.run(ReplConfig.interactive(file), r -> r.history().forEach(e -> seen.add(e.line())),
                "echo to 127.0.0.1 id 7", "set id 70000", "snd");
        assertEquals(List.of("echo to 127.0.0.1 id 7", "set id 70000", "snd"), seen);
        String saved = Files.readString(file);
        assertTrue(saved.contains("set id 70000") && saved.contains("snd"), saved);

        // A new session starts with the old lines: the history command lists them, then itself.
        var again = ReplDriver.run(ReplConfig.interactive(file), "history");
        assertTrue(again.output().contains("    2  set id 70000"), again.output());
        assertTrue(again.output().contains("    4  history"), again.output());
    }

    @Test
    void helpListsEveryCommandAndExplainsOne() {
        var t = ReplDriver.script("help", "help set", "help nosuch");
        for (String c : List.of("echo", "set", "show", "hex", "socket", "ipv4", "ipv6", "history", "help", "quit")) {
            assertTrue(t.output().lines().anyMatch(l -> l.startsWith("  " + c)), c + " missing from\n" + t.output());
        }
        assertTrue(t.hasLine("usage: set <field> <value> [<field> <value>]..."), t.output());
        assertTrue(t.output().lines().anyMatch(l -> l.startsWith("  checksum  force the checksum")), t.output());
        assertTrue(t.output().lines().anyMatch(l -> l.startsWith("error: no command nosuch")), t.output());
    }

    @Test
    void historyCountShowsOnlyTheLastLines() {
        List<String> seen = new ArrayList<>();
        var t = ReplDriver.run(ReplConfig.script(true), r -> {
            History h = r.history();
            h.forEach(e -> seen.add(e.line()));
        }, "ipv4", "ipv6", "history 2");
        assertTrue(t.hasLine("    2  ipv6"), t.output());
        assertFalse(t.hasLine("    1  ipv4"), t.output());
        assertEquals(List.of("ipv4", "ipv6", "history 2"), seen);
    }

    @Test
    void numbersAreAsciiDigitsAndControlBytesAreEscapedInErrors() {
        var t = ReplDriver.script("echo to 127.0.0.1", "set id \u0661\u0662", "set seq 1\u001b[2J", "show");
        assertTrue(t.hasLine("error: id must be a number 0..65535, got \u0661\u0662"), t.output());
        assertTrue(t.output().lines().anyMatch(l -> l.startsWith("error: ") && l.contains("\\x1b[2J")), t.output());
        assertFalse(t.output().contains("\u001b"), "no raw escape reaches the terminal");
    }
}
