package dev.pingkit.batch;

import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.engine.ProbeListener;
import dev.pingkit.engine.Query;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the engine's outcome of each probe (tag = index + 1) as its {@link ProbeResult}; a corrupted reply is the
 * end of a probe that is then lost.
 */
final class BatchCollector implements ProbeListener {
    private final List<Query> probes;
    private final Map<Integer, Query> wire;
    private final ProbeResult[] results;
    private final Map<Integer, ProbeEvent.Corrupted> corrupted = new HashMap<>();

    BatchCollector(List<Query> probes, Map<Integer, Query> wire, ProbeResult[] results) {
        this.probes = probes;
        this.wire = wire;
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
        if (event instanceof ProbeEvent.Corrupted c) {
            corrupted.putIfAbsent(i, c); // the probe may still be answered; if it is lost, this is its end
        } else if (event instanceof ProbeEvent.Lost l && !l.stopped()) { // one cut short by a stop is left out
            ProbeEvent.Corrupted c = corrupted.get(i);
            results[i] = ProbeResult.of(request, c == null ? l : c);
        } else if (event instanceof ProbeEvent.Answered || event instanceof ProbeEvent.Failed
                || event instanceof ProbeEvent.SendFailed) {
            results[i] = ProbeResult.of(request, event);
        }
    }
}
