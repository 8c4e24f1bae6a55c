package dev.pingkit.batch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pictures of a run as SVG: RTT over time in send order with every probe that got no RTT marked by how it
 * ended, RTT against the varied field (median, the p10-p90 band, each probe a dot), and the RTT histogram.
 * Colours are fixed, so a test (and a reader comparing two runs) can find each kind of mark by its colour.
 */
final class ResultsSvg {
    static final String ANSWERED = "#1f77b4";
    static final String CORRUPTED = "#9467bd";
    static final String LOST = "#d62728";
    static final String ERROR = "#ff7f0e";
    static final String NOT_SENT = "#7f7f7f";
    static final String MEDIAN = "#08306b";
    static final String BAND = "#c6dbef";

    /** The fields tried, in order, when the caller names none: the first that takes more than one value. */
    private static final List<String> VARIED = List.of("size", "ttl", "tos", "target", "id", "seq");

    private ResultsSvg() {
    }

    /** The document: the three charts, the one against a field only when there is a field to plot against. */
    static String document(List<ProbeResult> probes, Optional<String> field) {
        List<SvgPlot> charts = new ArrayList<>();
        charts.add(overTime(probes, 0));
        Optional<String> f = field.isPresent() ? field : varied(probes);
        f.ifPresent(name -> charts.add(against(probes, name, SvgPlot.HEIGHT)));
        charts.add(histogram(probes, SvgPlot.HEIGHT * charts.size()));
        return SvgPlot.document(charts);
    }

