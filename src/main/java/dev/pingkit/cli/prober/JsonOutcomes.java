package dev.pingkit.cli.prober;

import java.io.PrintStream;

import dev.pingkit.cli.JsonLine;
import dev.pingkit.engine.ProbeEvent;

/**
 * <b>{@code --json}: every probe outcome as one JSON object a line</b>, the stream the metrics count, for a pipe
 * instead of a scrape. Each object has {@code event}, {@code host}, {@code ip} and, where it applies, {@code seq},
 * {@code rtt} (milliseconds), {@code ttl}, {@code type} and {@code code}; see {@code docs/json.md}.
 */
final class JsonOutcomes implements ProbeOutcomes {
    private final PrintStream out;
    private final Runnable onClosed;
    private boolean closed; // guarded by this

    /** {@code onClosed} runs once, when a write to {@code out} fails (the reader has gone: EPIPE). */
    JsonOutcomes(PrintStream out, Runnable onClosed) {
        this.out = out;
        this.onClosed = onClosed;
    }

    private static JsonLine line(String event, ProberTarget t) {
        return new JsonLine(event).field("host", t.host()).field("ip", t.ip());
    }

    private synchronized void print(JsonLine line) {
        if (closed) {
            return;
        }
        out.println(line);
        out.flush();
        // PrintStream keeps the IOException to itself; a failed write is a closed pipe for a line stream.
        if (out.checkError()) {
            closed = true;
            onClosed.run();
        }
    }

    @Override
    public void sent(ProberTarget target, int seq, long lateNanos) {
        print(line("sent", target).field("seq", seq));
    }

    @Override
    public void outcome(ProberTarget target, ProbeEvent event) {
        int seq = event.probe().seq();
        if (event instanceof ProbeEvent.Answered a) {
            JsonLine l = line("reply", target).field("seq", seq).millis("rtt", a.rttNanos() / 1000);
            print(a.ttl() >= 0 ? l.field("ttl", a.ttl()) : l);
        } else if (event instanceof ProbeEvent.Failed f) {
            print(line("error", target).field("seq", seq).field("type", f.error().type())
                    .field("code", f.error().code()));
        } else {
            String word = event instanceof ProbeEvent.Duplicate ? "duplicate"
                    : event instanceof ProbeEvent.Late ? "late"
                    : event instanceof ProbeEvent.Corrupted ? "corrupted"
                    : event instanceof ProbeEvent.SendFailed ? "send_error"
                    : event instanceof ProbeEvent.Lost ? "lost" : null;
            if (word != null) {
                print(line(word, target).field("seq", seq));
            }
        }
    }

    @Override
    public void resolveError(ProberTarget target) {
        print(line("resolve_error", target));
    }
}
