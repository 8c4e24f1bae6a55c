package dev.pingkit.batch;

import dev.pingkit.engine.Engine;
import dev.pingkit.engine.EngineFactory;
import dev.pingkit.engine.EngineOptions;
import dev.pingkit.engine.ProbeSpec;
import dev.pingkit.engine.ProbeTarget;
import dev.pingkit.engine.Query;
import dev.pingkit.engine.Stop;
import dev.pingkit.engine.TargetPlan;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One engine run of a {@link Probes} batch: every probe an explicit probe of the engine (one target per address),
 * carrying the user's seq where one was set, then the results with a note on whose numbers went on the wire.
 */
final class BatchRun {
    private final Query base;
    private final List<Query> probes;
    private final boolean ownSeqs;
    private final Duration timeout;

    BatchRun(Query base, List<Query> probes, boolean ownSeqs, Duration timeout) {
        this.base = base;
        this.probes = probes;
        this.ownSeqs = ownSeqs;
        this.timeout = timeout;
    }

    /** Sends every probe over engines from {@code engines} with {@code options} (the batch's gap set). */
    Results send(EngineOptions options, Stop stop, EngineFactory engines) throws IOException {
        Map<Integer, Query> sent = new HashMap<>();
        ProbeResult[] results = new ProbeResult[probes.size()];
        BatchCollector collector = new BatchCollector(probes, sent, results);
        // An echo whose id nobody set carries the process id: there the engine chooses, one no other run of this
        // process holds (two runs sharing one would take each other's replies), and the results say so.
        boolean defaultId = base.id() == (int) (ProcessHandle.current().pid() & 0xffff);
        options = defaultId ? options : options.identifier(base.id());
        if (base.type() != (base.family() == 6 ? 128 : 8) || base.code() != 0) {
            options = options.request(base.type(), base.code());
        }
        if (base.source().isPresent()) {
            options = options.source(base.source().get());
        }
        String idNote = "";
        try (Engine engine = engines.open(options)) {
            if (!probes.isEmpty()) {
                engine.firstSequence(probes.get(0).seq()); // the engine's numbering starts at the echo's own
            }
            Map<InetAddress, ProbeTarget> byAddress = new LinkedHashMap<>();
            Runnable hook = engine::stop;
            stop.onStop(hook);
            try {
                if (!stop.stopped()) {
                    queue(engine, byAddress);
                    engine.run(collector);
                }
            } catch (IllegalStateException e) {
                if (!stop.stopped()) {
                    throw e;
                }
                // stopped while the probes were queued: the engine took no more
            } finally {
                stop.forget(hook);
            }
            for (InetAddress t : byAddress.keySet()) {
                int carried = engine.identifier(t);
                if (carried >= 0 && !engine.raw(t) && carried != base.id()) {
                    idNote = "id " + carried + " chosen by the kernel (a datagram socket writes its own), not "
                            + base.id();
                } else if (carried >= 0 && engine.raw(t) && defaultId) {
                    idNote = "id " + carried + " chosen by the engine (none was set)";
                }
            }
        }
        String note = String.join("; ", Stream.of(idNote, Numbering.seqNote(ownSeqs, probes.size()))
                .filter(n -> !n.isEmpty()).toList());
        return Results.of(Arrays.stream(results).filter(Objects::nonNull).toList()).numbered(note);
    }

    /** Every probe of the batch, explicit probes of the engine's targets (one per address), in send order. */
    private void queue(Engine engine, Map<InetAddress, ProbeTarget> byAddress) throws IOException {
        for (int i = 0; i < probes.size(); i++) {
            Query p = probes.get(i);
            ProbeTarget t = byAddress.get(p.target());
            if (t == null) {
                t = engine.add(p.target(), TargetPlan.explicit());
                byAddress.put(p.target(), t);
            }
            ProbeSpec spec = ProbeSpec.DEFAULT.payload(p.payload()).ttl(p.hasTtl() ? p.ttl() : -1)
                    .tos(p.hasTos() ? p.tos() : -1).timeout(timeout);
            spec = base.checksumForced() ? spec.checksum(base.checksum()) : spec;
            if (ownSeqs) {
                engine.probe(t, spec, i + 1, p.seq());
            } else {
                engine.probe(t, spec, i + 1);
            }
        }
    }
}
