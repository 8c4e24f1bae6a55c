package dev.pingkit.cli.ping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;

/**
 * iputils 20221126's {@code -a -A -B -C -d -e -L -r -R -S -T -U} side by side with scripts/ping in the lab's client namespace: the same
 * lines after masking times and timestamps (the RR route out through the router and back, {@code (same route)},
 * {@code TS:} stamps with {@code absolute} and {@code Unrecorded hops}, {@code ipg/ewma} after {@code -A}, the BEL of
 * {@code -a}, the source {@code -B} names), the same messages and exit codes for bad values. {@code $peer},
 * {@code $far} and their IPv6 forms stand for the lab's addresses.
 */
@LabTest
class IputilsOptionsLabTest {
    private static final Duration T = Duration.ofSeconds(60);

    private static String[] args(String line) {
        String s = line.replace("$peer6", Lab.host(Lab.PEER).address(6).getHostAddress())
                .replace("$peer", Lab.host(Lab.PEER).address(4).getHostAddress())
                .replace("$far", Lab.host(Lab.FAR).address(4).getHostAddress());
        return s.trim().split("\\s+");
    }

    private static PingRun run(List<String> head, String[] args) {
        List<String> cmd = new ArrayList<>(head);
        cmd.addAll(List.of(args));
        Lab.Result r = Lab.run(T, cmd.toArray(String[]::new));
        return new PingRun(r.exitCode(), r.stdout(), r.stderr());
    }

    private static PingRun theirs(String[] args) {
        return run(List.of("ping"), args);
    }

    private static PingRun ours(String[] args) {
        return run(List.of("env", "PINGKIT_CLASSPATH=" + System.getProperty("java.class.path"),
                PingRun.home().resolve("scripts/ping").toString()), args);
    }

    /** Times masked as PingRun does, and the stamps of TS lines (a hop may stamp 1 ms later in one run). */
    private static String masked(PingRun r) {
        return r.masked().replaceAll("\t\\d+ absolute", "\tN absolute").replaceAll("(?m)^(\t[\\d.]+)?\t\\d+$", "$1\tD");
    }

