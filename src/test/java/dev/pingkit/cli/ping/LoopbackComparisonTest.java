package dev.pingkit.cli.ping;

import dev.pingkit.tools.RequiredTool;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * scripts/ping and iputils ping run side by side on loopback: same exit code, same counts, same lines once the
 * times are masked. Needs root (both tools open raw sockets) and iputils-ping.
 */
class LoopbackComparisonTest {

    @BeforeAll
    static void needsRootAndIputils() {
        assumeTrue(PingCommand.isRoot(), "needs root for raw ICMP sockets");
        RequiredTool.require("ping", "iputils-ping"); // the reference compared with
    }

    private static void sameOutput(String... args) {
        PingRun theirs = PingRun.exec(PingRun.iputils(args), 60);
        PingRun ours = PingRun.exec(PingRun.ours(args), 60);
        assertEquals(theirs.exitCode(), ours.exitCode(), () -> "iputils:\n" + theirs + "\npingkit:\n" + ours);
        assertEquals(theirs.masked(), ours.masked(), () -> "iputils:\n" + theirs + "\npingkit:\n" + ours);
        assertEquals("", ours.stderr());
    }

    @Test
    void threeProbesToIpv4LoopbackPrintAsIputils() {
        sameOutput("-c", "3", "-i", "0.2", "127.0.0.1");
    }

