package dev.pingkit.cli.prober;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The exposition, byte for byte, from outcomes fed in by hand (no socket). */
class OpenMetricsTest {

    private static ProbeTarget target(String host, String ip) throws Exception {
        return new ProbeTarget(host, InetAddress.getByName(ip));
    }

    @Test
    void countsHistogramAndGaugesOfOneTarget() throws Exception {
        SeriesBook book = new SeriesBook(Buckets.parse("0.0001,0.001"));
        ProbeTarget t = target("198.51.100.2", "198.51.100.2");
        for (int seq = 1; seq <= 5; seq++) {
            book.sent(t, seq, seq == 2 ? 3_000_000 : 0);
        }
        book.answered(t, 1, 50_000, 64);       // 50 us: first bucket
        book.answered(t, 2, 100_000, 64);      // on the bound: still the first
        book.answered(t, 3, 1_500_000, 63);    // 1.5 ms: +Inf only
        book.duplicate(t, 3);
        book.lost(t, 4);
        book.late(t, 4);
        book.errorReply(t, 5, 3, 1);
        book.corrupted(t, 5);
        book.sendError(t, 6);
        book.resolveError(t);
        String l = "{ip=\"198.51.100.2\",host=\"198.51.100.2\"";
        assertEquals("""
                # TYPE smokeping_requests counter
                # HELP smokeping_requests Number of ping requests sent.
                smokeping_requests_total%1$s} 5
                # TYPE smokeping_response_duration_seconds histogram
                # UNIT smokeping_response_duration_seconds seconds
                # HELP smokeping_response_duration_seconds Round-trip time of the first intact reply to each probe.
                smokeping_response_duration_seconds_bucket%1$s,le="0.0001"} 2
                smokeping_response_duration_seconds_bucket%1$s,le="0.001"} 2
                smokeping_response_duration_seconds_bucket%1$s,le="+Inf"} 3
                smokeping_response_duration_seconds_sum%1$s} 0.00165
                smokeping_response_duration_seconds_count%1$s} 3
                # TYPE smokeping_response_duplicates counter
                # HELP smokeping_response_duplicates Number of duplicate replies (a probe answered again).
                smokeping_response_duplicates_total%1$s} 1
                # TYPE smokeping_response_ttl gauge
                # HELP smokeping_response_ttl The last reply's TTL (hop limit).
                smokeping_response_ttl%1$s} 63
                # TYPE smokeping_send_errors counter
                # HELP smokeping_send_errors Number of probes the kernel refused to send.
                smokeping_send_errors_total%1$s} 1
                # TYPE pingkit_response_last_duration_seconds gauge
                # UNIT pingkit_response_last_duration_seconds seconds
                # HELP pingkit_response_last_duration_seconds Round-trip time of the last answered probe.
                pingkit_response_last_duration_seconds%1$s} 0.0015
                # TYPE pingkit_response_late counter
                # HELP pingkit_response_late Number of replies that came after their probe was counted lost.
                pingkit_response_late_total%1$s} 1
                # TYPE pingkit_response_corrupted counter
                # HELP pingkit_response_corrupted Number of replies with a bad checksum or payload.
                pingkit_response_corrupted_total%1$s} 1
                # TYPE pingkit_response_errors counter
                # HELP pingkit_response_errors Number of ICMP errors (unreachable, time exceeded, ...) about a probe.
                pingkit_response_errors_total%1$s} 1
                # TYPE pingkit_requests_lost counter
                # HELP pingkit_requests_lost Number of probes without reply or error before the target's next probe.
                pingkit_requests_lost_total%1$s} 1
                # TYPE pingkit_resolve_errors counter
                # HELP pingkit_resolve_errors Number of times the target's name failed to resolve on a reload (it keeps its last address).
                pingkit_resolve_errors_total%1$s} 1
                # TYPE pingkit_probe_lateness_seconds histogram
                # UNIT pingkit_probe_lateness_seconds seconds
                # HELP pingkit_probe_lateness_seconds How late probes left against their schedule, all targets together.
                pingkit_probe_lateness_seconds_bucket{le="0.0001"} 4
                pingkit_probe_lateness_seconds_bucket{le="0.0005"} 4
                pingkit_probe_lateness_seconds_bucket{le="0.001"} 4
                pingkit_probe_lateness_seconds_bucket{le="0.002"} 4
                pingkit_probe_lateness_seconds_bucket{le="0.005"} 5
                pingkit_probe_lateness_seconds_bucket{le="0.01"} 5
                pingkit_probe_lateness_seconds_bucket{le="0.02"} 5
                pingkit_probe_lateness_seconds_bucket{le="0.05"} 5
                pingkit_probe_lateness_seconds_bucket{le="0.1"} 5
                pingkit_probe_lateness_seconds_bucket{le="0.5"} 5
                pingkit_probe_lateness_seconds_bucket{le="1"} 5
                pingkit_probe_lateness_seconds_bucket{le="+Inf"} 5
                pingkit_probe_lateness_seconds_sum 0.003
                pingkit_probe_lateness_seconds_count 5
                # EOF
                """.formatted(l), new String(OpenMetrics.render(book), StandardCharsets.UTF_8));
    }

    @Test
    void aTargetWithoutRepliesHasZeroCountsAndNoGauges() throws Exception {
        SeriesBook book = new SeriesBook(Buckets.parse("1"));
        ProbeTarget t = target("198.18.4.1", "198.18.4.1");
        book.of(t);
        String text = new String(OpenMetrics.render(book), StandardCharsets.UTF_8);
        assertTrue(text.contains("smokeping_requests_total{ip=\"198.18.4.1\",host=\"198.18.4.1\"} 0\n"), text);
        assertTrue(text.contains("smokeping_response_duration_seconds_sum{ip=\"198.18.4.1\",host=\"198.18.4.1\"} 0.0\n"),
                text);
        assertTrue(!text.contains("smokeping_response_ttl{") && !text.contains("last_duration_seconds{"), text);
        assertTrue(text.endsWith("# EOF\n"));
    }

    @Test
    void labelValuesAreEscapedAndSeriesKeepTheirOrder() throws Exception {
        SeriesBook book = new SeriesBook(Buckets.parse("1"));
        book.of(target("b", "2001:db8::2"));
        book.of(target("a\"\\\nx", "198.51.100.2"));
        String text = new String(OpenMetrics.render(book), StandardCharsets.UTF_8);
        int first = text.indexOf("smokeping_requests_total{ip=\"2001:db8::2\",host=\"b\"} 0");
        int second = text.indexOf("smokeping_requests_total{ip=\"198.51.100.2\",host=\"a\\\"\\\\\\nx\"} 0");
        assertTrue(first >= 0 && second > first, text);
    }

    @Test
    void secondsAreExactDecimals() throws Exception {
        SeriesBook book = new SeriesBook(Buckets.parse("1"));
        ProbeTarget t = target("198.51.100.2", "198.51.100.2");
        book.answered(t, 1, 12_345_678_901L, 64);
        String text = new String(OpenMetrics.render(book), StandardCharsets.UTF_8);
        assertTrue(text.contains("_sum{ip=\"198.51.100.2\",host=\"198.51.100.2\"} 12.345678901\n"), text);
    }
}
