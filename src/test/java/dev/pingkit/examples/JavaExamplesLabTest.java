package dev.pingkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;
import dev.pingkit.packet.Addresses;
import dev.pingkit.packet.PcapNgFile;
import dev.pingkit.packet.PcapPacket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java experiments in {@code examples/} run as the README says, inside the lab, asserting what they print. */
@LabTest
class JavaExamplesLabTest {
    private static final Duration LIMIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private static String classes() {
        return "PINGKIT_CLASSPATH=" + System.getProperty("java.class.path");
    }

    @Test
    void theLossyExperimentFindsEveryFourthProbeLostAndWritesItsPictureAndCapture() throws Exception {
        Lab.resetCounters();
        String lossy = Addresses.text(Lab.host(Lab.LOSSY).v4());
        Lab.Result r = Lab.run(LIMIT, "sh", "-c", "cd " + dir + " && env " + classes() + " "
                + Lab.home().resolve("scripts/java") + " " + Lab.home().resolve("examples/LossyExperiment.java"));
        assertEquals(0, r.exitCode(), r.toString());
        List<String> lines = r.stdout().lines().toList();
        assertEquals("Results: 20 probes, 15 answered, 0 errors, 5 lost", lines.get(0), r.toString());
        assertEquals("lost seq: [4, 8, 12, 16, 20]", lines.get(1));
        assertTrue(lines.get(3).startsWith(lossy + "    20     5   25%"), r.toString());
        assertEquals("wrote lossy.svg and lossy.pcapng", lines.get(4));
        assertTrue(Files.readString(dir.resolve("lossy.svg")).contains("lost (no reply): 5"));
        List<String> comments = PcapNgFile.read(dir.resolve("lossy.pcapng")).packets().stream()
                .map(PcapPacket::comment).filter(c -> c.endsWith(": lost")).toList();
        assertEquals(List.of("seq 4: lost", "seq 8: lost", "seq 12: lost", "seq 16: lost", "seq 20: lost"), comments);
    }

    @Test
    void theShebangTtlWalkRunsAsAnExecutableWithTheLauncherOnPath() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("pingkit-java"), Lab.home().resolve("scripts/java"));
        Lab.Result r = Lab.run(LIMIT, "env", classes(), "PATH=" + bin + ":" + System.getenv("PATH"),
                Lab.home().resolve("examples/ttl-walk-java").toString());
        assertEquals(0, r.exitCode(), r.toString());
        String router = Addresses.text(Lab.host(Lab.ROUTER).v4());
        String far = Addresses.text(Lab.host(Lab.FAR).v4());
        assertEquals(List.of("Results: 3 probes, 2 answered, 1 error, 0 lost", "ttl         error    answered",
                "1    " + router + "           -", "2               -  " + far, "3               -  " + far),
                r.stdout().lines().toList(), r.toString());
    }
}
