package dev.pingkit.repl;

import dev.pingkit.Echo;
import dev.pingkit.batch.ProbeResult;
import dev.pingkit.batch.Probes;
import dev.pingkit.batch.Results;
import dev.pingkit.engine.EngineOptions;
import dev.pingkit.engine.Stop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * {@code send} with ranges ({@code send seq 1..100}, {@code send size 0..1400 step 200 count 20}): one batch over
 * the engine, every probe in flight at once as {@code sendAll} sends them, so a lost probe costs its timeout once
 * for the whole batch instead of once each. The lines print when the batch has ended, in send order.
 */
final class BatchSend {
    /** The fields a range may vary, as {@link Probes} varies them. */
    static final List<String> RANGED = List.of("seq", "size", "ttl", "tos");

    /** One field's values {@code from..to} by {@code step}. */
    record Range(String field, int from, int to, int step) {
        Range step(int s) {
            return new Range(field, from, to, s);
        }

        int[] values() {
            return IntStream.iterate(from, v -> v <= to, v -> v + step).toArray();
        }
    }

    private BatchSend() {
    }

    /** Whether {@code value} is a range, {@code 1..100}. */
    static boolean isRange(String value) {
        return value != null && value.matches("\\d{1,5}\\.\\.\\d{1,5}");
    }

    static Range range(String field, String value) {
        if (!RANGED.contains(field)) {
            throw new UserError("a range takes one of " + String.join(" ", RANGED) + ", got " + field + " " + value);
        }
        int dots = value.indexOf("..");
        int from = Integer.parseInt(value.substring(0, dots));
        int to = Integer.parseInt(value.substring(dots + 2));
        if (to < from) {
            throw new UserError(field + " range must go up, got " + value);
        }
        return new Range(field, from, to, 1);
    }

    /** The batch: the echo as it stands, each range over its field, {@code count} probes of each (0: one). */
    static Probes probes(Echo echo, List<Range> ranges, int count, Duration timeout) {
        Probes p = echo.probes().timeout(timeout);
        boolean seqRanged = false;
        for (Range r : ranges) {
            switch (r.field()) {
                case "seq" -> {
                    if (r.step() != 1) {
                        throw new UserError("seq ranges go one by one; step applies to size, ttl and tos");
                    }
                    p = p.seq(r.from(), r.to());
                    seqRanged = true;
                }
                case "size" -> p = p.size(r.from(), r.to(), r.step());
                case "ttl" -> p = p.ttls(r.values());
                default -> p = p.tos(r.values());
            }
        }
        if (count > 1) {
            if (seqRanged) {
                throw new UserError("count repeats each probe with seq " + echo.seq() + ".."
                        + (echo.seq() + count - 1) + "; give either a seq range or count, not both");
            }
            if (echo.seq() + count - 1 > 65535) {
                throw new UserError("count " + count + " from seq " + echo.seq() + " runs past seq 65535");
            }
            p = p.seq(echo.seq(), echo.seq() + count - 1);
        }
        return p;
    }

    /**
     * Sends the batch (Ctrl-C stops it with what has ended), prints a line per probe in {@code form} and a summary,
     * collects them for {@code results}, and hands each to {@code record} (the session's statistics).
     */
    static Results run(Session session, Console console, Probes probes, EngineOptions options, String form,
                       Consumer<ProbeResult> record) throws Exception {
        Stop stop = new Stop();
        console.println("sending " + probes + " at once", Console.NOTE);
        long start = System.nanoTime();
        Results r = session.interruptible(stop::stop, () -> probes.sendAll(options, stop));
        double seconds = (System.nanoTime() - start) / 1e9;
        session.results().addAll(r);
        List<ProbeResult> all = new ArrayList<>(r.all());
        for (ProbeResult p : all) {
            record.accept(p);
            ExperimentCommands.printOne(console, session.results(), p, form == null ? "-q" : form);
        }
        console.println(String.format(Locale.ROOT, "%s in %.2f s%s", r, seconds,
                stop.stopped() ? " (stopped: " + (probes.count() - r.size()) + " probes had not ended)" : ""));
        if (!r.numbering().equals("as asked")) {
            console.println("numbering: " + r.numbering(), Console.NOTE);
        }
        return r;
    }
}
