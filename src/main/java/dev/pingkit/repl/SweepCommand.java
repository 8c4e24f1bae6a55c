package dev.pingkit.repl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.pingkit.sweep.Sweep;
import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.sweep.SweepEvent;
import dev.pingkit.sweep.SweepListener;
import dev.pingkit.sweep.SweepResult;
import dev.pingkit.engine.Stop;
import dev.pingkit.sweep.TargetStats;

/**
 * {@code sweep <block|host>... [count N] [interval MS]}: a {@link Sweep} from the session, printing each target as
 * alive or unreachable the moment that is known, then a summary; every probe joins the session's {@code results}.
 * Ctrl-C stops it and keeps what was found.
 */
final class SweepCommand {
    private final Session session;
    private final Console console;
    private SweepResult last;

    SweepCommand(Session session, Console console) {
        this.session = session;
        this.console = console;
    }

    void register(Commands commands) {
        commands.add(new CommandSpec("sweep", "sweep <block|host>... [count <n>] [interval <ms>]",
                "probe many targets at once, fping-style, and list the alive and the unreachable",
                "sweep 198.19.0.0/22    sweep 127.0.0.1 ::1 count 3    sweep 2001:db8:2::/120 interval 1\n"
                        + "Without count a target gets up to 4 probes until it answers (fping's default); count n sends\n"
                        + "exactly n to each, 1 s apart. interval is the least time between any two probes (default 10 ms).\n"
                        + "Every probe joins 'results' (results stats target). Ctrl-C stops the sweep; the summary\n"
                        + "counts what was found so far.",
                CommandSpec.Completion.words("count", "interval", "198.19.0.0/22", "127.0.0.1", "::1"), this::sweep));
    }

    /** The last sweep's result (for tests and a later look). */
    SweepResult last() {
        return last;
    }

    private void sweep(List<String> args) throws Exception {
        List<String> specs = new ArrayList<>();
        int count = 0;
        Duration gap = Sweep.DEFAULT_GAP; // the command's word is fping's: interval
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("count") || a.equals("interval")) {
                if (i + 1 >= args.size()) {
                    throw new UserError(a + " needs a number, e.g. sweep 198.19.0.0/22 " + a + " 2");
                }
                long v = number(a, args.get(++i), a.equals("count") ? 100_000 : 60_000);
                if (a.equals("count")) {
                    count = (int) v;
                } else {
                    gap = Duration.ofMillis(v);
                }
            } else {
                specs.add(a);
            }
        }
        if (specs.isEmpty()) {
            throw new UserError("sweep needs a target: a block like 198.19.0.0/22, an address or a host name");
        }
        Sweep sweep;
        try {
            sweep = Sweep.of(specs.toArray(String[]::new)).count(count).gap(gap);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        specs.forEach(session::usedHost);
        console.println("sweep of " + sweep.targets().size() + " targets"
                + (count == 0 ? "" : ", " + count + " probes each") + "; Ctrl-C stops it", Console.NOTE);
        int limit = sweep.count() == 0 ? sweep.retries() + 1 : sweep.count();
        int[] ended = new int[sweep.targets().size()];
        boolean[] alive = new boolean[ended.length];
        SweepEvent[] reason = new SweepEvent[ended.length]; // each target's last failure
        Stop stop = new Stop();
        SweepResult r = session.interruptible(stop::stop, () -> sweep.run(withMessages(e -> {
            session.results().addSweep(e); // results, save and plot see a sweep's probes as a send's
            int i = e.target().index();
            if (e.isReply()) {
                if (!e.answers()) {
                    return;
                }
                ended[i]++;
                if (!alive[i]) {
                    alive[i] = true;
                    console.println(String.format(Locale.ROOT, "%s alive %.3f ms", e.target(), e.rttNanos() / 1e6));
                }
                return;
            }
            ended[i]++;
            if (e.outcome() instanceof ProbeEvent.Failed) {
                reason[i] = e;
            }
            if (e.outcome() instanceof ProbeEvent.SendFailed n && !alive[i] && ended[i] < limit
                    && sweep.count() == 0) {
                // not retried: this was its last probe
                console.println(e.target() + " unreachable (not sent: " + n.errnoDescription() + ")", Console.ERROR);
            } else if (!alive[i] && ended[i] == limit) {
                console.println(e.target() + " unreachable" + (reason[i] == null ? "" : " (" + reason[i].reason() + ")"),
                        Console.ERROR);
            }
        }), stop));
        last = r;
        // A stopped sweep has targets it never probed: they are neither alive nor unreachable.
        long unprobed = r.stopped() ? r.targets().stream().filter(t -> t.sent() == 0).count() : 0;
        long unreachable = r.targets().stream().filter(t -> !t.alive() && (t.sent() > 0 || !r.stopped())).count();
        console.println(String.format(Locale.ROOT, "%d targets, %d alive, %d unreachable%s in %.3f s%s",
                r.targets().size(), r.alive().size(), unreachable, unprobed > 0 ? ", " + unprobed + " not probed" : "",
                r.elapsedNanos() / 1e9, r.stopped() ? " (stopped: partial results)" : ""), Console.NOTE);
        long sent = r.targets().stream().mapToLong(TargetStats::sent).sum();
        if (sent == 0 && !r.stopped()) {
            throw new CommandFailed("no probe was sent");
        }
    }

    /** The listener, asking for each reply decoded: its type and code go into the results. */
    private static SweepListener withMessages(SweepListener l) {
        return new SweepListener() {
            @Override
            public void onEvent(SweepEvent e) {
                l.onEvent(e);
            }

            @Override
            public boolean wantsMessages() {
                return true;
            }
        };
    }

    private static long number(String field, String value, long max) {
        try {
            long v = Long.parseLong(value);
            if (v >= 0 && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError(field + " must be 0.." + max + ", got '" + value + "'");
    }
}
