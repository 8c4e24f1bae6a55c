package dev.pingkit.cli.fping;

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
 * between two reports prints no last partial one. The sweep's thread counts, a timer thread prints: both under this
 * object's lock, and a report is written in one piece.
 */
final class FpingReports implements AutoCloseable {
    private final FpingInvocation inv;
    private final List<SweepTarget> targets;
    private final int width;
    private final PrintStream out;
    private final PrintStream err;
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
        this.sent = new int[n];
        this.received = new int[n];
        this.min = new long[n];
        this.max = new long[n];
        this.total = new long[n];
    }

    /** Starts the reports: the first one interval from now (without {@code -Q}, only {@link #snapshot}s print). */
    void start() {
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
        sent[i]++;
    }

    /** Target {@code i}'s probe was answered after {@code rtt} ns. */
    synchronized void answered(int i, long rtt) {
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
            for (int i = 0; i < sent.length; i++) {
                Integer outage = inv.outage() ? (int) ((sent[i] - received[i]) * inv.intervalNanos() / 1_000_000) : null;
                b.append(FpingWords.summary(targets.get(i).name(), width, sent[i], received[i], outage, min[i],
                        received[i] == 0 ? 0 : total[i] / received[i], max[i])).append(nl);
            }
            err.print(b);
            err.flush();
        }
        Arrays.fill(sent, 0);
        Arrays.fill(received, 0);
        Arrays.fill(min, 0);
        Arrays.fill(max, 0);
        Arrays.fill(total, 0);
    }

    private void netdata(StringBuilder b, String nl) {
        long seconds = Math.round(Math.rint(inv.reportNanos() / 1e9));
        for (int i = 0; i < sent.length; i++) {
            String host = targets.get(i).name();
            b.append(FpingWords.netdata(host, seconds, !chartsSent, sent[i], received[i], min[i],
                    received[i] == 0 ? 0 : total[i] / received[i], max[i], nl));
        }
        chartsSent = true;
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
