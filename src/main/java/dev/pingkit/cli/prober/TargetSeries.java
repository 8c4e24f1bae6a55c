package dev.pingkit.cli.prober;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;

/**
 * <b>One target's data points in each of the prober's metrics</b>, looked up once so that counting a probe's
 * outcome is a field access and an add, not a label lookup. The gauges are made at the first reply, so a target
 * never answered has no TTL or last RTT (absent, not 0).
 */
final class TargetSeries {
    private final ProberMetrics metrics;
    private final String[] labels;
    final CounterDataPoint requests;
    final DistributionDataPoint rtt;
    final CounterDataPoint duplicates;
    final CounterDataPoint sendErrors;
    final CounterDataPoint late;
    final CounterDataPoint corrupted;
    final CounterDataPoint errors;
    final CounterDataPoint lost;
    final CounterDataPoint resolveErrors;
    private volatile GaugeDataPoint ttl;
    private volatile GaugeDataPoint lastRtt;

    TargetSeries(ProberMetrics m, ProbeTarget target) {
        metrics = m;
        labels = new String[] {target.ip(), target.host()};
        requests = m.requests.labelValues(labels);
        rtt = m.rtt.labelValues(labels);
        duplicates = m.duplicates.labelValues(labels);
        sendErrors = m.sendErrors.labelValues(labels);
        late = m.late.labelValues(labels);
        corrupted = m.corrupted.labelValues(labels);
        errors = m.errors.labelValues(labels);
        lost = m.lost.labelValues(labels);
        resolveErrors = m.resolveErrors.labelValues(labels);
    }

    /** An answered probe: its RTT in seconds into the histogram and the last-RTT gauge, its TTL (-1 unknown). */
    void answered(double rttSeconds, int ttl) {
        rtt.observe(rttSeconds);
        GaugeDataPoint last = lastRtt;
        if (last == null) {
            last = lastRtt = metrics.lastRtt.labelValues(labels);
        }
        last.set(rttSeconds);
        if (ttl >= 0) {
            GaugeDataPoint t = this.ttl;
            if (t == null) {
                t = this.ttl = metrics.ttl.labelValues(labels);
            }
            t.set(ttl);
        }
    }
}
