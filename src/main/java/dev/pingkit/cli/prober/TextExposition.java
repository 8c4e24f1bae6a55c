package dev.pingkit.cli.prober;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.prometheus.metrics.config.ExporterProperties;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;

/**
 * The Prometheus text (0.0.4) and OpenMetrics 1.0 expositions of the prober's kinds of series, byte for byte as the
 * client's {@code PrometheusTextFormatWriter} and {@code OpenMetricsTextFormatWriter} write them with their default
 * settings, written straight into a byte buffer. The client's writers go through a synchronized
 * {@code BufferedWriter} and a charset encoder for every few characters: at 10 000 targets (~30 MB) that was ~100 ms
 * of CPU a scrape, this ~16 ms. What it does not write the client's way (summaries, exemplars, timestamps,
 * non-legacy names, a histogram without classic buckets, non-default exporter properties) it declines, so the
 * caller uses the client's writer: {@link #handles}.
 */
final class TextExposition {
    private static final byte[] INF = bytes("+Inf"), NEG_INF = bytes("-Inf");

    private final boolean openMetrics;
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    /** One data point's {@code name="value",...} (no braces), escaped, encoded once for all its lines. */
    private byte[] labels = new byte[256];
    private int labelsLength;
    /** The {@code le} label values of the last bucket bounds seen, encoded: the same for every data point. */
    private double[] bounds = new double[0];
    private byte[][] boundBytes = new byte[0][];

    private TextExposition(OutputStream out, boolean openMetrics) {
        this.out = out;
        this.openMetrics = openMetrics;
    }

