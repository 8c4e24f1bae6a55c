package dev.pingkit.repl;

import dev.pingkit.batch.ProbeResult;
import dev.pingkit.batch.Results;
import java.util.ArrayList;
import java.util.List;

/** What {@code send} collects in a session, for {@code results}, {@code save} and {@code plot}. */
final class ResultLog {
    private final List<ProbeResult> probes = new ArrayList<>();
    private boolean csvHeaderShown;

    synchronized void add(ProbeResult p) {
        probes.add(p);
    }

    synchronized void addAll(Results r) {
        probes.addAll(r.all());
    }

    synchronized void clear() {
        probes.clear();
    }

    synchronized Results snapshot() {
        return Results.of(probes);
    }

    /** True the first time it is asked: {@code send --csv} prints the header line once per session. */
    synchronized boolean firstCsvLine() {
        boolean first = !csvHeaderShown;
        csvHeaderShown = true;
        return first;
    }
}