    static Optional<String> varied(List<ProbeResult> probes) {
        for (String f : VARIED) {
            if (probes.stream().map(p -> String.valueOf(p.field(f))).distinct().count() > 1) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static double maxRtt(List<ProbeResult> probes) {
        return probes.stream().filter(ProbeResult::answered).mapToDouble(ProbeResult::rttMillis).max().orElse(1);
    }

    private static String plural(long n, String one) {
        return n + " " + one + (n == 1 ? "" : "s");
    }

    static SvgPlot overTime(List<ProbeResult> probes, int originY) {
        // half a probe of margin each side, so the first and last marks are not cut by the frame
        SvgPlot c = new SvgPlot(originY).xRange(0.5, Math.max(1, probes.size()) + 0.5)
                .yRange(0, maxRtt(probes) * 1.1);
        c.axes("RTT over time: " + plural(probes.size(), "probe") + " in send order", "probe number (send order)",
                "round-trip time (ms)", true);
        long[] counts = new long[ProbeResult.Status.values().length];
        for (int i = 0; i < probes.size(); i++) {
            ProbeResult p = probes.get(i);
            counts[p.status().ordinal()]++;
            switch (p.status()) {
                case ANSWERED -> c.dot(i + 1, p.rttMillis(), ANSWERED, 3.5);
                case CORRUPTED -> c.dot(i + 1, p.rttMillis(), CORRUPTED, 4.5);
                case LOST -> c.stripe(i + 1, LOST);
                case ERROR -> c.stripe(i + 1, ERROR);
                case SEND_FAILED -> c.stripe(i + 1, NOT_SENT);
            }
        }
        legendFor(c, counts);
        return c;
    }

    private static void legendFor(SvgPlot c, long[] counts) {
        String[][] kinds = {{"dot", ANSWERED, "answered"}, {"dot", CORRUPTED, "corrupted reply"},
            {"cross", ERROR, "ICMP error"}, {"cross", LOST, "lost (no reply)"}, {"cross", NOT_SENT, "not sent"}};
        ProbeResult.Status[] order = {ProbeResult.Status.ANSWERED, ProbeResult.Status.CORRUPTED,
            ProbeResult.Status.ERROR, ProbeResult.Status.LOST, ProbeResult.Status.SEND_FAILED};
        for (int k = 0; k < order.length; k++) {
            long n = counts[order[k].ordinal()];
            if (n > 0 || k == 0) {
                c.legend(kinds[k][0], kinds[k][1], kinds[k][2] + ": " + n);
            }
        }
    }

    static String axisLabel(String field) {
        return switch (field) {
            case "size" -> "payload size (bytes)";
            case "ttl" -> "TTL / hop limit (hops)";
            case "tos" -> "TOS / traffic class (byte value)";
            case "seq" -> "sequence number";
            case "id" -> "identifier";
            case "reply_ttl" -> "reply TTL (hops)";
            default -> field;
        };
    }

    static SvgPlot against(List<ProbeResult> probes, String field, int originY) {
        Map<Object, List<ProbeResult>> groups = new LinkedHashMap<>();
        for (ProbeResult p : probes) {
            groups.computeIfAbsent(p.field(field), k -> new ArrayList<>()).add(p);
        }
        List<Object> keys = new ArrayList<>(groups.keySet());
        boolean numeric = keys.stream().allMatch(k -> k instanceof Number);
        if (numeric) {
            keys.sort(Comparator.comparingDouble(k -> ((Number) k).doubleValue()));
        }
        double[] xs = new double[keys.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = numeric ? ((Number) keys.get(i)).doubleValue() : i;
        }
        double lo = xs.length == 0 ? 0 : xs[0];
        double hi = xs.length == 0 ? 1 : xs[xs.length - 1];
        double pad = numeric ? Math.max((hi - lo) * 0.03, hi == lo ? 1 : 0) : 0.5;
        SvgPlot c = new SvgPlot(originY).xRange(lo - pad, hi + pad).yRange(0, maxRtt(probes) * 1.1);
        c.axes("RTT against " + field + ": median and p10-p90 of each value", axisLabel(field),
                "round-trip time (ms)", !numeric || keys.stream().allMatch(k -> k instanceof Integer));
        List<double[]> line = new ArrayList<>();
        long lost = 0;
        for (int i = 0; i < keys.size(); i++) {
            List<ProbeResult> g = groups.get(keys.get(i));
            double[] rtt = g.stream().filter(ProbeResult::answered).mapToDouble(ProbeResult::rttMillis).sorted()
                    .toArray();
            if (rtt.length > 0) {
                line.add(new double[] {xs[i], rank(rtt, 10), rank(rtt, 50), rank(rtt, 90)});
            }
            long missing = g.size() - rtt.length;
            if (missing > 0) {
                c.stripe(xs[i], LOST);
                lost += missing;
            }
        }
        double[] lx = line.stream().mapToDouble(v -> v[0]).toArray();
        c.band(lx, line.stream().mapToDouble(v -> v[1]).toArray(), line.stream().mapToDouble(v -> v[3]).toArray(),
                BAND);
        for (int i = 0; i < keys.size(); i++) {
            for (ProbeResult p : groups.get(keys.get(i))) {
                if (p.answered()) {
                    c.dot(xs[i], p.rttMillis(), p.status() == ProbeResult.Status.CORRUPTED ? CORRUPTED : ANSWERED,
                            2.5);
                }
            }
            if (!numeric) {
                c.xCategory(xs[i], Table.cell(keys.get(i)));
            }
        }
        c.polyline(lx, line.stream().mapToDouble(v -> v[2]).toArray(), MEDIAN, 2.5);
        c.legend("line", MEDIAN, "median").legend("band", BAND, "p10-p90").legend("dot", ANSWERED, "one probe");
        if (lost > 0) {
            c.legend("cross", LOST, "a value with probes without RTT (lost, error, not sent): " + lost);
        }
        return c;
    }

    /** Nearest-rank percentile of sorted values, as {@link Results#stats} takes it. */
    static double rank(double[] sorted, int p) {
        int r = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(1, r) - 1];
    }

    static SvgPlot histogram(List<ProbeResult> probes, int originY) {
        double[] rtt = probes.stream().filter(ProbeResult::answered).mapToDouble(ProbeResult::rttMillis).sorted()
                .toArray();
        double lo = rtt.length == 0 ? 0 : rtt[0];
        double hi = rtt.length == 0 ? 1 : rtt[rtt.length - 1];
        int bins = rtt.length == 0 ? 1 : (int) Math.min(20, Math.max(1, Math.ceil(Math.sqrt(rtt.length))));
        double width = hi > lo ? (hi - lo) / bins : Math.max(Math.abs(lo) * 0.1, 0.001);
        if (!(hi > lo)) {
            lo -= width / 2;
        }
        int[] count = new int[bins];
        for (double v : rtt) {
            count[Math.min(bins - 1, (int) ((v - lo) / width))]++;
        }
        int most = 1;
        for (int n : count) {
            most = Math.max(most, n);
        }
        SvgPlot c = new SvgPlot(originY).xRange(lo, lo + bins * width).yRange(0, most * 1.1);
        c.axes("RTT histogram: " + plural(rtt.length, "answered probe"), "round-trip time (ms)",
                "probes", false);
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                c.bar(lo + b * width, lo + (b + 1) * width, count[b], ANSWERED);
            }
        }
        c.legend("bar", ANSWERED, "probes per " + SvgPlot.num(Math.round(width * 1000) / 1000.0) + " ms");
        long none = probes.size() - rtt.length;
        if (none > 0) {
            c.legend("cross", LOST, "without RTT (lost, error, not sent): " + none + ", not drawn");
        }
        return c;
    }
}
