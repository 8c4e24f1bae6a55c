package dev.pingkit.cli.prober;

import java.io.PrintStream;

import dev.pingkit.cli.JsonLine;

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
    public void answered(ProberTarget target, int seq, long rttNanos, int ttl) {
        JsonLine l = line("reply", target).field("seq", seq).millis("rtt", rttNanos / 1000);
        print(ttl >= 0 ? l.field("ttl", ttl) : l);
    }

    @Override
    public void duplicate(ProberTarget target, int seq) {
        print(line("duplicate", target).field("seq", seq));
    }

    @Override
    public void late(ProberTarget target, int seq) {
        print(line("late", target).field("seq", seq));
    }

    @Override
    public void corrupted(ProberTarget target, int seq) {
        print(line("corrupted", target).field("seq", seq));
    }

    @Override
    public void errorReply(ProberTarget target, int seq, int type, int code) {
        print(line("error", target).field("seq", seq).field("type", type).field("code", code));
    }

    @Override
    public void sendError(ProberTarget target, int seq) {
        print(line("send_error", target).field("seq", seq));
    }

    @Override
    public void lost(ProberTarget target, int seq) {
        print(line("lost", target).field("seq", seq));
    }

    @Override
    public void resolveError(ProberTarget target) {
        print(line("resolve_error", target));
    }
}
