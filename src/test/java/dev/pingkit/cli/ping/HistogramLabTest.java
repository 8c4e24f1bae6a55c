package dev.pingkit.cli.ping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;
import dev.pingkit.packet.Addresses;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code scripts/ping --histogram} against the lab's lossy host: the lost probes show in the picture. */
@LabTest
class HistogramLabTest {
    private static Lab.Result ping(String lang, String... args) {
        String[] argv = new String[args.length + 5];
        argv[0] = "env";
        argv[1] = "LC_ALL=" + lang; // Lab.run sets LC_ALL=C, which outranks LANG
        argv[2] = "TERM=xterm"; // the build's own TERM may be dumb, which alone means ASCII
        argv[3] = "PINGKIT_CLASSPATH=" + System.getProperty("java.class.path");
        argv[4] = PingRun.home().resolve("scripts/ping").toString();
        System.arraycopy(args, 0, argv, 5, args.length);
        return Lab.run(Duration.ofSeconds(60), argv);
    }

    @Test
    void histogramFollowsTheSummaryAndTheSparklineMarksEachLostProbe() {
        Lab.resetCounters();
        String lossy = Addresses.text(Lab.host(Lab.LOSSY).v4());
        Lab.Result r = ping("C", "-n", "-c", "8", "-i", "0.2", "-W", "1", "--histogram", lossy);
        assertEquals(0, r.exitCode(), r.toString());
        List<String> lines = r.stdout().lines().toList();
        int h = lines.indexOf("rtt histogram: 6 answered, 2 lost");
        assertTrue(h > 0, r.toString());
        assertTrue(lines.get(h - 2).startsWith("8 packets transmitted, 6 received, 25% packet loss"), r.toString());
        assertTrue(lines.get(h - 1).startsWith("rtt min/avg/max/mdev = "), "the summary comes first\n" + r);
        assertTrue(lines.stream().anyMatch(l -> l.matches(" *lost \\|#+ +2")), r.toString());
        String spark = lines.get(lines.size() - 1).trim();
        assertEquals(8, spark.length(), r.toString());
        assertEquals("!", spark.substring(3, 4), "the 4th request is dropped\n" + r);
        assertEquals("!", spark.substring(7, 8), "so is the 8th\n" + r);
        assertTrue(spark.substring(0, 3).matches("[_.\\-=+*%#]{3}"), r.toString());
    }

    @Test
    void withoutTheOptionTheOutputHasNoPictureAndUnicodeFollowsTheLocale() {
        String peer = Addresses.text(Lab.host(Lab.PEER).v6());
        Lab.Result plain = ping("C.UTF-8", "-n", "-c", "2", "-i", "0.2", peer);
        assertEquals(0, plain.exitCode(), plain.toString());
        assertTrue(plain.stdout().stripTrailing().lines().reduce((a, b) -> b).orElseThrow()
                .startsWith("rtt min/avg/max/mdev"), "iputils' last line stays the last\n" + plain);
        Lab.Result drawn = ping("C.UTF-8", "-n", "-c", "2", "-i", "0.2", "--histogram", peer);
        assertTrue(drawn.stdout().contains("│█"), drawn.toString());
        assertEquals(plain.stdout().lines().count() + 2 + drawn.stdout().lines()
                .filter(l -> l.contains(" .. ")).count(), drawn.stdout().lines().count(), drawn.toString());
    }

    @Test
    void histogramWithJsonIsAUsageError() {
        Lab.Result r = ping("C", "-c", "1", "--json", "--histogram", "127.0.0.1");
        assertEquals(2, r.exitCode());
        assertEquals("ping: --histogram draws for a terminal and cannot be combined with --json\n", r.stderr());
    }
}
