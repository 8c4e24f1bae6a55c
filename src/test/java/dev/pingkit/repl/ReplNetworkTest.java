package dev.pingkit.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pingkit.Echo;

/**
 * send, ping and listen on real sockets over loopback (the only place packets may go outside the lab), and Ctrl-C
 * bringing a running command back to the prompt.
 */
class ReplNetworkTest {

    @Test
    void sendPrintsOneLineAndShowDecodesTheRequestAndReplyWithRttTtlAndChecksumVerdict() {
        var t = ReplDriver.script("echo to 127.0.0.1 id 7 seq 1 payload \"hi\"", "send 500ms", "show",
                "send --next", "stats", "set payload \"ho\"", "show");
        assertEquals(0, t.status(), t.output());
        String out = t.output();
        // send alone: the command, then exactly one line (under a second, no 'waiting up to' note)
        java.util.regex.Matcher one = java.util.regex.Pattern.compile("pingkit> send 500ms\n(.*)\npingkit> show\n")
                .matcher(out);
        assertTrue(one.find(), "one line between send and the next prompt\n" + out);
        assertTrue(one.group(1).matches("10 bytes from 127\\.0\\.0\\.1: icmp_seq=1 ttl=64 time=[0-9.]+ ms"), out);
        assertTrue(out.contains("request:\n  target   = 127.0.0.1"), out);
        assertTrue(out.contains("reply from 127.0.0.1 after "), out);
        assertTrue(t.hasLine("  type     = 0 (echo-reply)"), out);
        assertTrue(t.hasLine("  payload  = 2 bytes, \"hi\""), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("  checksum = 0x[0-9a-f]{4} \\(correct\\)")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("10 bytes from 127\\.0\\.0\\.1: icmp_seq=1 ttl=64 time=[0-9.]+ ms")),
                out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("10 bytes from 127.0.0.1: icmp_seq=2 ttl=64 ")),
                "--next moved to seq 2\n" + out);
        assertTrue(t.hasLine("sent 2, answered 2, ICMP errors 0, no reply 0"), out);
        // once the packet changed (set), show is that packet again, not the last send's reply
        assertEquals(1, out.split("reply from 127\\.0\\.0\\.1 after ", -1).length - 1, out);
    }

    /**
     * Whether the kernel lets this process open an ICMP ping socket: net.ipv4.ping_group_range must include one of
     * its groups. Read from the sysctl, not from the REPL's output, so the test knows which answer is right.
     */
    private static boolean pingSocketsAllowed() throws java.io.IOException {
        // readAllLines, not readString: the latter trusts the size procfs reports and read "1" of "1\t0".
        String[] range = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/sys/net/ipv4/ping_group_range"))
                .get(0).trim().split("\\s+");
        long low = Long.parseLong(range[0]);
        long high = Long.parseLong(range[1]);
        String groups = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Groups:") || l.startsWith("Gid:"))
                .map(l -> l.substring(l.indexOf(':') + 1)).reduce("", (a, b) -> a + " " + b);
        return java.util.Arrays.stream(groups.trim().split("\\s+")).filter(g -> !g.isEmpty())
                .mapToLong(Long::parseLong).anyMatch(g -> g >= low && g <= high);
    }

    @Test
    void aRefusedPingSocketErrorPointsAtTheSessionsSocketChoice() throws Exception {
        var t = ReplDriver.script("socket dgram", "echo to 127.0.0.1 id 9 payload \"x\"", "send 300ms", "show");
        if (pingSocketsAllowed()) {
            // The range admits us: the ping socket opens and loopback answers.
            assertTrue(t.output().contains("reply from 127.0.0.1 after "), t.output());
            assertEquals(0, t.status(), t.output());
            return;
        }
        String refused = "error: no permission to open an ICMP ping socket";
        String line = t.output().lines().filter(l -> l.startsWith(refused)).findFirst()
                .orElseThrow(() -> new AssertionError("ping_group_range excludes us, so the socket must be refused "
                        + "with one line:\n" + t.output()));
        assertTrue(line.endsWith("; in this session, 'socket auto' tries a raw socket first"), line);
        assertEquals(1, t.status(), t.output());
    }

    @Test
    void aForcedBadChecksumOnARawSocketIsDroppedByTheKernelAndReportedAsNoReply() {
        var t = ReplDriver.script("socket raw", "echo to 127.0.0.1 id 8 seq 3 payload \"x\"", "set checksum 0xbeef",
                "send 300ms");
        assertTrue(t.hasLine("no reply from 127.0.0.1 icmp_seq=3 within 300 ms"), t.output());
        assertEquals(0, t.status(), "a timeout is a result, not a failure\n" + t.output());
    }

    @Test
    @Timeout(120)
    void listenWithAFilterPrintsOnlyThePacketsItPasses() throws Exception {
        try (Live live = new Live("ipv4", "listen host 127.0.0.1 type 0 id 4323", "socket raw")) {
            live.awaitOutput("listening for IPv4 ICMP until Ctrl-C");
            Echo.to("127.0.0.1").id(4322).seq(3).payload("not this one").send(Duration.ofSeconds(2));
            Echo.to("127.0.0.1").id(4323).seq(4).payload("this one").send(Duration.ofSeconds(2));
            live.awaitOutput("echo-reply id=4323 seq=4");
            live.ctrlC();
            live.awaitOutput("pingkit> socket raw");
            live.close();
            String out = live.output();
            assertTrue(out.lines().noneMatch(l -> l.contains("id=4322")), out);
            assertTrue(out.lines().noneMatch(l -> l.contains("echo-request id=4323")), out);
            assertTrue(out.lines().anyMatch(l -> l.equals("1 packet seen")), out);
        }
    }

    @Test
    void listenMistakesAreOneLineAndTheSessionGoesOn() {
        var t = ReplDriver.script("listen id 70000", "listen type", "listen 1 2", "echo to 127.0.0.1", "hex");
        assertTrue(t.hasLine("error: id must be 0..65535, got 70000"), t.output());
        String usage = "error: listen takes [host <host>] [type <0..255>] [code <0..255>] [id <0..65535>] "
                + "[save <file.pcap|file.pcapng>] [<seconds>], got ";
        assertTrue(t.hasLine(usage + "type"), t.output());
        assertTrue(t.hasLine(usage + "1 2"), t.output());
        assertTrue(t.output().contains("pingkit> hex\n00000000  08 00"), t.output());
    }

    @Test
    void sendMistakesAreOneLineAndTheSessionGoesOn() {
        var t = ReplDriver.script("send", "echo to 127.0.0.1", "send soon", "send 1 2", "hex");
        assertTrue(t.hasLine("error: send needs a packet first: echo to <host> [field value]..."), t.output());
        assertTrue(t.hasLine("error: timeout must be seconds (2, 0.5) or 500ms, got soon"), t.output());
        assertTrue(t.hasLine("error: send takes [--next] [-q|--csv|--json] [<field> <value>]... [<timeout>], got 1 2"), t.output());
        assertTrue(t.output().contains("pingkit> hex\n00000000  08 00"), t.output());
    }

    @Test
    void pingRunsTheCliWithItsOutputAndAMistakeDoesNotEndTheSession() {
        var t = ReplDriver.script("ping 127.0.0.1 -c 2 -i 0.2", "ping nosuch.invalid", "ping -c 0 127.0.0.1", "ipv4");
        String out = t.output();
        assertTrue(t.hasLine("PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data."), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("64 bytes from 127.0.0.1: icmp_seq=2 ttl=64 time=")), out);
        assertTrue(t.hasLine("--- 127.0.0.1 ping statistics ---"), out);
        assertTrue(out.contains("2 packets transmitted, 2 received, 0% packet loss"), out);
        assertTrue(t.hasLine("ping: nosuch.invalid: Name or service not known"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("ping: invalid argument: '0'")), out);
        assertTrue(t.hasLine("host names resolve to IPv4"), "the session went on\n" + out);
        assertEquals(1, t.status(), "two pings failed");
    }

    /** A REPL running on its own thread, so the test can act while a command runs. */
    static final class Live implements AutoCloseable {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final Terminal terminal;
        final Thread thread;
        final AtomicInteger status = new AtomicInteger(-1);

        Live(String... lines) throws Exception {
            byte[] in = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
            terminal = new DumbTerminal("test", "dumb", new ByteArrayInputStream(in), out, StandardCharsets.UTF_8);
            Repl repl = new Repl(terminal, ReplConfig.script(true));
            thread = new Thread(() -> status.set(repl.run()), "repl-under-test");
            thread.start();
        }

        String output() {
            return out.toString(StandardCharsets.UTF_8).replace("\r", "");
        }

        void awaitOutput(String text) throws InterruptedException {
            // A guard against hanging, not a timing assertion: the text normally shows up in milliseconds.
            for (int i = 0; i < 1500; i++) {
                if (output().contains(text)) {
                    return;
                }
                Thread.sleep(20);
            }
            fail("never printed \"" + text + "\":\n" + output());
        }

        void ctrlC() {
            terminal.raise(Terminal.Signal.INT);
        }

        @Override
        public void close() throws Exception {
            thread.join();
            terminal.close();
        }
    }

    @Test
    @Timeout(120)
    void listenPrintsEachIcmpPacketOnOneLineUntilCtrlC() throws Exception {
        try (Live live = new Live("ipv4", "listen id 4321", "socket raw")) {
            live.awaitOutput("listening for IPv4 ICMP until Ctrl-C");
            Echo.to("127.0.0.1").id(4321).seq(9).payload("listen test").send(Duration.ofSeconds(2));
            live.awaitOutput("echo-reply id=4321 seq=9");
            live.ctrlC();
            live.awaitOutput("pingkit> socket raw");
            live.close();
            String out = live.output();
            assertTrue(out.lines().anyMatch(l -> l.matches(
                    "\\d\\d:\\d\\d:\\d\\d\\.\\d{6} ICMPv4 127\\.0\\.0\\.1 > 127\\.0\\.0\\.1 ttl=64 echo-request id=4321 seq=9 "
                            + "len=11 checksum=0x[0-9a-f]{4} ok")), out);
            assertTrue(out.lines().anyMatch(l -> l.contains(" echo-reply id=4321 seq=9 len=11 ")), out);
            assertTrue(out.lines().anyMatch(l -> l.matches("\\d+ packets seen")), out);
            assertEquals(0, live.status.get(), out);
        }
    }

    @Test
    @Timeout(120)
    void ctrlCStopsAPingWithItsSummaryAndReturnsToThePrompt() throws Exception {
        try (Live live = new Live("ping 127.0.0.1 -c 100 -i 0.2", "ipv6")) {
            live.awaitOutput("icmp_seq=2 ");
            live.ctrlC();
            live.awaitOutput("host names resolve to IPv6");
            live.close();
            String out = live.output();
            assertTrue(out.contains("--- 127.0.0.1 ping statistics ---"), out);
            assertTrue(out.indexOf("ping statistics") < out.indexOf("pingkit> ipv6"), out);
            assertFalse(out.contains("100 packets transmitted"), "stopped early, not at -c 100\n" + out);
        }
    }

    @Test
    @Timeout(120)
    void ctrlCEndsASendThatWouldWaitAnHour() throws Exception {
        try (Live live = new Live("socket raw", "echo to 127.0.0.1 id 5 payload \"x\"", "set checksum 0xbeef",
                "send 3600", "hex")) {
            live.awaitOutput("pingkit> send 3600");
            // A Ctrl-C that lands before the send opened its socket finds nothing to stop (as at a shell, a key
            // pressed too early); press it until the send reports the interruption.
            for (int i = 0; i < 1500 && !live.output().contains("interrupted"); i++) {
                live.ctrlC();
                Thread.sleep(20);
            }
            live.awaitOutput("pingkit> hex");
            live.close();
            String out = live.output();
            assertTrue(out.contains("pingkit> send 3600\nwaiting up to 3600 s for 127.0.0.1\ninterrupted\n"), out);
            assertFalse(out.contains("no reply"), out);
            assertEquals(0, live.status.get(), "an interrupted command is not a failure\n" + out);
        }
    }

    @Test
    @Timeout(120)
    void aSendInterruptedByCtrlCCountsAsSentAndNotAnsweredInStats() throws Exception {
        // The forced wrong checksum makes the kernel drop the request on loopback: no reply ever comes.
        try (Live live = new Live("socket raw", "echo to 127.0.0.1 id 6 payload \"x\"", "set checksum 0xbeef",
                "send 3600", "stats")) {
            live.awaitOutput("waiting up to 3600 s for 127.0.0.1");
            Thread.sleep(500); // let the request go out: a Ctrl-C before it is sent rightly counts nothing
            for (int i = 0; i < 1500 && !live.output().contains("interrupted"); i++) {
                live.ctrlC();
                Thread.sleep(20);
            }
            live.awaitOutput("no reply 1");
            live.close();
            String out = live.output();
            assertTrue(out.contains("interrupted\n"), out);
            assertTrue(out.contains("pingkit> stats\nsent 1, answered 0, ICMP errors 0, no reply 1\n"), out);
            assertEquals(0, live.status.get(), out);
        }
    }
}
