package dev.pingkit.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.Echo;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SVG charts as a person sees them: rendered by headless Chromium, then checked pixel by pixel where each mark
 * must be (the stripe of every lost and failed probe, the corrupted probe's dot, the median, the bars) and where no
 * mark may be.
 */
class ResultsSvgTest {
    @TempDir
    Path dir;

    private static final List<Integer> LOST = List.of(5, 12);
    private static final int ERROR = 16;
    private static final int CORRUPTED = 9;

    /** 20 probes over 4 sizes with fixed RTTs: lost at seq 5 and 12, an error at 16, a corrupted reply at 9. */
    private static List<ProbeResult> run() throws Exception {
        return run(true);
    }

    private static List<ProbeResult> run(boolean sizes) throws Exception {
        Echo e = Echo.to("198.51.100.2").id(7);
        List<ProbeResult> list = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            var q = e.seq(i).size(sizes ? (i % 4) * 100 : 0).query();
            ProbeResult.Status s = LOST.contains(i) ? ProbeResult.Status.LOST : i == ERROR ? ProbeResult.Status.ERROR
                    : i == CORRUPTED ? ProbeResult.Status.CORRUPTED : ProbeResult.Status.ANSWERED;
            boolean rtt = s == ProbeResult.Status.ANSWERED || s == ProbeResult.Status.CORRUPTED;
            list.add(new ProbeResult(q, 1_000_000_000L * i, s, s == ProbeResult.Status.LOST ? null : e.target(),
                    rtt ? rttMicros(i) * 1000 : -1, 64, null));
        }
        return list;
    }

    private static long rttMicros(int seq) {
        return 100 + (seq % 4) * 40 + seq;
    }

    /** Pixels of {@code colour} in the columns around {@code x} (a 2-pixel line may straddle two). */
    private static int stripe(BufferedImage img, double x, SvgPlot c, String colour) {
        int best = 0;
        for (int dx = -1; dx <= 1; dx++) {
            best = Math.max(best, Chromium.inColumn(img, (int) Math.round(x) + dx, (int) c.top() + 2,
                    (int) c.bottom() - 2, colour));
        }
        return best;
    }

    @Test
    void chromiumShowsEveryLostFailedAndCorruptedProbeWhereItHappened() throws Exception {
        Chromium.require();
        List<ProbeResult> probes = run();
        Path f = Results.of(probes).svg(dir.resolve("run.svg"));
        BufferedImage img = Chromium.screenshot(f, SvgPlot.WIDTH, SvgPlot.HEIGHT * 3);
        int plotHeight = SvgPlot.BOTTOM - SvgPlot.TOP - 4;

        SvgPlot time = ResultsSvg.overTime(probes, 0);
        for (int i = 1; i <= 20; i++) {
            double x = time.px(i);
            int red = stripe(img, x, time, ResultsSvg.LOST);
            int orange = stripe(img, x, time, ResultsSvg.ERROR);
            if (LOST.contains(i)) {
                assertTrue(red > plotHeight * 0.9, "lost seq " + i + ": a red stripe over the plot, got " + red);
            } else {
                assertEquals(0, red, "no red at seq " + i);
            }
            if (i == ERROR) {
                assertTrue(orange > plotHeight * 0.9, "the error's orange stripe, got " + orange);
            } else {
                assertEquals(0, orange, "no orange at seq " + i);
            }
            ProbeResult p = probes.get(i - 1);
            if (p.answered()) {
                String colour = i == CORRUPTED ? ResultsSvg.CORRUPTED : ResultsSvg.ANSWERED;
                int n = Chromium.around(img, (int) Math.round(x), (int) Math.round(time.py(p.rttMillis())), 2, colour);
                assertTrue(n >= 9, "seq " + i + "'s dot at its RTT in " + colour + ", got " + n);
            }
        }

        SvgPlot against = ResultsSvg.against(probes, "size", SvgPlot.HEIGHT);
        // losses fell at sizes 100 (seq 5) and 0 (seq 12, and the error at 16): only those carry a stripe
        for (int size = 0; size <= 300; size += 100) {
            int red = stripe(img, against.px(size), against, ResultsSvg.LOST);
            assertEquals(size <= 100, red > plotHeight * 0.9, "size " + size + ": red " + red);
        }
        for (int size = 0; size <= 300; size += 100) {
            int s = size;
            double[] rtt = probes.stream().filter(ProbeResult::answered)
                    .filter(p -> p.request().payloadLength() == s).mapToDouble(ProbeResult::rttMillis).sorted()
                    .toArray();
            double median = ResultsSvg.rank(rtt, 50);
            int n = Chromium.around(img, (int) Math.round(against.px(size)), (int) Math.round(against.py(median)), 3,
                    ResultsSvg.MEDIAN);
            assertTrue(n >= 4, "the median line passes size " + size + "'s median, got " + n);
        }

        SvgPlot hist = ResultsSvg.histogram(probes, SvgPlot.HEIGHT * 2);
        int blue = 0;
        for (int x = SvgPlot.LEFT + 2; x < SvgPlot.RIGHT - 2; x++) {
            blue = Math.max(blue, Chromium.inColumn(img, x, (int) hist.top(), (int) hist.bottom() - 1,
                    ResultsSvg.ANSWERED));
        }
        assertTrue(blue > 20, "histogram bars drawn, tallest " + blue + " px");
        assertTrue(blue <= hist.bottom() - hist.top(), "bars stay inside their chart");
    }

    @Test
    void theDocumentIsWellFormedAndSaysWhatItShowsWithUnits() throws Exception {
        Results r = Results.of(run());
        String svg = r.svg();
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        for (String text : List.of("RTT over time: 20 probes in send order", "probe number (send order)",
                "round-trip time (ms)", "answered: 16", "corrupted reply: 1", "ICMP error: 1", "lost (no reply): 2",
                "RTT against size: median and p10-p90 of each value", "payload size (bytes)", "median", "p10-p90",
                "RTT histogram: 17 answered probes", ">probes<")) {
            assertTrue(svg.contains(text), text);
        }
        assertTrue(r.svg("ttl").contains("RTT against ttl"), "a named field is plotted even if it does not vary");
        assertEquals("field must be one of target id seq size ttl tos status from rtt reply_ttl type code, got sizes",
                assertThrows(IllegalArgumentException.class, () -> r.svg("sizes")).getMessage());
        Results same = Results.of(run(false));
        assertTrue(same.svg().contains("RTT against seq"), "with size fixed, seq is what varies");
    }
}