    @Test
    void ipv6LoopbackPrintsAsPingDashSix() {
        sameOutput("-6", "-c", "3", "-i", "0.2", "::1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void quietTimestampsSmallPayloadsAndPatternsAsIputils(String host) {
        sameOutput("-q", "-c", "2", "-i", "0.2", host);
        sameOutput("-D", "-c", "2", "-i", "0.2", host);
        sameOutput("-s", "0", "-c", "2", "-i", "0.2", host);
        sameOutput("-s", "1000", "-p", "a5", "-c", "2", "-i", "0.2", host);
    }

    /**
     * {@code -v} adds iputils' {@code ident=} before the TTL on every reply line; ours is the engine's identifier,
     * which for a raw socket is the JVM's pid as iputils' is its own (the launcher execs the JVM in its place).
     */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void verboseRepliesNameTheIdentifierAsIputils(String host) throws Exception {
        java.util.regex.Pattern line = java.util.regex.Pattern.compile(
                "^64 bytes from \\S+: icmp_seq=\\d ident=(\\d+) ttl=64 time=[\\d.]+ ms$");
        PingRun theirs = PingRun.exec(PingRun.iputils("-v", "-c", "2", "-i", "0.2", host), 60);
        ProcessBuilder pb = new ProcessBuilder(PingRun.ours("-v", "-c", "2", "-i", "0.2", host));
        pb.environment().put("PINGKIT_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        long pid = p.pid();
        PingRun ours = PingRun.finish(p, 60);
        assertEquals(0, ours.exitCode(), ours::toString);
        for (PingRun run : List.of(theirs, ours)) {
            List<String> replies = run.stdout().lines().filter(l -> l.startsWith("64 bytes")).toList();
            assertEquals(2, replies.size(), run::toString);
            java.util.Set<String> idents = new java.util.HashSet<>();
            for (String r : replies) {
                java.util.regex.Matcher m = line.matcher(r);
                assertTrue(m.matches(), () -> r + "\n" + run);
                idents.add(m.group(1));
            }
            assertEquals(1, idents.size(), run::toString);
            if (run == ours) {
                assertEquals(String.valueOf(pid & 0xffff), idents.iterator().next(), run::toString);
            }
        }
    }

    /** IPv6 takes hop limit 0 (iputils sends with it; loopback still delivers); IPv4 refuses TTL 0 in iputils' words. */
    @Test
    void ttlZeroIsAHopLimitForIpv6AndRefusedForIpv4AsIputils() {
        sameOutput("-6", "-t", "0", "-c", "1", "::1");
        PingRun theirs = PingRun.exec(PingRun.iputils("-t", "0", "-c", "1", "127.0.0.1"), 30);
        PingRun ours = PingRun.exec(PingRun.ours("-t", "0", "-c", "1", "127.0.0.1"), 30);
        assertEquals(theirs.exitCode(), ours.exitCode(), ours::toString);
        assertEquals(theirs.stderr(), ours.stderr(), ours::toString);
    }

    /** A zone is for link-local addresses: glibc, so iputils, refuses one on ::1; so do we, in its words. */
    @Test
    void aZoneOnANonLinkLocalAddressIsRefusedAsIputils() {
        PingRun theirs = PingRun.exec(PingRun.iputils("-c", "1", "::1%lo"), 30);
        PingRun ours = PingRun.exec(PingRun.ours("-c", "1", "::1%lo"), 30);
        assertEquals(2, theirs.exitCode(), theirs::toString);
        assertEquals(theirs.exitCode(), ours.exitCode(), ours::toString);
        assertEquals(theirs.stderr(), ours.stderr(), ours::toString);
    }

    @Test
    void namesAreResolvedAndShownAsIputilsDoes() {
        sameOutput("-4", "-c", "1", "localhost");
        sameOutput("-n", "-4", "-c", "1", "localhost");
        sameOutput("-I", "lo", "-c", "1", "127.0.0.1");
        sameOutput("-I", "lo", "-c", "1", "::1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.0.0.0", "::", "127.1"})
    void theAnyAddressIsAnsweredFromLoopbackAsIputilsCountsIt(String host) {
        sameOutput("-c", "2", "-i", "0.2", host);
    }

    @Test
    void deadlineShorterThanTheCountExitsOneAsIputils() {
        // Sends at 0 and 0.6 s, the third would be at 1.2 s, past the deadline: no send falls within a loaded
        // machine's jitter of the deadline (-c 2 -w 1 put the second send on it, and either tool could win the race).
        sameOutput("-c", "3", "-i", "0.6", "-w", "1", "127.0.0.1");
    }

    @Test
    void floodCountsAndSummaryShapeMatchIputils() {
        PingRun theirs = PingRun.exec(PingRun.iputils("-f", "-c", "2000", "127.0.0.1"), 60);
        PingRun ours = PingRun.exec(PingRun.ours("-f", "-c", "2000", "127.0.0.1"), 60);
        assertEquals(theirs.exitCode(), ours.exitCode(), ours::toString);
        assertArrayEquals(theirs.counts(), ours.counts(), ours::toString);
        // "pipe N" is how many probes were in flight at once: a matter of timing (iputils shows "pipe 2" on a loaded
        // machine and none on an idle one), so the shape is compared without it.
        assertEquals(floodShape(theirs), floodShape(ours));
    }

    private static String floodShape(PingRun run) {
        return run.masked().replaceAll("[.\b ]+\n", "F\n").replaceAll(", pipe \\d+,", ",");
    }

    @Test
    void interruptPrintsTheSummaryAndExitsZeroAfterReplies() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(PingRun.ours("-i", "0.2", "127.0.0.1"));
        pb.environment().put("PINGKIT_CLASSPATH", System.getProperty("java.class.path"));
        Process p = pb.start();
        // Wait for the second reply line, then Ctrl-C the JVM (the launcher execs it, so the pid is the JVM's).
        java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = r.readLine()) != null; ) {
            seen.append(line).append('\n');
            if (line.contains("icmp_seq=2 ")) {
                break;
            }
        }
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        seen.append(new String(p.getInputStream().readAllBytes()));
        assertTrue(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS), seen::toString);
        assertEquals(0, p.exitValue(), seen::toString);
        PingRun run = new PingRun(p.exitValue(), seen.toString(), "");
        assertTrue(run.stdout().contains("--- 127.0.0.1 ping statistics ---"), run::toString);
        assertTrue(run.counts()[1] >= 2, run::toString);
    }

    /**
     * Ctrl-\\ sends SIGQUIT to the whole foreground process group: for iputils that is ping itself, for us the JVM
     * (which keeps SIGQUIT for itself) and the launcher's watcher, which passes it on as SIGUSR1. Both must print
     * the same interim line on stderr and go on.
     */
    @Test
    void quitPrintsInterimStatisticsLikeIputilsAndTheRunGoesOn() throws Exception {
        java.util.regex.Pattern status = java.util.regex.Pattern.compile(
                "(?m)^\\r?(\\d+)/(\\d+) packets, (\\d+)% loss, min/avg/ewma/max = [\\d.]+/[\\d.]+/[\\d.]+/[\\d.]+ ms$");
        for (List<String> argv : List.of(PingRun.iputils("-i", "0.2", "127.0.0.1"),
                PingRun.ours("-i", "0.2", "127.0.0.1"))) {
            // A child of the JVM inherits its blocked SIGQUIT; a shell at a terminal blocks nothing. Start both as a
            // shell would: perl (Debian's perl-base is essential) clears the mask, then execs the command.
            List<String> cmd = new java.util.ArrayList<>(List.of("perl", "-MPOSIX", "-e",
                    "sigprocmask(SIG_SETMASK, POSIX::SigSet->new) or die; exec @ARGV or die"));
            cmd.addAll(argv);
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put("PINGKIT_CLASSPATH", System.getProperty("java.class.path"));
            Process p = pb.start();
            var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getErrorStream().readAllBytes());
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            });
            java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
            StringBuilder seen = new StringBuilder();
            for (String line; (line = r.readLine()) != null; ) {
                seen.append(line).append('\n');
                if (line.contains("icmp_seq=2 ")) {
                    break;
                }
            }
            // What the terminal does on Ctrl-\\: SIGQUIT to every process of the group (ping and its children).
            List<String> group = new java.util.ArrayList<>(List.of("kill", "-QUIT", Long.toString(p.pid())));
            p.descendants().forEach(d -> group.add(Long.toString(d.pid())));
            new ProcessBuilder(group).start().waitFor();
            for (String line; (line = r.readLine()) != null; ) {
                seen.append(line).append('\n');
                if (line.contains("icmp_seq=4 ")) {
                    break;
                }
            }
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            seen.append(new String(p.getInputStream().readAllBytes()));
            assertTrue(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS), seen::toString);
            String stderr = err.get(10, java.util.concurrent.TimeUnit.SECONDS);
            String all = argv + "\n" + seen + "\nstderr:\n" + stderr;
            assertEquals(0, p.exitValue(), all);
            java.util.regex.Matcher m = status.matcher(stderr);
            assertTrue(m.find(), all);
            assertEquals("0", m.group(3), all);
            assertTrue(Integer.parseInt(m.group(1)) >= 2, all);
            assertTrue(seen.toString().contains("icmp_seq=4 "), "the run went on after the status line\n" + all);
            assertTrue(seen.toString().contains("--- 127.0.0.1 ping statistics ---"), all);
            assertTrue(!seen.toString().contains("thread dump"), "no JVM thread dump in ping's output\n" + all);
        }
    }

    /** Nothing is sent: iputils stops at its UDP connect, pingkit before opening a socket. */
    @Test
    void theLimitedBroadcastIsRefusedAsIputilsDoes() {
        PingRun theirs = PingRun.exec(PingRun.iputils("-c", "1", "255.255.255.255"), 30);
        PingRun ours = PingRun.exec(PingRun.ours("-c", "1", "255.255.255.255"), 30);
        assertEquals(2, theirs.exitCode(), theirs::toString);
        assertEquals(theirs.exitCode(), ours.exitCode(), ours::toString);
        assertEquals(theirs.stdout(), ours.stdout(), ours::toString);
        assertEquals(theirs.stderr(), ours.stderr(), ours::toString);
    }

    /** -b to a unicast address changes nothing visible: no warning, the same lines as iputils (loopback only). */
    @Test
    void minusBToAUnicastAddressPingsItWithoutAWarningAsIputils() {
        PingRun theirs = PingRun.exec(PingRun.iputils("-b", "-c", "2", "-i", "0.2", "127.0.0.1"), 30);
        PingRun ours = PingRun.exec(PingRun.ours("-b", "-c", "2", "-i", "0.2", "127.0.0.1"), 30);
        assertEquals(0, theirs.exitCode(), theirs::toString);
        assertEquals(theirs.exitCode(), ours.exitCode(), ours::toString);
        assertEquals("", ours.stderr(), ours::toString);
        assertEquals(theirs.masked(), ours.masked(), () -> "iputils:\n" + theirs + "\npingkit:\n" + ours);
    }

    @Test
    void anEmptyHostIsUnknownAndExitsTwoAsIputils() {
        PingRun theirs = PingRun.exec(PingRun.iputils("-c", "1", ""), 30);
        PingRun ours = PingRun.exec(PingRun.ours("-c", "1", ""), 30);
        assertEquals(2, theirs.exitCode(), theirs::toString);
        assertEquals(theirs.exitCode(), ours.exitCode(), ours::toString);
        assertEquals(theirs.stdout(), ours.stdout(), ours::toString);
        assertEquals(theirs.stderr(), ours.stderr(), ours::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-c -1", "-s 70000", "-t 300", "-p zz", "-i abc", "-Z", "", "nosuchhost.invalid",
        "-4 ::1", "-6 127.0.0.1", "-M foo", "-Q 300", "-W -1", "-c",
        "-6 ::1 ::1"})
    void badInputIsOneLineOnStderrAndExitTwo(String args) {
        // "-c 1" first, so an iputils that only warns (Debian's takes -s 70000 and -i abc) still ends.
        List<String> cmd = new java.util.ArrayList<>(List.of("-c", "1"));
        if (!args.isEmpty()) {
            cmd.addAll(List.of(args.split(" ")));
        }
        boolean hostGiven = args.contains("::1") || args.contains("127.") || args.contains(".invalid");
        if (!hostGiven && !args.isEmpty() && !args.equals("-c")) {
            cmd.add("127.0.0.1");
        }
        PingRun ours = PingRun.exec(PingRun.ours(cmd.toArray(String[]::new)), 30);
        assertEquals(2, ours.exitCode(), ours::toString);
        assertEquals("", ours.stdout(), ours::toString);
        assertEquals(1, ours.stderr().lines().count(), ours::toString);
        assertFalse(ours.stderr().contains("Exception"), ours::toString);
        assertTrue(ours.stderr().startsWith("ping: "), ours::toString);
        // iputils words the same mistake the same way (its first stderr line), except where it only warns.
        PingRun theirs = PingRun.exec(PingRun.iputils(cmd.toArray(String[]::new)), 30);
        // Two destinations: iputils shows its usage (IPv6) or tries a source route (IPv4); pingkit says what is wrong.
        if (theirs.exitCode() != 0 && !args.startsWith("-s") && !args.endsWith("::1 ::1")) {
            assertEquals(theirs.firstErrorLine(), ours.firstErrorLine(), () -> theirs + "\n" + ours);
        }
    }
}
