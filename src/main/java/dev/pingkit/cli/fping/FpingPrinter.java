package dev.pingkit.cli.fping;

import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.sweep.SweepEvent;
import dev.pingkit.sweep.SweepListener;
import dev.pingkit.sweep.SweepProgress;
import dev.pingkit.sweep.SweepResult;
import dev.pingkit.sweep.SweepTargets;
import dev.pingkit.sweep.TargetStats;

import java.io.PrintStream;
import java.util.List;

/**
 * <b>fping's text for a sweep's events and its end</b>: the lines, streams and ordering of fping 5.1. Keeps fping's
 * own running counts (a probe counts as sent once it is answered or timed out), which its per-reply lines show.
 */
final class FpingPrinter implements SweepListener {
    private final FpingInvocation inv;
    private final PrintStream out;
    private final PrintStream err;
    private final int width;
    private final int[] sent;
    private SweepProgress progress; // the sweep's counts: each target's replies are read there, not counted twice
    private final long[] total;
    private final List<dev.pingkit.sweep.SweepTarget> targets;
    long timeouts;
    long probes;
    long replies;
    long otherIcmp;
    long minRtt = -1;
    long maxRtt = -1;
    long sumRtt;
    long answered;
    private final FpingReports reports; // the interval counts of -Q and of SIGQUIT's report

    FpingPrinter(FpingInvocation inv, List<dev.pingkit.sweep.SweepTarget> targets, PrintStream out, PrintStream err) {
        this.inv = inv;
        this.targets = targets;
        this.out = out;
        this.err = err;
        this.width = targets instanceof SweepTargets packed ? packed.longestName()
                : targets.stream().mapToInt(t -> t.name().length()).max().orElse(0);
        // sent and total only feed the per-reply lines' avg and loss: without them a /16 keeps 12 bytes a target less
        this.sent = inv.perReply() ? new int[targets.size()] : null;
        this.total = inv.perReply() ? new long[targets.size()] : null;
        this.reports = new FpingReports(inv, targets, width, out, err);
    }

    /** The interval reports: {@code -Q}'s timer and SIGQUIT's {@link FpingReports#snapshot}. */
    FpingReports reports() {
        return reports;
    }

    /** fping sets its first report's time as its main loop starts, just before the first probe goes out. */
    @Override
    public void onStart(SweepProgress progress) {
        this.progress = progress;
        if (reports != null) {
            reports.start(progress);
        }
    }

    @Override
    public void onEvent(SweepEvent e) {
        int i = e.target().index();
        String host = e.target().name();
        if (e.isReply()) {
            SweepEvent r = e;
            replies++;
            probes += r.answers() ? 1 : 0;
            if (!r.answers()) {
                if (r.duplicate() && !inv.perReply()) { // fping prints these even with -q
                    err.println(FpingWords.duplicate(host, r.attempt(), r.bytes(), r.rttNanos()));
                }
                return;
            }
            if (sent != null) {
                sent[i]++;
                total[i] += r.rttNanos();
            }
            if (reports != null) {
                reports.answered(i, r.rttNanos());
            }
            answered++;
            sumRtt += r.rttNanos();
            minRtt = minRtt < 0 ? r.rttNanos() : Math.min(minRtt, r.rttNanos());
            maxRtt = Math.max(maxRtt, r.rttNanos());
            int received = received(i); // this reply counted already: the sweep counts before it tells us
            if (received == 1 && (inv.verbose() || inv.listAlive())) {
                out.println(inv.verbose() ? FpingWords.isAlive(host, inv.elapsed() ? r.rttNanos() : null) : host);
            }
            if (inv.perReply()) {
                out.println(stamp() + FpingWords.reply(host, width, r.attempt(), r.bytes(), r.rttNanos(),
                        total[i] / received, FpingWords.loss(sent[i], received)));
            }
        } else if (e.outcome() instanceof ProbeEvent.Failed f) {
            otherIcmp++;
            if (!inv.quiet()) {
                String line = FpingWords.icmpError(f.error().type(), f.error().code(), f.reporter().getHostAddress(),
                        host);
                if (line != null) {
                    err.println(line);
                }
            }
            lost(i, host, e.attempt());
        } else if (e.outcome() instanceof ProbeEvent.Lost) {
            lost(i, host, e.attempt());
        } else if (e.outcome() instanceof ProbeEvent.SendFailed n) {
            // fping counts it sent, with no timeout (so no per-probe line) and no retry
            probes++;
            if (sent != null) {
                sent[i]++;
            }
            if (reports != null) {
                reports.unanswered(i);
            }
            if (inv.verbose()) {
                err.println(FpingWords.sendError(host, n.errnoDescription()));
            }
        }
    }

