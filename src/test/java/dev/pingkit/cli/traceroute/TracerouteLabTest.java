package dev.pingkit.cli.traceroute;

import dev.pingkit.tools.RequiredTool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;

/**
 * scripts/traceroute side by side with Debian's {@code traceroute -I -n} and {@code mtr --report -n}, run one after
 * the other from the lab's client namespace: the same header, the same hop addresses in the same order, the same
 * {@code *} for the silent hop (and for the rate-limited hop's second and third probe), the same annotations,
 * IPv4 and IPv6; only the RTTs differ. A pause before each run refills the rate-limited hop's token.
 */
@LabTest
class TracerouteLabTest {
    private static final Duration T = Duration.ofSeconds(60);
    private static final Pattern RTT = Pattern.compile("\\d+\\.\\d{3} ms");

    private static Lab.Result theirs(String... args) {
        RequiredTool.require("traceroute", "traceroute");
        List<String> cmd = new ArrayList<>(List.of("traceroute", "-I"));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    private static Lab.Result ours(String... args) {
        List<String> cmd = new ArrayList<>(List.of("env", "PINGKIT_CLASSPATH=" + System.getProperty("java.class.path"),
                Lab.home().resolve(Path.of("scripts", "traceroute")).toString()));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    private static Lab.Result run(List<String> cmd) {
        try {
            Thread.sleep(600); // the limited hop answers one time exceeded per burst, two a second
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return Lab.run(T, cmd.toArray(String[]::new));
    }

    private static String masked(Lab.Result r) {
        return RTT.matcher(r.stdout()).replaceAll("X ms");
    }

    private static String addr(String host, int family) {
        return dev.pingkit.packet.Addresses.text(Lab.host(host).address(family));
    }

    private static void sameAsTraceroute(String... args) {
        Lab.Result theirs = theirs(args);
        Lab.Result ours = ours(args);
        String both = "traceroute:\n" + theirs + "\npingkit:\n" + ours;
        assertEquals(0, theirs.exitCode(), both);
        assertEquals(theirs.exitCode(), ours.exitCode(), both);
        assertEquals(masked(theirs), masked(ours), both);
        assertEquals("", ours.stderr(), both);
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void theChainPrintsTheSameLinesAsTraceroute(int family) {
        // router, hop2, the silent hop (* * *), the limited hop (X ms * *), distant
        sameAsTraceroute("-n", addr("distant", family));
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void unreachablesBehindTheChainGetTheSameAnnotations(int family) {
        sameAsTraceroute("-n", addr("distant_unreachable", family)); // !H (IPv6: !N) from distant
        sameAsTraceroute("-n", addr("distant_port", family));        // the destination itself: no mark
        // !X at the first hop, from a 'prohibit' route: route errors have a kernel-wide budget (5, then 1 a
        // second), so one probe each
        sameAsTraceroute("-n", "-q", "1", "-N", "1", addr("prohibit", family));
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void aTraceIntoTheLoopStopsAtMaxHops(int family) {
        Lab.Result ours = ours("-n", "-m", "7", addr("loop", family));
        assertEquals(8, ours.stdout().lines().count(), ours::toString);
        sameAsTraceroute("-n", "-m", "7", addr("loop", family));
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void optionsChangeTheTraceAsTheyDoTraceroutes(int family) {
        // first hop 2, two probes per hop, one at a time, 100-byte packets
        sameAsTraceroute("-n", "-f", "2", "-q", "2", "-N", "1", "-w", "1", addr("distant", family), "100");
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void aProbeTooBigForThePathWithDfSetIsMarkedAndEndsTheTrace(int family) {
        // 9000 bytes over the lab's 1500-byte links: the kernel refuses the send with EMSGSIZE and the MTU;
        // traceroute prints " 1  *  0.047 ms !F-1500 * *" and stops there.
        sameAsTraceroute("-n", "-F", addr("peer", family), "9000");
        Lab.Result ours = ours("-F", addr("peer", family), "9000");
        assertEquals(2, ours.stdout().lines().count(), ours::toString); // the header and the first hop
        assertTrue(ours.stdout().endsWith(" ms !F-1500 * *\n"), ours::toString);
        Lab.Result json = ours("--json", "-F", addr("peer", family), "9000");
        assertTrue(json.stdout().contains("\"annotation\":\"!F-1500\""), json::toString);
        assertTrue(json.stdout().contains("\"final\":true"), json::toString);
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void reportListsTheSameHopsAndLossAsMtr(int family) {
        String target = addr("distant", family);
        RequiredTool.require("mtr", "mtr-tiny");
        Lab.Result theirs = Lab.run(T, "mtr", "--report", "-n", "-c", "2", target);
        Lab.Result ours = ours("--report", "-c", "2", target);
        String both = "mtr:\n" + theirs + "\npingkit:\n" + ours;
        assertEquals(0, theirs.exitCode(), both);
        assertEquals(0, ours.exitCode(), both);
        assertEquals(hostAndLoss(theirs.stdout()), hostAndLoss(ours.stdout()), both);
        assertEquals(theirs.stdout().lines().skip(1).findFirst().orElse(""),
                ours.stdout().lines().skip(1).findFirst().orElse(""), both); // the HOST: header
        assertEquals(7, ours.stdout().lines().count(), both); // Start, HOST, 5 hops
    }

    // mtr's rows up to the Snt column: hop number, address (or ???), loss and sent.
    private static List<String> hostAndLoss(String report) {
        List<String> rows = new ArrayList<>();
        Matcher m = Pattern.compile("^ *\\d+\\.\\|-- .{0,26}?[ \\d.]{5}%? +\\d+", Pattern.MULTILINE).matcher(report);
        while (m.find()) {
            rows.add(m.group());
        }
        assertTrue(rows.size() >= 5, report);
        return rows;
    }
}