    private static void same(String line) {
        String[] a = args(line);
        PingRun theirs = theirs(a);
        PingRun ours = ours(a);
        String both = "iputils:\n" + theirs + "\npingkit:\n" + ours;
        assertEquals(theirs.exitCode(), ours.exitCode(), both);
        assertEquals(masked(theirs), masked(ours), both);
        assertEquals(theirs.stderr(), ours.stderr(), both);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "-R -c2 -i0.2 $far",             // the way out through the router and back, then (same route)
        "-R -c1 $peer",
        "-R -c1 -6 $peer6",              // ignored for IPv6, as iputils does
        "-T tsonly -c2 -i0.2 $far",
        "-T tsandaddr -c1 $far",         // four pairs fill up: Unrecorded hops: 2
        "-T tsprespec $far -c1 $far",    // only the listed host stamps
        "-T tsprespec -c1 $far",         // no host listed: nothing stamped, nothing printed
        "-a -c2 -i0.2 $peer",            // a BEL after each reply line
        "-a -R -c1 $peer",
        "-a -q -c1 $peer",
        "-A -c3 $peer",                  // ipg/ewma in the summary
        "-B -c1 $peer",                  // the source named in the header
        "-B -c1 -6 $peer6",
        "-B -I 198.51.100.1 -c1 $peer",
        "-e 77 -c1 $peer",
        "-r -c1 $peer",                  // on the link: SO_DONTROUTE changes nothing
        "-S 1000 -c1 $peer",
        "-d -c1 $peer",
        "-L -c1 $peer",                  // only multicast destinations are affected
        "-C -c1 $peer",
        "-U -c1 $peer",
        "-N help",                       // iputils' list of words on stdout, exit 0
        "-N name -c1 $peer",             // ignored for IPv4
        "-N subject-ipv4=198.51.100.2 -c1 $peer6", // a subject alone asks no query: an echo goes out
    })
    void theSameLinesAsIputils(String line) {
        same(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "-T foo -c1 $peer",
        "-R -T tsonly -c1 $peer",
        "-N foo -c1 $peer6",             // the list on stderr, exit 2
        "-N help,name $peer6",
        "-N name -N ipv6 -c1 $peer6",    // "Qtype conflict" on stdout, the list on stderr, exit 2
        "-N subject-ipv6=2001:db8:0:1::2 -N subject-ipv4=198.51.100.2 -N name -c1 $peer6", // Subject type conflict
    })
    void badValuesGetIputilsWordsAndExitCodes(String line) {
        same(line);
    }

    /**
     * A number iputils' strtol_or_err refuses: the same line, but iputils exits 1 (EXIT_FAILURE) where pingkit
     * keeps its one exit code for every mistake, 2 (LoopbackComparisonTest holds it for -c, -s, -t...).
     */
    @ParameterizedTest
    @ValueSource(strings = {"-e 70000 -c1 $peer", "-e x -c1 $peer", "-e -1 -c1 $peer", "-S 0 -c1 $peer"})
    void aBadIdentifierGetsIputilsWordsAndPingkitsExitCode(String line) {
        String[] a = args(line);
        PingRun theirs = theirs(a);
        PingRun ours = ours(a);
        assertEquals(1, theirs.exitCode(), theirs::toString);
        assertEquals(2, ours.exitCode(), ours::toString);
        assertEquals(theirs.stderr(), ours.stderr(), () -> theirs + "\n" + ours);
        assertEquals("", ours.stdout());
    }

    /**
     * {@code -r} to a host behind the router: the kernel refuses every send (ENETUNREACH, no route on a link) for
     * both tools and neither gets a reply (exit 1). iputils 20221126 says nothing of the refusal; pingkit prints it
     * as it prints any refused send, and counts it as an error.
     */
    @Test
    void dontRouteKeepsProbesOffTheRouter() {
        String[] a = args("-r -c1 -W1 $far");
        PingRun theirs = theirs(a);
        PingRun ours = ours(a);
        assertEquals(1, theirs.exitCode(), theirs::toString);
        assertEquals(1, ours.exitCode(), ours::toString);
        assertTrue(theirs.stdout().contains("1 packets transmitted, 0 received, 100% packet loss"), theirs::toString);
        assertEquals("ping: sendmsg: Network is unreachable\n", ours.stderr(), ours::toString);
        assertTrue(ours.stdout().contains("1 packets transmitted, 0 received, +1 errors, 100% packet loss"),
                ours::toString);
        PingRun routed = ours(args("-c1 -W1 $far"));
        assertEquals(0, routed.exitCode(), "without -r the router forwards: " + routed);
    }

    @Test
    void theRouteIsPrintedAsTheKernelsRecordedIt() {
        PingRun ours = ours(args("-R -c1 -n $far"));
        assertTrue(ours.stdout().contains("RR: \t198.51.100.5\n\t198.18.1.1\n\t198.18.1.2\n\t198.18.1.2\n"
                + "\t198.51.100.6\n\t198.51.100.5\n\n"), ours::toString);
    }

    @Test
    void jsonRepliesCarryTheRouteAndTheStamps() {
        PingRun rr = ours(args("--json -R -c1 $far"));
        assertEquals(0, rr.exitCode(), rr::toString);
        assertTrue(rr.stdout().contains("\"record_route\":[\"198.51.100.5\",\"198.18.1.1\",\"198.18.1.2\","
                + "\"198.18.1.2\",\"198.51.100.6\",\"198.51.100.5\"],\"timestamps\":null"), rr::toString);
        PingRun ts = ours(args("--json -T tsandaddr -c1 $far"));
        assertEquals(0, ts.exitCode(), ts::toString);
        assertTrue(ts.stdout().matches("(?s).*\"record_route\":null,\"timestamps\":\\[\\{\"address\":\"198\\.51\\.100\\.5\","
                + "\"ms\":\\d+}(,\\{[^}]*}){3}],\"unrecorded_hops\":2}.*"), ts::toString);
    }

    @Test
    void anAudibleReplyEndsWithBel() {
        PingRun ours = ours(args("-a -c1 $peer"));
        assertTrue(ours.stdout().lines().anyMatch(l -> l.startsWith("64 bytes from ") && l.endsWith(" ms\u0007")),
                ours::toString);
    }
}
