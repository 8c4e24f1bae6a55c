package dev.pingkit.cli.fping;

import dev.pingkit.tools.RequiredTool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;

/**
 * scripts/fping and Debian's fping 5.1 run one after the other on the same lab targets, from the client namespace:
 * alive and unreachable lists, -c/-C counts on the lossy and duplicating hosts, exit codes, and every output line
 * apart from the times must agree.
 */
@LabTest
class FpingLabComparisonTest {

    private static final Duration T = Duration.ofSeconds(90);

    record Run(int exitCode, List<String> stdout, List<String> stderr) {
        /** Lines with every time (a decimal number) replaced by T; sorted, since replies interleave freely. */
        List<String> masked(List<String> lines) {
            return lines.stream().map(l -> l.replaceAll("\\d+\\.\\d+(e[+-]\\d+)?", "T")).sorted()
                    .collect(Collectors.toList());
        }

        List<String> out() {
            return masked(stdout);
        }

        List<String> err() {
            return masked(stderr);
        }
    }

    static Run theirs(String... args) {
        RequiredTool.require("fping", "fping");
        List<String> cmd = new ArrayList<>(List.of("fping"));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    static Run ours(String... args) {
        List<String> cmd = new ArrayList<>(List.of("env", "PINGKIT_CLASSPATH=" + System.getProperty("java.class.path"),
                Lab.home().resolve("scripts/fping").toString()));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    static Run run(List<String> cmd) {
        Lab.Result r = Lab.run(T, cmd.toArray(String[]::new));
        return new Run(r.exitCode(), lines(r.stdout()), lines(r.stderr()));
    }

    static List<String> lines(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("\n", -1)).subList(0, s.split("\n", -1).length - 1);
    }

    static String addr(String host, int family) {
        return Lab.host(host).address(family).getHostAddress();
    }

    static String both(Run theirs, Run ours) {
        return "fping:\n" + theirs + "\npingkit:\n" + ours;
    }

    static void sameEverything(Run theirs, Run ours) {
        assertEquals(theirs.exitCode(), ours.exitCode(), () -> both(theirs, ours));
        assertEquals(theirs.out(), ours.out(), () -> both(theirs, ours));
        assertEquals(unknownName(theirs.err()), unknownName(ours.err()), () -> both(theirs, ours));
    }

    /**
     * fping asks the resolver about {@code nosuch.invalid}, which in the lab (no route to it) fails with "Temporary
     * failure in name resolution"; pingkit never asks about the reserved .invalid domain (RFC 6761) and says "Name
     * or service not known" at once. The line is the same otherwise.
     */
    private static List<String> unknownName(List<String> lines) {
        return lines.stream().map(l -> l.replace("nosuch.invalid: Temporary failure in name resolution",
                "nosuch.invalid: Name or service not known")).collect(Collectors.toList());
    }

    @Test
    void sweepOfTheSlash22PrintsWhatFpingPrints() {
        Run theirs = theirs("-g", "198.19.0.0/22");
        Run ours = ours("-g", "198.19.0.0/22");
        assertEquals(1022, theirs.stdout().size(), theirs::toString);
        assertTrue(theirs.stdout().stream().allMatch(l -> l.endsWith(" is alive")), theirs::toString);
        sameEverything(theirs, ours);
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void aliveAndUnreachableListsAreFpings(int family) {
        String silent = family == 4 ? "198.18.128.7" : "2001:db8:3:1::7";
        String refused = family == 4 ? "198.18.129.7" : "2001:db8:3:2::7";
        String[] targets = {addr(Lab.PEER, family), addr(Lab.FAR, family), addr(Lab.BLACKHOLE, family), silent,
            refused, addr(Lab.DUP, family)};
        for (String list : new String[] {"-a", "-u"}) {
            List<String> args = new ArrayList<>(List.of(list, "-r1", "-t200"));
            args.addAll(List.of(targets));
            Run theirs = theirs(args.toArray(String[]::new));
            Run ours = ours(args.toArray(String[]::new));
            assertFalse(theirs.stdout().isEmpty(), theirs::toString);
            sameEverything(theirs, ours);
        }
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void countsOnTheLossyHostAreFpings(int family) {
        for (String mode : new String[] {"-c8", "-C8"}) {
            // -t below -p: with the timeout equal to the period, fping declares probe n lost before it sends n+1
            // and pingkit's engine after, which changes the running loss figure of one line (not the counts).
            String[] args = {mode, "-p40", "-t20", addr(Lab.LOSSY, family)};
            Lab.resetCounters();
            Run theirs = theirs(args);
            Lab.resetCounters();
            Run ours = ours(args);
            assertTrue(String.join("\n", theirs.stderr()).contains(mode.equals("-c8") ? "8/6/25%" : " - "),
                    theirs::toString);
            // Which probe was answered or lost, and the summary, must agree exactly. The running "(avg, loss)" of
            // each line depends on whether probe n's timeout is handled before probe n+1's reply, which a loaded
            // machine decides for fping as much as for pingkit, so it is left out.
            assertEquals(theirs.exitCode(), ours.exitCode(), () -> both(theirs, ours));
            assertEquals(withoutRunningFigures(theirs.out()), withoutRunningFigures(ours.out()), () -> both(theirs, ours));
            assertEquals(theirs.err(), ours.err(), () -> both(theirs, ours));
        }
    }

    private static List<String> withoutRunningFigures(List<String> lines) {
        return lines.stream().map(l -> l.replaceAll(" \\(T avg, \\d+% loss\\)$", "")).collect(Collectors.toList());
    }

    /**
     * A /16 with no gap between sends and no retry: every reply must be read, none lost to a full receive buffer,
     * as fping -i 0 (which reads between sends) loses none. About 10 s for both tools together.
     */
    @Test
    void aSlash16AtIntervalZeroLosesNoReply() {
        Lab.Range big = Lab.range("sweep-16");
        String block = big.v4Base().getHostAddress() + "/" + big.v4PrefixLength();
        String[] args = {"-a", "-r0", "-i0", "-g", block};
        Run theirs = theirs(args);
        Run ours = ours(args);
        assertEquals(big.size4() - 2, ours.stdout().size(), () -> "pingkit lost replies: exit "
                + ours.exitCode() + ", " + ours.stderr());
        assertEquals(0, ours.exitCode(), ours.stderr()::toString);
        assertEquals(theirs.exitCode(), ours.exitCode());
        assertEquals(theirs.out(), ours.out());
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void countsOnTheDuplicatingHostAreFpings(int family) {
        for (String[] args : new String[][] {{"-c5", "-p50", addr(Lab.DUP, family)},
            {"-C5", "-p50", addr(Lab.DUP, family)}}) {
            Run theirs = theirs(args);
            Run ours = ours(args);
            sameEverything(theirs, ours);
        }
        // With -q fping reports each duplicate on stderr, the copy of the last reply too (it reads what is queued
        // before it ends): five lines, the same as pingkit's.
        String[] args = {"-q", "-c5", "-p50", addr(Lab.DUP, family)};
        Run theirs = theirs(args);
        Run ours = ours(args);
        assertEquals(theirs.exitCode(), ours.exitCode(), () -> both(theirs, ours));
        assertEquals(theirs.err(), ours.err(), () -> both(theirs, ours));
        assertEquals(5, theirs.err().stream().filter(l -> l.contains("duplicate for")).count(), theirs::toString);
    }

    @Test
    void statisticsAndElapsedLinesAreFpings() {
        String[] args = {"-s", "-e", addr(Lab.PEER, 4), addr(Lab.PEER, 6), "198.18.129.3"};
        Run theirs = theirs(args);
        Run ours = ours(args);
        sameEverything(theirs, ours);
    }

    @Test
    void exitCodesAreFpings() {
        String[][] cases = {
            {addr(Lab.PEER, 4), addr(Lab.FAR, 6)},                                // all alive: 0
            {"-r0", "-t100", addr(Lab.PEER, 4), addr(Lab.BLACKHOLE, 4)},          // some unreachable: 1
            {addr(Lab.PEER, 4), "nosuch.invalid"},                                // an unknown name: 2
            {"-c", "abc", addr(Lab.PEER, 4)},                                     // bad arguments: 1
            {"-B", "0.5", addr(Lab.PEER, 4)},
            {"-H", "300", addr(Lab.PEER, 4)},
            {"-4", "-6", addr(Lab.PEER, 4)},
            {"-a", "-u", addr(Lab.PEER, 4)},
            {"--bogus", addr(Lab.PEER, 4)},
            {"-b", "70000", addr(Lab.PEER, 4)},
            {"-g", "198.19.0.0/33"},
            {"-x", "2", addr(Lab.PEER, 4), addr(Lab.BLACKHOLE, 4), "-r0", "-t100"},
            {"-x", "1", addr(Lab.PEER, 4), addr(Lab.BLACKHOLE, 4), "-r0", "-t100"},
            // bound to the link to peer, the lossy host (another link) cannot be reached
            {"-I", "c-peer", "-r0", "-t100", addr(Lab.PEER, 4), addr(Lab.LOSSY, 4)},
            {"-S", addr(Lab.CLIENT, 4), "-c1", addr(Lab.PEER, 4)},
        };
        List<Integer> codes = new ArrayList<>();
        for (String[] args : cases) {
            Run theirs = theirs(args);
            Run ours = ours(args);
            sameEverything(theirs, ours);
            codes.add(theirs.exitCode());
        }
        assertEquals(List.of(0, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0), codes);
    }

    /** Beyond fping: --json, one object per event and a summary per target, the ICMP error as the reason. */
    @Test
    void jsonGivesEveryEventAndASummaryWithTheReasonForAnUnreachableTarget() {
        Run ours = ours("--json", "-c2", "-p50", addr(Lab.PEER, 4), "198.18.129.9", addr(Lab.DUP, 4));
        List<String> lines = ours.stdout();
        assertEquals(1, ours.exitCode(), ours::toString);
        assertEquals(2, lines.stream().filter(l -> l.startsWith("{\"event\":\"reply\"")
                && l.contains("\"target\":\"" + addr(Lab.PEER, 4) + "\"")).count(), ours::toString);
        assertEquals(2, lines.stream().filter(l -> l.startsWith("{\"event\":\"error\"")
                && l.contains("\"icmp_type\":3,\"icmp_code\":1")).count(), ours::toString);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("{\"event\":\"duplicate\"")
                && l.contains("\"target\":\"" + addr(Lab.DUP, 4) + "\"")), ours::toString);
        String unreachable = lines.stream().filter(l -> l.startsWith("{\"event\":\"summary\"")
                && l.contains("198.18.129.9")).findFirst().orElseThrow();
        assertTrue(unreachable.contains("\"alive\":false,\"transmitted\":2,\"received\":0"), unreachable);
        assertTrue(unreachable.matches(".*\"reason\":\"[^\"]*[Uu]nreachable[^\"]* from 198\\.18\\.129\\.9\".*"),
                unreachable);
        String peer = lines.stream().filter(l -> l.startsWith("{\"event\":\"summary\"")
                && l.contains("\"target\":\"" + addr(Lab.PEER, 4) + "\"")).findFirst().orElseThrow();
        assertTrue(peer.matches(".*\"received\":2,.*\"p50_ms\":\\d+\\.\\d{3},.*\"reason\":null}"), peer);
        assertTrue(lines.stream().allMatch(l -> l.startsWith("{\"event\":") && l.endsWith("}")), ours::toString);
    }
}
