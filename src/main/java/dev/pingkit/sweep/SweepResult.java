package dev.pingkit.sweep;

import java.util.List;
import java.util.stream.Collectors;

/**
 * <b>What a {@link Sweep} found: every target's statistics, in the sweep's order.</b> {@code toString()} prints one
 * line per target, so a JShell user sees the whole result at once.
 *
 * @param targets      per-target statistics, in the order the targets were given
 * @param elapsedNanos wall time of the run
 * @param stopped      true when the run was stopped before it ended by itself (the results are partial)
 */
public record SweepResult(List<TargetStats> targets, long elapsedNanos, boolean stopped) {
    /** <b>Copies the list</b> (a sweep's own results, made on access from its counts, are kept as they are). */
    public SweepResult {
        targets = targets instanceof SweepTallies.Results ? targets : List.copyOf(targets);
    }

    /** <b>The targets that answered at least once.</b> */
    public List<SweepTarget> alive() {
        return targets.stream().filter(TargetStats::alive).map(TargetStats::target).collect(Collectors.toList());
    }

    /** <b>The targets that never answered.</b> */
    public List<SweepTarget> unreachable() {
        return targets.stream().filter(t -> !t.alive()).map(TargetStats::target).collect(Collectors.toList());
    }

    /** <b>The statistics of the target at {@code index}.</b> */
    public TargetStats get(int index) {
        return targets.get(index);
    }

    /** <b>Probes sent to all targets together.</b> */
    public long sent() {
        return targets.stream().mapToLong(TargetStats::sent).sum();
    }

    /** <b>Probes answered over all targets.</b> */
    public long received() {
        return targets.stream().mapToLong(TargetStats::received).sum();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append(targets.size()).append(" targets, ").append(alive().size()).append(" alive, ")
                .append(targets.size() - alive().size()).append(" unreachable")
                .append(String.format(java.util.Locale.ROOT, " in %.3f s", elapsedNanos / 1e9))
                .append(stopped ? " (stopped)" : "");
        for (TargetStats t : targets) {
            b.append('\n').append(t);
        }
        return b.toString();
    }
}
