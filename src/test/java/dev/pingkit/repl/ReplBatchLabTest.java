package dev.pingkit.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REPL's batch send against the lab's lossy host (it drops every 4th echo request), run as a user runs a
 * script: exact counts and lost sequence numbers, and the whole batch over in about one timeout, not one per loss.
 */
@LabTest
class ReplBatchLabTest {
    @TempDir
    Path dir;

    @Test
    void hundredProbesToTheLossyHostLoseExactlyEveryFourthAndWaitOneTimeoutInAll() throws Exception {
        Lab.resetCounters();
        Path script = Files.writeString(dir.resolve("batch.repl"), """
                echo to $lossy id 4280
                send seq 1..100 1
                results stats target
                """);
        Lab.Result r = Lab.run(Duration.ofSeconds(120), "env", "PINGKIT_CLASSPATH=" + System.getProperty(
                "java.class.path"), Lab.home().resolve("scripts/repl").toString(), "--lab", "-f", script.toString());
        assertEquals(0, r.exitCode(), r.toString());
        String lossy = dev.pingkit.packet.Addresses.text(Lab.host(Lab.LOSSY).v4());
        List<Integer> lost = r.stdout().lines().filter(l -> l.startsWith(lossy + " seq=") && l.endsWith("no reply"))
                .map(l -> Integer.parseInt(l.replaceAll("^\\S+ seq=(\\d+) .*", "$1"))).toList();
        assertEquals(IntStream.rangeClosed(1, 25).map(i -> 4 * i).boxed().toList(), lost, r.stdout());
        assertEquals(75, r.stdout().lines().filter(l -> l.startsWith(lossy + " seq=") && l.contains(": reply from"))
                .count(), r.stdout());
        Matcher m = Pattern.compile("(?m)^Results: 100 probes, 75 answered, 0 errors, 25 lost in (\\d+\\.\\d+) s$")
                .matcher(r.stdout());
        assertTrue(m.find(), r.stdout());
        double seconds = Double.parseDouble(m.group(1));
        // every probe in flight at once: the 25 losses share one 1 s timeout (one at a time they took 25 s); the
        // upper bound leaves room for a loaded machine
        assertTrue(seconds >= 0.9 && seconds < 4.0, "the batch took " + seconds + " s");
        assertTrue(r.stdout().lines().anyMatch(l -> l.matches(Pattern.quote(lossy) + " +100 +25 +25%.*")),
                r.stdout());
    }

    @Test
    void overADatagramSocketTheResultsSayTheKernelChoseTheIdentifier() throws Exception {
        // the lab's client namespace allows ping sockets (net.ipv4.ping_group_range), the machine's may not
        Path script = Files.writeString(dir.resolve("dgram.repl"), """
                socket dgram
                echo to $peer id 4300
                send seq 1..3 1
                """);
        Lab.Result r = Lab.run(Duration.ofSeconds(120), "env", "PINGKIT_CLASSPATH=" + System.getProperty(
                "java.class.path"), Lab.home().resolve("scripts/repl").toString(), "--lab", "-f", script.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith("Results: 3 probes, 3 answered, 0 errors, 0 lost")),
                r.stdout());
        assertTrue(r.stdout().lines().anyMatch(l -> l.matches("numbering: id \\d+ chosen by the kernel \\(a datagram "
                + "socket writes its own\\), not 4300")), r.stdout());
    }

    @Test
    void aPingToTheLossyHostFeedsResultsWithItsLosses() throws Exception {
        Lab.resetCounters();
        Path script = Files.writeString(dir.resolve("ping.repl"), """
                ping -c 8 -i 0.2 -W 1 $lossy
                results stats target
                results table seq target status
                """);
        Lab.Result r = Lab.run(Duration.ofSeconds(120), "env", "PINGKIT_CLASSPATH=" + System.getProperty(
                "java.class.path"), Lab.home().resolve("scripts/repl").toString(), "--lab", "-f", script.toString());
        String lossy = dev.pingkit.packet.Addresses.text(Lab.host(Lab.LOSSY).v4());
        // ping exits 0 when some replies came; the lossy host drops the 4th and 8th
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().lines().anyMatch(l -> l.matches(Pattern.quote(lossy) + " +8 +2 +25%.*")), r.stdout());
        assertTrue(r.stdout().lines().anyMatch(l -> l.matches("4 +lost")), r.stdout());
        assertTrue(r.stdout().lines().anyMatch(l -> l.matches("8 +lost")), r.stdout());
    }
}
