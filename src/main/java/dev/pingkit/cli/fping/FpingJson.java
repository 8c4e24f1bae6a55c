package dev.pingkit.cli.fping;

import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.sweep.SweepEvent;
import dev.pingkit.sweep.SweepListener;
import dev.pingkit.sweep.SweepResult;
import dev.pingkit.sweep.TargetStats;
import dev.pingkit.cli.JsonLine;

import java.io.PrintStream;
import java.time.Instant;

/**
 * <b>{@code scripts/fping --json}: one JSON object per event and one summary per target</b>, in the style of
 * {@code scripts/ping --json} (docs/json.md): {@code reply}, {@code duplicate}, {@code damaged}, {@code timeout},
 * {@code error} (with the ICMP type and code that make the target unreachable) and {@code summary}.
 */
final class FpingJson implements SweepListener {
    private final PrintStream out;

    FpingJson(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onEvent(SweepEvent e) {
        if (e.isReply()) {
            String kind = e.answers() ? "reply" : e.duplicate() ? "duplicate" : "damaged";
            out.println(line(kind, e).field("from", e.from().getHostAddress()).field("bytes", e.bytes())
                    .millis("rtt_ms", e.rttNanos() / 1000));
        } else if (e.outcome() instanceof ProbeEvent.Failed f) {
            out.println(line("error", e).field("from", f.reporter().getHostAddress()).field("icmp_type",
                    f.error().type()).field("icmp_code", f.error().code()).field("text", e.reason()));
        } else if (e.outcome() instanceof ProbeEvent.SendFailed n) {
            out.println(line("send_error", e).field("errno", n.errnoName()).field("text", n.errnoDescription()));
        } else {
            out.println(line("timeout", e));
        }
    }

    /** One {@code summary} object per target, in target order. */
    void finish(SweepResult result) {
        for (TargetStats t : result.targets()) {
            JsonLine j = new JsonLine("summary").raw("time", now()).field("target", t.target().name())
                    .field("address", t.target().address().getHostAddress()).field("alive", t.alive())
                    .field("transmitted", t.sent()).field("received", t.received())
                    .field("duplicates", t.duplicates()).field("damaged", t.damaged())
                    .raw("loss_percent", String.format(java.util.Locale.ROOT, "%.1f", t.lossPercent()))
                    .millis("min_ms", micros(t.minNanos())).millis("avg_ms", micros(t.avgNanos()))
                    .millis("max_ms", micros(t.maxNanos())).millis("p50_ms", micros(t.percentileNanos(50)))
                    .millis("p90_ms", micros(t.percentileNanos(90))).millis("p99_ms", micros(t.percentileNanos(99)));
            j.field("reason", t.alive() ? null : t.lastError().map(SweepEvent::reason).orElse("no reply"));
            out.println(j);
        }
    }

    private static long micros(long nanos) {
        return nanos < 0 ? -1 : nanos / 1000;
    }


    private static JsonLine line(String kind, SweepEvent e) {
        return new JsonLine(kind).raw("time", now()).field("target", e.target().name())
                .field("address", e.target().address().getHostAddress()).field("probe", e.attempt());
    }

    private static String now() {
        Instant t = Instant.now();
        return t.getEpochSecond() + "." + String.format("%06d", t.getNano() / 1000);
    }
}
