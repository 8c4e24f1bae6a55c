package dev.pingkit.cli.fping;

import dev.pingkit.sweep.SweepProgress;
import dev.pingkit.sweep.SweepTarget;

import java.io.PrintStream;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * <b>fping's {@code -Q N} interval reports (and its SIGQUIT one): every target's counts since the last report,
 * every N seconds</b>, as
 * fping 5.1's {@code print_per_system_splits} writes them on stderr (a {@code [hh:mm:ss]} line, then
 * {@code host : xmt/rcv/%loss = ...} per target), or with {@code -N} as its {@code print_netdata} writes netdata's
 * charts on stdout. As in fping a probe counts when it ends (answered, timed out, refused), and a run that ends
 * between two reports prints no last partial one. A timer thread (or the signal's) prints, under this object's lock,
 * each report in one piece.
 *
 * <p>The counts come from one place, the sweep's own tallies ({@link SweepProgress}): a report takes each target's
 * times of the probes that ended since the last one, so a /16 keeps here nothing per target until a first report
 * (then 4 bytes: where it got to). A loop's tallies keep no times, only totals, so for {@code -l} the sweep's
 * thread counts each report's figures here as its events come.
 */
final class FpingReports implements AutoCloseable {
    private final FpingInvocation inv;
    private final List<SweepTarget> targets;
    private final int width;
    private final PrintStream out;
    private final PrintStream err;
    private final int size;
    private SweepProgress progress; // null until the sweep starts: a report before then has nothing to count
    private int[] reported; // times taken per target by the reports so far; null before the first
    // a loop's figures since the last report, counted from its events (its tallies keep totals only); else null
    private final int[] sent;
    private final int[] received;
    private final long[] min;
    private final long[] max;
    private final long[] total;
    private boolean chartsSent;
    private boolean closed;
    private ScheduledExecutorService timer;

    FpingReports(FpingInvocation inv, List<SweepTarget> targets, int width, PrintStream out, PrintStream err) {
        this.inv = inv;
        this.targets = targets;
        this.width = width;
        this.out = out;
        this.err = err;
        int n = targets.size();
        this.size = n;
        boolean counted = inv.loop();
        this.sent = counted ? new int[n] : null;
        this.received = counted ? new int[n] : null;
        this.min = counted ? new long[n] : null;
        this.max = counted ? new long[n] : null;
        this.total = counted ? new long[n] : null;
    }

    /**
     * Starts the reports over the sweep's counts: the first one interval from now (without {@code -Q}, only
     * {@link #snapshot}s print).
     */
    void start(SweepProgress progress) {
        synchronized (this) {
            this.progress = progress;
        }
        if (!inv.reports()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fping -Q reports");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::report, inv.reportNanos(), inv.reportNanos(), TimeUnit.NANOSECONDS);
    }

    /** Target {@code i}'s probe ended without a reply. */
    synchronized void unanswered(int i) {
        if (sent != null) {
            sent[i]++;
        }
    }

    /** Target {@code i}'s probe was answered after {@code rtt} ns. */
    synchronized void answered(int i, long rtt) {
        if (sent == null) {
            return; // the sweep's tallies have it
        }
        sent[i]++;
        received[i]++;
        if (received[i] == 1 || rtt < min[i]) {
            min[i] = rtt;
        }
        if (received[i] == 1 || rtt > max[i]) {
            max[i] = rtt;
        }
        total[i] += rtt;
    }

    /** Prints one report and starts the next interval. */
    void report() {
        print(inv.netdata());
    }

    /**
     * fping's SIGQUIT: the {@code [hh:mm:ss]} report of every target's counts since the last one, on stderr, now
     * (netdata's format is for {@code -Q}'s timer only, as in fping); the next report counts from here.
     */
    void snapshot() {
        print(false, inv.verbose() || inv.perReply());
    }

    private void print(boolean netdata) {
        print(netdata, false);
    }

    // fping's print_per_system_splits starts with an empty line when it prints per-reply or verbose lines (so not
    // for -Q, which implies -q)
    private synchronized void print(boolean netdata, boolean blankFirst) {
        if (closed) {
            return;
        }
        StringBuilder b = new StringBuilder();
        String nl = System.lineSeparator();
        if (blankFirst) {
            b.append(nl);
        }
        if (netdata) {
            netdata(b, nl);
            out.print(b);
            out.flush();
        } else {
            b.append(FpingWords.reportTime(LocalTime.now())).append(nl);
            Split s = new Split();
            for (int i = 0; i < size; i++) {
                split(i, s);
                Integer outage = inv.outage() ? (int) ((s.sent - s.received) * inv.intervalNanos() / 1_000_000) : null;
                b.append(FpingWords.summary(targets.get(i).name(), width, s.sent, s.received, outage, s.min,
                        s.avg(), s.max)).append(nl);
            }
            err.print(b);
            err.flush();
        }
        if (sent != null) {
            Arrays.fill(sent, 0);
            Arrays.fill(received, 0);
            Arrays.fill(min, 0);
            Arrays.fill(max, 0);
            Arrays.fill(total, 0);
        }
    }

    private void netdata(StringBuilder b, String nl) {
        long seconds = Math.round(Math.rint(inv.reportNanos() / 1e9));
        Split s = new Split();
        for (int i = 0; i < size; i++) {
            split(i, s);
            String host = targets.get(i).name();
            b.append(FpingWords.netdata(host, seconds, !chartsSent, s.sent, s.received, s.min, s.avg(), s.max, nl));
        }
        chartsSent = true;
    }

    /** One target's figures since the last report (min and max 0 without a reply, as fping prints them). */
    private static final class Split {
        int sent;
        int received;
        long min;
        long max;
        long total;

        long avg() {
            return received == 0 ? 0 : total / received;
        }
    }

    // guarded by this: target i's figures since the last report into s, and the next report counts from here
    private void split(int i, Split s) {
        if (sent != null) {
            s.sent = sent[i];
            s.received = received[i];
            s.min = min[i];
            s.max = max[i];
            s.total = total[i];
            return;
        }
        s.sent = 0;
        s.received = 0;
        s.min = 0;
        s.max = 0;
        s.total = 0;
        long[] times = progress == null ? null : progress.rttNanos(i);
        if (times == null) {
            return;
        }
        if (reported == null) {
            reported = new int[size];
        }
        for (int k = reported[i]; k < times.length; k++) {
            s.sent++;
            long rtt = times[k];
            if (rtt >= 0) {
                s.received++;
                s.min = s.received == 1 ? rtt : Math.min(s.min, rtt);
                s.max = s.received == 1 ? rtt : Math.max(s.max, rtt);
                s.total += rtt;
            }
        }
        reported[i] = times.length;
    }

    /** Stops the reports; none is printed after this returns. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true; // a report under way has finished: the lock was free
        }
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
