package dev.pingkit.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.batch.Chromium;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plot FILE.svg} after real loopback sends: the file opens in Chromium and shows the lost probe in red. */
class ReplPlotTest {
    @TempDir
    Path dir;

    @Test
    void plotWritesAnSvgWhoseLostProbeChromiumShowsInRed() throws Exception {
        Chromium.require();
        Path svg = dir.resolve("run.svg");
        var t = ReplDriver.script("echo to 127.0.0.1 id 4242 size 0",
                "for s in 0,100,200 { send --next -q size $s 2 }",
                "echo to 127.0.0.1 id 4244 size 8 checksum 0xdead",
                "send -q 300ms",
                "echo to 127.0.0.1 id 4245 size 300",
                "send -q 2",
                "plot " + svg);
        assertEquals(0, t.status(), t.output());
        assertTrue(t.hasLine("plotted 5 results to " + svg), t.output());
        String text = Files.readString(svg);
        assertTrue(text.contains("lost (no reply): 1") && text.contains("RTT against size"), text);

        BufferedImage img = Chromium.screenshot(svg, 800, 1140);
        // the over-time chart: 5 probes over 80..776 px with half a probe's margin; the 4th (the bad checksum) lost
        for (int i = 1; i <= 5; i++) {
            int x = (int) Math.round(80 + (i - 0.5) / 5.0 * (776 - 80));
            int red = 0;
            for (int dx = -1; dx <= 1; dx++) {
                red = Math.max(red, Chromium.inColumn(img, x + dx, 82, 322, "#d62728"));
            }
            assertEquals(i == 4, red > 200, "probe " + i + ": red pixels " + red);
        }
    }

    @Test
    void plotRefusesAnotherFileOrAnUnknownFieldInOneLine() {
        var t = ReplDriver.script("plot run.png");
        assertTrue(t.hasLine("error: plot takes nothing, or a file ending in .svg and a field, got run.png"),
                t.output());
        var u = ReplDriver.script("echo to 127.0.0.1", "send -q 2", "plot " + dir.resolve("a.svg") + " sizes");
        assertTrue(u.hasLine("error: field must be one of target id seq size ttl tos status from rtt reply_ttl type "
                + "code, got sizes"), u.output());
    }
}
