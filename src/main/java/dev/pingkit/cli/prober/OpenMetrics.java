package dev.pingkit.cli.prober;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
    private static final byte[] OPEN = {'{'};
    private static final byte[] CLOSE = {'}', ' '};

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

    /** The whole exposition of {@code book}, ending in {@code # EOF}, as bytes (tests). */
    static byte[] render(SeriesBook book) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(book, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * <b>Writes the whole exposition of {@code book} to {@code sink}</b>, through a buffer of its own: a scrape of
     * 10 000 targets is tens of megabytes, streamed rather than held.
     */
    static void write(SeriesBook book, OutputStream sink) throws IOException {
        List<TargetSeries> all = book.all();
        List<TargetSeries.Snapshot> snaps = new ArrayList<>(all.size());
        for (TargetSeries s : all) {
            snaps.add(s.snapshot());
        }
        Out o = new Out(sink);
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
        o.flush();
    }

    private static void counter(Out o, List<TargetSeries> all, List<TargetSeries.Snapshot> snaps, String family,
                                String help, ToLongFunction<TargetSeries.Snapshot> value) throws IOException {
        o.text("# TYPE ").text(family).text(" counter\n# HELP ").text(family).text(" ").text(help).text("\n");
        byte[] sample = (family + "_total{").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < all.size(); i++) {
            o.raw(sample).raw(all.get(i).labels()).raw(CLOSE).number(value.applyAsLong(snaps.get(i))).nl();
        }
    }

    private static void histogram(Out o, List<TargetSeries> all, List<TargetSeries.Snapshot> snaps, Buckets buckets)
            throws IOException {
        String f = "smokeping_response_duration_seconds";
        o.text("# TYPE " + f + " histogram\n# UNIT " + f + " seconds\n# HELP " + f
                + " Round-trip time of the first intact reply to each probe.\n");
        byte[][] le = new byte[buckets.size() + 1][];
        for (int b = 0; b < buckets.size(); b++) {
            le[b] = (",le=\"" + buckets.label(b) + "\"} ").getBytes(StandardCharsets.US_ASCII);
        }
        le[buckets.size()] = ",le=\"+Inf\"} ".getBytes(StandardCharsets.US_ASCII);
        byte[] bucket = (f + "_bucket{").getBytes(StandardCharsets.US_ASCII);
        byte[] sum = (f + "_sum{").getBytes(StandardCharsets.US_ASCII);
        byte[] count = (f + "_count{").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < all.size(); i++) {
            TargetSeries.Snapshot s = snaps.get(i);
            byte[] labels = all.get(i).labels();
            long cumulative = 0;
            for (int b = 0; b < le.length; b++) {
                cumulative += s.bucketCounts()[b];
                o.raw(bucket).raw(labels).raw(le[b]).number(cumulative).nl();
            }
            o.raw(sum).raw(labels).raw(CLOSE).seconds(s.rttSumNanos()).nl();
            o.raw(count).raw(labels).raw(CLOSE).number(s.answered()).nl();
        }
    }

    private static void lateness(Out o, Lateness lateness) throws IOException {
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

    /**
     * A buffered writer of the few things the format needs, straight into bytes: no formatter, no string per
     * number, so a large scrape costs little more than its copying.
     */
    private static final class Out {
        private final OutputStream sink;
        private final byte[] buf = new byte[1 << 16];
        private int pos;

        Out(OutputStream sink) {
            this.sink = sink;
        }

        private void room(int n) throws IOException {
            if (pos + n > buf.length) {
                sink.write(buf, 0, pos);
                pos = 0;
            }
        }

        Out text(String s) throws IOException {
            return raw(s.getBytes(StandardCharsets.UTF_8));
        }

        Out raw(byte[] b) throws IOException {
            if (b.length > buf.length) {
                room(buf.length);
                sink.write(b);
                return this;
            }
            room(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
            return this;
        }

        Out sample(String name, byte[] labels) throws IOException {
            return text(name).raw(OPEN).raw(labels).raw(CLOSE);
        }

        Out number(long v) throws IOException {
            room(20);
            if (v < 0) {
                if (v == Long.MIN_VALUE) {
                    return text(Long.toString(v));
                }
                buf[pos++] = '-';
                v = -v;
            }
            int digits = 1;
            for (long x = v; x >= 10; x /= 10) {
                digits++;
            }
            for (int i = pos + digits - 1; i >= pos; i--) {
                buf[i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            pos += digits;
            return this;
        }

        /** Nanoseconds (not negative) as exact decimal seconds: 1500 becomes {@code 0.0000015}, 0 {@code 0.0}. */
        Out seconds(long nanos) throws IOException {
            number(nanos / 1_000_000_000L);
            room(10);
            buf[pos++] = '.';
            long frac = nanos % 1_000_000_000L;
            int end = pos + 9;
            for (int i = end - 1; i >= pos; i--) {
                buf[i] = (byte) ('0' + frac % 10);
                frac /= 10;
            }
            while (end > pos + 1 && buf[end - 1] == '0') {
                end--;
            }
            pos = end;
            return this;
        }

        Out nl() throws IOException {
            room(1);
            buf[pos++] = '\n';
            return this;
        }

        void flush() throws IOException {
            sink.write(buf, 0, pos);
            pos = 0;
            sink.flush();
        }
    }
}