    private void lost(int i, String host, int probe) {
        probes++;
        timeouts++;
        if (sent != null) {
            sent[i]++;
        }
        if (reports != null) {
            reports.unanswered(i);
        }
        if (inv.perReply()) {
            int received = received(i);
            out.println(stamp() + FpingWords.timedOut(host, width, probe, received > 0 ? total[i] / received
                    : -1, FpingWords.loss(sent[i], received)));
        }
    }

    /** Target {@code i}'s replies so far (none before the sweep started). */
    private int received(int i) {
        return progress == null ? 0 : progress.received(i);
    }

    private String stamp() {
        if (!inv.timestamp()) {
            return "";
        }
        java.time.Instant now = java.time.Instant.now();
        return FpingWords.timestamp(now.getEpochSecond() * 1_000_000_000L + now.getNano());
    }

    /** fping's finish(): unreachable lines, per-target summaries, -s, -x; returns the exit code. */
    int finish(SweepResult result, int unknown) {
        // From the printer's own counts: a sweep's results are made on access, and a /16's twice costs time.
        int alive = 0;
        for (int i = 0; i < targets.size(); i++) {
            if (received(i) > 0) {
                alive++;
            } else if (inv.verbose() || inv.listUnreachable()) {
                String name = targets.get(i).name();
                out.println(inv.verbose() ? FpingWords.isUnreachable(name) : name);
            }
        }
        if (inv.count() > 0 || inv.loop()) {
            if (inv.perReply()) {
                err.println();
            }
            // Writes of ~64 KB, not one a line: a /16 has 65 534 summaries (and not all at once: the RSS).
            StringBuilder lines = new StringBuilder();
            String newline = System.lineSeparator();
            for (TargetStats t : result.targets()) {
                String host = t.target().name();
                if (inv.verboseCount()) {
                    lines.append(FpingWords.verboseCounts(host, width, t.rttNanos())).append(newline);
                } else {
                    Integer outage = inv.outage() ? (int) ((t.sent() - t.received()) * inv.intervalNanos() / 1_000_000)
                            : null;
                    FpingWords.appendSummary(lines, host, width, t.sent(), t.received(), outage, t.minNanos(),
                            t.avgNanos(), t.maxNanos()).append(newline);
                }
                if (lines.length() >= 1 << 16) {
                    err.print(lines);
                    lines.setLength(0);
                }
            }
            err.print(lines);
            err.flush();
        }
        int targets = result.targets().size();
        if (inv.stats()) {
            err.print(FpingWords.globalStats(targets, alive, targets - alive, unknown, timeouts, probes, replies,
                    otherIcmp, Math.max(minRtt, 0), answered == 0 ? 0 : sumRtt / answered, Math.max(maxRtt, 0),
                    result.elapsedNanos()));
            err.println();
        }
        if (inv.reachable() > 0) {
            boolean enough = alive >= inv.reachable();
            out.println(FpingWords.enoughReachable(enough, inv.reachable(), alive));
            return enough ? 0 : 1;
        }
        return unknown > 0 ? 2 : alive != targets ? 1 : 0;
    }
}
