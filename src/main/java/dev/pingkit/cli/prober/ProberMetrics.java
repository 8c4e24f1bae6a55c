package dev.pingkit.cli.prober;

import dev.pingkit.engine.ProbeEvent;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * <b>Every target's series in a registry of the official Prometheus client, kept for the life of the process.</b>
 *
 * <p>Names and labels are smokeping_prober's where the meaning is the same ({@code smokeping_requests_total},
 * {@code smokeping_response_duration_seconds}, {@code smokeping_response_duplicates_total},
 * {@code smokeping_response_ttl}, {@code smokeping_send_errors_total}; labels {@code ip} and {@code host}), so its
 * dashboards and alerts work unchanged. What smokeping_prober does not count has a {@code pingkit_} name. The RTT
 * histogram is classic (the {@code --buckets} bounds) and native (schema from {@code --native-histogram-factor})
 * at once: Prometheus takes whichever it asks for. A target dropped from the targets file keeps its series, as
 * counters must not vanish and come back from zero.
 */
final class ProberMetrics implements ProbeOutcomes {
    /** Bounds of the lateness histogram in seconds; 10 ms is the prober's goal for the 99th percentile. */
    static final Buckets LATENESS = Buckets.parse("0.0001,0.0005,0.001,0.002,0.005,0.01,0.02,0.05,0.1,0.5,1");

    private final PrometheusRegistry registry = new PrometheusRegistry();
    /** Every target's series in the order first seen (a scrape lists them so); the map finds one quickly. */
    private final Map<ProberTarget, TargetSeries> byTarget = new ConcurrentHashMap<>();
    private final List<TargetSeries> ordered = new CopyOnWriteArrayList<>();
    /** The classic RTT bounds, {@code +Inf} last, shared by every target's histogram. */
    private final double[] rttBounds;
    private final int nativeSchema;
    private final Histogram lateness;

    /** Classic bounds {@code buckets}; native buckets of {@code nativeSchema} (a power-of-two resolution, -4..8). */
    ProberMetrics(Buckets buckets, int nativeSchema) {
        // The RTT histogram is each target's own (TargetSeries), not a client Histogram: see RttDistribution.
        rttBounds = RttDistribution.bounds(buckets);
        this.nativeSchema = nativeSchema;
        lateness = Histogram.builder().name("pingkit_probe_lateness_seconds").unit(Unit.SECONDS)
                .help("How late probes left against their schedule, all targets together.").classicOnly()
                .classicUpperBounds(LATENESS.seconds()).withoutExemplars().register(registry);
        registry.register(new SeriesCollector(ordered));
    }

    /** The registry a scrape reads. */
    PrometheusRegistry registry() {
        return registry;
    }

    /** The series of {@code target}, made (all its counters at 0) on first use. */
    TargetSeries of(ProberTarget target) {
        TargetSeries s = byTarget.get(target);
        return s != null ? s : create(target);
    }

    private synchronized TargetSeries create(ProberTarget target) {
        TargetSeries s = byTarget.get(target);
        if (s == null) {
            s = new TargetSeries(target, rttBounds, nativeSchema);
            ordered.add(s);
            byTarget.put(target, s);
        }
        return s;
    }

    @Override
    public void sent(ProberTarget target, int seq, long lateNanos) {
        of(target).count(TargetSeries.REQUESTS);
        // Lateness is a probe's gap to its target's previous one minus the interval: one late probe counts once.
        lateness.observe(lateNanos / 1e9);
    }

    @Override
    public void outcome(ProberTarget target, ProbeEvent event) {
        if (event instanceof ProbeEvent.Answered a) {
            of(target).answered(a.rttNanos() / 1e9, a.ttl());
        } else {
            of(target).count(counter(event));
        }
    }

    /** The counter each other kind of outcome adds one to. */
    private static int counter(ProbeEvent event) {
        return event instanceof ProbeEvent.Duplicate ? TargetSeries.DUPLICATES
                : event instanceof ProbeEvent.Late ? TargetSeries.LATE
                : event instanceof ProbeEvent.Corrupted ? TargetSeries.CORRUPTED
                : event instanceof ProbeEvent.Failed ? TargetSeries.ERRORS
                : event instanceof ProbeEvent.SendFailed ? TargetSeries.SEND_ERRORS
                : TargetSeries.LOST;
    }

    @Override
    public void resolveError(ProberTarget target) {
        of(target).count(TargetSeries.RESOLVE_ERRORS);
    }
}
