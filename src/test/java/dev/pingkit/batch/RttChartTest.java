package dev.pingkit.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.batch.RttChart.Glyphs;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RttChartTest {
    @Test
    void sparklineScalesFastestToSlowestAndMarksLostProbes() {
        long[] r = {41_000, 90_000, -1, 65_500, 41_000};
        assertEquals("▁█×▅▁", RttChart.sparkline(r, Glyphs.UNICODE));
        assertEquals("_#!+_", RttChart.sparkline(r, Glyphs.ASCII));
    }

    @Test
    void sparklineWrapsAtTheWidthAndSurvivesAllLostOrAllEqual() {
        assertEquals("▁▁\n▁", RttChart.sparkline(new long[] {5, 5, 5}, Glyphs.UNICODE, 2));
        assertEquals("!!", RttChart.sparkline(new long[] {-1, -1}, Glyphs.ASCII));
        assertEquals("", RttChart.sparkline(new long[0], Glyphs.ASCII));
        assertEquals("width must be 1 or more, got 0",
                assertThrows(IllegalArgumentException.class, () -> RttChart.sparkline(new long[1], Glyphs.ASCII, 0))
                        .getMessage());
    }

    @Test
    void histogramBinsAtARoundWidthAndShowsLostAsABar() {
        // 1.0 .. 1.9 ms: width 0.1 ms, ten bins; four in the first, one in the last; two lost
        long[] r = {1_000_000, 1_010_000, 1_020_000, 1_099_000, 1_900_000, -1, -1};
        String h = RttChart.histogram(r, Glyphs.ASCII);
        String[] lines = h.split("\n");
        assertEquals("rtt histogram: 5 answered, 2 lost", lines[0]);
        assertEquals("1.0 .. 1.1 |" + "#".repeat(40) + " 4", lines[1]);
        assertEquals("1.1 .. 1.2 |" + " ".repeat(41) + "0", lines[2]);
        assertEquals("1.9 .. 2.0 |" + "#".repeat(10) + " ".repeat(31) + "1", lines[10]);
        assertEquals("      lost |" + "#".repeat(20) + " ".repeat(21) + "2", lines[11]);
        assertEquals("            ___.#!!", lines[12]);
        assertEquals(13, lines.length);
    }

    @Test
    void unicodeBarsUseEighthBlocks() {
        // counts 8 and 1 (and 1 lost): 1/8 of 40 columns = 5 full blocks
        long[] r = new long[10];
        java.util.Arrays.fill(r, 0, 8, 2_000_000);
        r[8] = 2_009_000;
        r[9] = -1;
        String h = RttChart.histogram(r, Glyphs.UNICODE);
        assertTrue(h.contains("│" + "█".repeat(40) + " 8\n"), h);
        assertTrue(h.contains("│█████" + " ".repeat(36) + "1\n"), h);
        assertTrue(h.contains("lost │█████"), h);
        assertTrue(h.endsWith("▁▁▁▁▁▁▁▁█×\n"), h);
    }

    @Test
    void histogramOfNothingSaysSo() {
        assertEquals("rtt histogram: 0 answered, 0 lost\n", RttChart.histogram(new long[0], Glyphs.UNICODE));
        assertEquals("rtt histogram: 0 answered, 1 lost\nlost |" + "#".repeat(40) + " 1\n      !\n",
                RttChart.histogram(new long[] {-1}, Glyphs.ASCII));
    }

    @Test
    void roundWidthsAreOneTwoFiveTimesAPowerOfTen() {
        assertEquals(1_000, RttChart.roundWidth(1_000));
        assertEquals(2_000, RttChart.roundWidth(1_001));
        assertEquals(50_000, RttChart.roundWidth(20_001));
    }

    @Test
    void glyphsFollowTermAndLocale() {
        assertEquals(Glyphs.UNICODE, Glyphs.forEnvironment(Map.of("LANG", "en_US.UTF-8")));
        assertEquals(Glyphs.UNICODE, Glyphs.forEnvironment(Map.of("LC_ALL", "C.utf8", "LANG", "C")));
        assertEquals(Glyphs.ASCII, Glyphs.forEnvironment(Map.of("LC_ALL", "C", "LANG", "en_US.UTF-8")));
        assertEquals(Glyphs.ASCII, Glyphs.forEnvironment(Map.of("LANG", "en_US.UTF-8", "TERM", "dumb")));
        assertEquals(Glyphs.ASCII, Glyphs.forEnvironment(Map.of()));
        assertEquals(Glyphs.ASCII, Glyphs.forEnvironment(Map.of("LANG", "de_DE.ISO-8859-1")));
    }
}
