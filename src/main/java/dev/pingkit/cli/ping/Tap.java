package dev.pingkit.cli.ping;

import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.ping.PingEvent;
import dev.pingkit.ping.PingListener;

/**
 * A listener that sees every event of a run on its way to the printer ({@code --histogram}, {@code --pcap}) and
 * passes it on unchanged. The printer gets exactly what it asked for: if it takes routine events as bare
 * {@code onSent}/{@code onReply} calls, those are what it gets, though the tap itself takes the event objects.
 */
abstract class Tap implements PingListener {
    private final PingListener inner;

    Tap(PingListener inner) {
        this.inner = inner;
    }

    /** Looks at one event before the printer gets it. */
    abstract void see(PingEvent event);

    /** Whether the tap needs each reply's decoded message. */
    boolean needsMessages() {
        return false;
    }

    @Override
    public final void onEvent(PingEvent event) {
        see(event);
        if (!inner.wantsRoutineEvents() && event instanceof PingEvent.Outcome o) {
            if (o.event() instanceof ProbeEvent.Sent) {
                inner.onSent(o.seq());
                return;
            }
            if (o.answers()) {
                inner.onReply(o.seq());
                return;
            }
        }
        inner.onEvent(event);
    }

    @Override
    public final boolean wantsForeign() {
        return inner.wantsForeign();
    }

    @Override
    public final boolean wantsMessages() {
        return inner.wantsMessages() || needsMessages();
    }
}
