package dev.pingkit.cli.prober;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * <b>Writes every target's series in the OpenMetrics 1.0 text format.</b>
 *
 * <p>Names and labels are smokeping_prober's where the meaning is the same ({@code smokeping_requests_total},
 * {@code smokeping_response_duration_seconds}, {@code smokeping_response_duplicates_total},
 * {@code smokeping_response_ttl}, {@code smokeping_send_errors_total}; labels {@code ip} and {@code host}), so its
 * dashboards and alerts work unchanged. What smokeping_prober does not count has a {@code pingkit_} name: replies
 * that came back damaged, ICMP errors about a probe, probes lost (no answer before the target's next probe), the
 * last RTT, and failed re-resolutions. smokeping_prober's {@code smokeping_receive_errors_total} (a failed socket
 * read) has no counterpart: the engine ends the run on such a failure rather than counting it.
 */
final class OpenMetrics {
    /** The HTTP content type of the format. */
    static final String CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private OpenMetrics() {
    }

    /** A label value with {@code \}, {@code "} and newlines escaped as the format asks. */
    static String escape(String value) {
        StringBuilder b = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** The whole exposition of {@code book}, ending in {@code # EOF}. */
    static byte[] render(SeriesBook book) {
        List<TargetSeries> all = book.all();
        List<TargetSeries.Snapshot> snaps = new ArrayList<>(all.size());
        for (TargetSeries s : all) {
            snaps.add(s.snapshot());
        }
        Out o = new Out(64 + all.size() * (400 + 80 * book.buckets().size()));
        counter(o, all, snaps, "smokeping_requests", "Number of ping requests sent.",
                TargetSeries.Snapshot::requests);
        histogram(o, all, snaps, book.buckets());
        counter(o, all, snaps, "smokeping_response_duplicates", "Number of duplicate replies (a probe answered again).",
                TargetSeries.Snapshot::duplicates);
        o.text("# TYPE smokeping_response_ttl gauge\n# HELP smokeping_response_ttl The last reply's TTL (hop limit).\n");
        for (int i = 0; i < all.size(); i++) {
            if (snaps.get(i).lastTtl() >= 0) {
                o.sample("smokeping_response_ttl", all.get(i).labels()).number(snaps.get(i).lastTtl()).nl();
            }
        }
        counter(o, all, snaps, "smokeping_send_errors", "Number of probes the kernel refused to send.",
                TargetSeries.Snapshot::sendErrors);
        o.text("# TYPE pingkit_response_last_duration_seconds gauge\n# UNIT pingkit_response_last_duration_seconds "
                + "seconds\n# HELP pingkit_response_last_duration_seconds Round-trip time of the last answered probe.\n");
        for (int i = 0; i < all.size(); i++) {
            if (snaps.get(i).lastRttNanos() >= 0) {
                o.sample("pingkit_response_last_duration_seconds", all.get(i).labels())
                        .seconds(snaps.get(i).lastRttNanos()).nl();
            }
        }
        counter(o, all, snaps, "pingkit_response_late", "Number of replies that came after their probe was counted "
                + "lost.", TargetSeries.Snapshot::late);
        counter(o, all, snaps, "pingkit_response_corrupted", "Number of replies with a bad checksum or payload.",
                TargetSeries.Snapshot::corrupted);
        counter(o, all, snaps, "pingkit_response_errors", "Number of ICMP errors (unreachable, time exceeded, ...) "
                + "about a probe.", TargetSeries.Snapshot::errorReplies);
        counter(o, all, snaps, "pingkit_requests_lost", "Number of probes without reply or error before the "
                + "target's next probe.", TargetSeries.Snapshot::lost);
        counter(o, all, snaps, "pingkit_resolve_errors", "Number of times the target's name failed to resolve on a "
                + "reload (it keeps its last address).", TargetSeries.Snapshot::resolveErrors);
        lateness(o, book.lateness());
        o.text("# EOF\n");
        return o.bytes();
    }

    private static void counter(Out o, List<TargetSeries> all, List<TargetSeries.Snapshot> snaps, String family,
                                String help, ToLongFunction<TargetSeries.Snapshot> value) {
        o.text("# TYPE ").text(family).text(" counter\n# HELP ").text(family).text(" ").text(help).text("\n");
        String sample = family + "_total";
        for (int i = 0; i < all.size(); i++) {
            o.sample(sample, all.get(i).labels()).number(value.applyAsLong(snaps.get(i))).nl();
        }
    }

    private static void histogram(Out o, List<TargetSeries> all, List<TargetSeries.Snapshot> snaps, Buckets buckets) {
        String f = "smokeping_response_duration_seconds";
        o.text("# TYPE " + f + " histogram\n# UNIT " + f + " seconds\n# HELP " + f
                + " Round-trip time of the first intact reply to each probe.\n");
        byte[][] le = new byte[buckets.size() + 1][];
        for (int b = 0; b < buckets.size(); b++) {
            le[b] = (",le=\"" + buckets.label(b) + "\"").getBytes(StandardCharsets.US_ASCII);
        }
        le[buckets.size()] = ",le=\"+Inf\"".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < all.size(); i++) {
            TargetSeries.Snapshot s = snaps.get(i);
            byte[] labels = all.get(i).labels();
            long cumulative = 0;
            for (int b = 0; b < le.length; b++) {
                cumulative += s.bucketCounts()[b];
                o.text(f).text("_bucket{").raw(labels).raw(le[b]).text("} ").number(cumulative).nl();
            }
            o.sample(f + "_sum", labels).seconds(s.rttSumNanos()).nl();
            o.sample(f + "_count", labels).number(s.answered()).nl();
        }
    }

    private static void lateness(Out o, Lateness lateness) {
        String f = "pingkit_probe_lateness_seconds";
        o.text("# TYPE " + f + " histogram\n# UNIT " + f + " seconds\n# HELP " + f
                + " How late probes left against their schedule, all targets together.\n");
        long[] s = lateness.snapshot();
        int n = Lateness.BUCKETS.size();
        long cumulative = 0;
        for (int b = 0; b <= n; b++) {
            cumulative += s[b];
            o.text(f).text("_bucket{le=\"").text(b < n ? Lateness.BUCKETS.label(b) : "+Inf").text("\"} ")
                    .number(cumulative).nl();
        }
        o.text(f).text("_sum ").seconds(s[n + 1]).nl();
        o.text(f).text("_count ").number(s[n + 2]).nl();
    }

    /** An ASCII byte buffer with the few writes the format needs, without a formatter. */
    private static final class Out extends ByteArrayOutputStream {
        Out(int size) {
            super(size);
        }

        Out text(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            write(b, 0, b.length);
            return this;
        }

        Out raw(byte[] b) {
            write(b, 0, b.length);
            return this;
        }

        Out sample(String name, byte[] labels) {
            return text(name).text("{").raw(labels).text("} ");
        }

        Out number(long v) {
            return text(Long.toString(v));
        }

        /** Nanoseconds as exact decimal seconds: 1500 becomes {@code 0.0000015}. */
        Out seconds(long nanos) {
            String frac = Long.toString(1_000_000_000L + nanos % 1_000_000_000L).substring(1);
            int end = frac.length();
            while (end > 1 && frac.charAt(end - 1) == '0') {
                end--;
            }
            return text(Long.toString(nanos / 1_000_000_000L)).text(".").text(frac.substring(0, end));
        }

        Out nl() {
            write('\n');
            return this;
        }

        byte[] bytes() {
            return toByteArray();
        }
    }
}
