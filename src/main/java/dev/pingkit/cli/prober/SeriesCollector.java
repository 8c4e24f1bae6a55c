package dev.pingkit.cli.prober;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * <b>The per-target counters and gauges as the client's snapshots, built at each scrape from the targets'
 * {@link TargetSeries}</b> (as smokeping_prober's own collector reads its pingers' counts). The client writes them
 * in the format asked; names and help are here, once.
 */
final class SeriesCollector implements MultiCollector {
    /** Counter families in {@link TargetSeries}' count order: name (without {@code _total}) and help. */
    private static final String[][] COUNTERS = {
        {"smokeping_requests", "Number of ping requests sent."},
        {"smokeping_response_duplicates", "Number of duplicate replies (a probe answered again)."},
        {"smokeping_send_errors", "Number of probes the kernel refused to send."},
        {"pingkit_response_late", "Number of replies that came after their probe was counted lost."},
        {"pingkit_response_corrupted", "Number of replies with a bad checksum or payload."},
        {"pingkit_response_errors", "Number of ICMP errors (unreachable, time exceeded, ...) about a probe."},
        {"pingkit_requests_lost", "Number of probes without reply or error before the target's next probe."},
        {"pingkit_resolve_errors", "Number of times the target's name failed to resolve on a reload (it keeps its "
                + "last address)."},
    };

    private final List<TargetSeries> targets;
    /** {@link #targets} in the order of their labels, kept while no target is added (targets are never removed). */
    private volatile List<TargetSeries> sorted = List.of();

    SeriesCollector(List<TargetSeries> targets) {
        this.targets = targets;
    }

    /**
     * The targets sorted by their labels, as every snapshot sorts its data points: handed over in that order, each
     * family's sort is one pass instead of ~130 000 label comparisons at 10 000 targets (a third of a collect).
     */
    private List<TargetSeries> sorted() {
        List<TargetSeries> s = sorted;
        if (s.size() != targets.size()) {
            List<TargetSeries> copy = new ArrayList<>(targets);
            copy.sort(Comparator.comparing(t -> t.labels));
            sorted = s = copy;
        }
        return s;
    }

    @Override
    public MetricSnapshots collect() {
        List<TargetSeries> all = sorted();
        List<double[]> copies = new ArrayList<>(all.size());
        for (TargetSeries t : all) {
            copies.add(t.copy());
        }
        List<MetricSnapshot> out = new ArrayList<>(COUNTERS.length + 2);
        for (int c = 0; c < COUNTERS.length; c++) {
            CounterSnapshot.Builder b = CounterSnapshot.builder().name(COUNTERS[c][0]).help(COUNTERS[c][1]);
            for (int i = 0; i < all.size(); i++) {
                b.dataPoint(CounterDataPointSnapshot.builder().labels(all.get(i).labels).value(copies.get(i)[c])
                        .build());
            }
            out.add(b.build());
        }
        // The gauges have no sample before a target's first reply: absent, not 0.
        GaugeSnapshot.Builder ttl = GaugeSnapshot.builder().name("smokeping_response_ttl")
                .help("The last reply's TTL (hop limit).");
        GaugeSnapshot.Builder last = GaugeSnapshot.builder().name("pingkit_response_last_duration_seconds")
                .unit(Unit.SECONDS).help("Round-trip time of the last answered probe.");
        for (int i = 0; i < all.size(); i++) {
            double[] v = copies.get(i);
            if (v[TargetSeries.COUNTS] >= 0) {
                last.dataPoint(GaugeDataPointSnapshot.builder().labels(all.get(i).labels).value(v[TargetSeries.COUNTS])
                        .build());
            }
            if (v[TargetSeries.COUNTS + 1] >= 0) {
                ttl.dataPoint(GaugeDataPointSnapshot.builder().labels(all.get(i).labels)
                        .value(v[TargetSeries.COUNTS + 1]).build());
            }
        }
        out.add(ttl.build());
        out.add(last.build());
        return new MetricSnapshots(out);
    }

    @Override
    public List<String> getPrometheusNames() {
        List<String> names = new ArrayList<>();
        for (String[] c : COUNTERS) {
            names.add(c[0]);
        }
        names.add("smokeping_response_ttl");
        names.add("pingkit_response_last_duration_seconds");
        return names;
    }
}
