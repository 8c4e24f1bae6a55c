package dev.pingkit.cli.prober;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import dev.pingkit.cli.prober.ParallelExposition.Format;

/**
 * The exposition written as parts at once is byte for byte the one writer's, in both text formats, however it is cut
 * and however many threads write it, scrapes at once included; a failing socket fails the scrape, not the prober.
 */
class ParallelExpositionTest {
    private static final ExpositionFormats FORMATS = ExpositionFormats.init();
    private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0";
    private static final String PROTOBUF =
            "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited";

    /** {@code n} targets with answers, losses and a duplicate, so every family has points (the gauges too). */
    private static MetricSnapshots snapshots(int n) throws IOException {
        ProberMetrics m = new ProberMetrics(Buckets.SMOKEPING, 4);
        Random r = new Random(7);
        for (int i = 0; i < n; i++) {
            byte[] a = {(byte) 198, 18, (byte) (i >> 8), (byte) i};
            InetAddress ip = InetAddress.getByAddress(a);
            ProberTarget t = new ProberTarget("h" + i + (i % 3 == 0 ? "\"quoted\\" : ""), ip);
            for (int s = 0; s < 5; s++) {
                m.sent(t, s, r.nextInt(2_000_000));
                if (i % 7 != 0) {
                    m.outcome(t, Outcomes.answered(t, s, 50_000 + r.nextInt(90_000_000), 64));
                }
            }
            m.outcome(t, Outcomes.duplicate(t, 1));
            m.outcome(t, Outcomes.lost(t, 6));
        }
        return m.registry().scrape();
    }

    private static byte[] oneWriter(ExpositionFormatWriter w, MetricSnapshots s, EscapingScheme e) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        w.write(out, s, e);
        return out.toByteArray();
    }

    private static byte[] parts(ParallelExposition p, ExpositionFormatWriter w, Format f, MetricSnapshots s,
            EscapingScheme e) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.write(w, f, out, s, e);
        return out.toByteArray();
    }

    private static Format format(String accept) {
        return new ScrapeHandler(null, 0).format(FORMATS.findWriter(accept));
    }

    @Test
    void everyFormatCutIntoPartsIsTheOneWritersBody() throws IOException {
        MetricSnapshots s = snapshots(600);
        for (String accept : List.of("text/plain", OPENMETRICS)) {
            ExpositionFormatWriter w = FORMATS.findWriter(accept);
            EscapingScheme e = EscapingScheme.fromAcceptHeader(accept);
            Format f = format(accept);
            assertTrue(f != Format.NONE, accept);
            byte[] expected = oneWriter(w, s, e);
            // 1 line a part: every histogram point its own slice; 10 000: a few families a part; in between.
            for (int lines : new int[] {1, 7, 500, 10_000}) {
                for (int helpers : new int[] {1, 3}) {
                    byte[] got = parts(new ParallelExposition(helpers, lines), w, f, s, e);
                    assertArrayEquals(expected, got, accept + ", " + lines + " lines a part, " + helpers + " helpers");
                }
            }
        }
    }

    @Test
    void theScrapeHandlerCutsTheTextFormatsAndLeavesProtobufToOneWriter() throws IOException {
        assertEquals(Format.TEXT, format("text/plain"));
        assertEquals(Format.OPENMETRICS, format(OPENMETRICS));
        assertEquals(Format.NONE, format(PROTOBUF));
        MetricSnapshots s = snapshots(300);
        ExpositionFormatWriter w = FORMATS.findWriter(PROTOBUF);
        EscapingScheme e = EscapingScheme.fromAcceptHeader(PROTOBUF);
        assertArrayEquals(oneWriter(w, s, e), parts(new ParallelExposition(2, 10), w, Format.NONE, s, e));
    }

    @Test
    void scrapesAtOnceThroughSharedHelpersAreEachWhole() throws Exception {
        MetricSnapshots s = snapshots(300);
        ParallelExposition p = new ParallelExposition(2, 50);
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            for (String accept : List.of("text/plain", OPENMETRICS)) {
                ExpositionFormatWriter w = FORMATS.findWriter(accept);
                EscapingScheme e = EscapingScheme.fromAcceptHeader(accept);
                byte[] expected = oneWriter(w, s, e);
                List<Future<byte[]>> all = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    all.add(pool.submit(() -> parts(p, w, format(accept), s, e)));
                }
                for (Future<byte[]> f : all) {
                    assertArrayEquals(expected, f.get(60, TimeUnit.SECONDS), accept);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** An output that takes {@code limit} bytes and then fails, as a scraper that hung up. */
    private static final class HangsUp extends OutputStream {
        private final long limit;
        private long n;

        HangsUp(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            n += len;
            if (n > limit) {
                throw new IOException("Broken pipe");
            }
        }
    }

    @Test
    void aScraperThatHangsUpFailsItsScrapeAndTheNextIsWhole() throws Exception {
        MetricSnapshots s = snapshots(600);
        ParallelExposition p = new ParallelExposition(2, 200);
        ExpositionFormatWriter w = FORMATS.getPrometheusTextFormatWriter();
        for (long limit : new long[] {0, 10_000, 100_000}) {
            IOException e = assertThrows(IOException.class,
                    () -> p.write(w, Format.TEXT, new HangsUp(limit), s, EscapingScheme.DEFAULT));
            assertEquals("Broken pipe", e.getMessage());
        }
        assertArrayEquals(oneWriter(w, s, EscapingScheme.DEFAULT), parts(p, w, Format.TEXT, s, EscapingScheme.DEFAULT));
    }

    @Test
    void aSplitTextBodyPassesPromtool() throws Exception {
        java.nio.file.Path promtool = java.nio.file.Path.of("/usr/bin/promtool");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(promtool), "no promtool");
        MetricSnapshots s = snapshots(600);
        byte[] body = parts(new ParallelExposition(2, 300), FORMATS.getPrometheusTextFormatWriter(), Format.TEXT, s,
                EscapingScheme.DEFAULT);
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(body);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }
}
