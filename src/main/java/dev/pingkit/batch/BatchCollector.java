package dev.pingkit.batch;

import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.engine.ProbeListener;
import dev.pingkit.engine.Query;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns the engine's events into one {@link ProbeResult} per probe (tag = index + 1). */
final class BatchCollector implements ProbeListener {
    private final List<Query> probes;
    private final Map<Integer, Query> wire;
    private final long[] sentAt;
    private final ProbeResult[] results;
    private final Map<Integer, ProbeEvent.Corrupted> corrupted = new HashMap<>();

    BatchCollector(List<Query> probes, Map<Integer, Query> wire, long[] sentAt, ProbeResult[] results) {
        this.probes = probes;
        this.wire = wire;
        this.sentAt = sentAt;
        this.results = results;
    }

    @Override
    public boolean wantsMessages() {
        return true;
    }

    @Override
    public void onEvent(ProbeEvent event) {
        if (event.probe() == null || event.probe().tag() <= 0) {
            return;
        }
        int i = event.probe().tag() - 1;
        Query request = wire.computeIfAbsent(i, k -> probes.get(k).id(event.probe().id()).seq(event.probe().seq()));
        if (event instanceof ProbeEvent.Sent s) {
            sentAt[i] = s.sentAtNanos();
        } else if (event instanceof ProbeEvent.Answered a) {
            results[i] = new ProbeResult(request, sentAt[i], ProbeResult.Status.ANSWERED, a.from(), a.rttNanos(),
                    a.ttl(), a.message());
        } else if (event instanceof ProbeEvent.Corrupted c) {
            corrupted.putIfAbsent(i, c);
        } else if (event instanceof ProbeEvent.Failed f) {
            results[i] = new ProbeResult(request, sentAt[i], ProbeResult.Status.ERROR, f.reporter(), -1,
                    f.error().ttl(), f.error());
        } else if (event instanceof ProbeEvent.SendFailed f) {
            results[i] = new ProbeResult(request, sentAt[i], ProbeResult.Status.SEND_FAILED, null, -1, -1, null);
        } else if (event instanceof ProbeEvent.Lost l && !l.stopped()) { // one cut short by a stop is left out
            ProbeEvent.Corrupted c = corrupted.get(i);
            results[i] = c == null
                    ? new ProbeResult(request, sentAt[i], ProbeResult.Status.LOST, null, -1, -1, null)
                    : new ProbeResult(request, sentAt[i], ProbeResult.Status.CORRUPTED, c.from(), c.rttNanos(),
                    c.ttl(), null);
        }
    }
}
