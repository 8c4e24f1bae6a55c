package dev.pingkit.cli.prober;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * The prober's own text writer against the client's: the same bytes for the same snapshots, in Prometheus text and
 * OpenMetrics, for the prober's registry and for hand-made values at the edges of number formatting and escaping;
 * and what it cannot write the client's way, it declines.
 */
class TextExpositionTest {
    private static final ExpositionFormats FORMATS = ExpositionFormats.init();

    private static void assertSameAsClient(MetricSnapshots s) throws Exception {
        assertTrue(TextExposition.handles(s));
        ByteArrayOutputStream ours = new ByteArrayOutputStream(), theirs = new ByteArrayOutputStream();
        FORMATS.getPrometheusTextFormatWriter().write(theirs, s);
        TextExposition.write(ours, s, false);
        assertEquals(theirs.toString(StandardCharsets.UTF_8), ours.toString(StandardCharsets.UTF_8), "text");
        assertTrue(java.util.Arrays.equals(theirs.toByteArray(), ours.toByteArray()), "text bytes");
        ours.reset();
        theirs.reset();
        FORMATS.getOpenMetricsTextFormatWriter().write(theirs, s);
        TextExposition.write(ours, s, true);
        assertEquals(theirs.toString(StandardCharsets.UTF_8), ours.toString(StandardCharsets.UTF_8), "OpenMetrics");
        assertTrue(java.util.Arrays.equals(theirs.toByteArray(), ours.toByteArray()), "OpenMetrics bytes");
    }

    @Test
    void writesTheProbersRegistryAsTheClientDoes() throws Exception {
        ProberMetrics m = new ProberMetrics(Buckets.SMOKEPING, 4);
        assertSameAsClient(m.registry().scrape()); // no targets: the lateness histogram alone
        Random r = new Random(7);
        String[] hosts = {"198.51.100.%d", "a\"quote%d", "back\\slash%d", "new\nline%d", "m\u00fcnchen-%d.lab",
            "\u65e5\u672c%d", "2001:db8::%d"};
        for (int i = 0; i < 300; i++) {
            byte[] a = i % 2 == 0 ? new byte[] {(byte) 198, 51, 100, (byte) i}
                    : InetAddress.getByName("2001:db8::" + Integer.toHexString(i)).getAddress();
            ProberTarget t = new ProberTarget(String.format(hosts[i % hosts.length], i), InetAddress.getByAddress(a));
            m.of(t); // a target without any probe yet: counters at 0, no gauges
            if (i % 5 == 0) {
                continue;
            }
            for (int s = 0; s < r.nextInt(40); s++) {
                m.sent(t, s, r.nextInt(3) == 0 ? r.nextInt(2_000_000_000) : r.nextInt(20_000));
                switch (r.nextInt(8)) {
                    case 0 -> m.lost(t, s);
                    case 1 -> m.errorReply(t, s, 3, 1);
                    case 2 -> m.duplicate(t, s);
                    default -> m.answered(t, s, 1 + (long) (r.nextDouble() * r.nextDouble() * 40e9), r.nextInt(256));
                }
            }
        }
        assertSameAsClient(m.registry().scrape());
    }

    @Test
    void numbersEscapesAndMetadataAsTheClientWritesThem() throws Exception {
        double[] values = {0, -0.0, 1, 9_999_999, 10_000_000, 1e20, 0.5, 1e-3, 9.99e-4, -3, Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, Double.MIN_VALUE};
        CounterSnapshot.Builder c = CounterSnapshot.builder().name("c").help("help with \\ and \n and \" too");
        GaugeSnapshot.Builder g = GaugeSnapshot.builder().name("g_seconds").unit(Unit.SECONDS);
        GaugeSnapshot.Builder bare = GaugeSnapshot.builder().name("bare");
        for (int i = 0; i < values.length; i++) {
            Labels l = Labels.of("k", "v" + i, "z", "x\\\"\n\u00e9");
            if (values[i] >= 0 || Double.isNaN(values[i])) {
                c.dataPoint(CounterDataPointSnapshot.builder().labels(l).value(values[i]).build());
            }
            g.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(values[i]).build());
        }
        bare.dataPoint(GaugeDataPointSnapshot.builder().value(42).build());
        GaugeSnapshot empty = GaugeSnapshot.builder().name("empty").help("no samples").build();
        assertSameAsClient(new MetricSnapshots(c.build(), g.build(), bare.build(), empty));
    }

    @Test
    void declinesWhatItDoesNotWriteTheClientsWay() {
        CounterDataPointSnapshot stamped = CounterDataPointSnapshot.builder().value(1).scrapeTimestampMillis(1000)
                .build();
        assertFalse(TextExposition.handles(new MetricSnapshots(
                CounterSnapshot.builder().name("c").dataPoint(stamped).build())));
        GaugeDataPointSnapshot withExemplar = GaugeDataPointSnapshot.builder().value(1)
                .exemplar(Exemplar.builder().value(1).build()).build();
        assertFalse(TextExposition.handles(new MetricSnapshots(
                GaugeSnapshot.builder().name("g").dataPoint(withExemplar).build())));
        assertFalse(TextExposition.handles(new MetricSnapshots(GaugeSnapshot.builder().name("dotted.name")
                .dataPoint(GaugeDataPointSnapshot.builder().value(1).build()).build())));
    }
}