    /** Whether {@link #write} writes {@code snapshots} exactly as the client's text writers would. */
    static boolean handles(MetricSnapshots snapshots) {
        ExporterProperties p = PrometheusProperties.get().getExporterProperties();
        if (p.getIncludeCreatedTimestamps() || p.getPrometheusTimestampsInMs() || p.getExemplarsOnAllMetricTypes()) {
            return false;
        }
        for (MetricSnapshot s : snapshots) {
            if (!PrometheusNaming.isValidLegacyMetricName(s.getMetadata().getName())) {
                return false;
            }
            if (!(s instanceof CounterSnapshot || s instanceof GaugeSnapshot || s instanceof HistogramSnapshot)) {
                return false;
            }
            boolean histogram = s instanceof HistogramSnapshot;
            if (histogram && ((HistogramSnapshot) s).isGaugeHistogram()) {
                return false;
            }
            for (DataPointSnapshot d : s.getDataPoints()) {
                if (d.hasScrapeTimestamp() || exemplars(d)) {
                    return false;
                }
                if (histogram && ((HistogramDataPointSnapshot) d).getClassicBuckets().isEmpty()) {
                    return false;
                }
                Labels l = d.getLabels();
                for (int i = 0; i < l.size(); i++) {
                    if (!PrometheusNaming.isValidLegacyLabelName(l.getName(i))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static boolean exemplars(DataPointSnapshot d) {
        if (d instanceof CounterDataPointSnapshot c) {
            return c.getExemplar() != null;
        }
        if (d instanceof GaugeDataPointSnapshot g) {
            return g.getExemplar() != null;
        }
        return d instanceof HistogramDataPointSnapshot h && h.getExemplars().size() > 0;
    }

    /** Writes {@code snapshots} (which {@link #handles} took) as Prometheus text, or OpenMetrics text when asked. */
    static void write(OutputStream out, MetricSnapshots snapshots, boolean openMetrics) throws IOException {
        TextExposition w = new TextExposition(out, openMetrics);
        for (MetricSnapshot s : snapshots) {
            if (s.getDataPoints().isEmpty()) {
                continue;
            }
            if (s instanceof CounterSnapshot c) {
                w.counter(c);
            } else if (s instanceof GaugeSnapshot g) {
                w.gauge(g);
            } else {
                w.histogram((HistogramSnapshot) s);
            }
        }
        if (openMetrics) {
            w.ascii("# EOF\n");
        }
        w.flush();
    }

    private void counter(CounterSnapshot s) throws IOException {
        String name = s.getMetadata().getPrometheusName();
        metadata(s.getMetadata(), openMetrics ? name : name + "_total", "counter");
        byte[] sample = bytes(name + "_total");
        for (CounterDataPointSnapshot d : s.getDataPoints()) {
            encodeLabels(d.getLabels());
            sample(sample, null);
            number(d.getValue());
            newline();
        }
    }

    private void gauge(GaugeSnapshot s) throws IOException {
        String name = s.getMetadata().getPrometheusName();
        metadata(s.getMetadata(), name, "gauge");
        byte[] sample = bytes(name);
        for (GaugeDataPointSnapshot d : s.getDataPoints()) {
            encodeLabels(d.getLabels());
            sample(sample, null);
            number(d.getValue());
            newline();
        }
    }

    private void histogram(HistogramSnapshot s) throws IOException {
        String name = s.getMetadata().getPrometheusName();
        metadata(s.getMetadata(), name, "histogram");
        byte[] bucket = bytes(name + "_bucket"), count = bytes(name + "_count"), sum = bytes(name + "_sum");
        for (HistogramDataPointSnapshot d : s.getDataPoints()) {
            encodeLabels(d.getLabels());
            ClassicHistogramBuckets b = d.getClassicBuckets();
            byte[][] le = bounds(b);
            long cumulative = 0;
            for (int i = 0; i < b.size(); i++) {
                cumulative += b.getCount(i);
                sample(bucket, le[i]);
                number(cumulative);
                newline();
            }
            if (d.hasCount()) {
                sample(count, null);
                number(d.getCount());
                newline();
            }
            if (d.hasSum()) {
                sample(sum, null);
                number(d.getSum());
                newline();
            }
        }
    }

    /** The {@code le} values of {@code b}'s bounds, encoded once while the bounds stay the same. */
    private byte[][] bounds(ClassicHistogramBuckets b) {
        boolean same = bounds.length == b.size();
        for (int i = 0; same && i < b.size(); i++) {
            same = Double.compare(bounds[i], b.getUpperBound(i)) == 0;
        }
        if (!same) {
            bounds = new double[b.size()];
            boundBytes = new byte[b.size()][];
            for (int i = 0; i < b.size(); i++) {
                bounds[i] = b.getUpperBound(i);
                boundBytes[i] = bytes(doubleText(bounds[i]));
            }
        }
        return boundBytes;
    }

    private void metadata(MetricMetadata m, String name, String type) throws IOException {
        String help = m.getHelp();
        if (openMetrics) {
            ascii("# TYPE ");
            ascii(name);
            ascii(" " + type + "\n");
            if (m.hasUnit()) {
                ascii("# UNIT ");
                ascii(name);
                put((byte) ' ');
                escaped(m.getUnit().toString(), true);
                newline();
            }
            if (help != null && !help.isEmpty()) {
                ascii("# HELP ");
                ascii(name);
                put((byte) ' ');
                escaped(help, true);
                newline();
            }
        } else {
            if (help != null && !help.isEmpty()) {
                ascii("# HELP ");
                ascii(name);
                put((byte) ' ');
                escaped(help, false);
                newline();
            }
            ascii("# TYPE ");
            ascii(name);
            ascii(" " + type + "\n");
        }
    }

    /** Encodes {@code l} as {@code a="x",b="y"} into {@link #labels}, once per data point for all its lines. */
    private void encodeLabels(Labels l) {
        labelsLength = 0;
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) {
                label((byte) ',');
            }
            String name = l.getName(i);
            for (int k = 0; k < name.length(); k++) {
                label((byte) name.charAt(k)); // a legacy name: ASCII
            }
            label((byte) '=');
            label((byte) '"');
            String v = l.getValue(i);
            for (int k = 0; k < v.length(); k++) {
                char c = v.charAt(k);
                if (c == '\\' || c == '"') {
                    label((byte) '\\');
                    label((byte) c);
                } else if (c == '\n') {
                    label((byte) '\\');
                    label((byte) 'n');
                } else if (c < 0x80) {
                    label((byte) c);
                } else {
                    int end = k + 1;
                    while (end < v.length() && v.charAt(end) >= 0x80) {
                        end++;
                    }
                    for (byte e : v.substring(k, end).getBytes(StandardCharsets.UTF_8)) {
                        label(e);
                    }
                    k = end - 1;
                }
            }
            label((byte) '"');
        }
    }

    private void label(byte b) {
        if (labelsLength == labels.length) {
            labels = Arrays.copyOf(labels, labels.length * 2);
        }
        labels[labelsLength++] = b;
    }

    /** {@code name{labels,le="x"} } with the current data point's labels; no braces when there are none. */
    private void sample(byte[] name, byte[] le) throws IOException {
        flushIfShort(name.length + labelsLength + (le == null ? 0 : le.length) + 64);
        System.arraycopy(name, 0, buf, pos, name.length);
        pos += name.length;
        if (labelsLength > 0 || le != null) {
            buf[pos++] = '{';
            System.arraycopy(labels, 0, buf, pos, labelsLength);
            pos += labelsLength;
            if (le != null) {
                if (labelsLength > 0) {
                    buf[pos++] = ',';
                }
                buf[pos++] = 'l';
                buf[pos++] = 'e';
                buf[pos++] = '=';
                buf[pos++] = '"';
                System.arraycopy(le, 0, buf, pos, le.length);
                pos += le.length;
                buf[pos++] = '"';
            }
            buf[pos++] = '}';
        }
        buf[pos++] = ' ';
    }

    /** A double as the client writes it: {@code +Inf}, {@code -Inf}, else {@link Double#toString}. */
    private void number(double d) throws IOException {
        // Double.toString of a whole number from 1 to below 10^7 is its digits and ".0": the counters' case.
        if (d >= 1 && d < 1e7 && d == (long) d) {
            number((long) d);
            ascii(".0");
        } else if (Double.doubleToRawLongBits(d) == 0) {
            ascii("0.0");
        } else if (d == Double.POSITIVE_INFINITY) {
            put(INF);
        } else if (d == Double.NEGATIVE_INFINITY) {
            put(NEG_INF);
        } else {
            ascii(Double.toString(d));
        }
    }

    private static String doubleText(double d) {
        return d == Double.POSITIVE_INFINITY ? "+Inf" : d == Double.NEGATIVE_INFINITY ? "-Inf" : Double.toString(d);
    }

    private void number(long v) throws IOException {
        if (v == Long.MIN_VALUE) {
            ascii(Long.toString(v));
            return;
        }
        flushIfShort(20);
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        for (int i = pos + digits - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        pos += digits;
    }

    private void newline() throws IOException {
        put((byte) '\n');
    }

    /**
     * {@code s} in UTF-8, with backslash and newline escaped, and the double quote too when {@code quotes} (label
     * values, and OpenMetrics help; Prometheus text leaves quotes in help as they are).
     */
    private void escaped(String s, boolean quotes) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                put((byte) '\\');
                put((byte) '\\');
            } else if (c == '\n') {
                put((byte) '\\');
                put((byte) 'n');
            } else if (c == '"' && quotes) {
                put((byte) '\\');
                put((byte) '"');
            } else if (c < 0x80) {
                put((byte) c);
            } else {
                int end = i + 1;
                while (end < s.length() && s.charAt(end) >= 0x80) {
                    end++;
                }
                put(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
    }

    /** {@code s}, known to be ASCII (names, numbers). */
    private void ascii(String s) throws IOException {
        flushIfShort(s.length());
        if (s.length() > buf.length) {
            put(s.getBytes(StandardCharsets.US_ASCII));
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    private void put(byte b) throws IOException {
        if (pos == buf.length) {
            flush();
        }
        buf[pos++] = b;
    }

    private void put(byte[] b) throws IOException {
        if (b.length > buf.length - pos) {
            flush();
            if (b.length > buf.length) {
                out.write(b);
                return;
            }
        }
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    private void flushIfShort(int room) throws IOException {
        if (buf.length - pos < room) {
            flush();
        }
    }

    private void flush() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
