package dev.pingkit.cli.traceroute;

import dev.pingkit.tools.RequiredTool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input to scripts/traceroute: one line on stderr, nothing on stdout, and Debian traceroute's exit code and
 * wording, compared with traceroute itself where it is installed. Every case fails before a packet could be sent;
 * the host is the loopback address.
 */
class TracerouteOptionsTest {

    private record Outcome(int exitCode, String stdout, String stderr) {
    }

    private static Outcome ours(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = TracerouteCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Outcome theirs(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("traceroute"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(new File("/dev/null"));
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes(), err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("traceroute did not end: " + cmd);
        }
        return new Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "-I -m 0 127.0.0.1", "-I -m 300 127.0.0.1", "-I -q 0 127.0.0.1", "-I -q 11 127.0.0.1",
            "-I -f 5 -m 3 127.0.0.1", "-I -n 127.0.0.1 70000", "-I -n -X 127.0.0.1", "-I -n",
            "-I -m abc 127.0.0.1", "-I -w x 127.0.0.1", "-I -n 127.0.0.1 abc", "-I -n 127.0.0.1 60 7",
            "-I -m"})
    void badInputGivesTraceroutesOneLineAndExitCode(String line) throws IOException, InterruptedException {
        RequiredTool.require("traceroute", "traceroute");
        String[] args = line.split(" ");
        Outcome theirs = theirs(args);
        Outcome ours = ours(args);
        String both = "traceroute: " + theirs + "\npingkit: " + ours;
        assertEquals(2, theirs.exitCode(), both);
        assertEquals(theirs.exitCode(), ours.exitCode(), both);
        assertEquals("", ours.stdout(), both);
        assertEquals(1, ours.stderr().lines().count(), both);
        assertEquals(theirs.stderr().lines().findFirst().orElseThrow(), ours.stderr().strip(), both);
    }

    @Test
    void anUnknownHostIsOneLineAndExitCode2WithoutAskingAResolver() {
        // .invalid is refused before any lookup (RFC 6761), so no DNS query leaves the machine.
        Outcome ours = ours("-I", "-n", "nosuch.invalid");
        assertEquals(new Outcome(2, "", "nosuch.invalid: Name or service not known\n"), ours);
    }

    @Test
    void aHostWithoutAnAddressOfTheFamilyAskedForIsRefusedInTraceroutesWords() {
        // an address literal: nothing is looked up
        Outcome ours = ours("-I", "-n", "-6", "127.0.0.1");
        assertEquals(new Outcome(2, "", "127.0.0.1: Address family for hostname not supported\n"), ours);
    }

    @Test
    void aSourceOfTheOtherFamilyIsRefused() {
        Outcome ours = ours("-I", "-n", "-s", "::1", "127.0.0.1");
        assertEquals(new Outcome(2, "", "IP version mismatch in addresses specified\n"), ours);
    }

    @Test
    void reportAndJsonDoNotCombine() {
        Outcome ours = ours("--report", "--json", "127.0.0.1");
        assertEquals(2, ours.exitCode());
        assertEquals(1, ours.stderr().lines().count(), ours::toString);
    }
}
