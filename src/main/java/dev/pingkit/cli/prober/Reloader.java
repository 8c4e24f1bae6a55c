package dev.pingkit.cli.prober;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import dev.pingkit.cli.Target;
import dev.pingkit.cli.UsageException;

/**
 * <b>SIGHUP: rereads the targets file, re-resolves every name and hands the new set to the engine.</b> A name that
 * no longer resolves keeps its last address (and so its series) and counts a resolve error; a new name that does not
 * resolve is reported on one line and left out until a later reload. An unreadable file leaves the targets as they
 * are.
 */
final class Reloader {
    private final ProberConfig config;
    private final EngineProbes probes;
    private final ProbeOutcomes outcomes;
    private final PrintStream err;
    private List<ProberTarget> current;

    Reloader(ProberConfig config, EngineProbes probes, ProbeOutcomes outcomes, PrintStream err,
             List<ProberTarget> current) {
        this.config = config;
        this.probes = probes;
        this.outcomes = outcomes;
        this.err = err;
        this.current = List.copyOf(current);
    }

    synchronized void reload() {
        List<String> names;
        try {
            names = ProberCommand.names(config);
        } catch (TargetsFile.Unreadable e) {
            err.println("prober: reload: cannot read targets file " + e.getMessage() + "; targets unchanged");
            return;
        }
        List<ProberTarget> next = new ArrayList<>();
        for (String n : names) {
            List<ProberTarget> before = current.stream().filter(t -> t.host().equals(n)).toList();
            ProberTarget t;
            try {
                t = new ProberTarget(n, Target.resolve(n, config.family()).address());
            } catch (UsageException e) {
                if (before.isEmpty()) {
                    err.println("prober: reload: " + e.getMessage() + "; left out until it resolves");
                } else {
                    before.forEach(outcomes::resolveError);
                    next.addAll(before);
                }
                continue;
            }
            if (!next.contains(t)) {
                next.add(t);
            }
        }
        try {
            probes.probe(next);
            current = List.copyOf(next);
            err.println("prober: reloaded: probing " + next.size() + " target" + (next.size() == 1 ? "" : "s"));
        } catch (IOException e) {
            err.println("prober: reload: " + e.getMessage() + "; targets unchanged");
        }
    }
}
