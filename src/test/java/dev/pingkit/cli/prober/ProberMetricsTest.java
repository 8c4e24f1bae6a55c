package dev.pingkit.cli.prober;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.prometheus.metrics.expositionformats.ExpositionFormats;

/**
 * The prober's series as the official client writes them (OpenMetrics text and the protobuf format's debug text),
 * from outcomes fed in by hand (no socket): smokeping_prober's names and labels, the classic buckets asked for and
 * a native histogram of the schema asked for.
 */
class ProberMetricsTest {
    private static final ExpositionFormats FORMATS = ExpositionFormats.init();

    private static ProberTarget target(String host, String ip) throws Exception {
        return new ProberTarget(host, InetAddress.getByName(ip));
    }

    private static String openMetrics(ProberMetrics m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FORMATS.getOpenMetricsTextFormatWriter().write(out, m.registry().scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void assertLines(String text, List<String> lines) {
        for (String l : lines) {
            assertTrue(text.contains("\n" + l + "\n"), "no line '" + l + "' in:\n" + text);
        }
    }

    @Test
    void countsHistogramAndGaugesOfOneTargetUnderSmokepingNames() throws Exception {
        ProberMetrics m = new ProberMetrics(Buckets.parse("0.0001,0.001"), 4);
        ProberTarget t = target("198.51.100.2", "198.51.100.2");
        for (int seq = 1; seq <= 5; seq++) {
            m.sent(t, seq, seq == 2 ? 3_000_000 : 0);
        }
        m.outcome(t, Outcomes.answered(t, 1, 50_000, 64));       // 50 us: first bucket
        m.outcome(t, Outcomes.answered(t, 2, 100_000, 64));      // on the bound: still the first
        m.outcome(t, Outcomes.answered(t, 3, 1_500_000, 63));    // 1.5 ms: +Inf only
        m.outcome(t, Outcomes.duplicate(t, 3));
        m.outcome(t, Outcomes.lost(t, 4));
        m.outcome(t, Outcomes.late(t, 4));
        m.outcome(t, Outcomes.failed(t, 5, 3, 1));
        m.outcome(t, Outcomes.corrupted(t, 5));
        m.outcome(t, Outcomes.sendFailed(t, 6));
        m.resolveError(t);
        String l = "{host=\"198.51.100.2\",ip=\"198.51.100.2\"}";
        String text = openMetrics(m);
        assertLines(text, List.of(
                "# TYPE smokeping_requests counter",
                "smokeping_requests_total" + l + " 5.0",
                "# TYPE smokeping_response_duration_seconds histogram",
                "# UNIT smokeping_response_duration_seconds seconds",
                "smokeping_response_duration_seconds_bucket{host=\"198.51.100.2\",ip=\"198.51.100.2\",le=\"1.0E-4\"} 2",
                "smokeping_response_duration_seconds_bucket{host=\"198.51.100.2\",ip=\"198.51.100.2\",le=\"0.001\"} 2",
                "smokeping_response_duration_seconds_bucket{host=\"198.51.100.2\",ip=\"198.51.100.2\",le=\"+Inf\"} 3",
                "smokeping_response_duration_seconds_count" + l + " 3",
                "smokeping_response_duration_seconds_sum" + l + " 0.00165",
                "smokeping_response_duplicates_total" + l + " 1.0",
                "smokeping_response_ttl" + l + " 63.0",
                "smokeping_send_errors_total" + l + " 1.0",
                "pingkit_response_last_duration_seconds" + l + " 0.0015",
                "pingkit_response_late_total" + l + " 1.0",
                "pingkit_response_corrupted_total" + l + " 1.0",
                "pingkit_response_errors_total" + l + " 1.0",
                "pingkit_requests_lost_total" + l + " 1.0",
                "pingkit_resolve_errors_total" + l + " 1.0",
                "pingkit_probe_lateness_seconds_bucket{le=\"0.002\"} 4",
                "pingkit_probe_lateness_seconds_bucket{le=\"0.005\"} 5",
                "pingkit_probe_lateness_seconds_count 5",
                "pingkit_probe_lateness_seconds_sum 0.003"));
        assertTrue(text.endsWith("# EOF\n"), text);
    }

    @Test
    void theRttHistogramIsAlsoNativeAtTheSchemaAsked() throws Exception {
        ProberMetrics m = new ProberMetrics(Buckets.SMOKEPING, 4);
        ProberTarget t = target("198.51.100.2", "198.51.100.2");
        m.outcome(t, Outcomes.answered(t, 1, 100_000, 64));
        m.outcome(t, Outcomes.answered(t, 2, 200_000, 64));
        String proto = FORMATS.getPrometheusProtobufWriter().toDebugString(m.registry().scrape());
        String family = family(proto, "smokeping_response_duration_seconds");
        assertTrue(family.contains("schema: 4"), family);
        assertTrue(family.contains("positive_span"), family);
        assertTrue(family.contains("sample_count: 2"), family);
        // The lateness histogram stays classic: it has no native schema.
        String late = family(proto, "pingkit_probe_lateness_seconds");
        assertFalse(late.contains("schema:"), late);
    }

    /** One metric family of the protobuf debug text: from its name to the next family's (a label's is indented). */
    private static String family(String proto, String name) {
        int at = proto.indexOf("name: \"" + name + "\"");
        assertTrue(at >= 0, proto);
        int next = proto.indexOf("\nname: ", at + 10);
        return proto.substring(at, next < 0 ? proto.length() : next);
    }

    @Test
    void aTargetWithoutRepliesHasZeroCountsAndNoGauges() throws Exception {
        ProberMetrics m = new ProberMetrics(Buckets.parse("1"), 4);
        m.of(target("198.18.4.1", "198.18.4.1"));
        String text = openMetrics(m);
        assertLines(text, List.of("smokeping_requests_total{host=\"198.18.4.1\",ip=\"198.18.4.1\"} 0.0",
                "smokeping_response_duration_seconds_count{host=\"198.18.4.1\",ip=\"198.18.4.1\"} 0"));
        assertTrue(!text.contains("smokeping_response_ttl{") && !text.contains("last_duration_seconds{"), text);
    }

    @Test
    void labelValuesAreEscaped() throws Exception {
        ProberMetrics m = new ProberMetrics(Buckets.parse("1"), 4);
        m.of(target("a\"\\\nx", "198.51.100.2"));
        assertTrue(openMetrics(m).contains("smokeping_requests_total{host=\"a\\\"\\\\\\nx\",ip=\"198.51.100.2\"} 0.0"),
                openMetrics(m));
    }

    @Test
    void bucketFactorsBecomeTheCoarsestSchemaNoCoarserThanAsked() throws Exception {
        assertEquals(4, ProberOptions.nativeSchema("1.05")); // smokeping_prober's default
        assertEquals(0, ProberOptions.nativeSchema("2"));
        assertEquals(1, ProberOptions.nativeSchema("1.5"));
        assertEquals(-4, ProberOptions.nativeSchema("65536"));
        assertEquals(8, ProberOptions.nativeSchema("1.0001")); // the finest the format has
    }
}
