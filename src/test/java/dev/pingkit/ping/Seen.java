package dev.pingkit.ping;

import dev.pingkit.engine.ProbeEvent;
import java.util.ArrayList;
import java.util.List;

/** What a test's listener saw of a ping run, picked out by kind: ping's own events or the engine's inside them. */
final class Seen {
    private Seen() {
    }

    /** The events of {@code kind}: a {@link PingEvent} kind as they came, an engine kind from inside each outcome. */
    static <T> List<T> of(List<PingEvent> events, Class<T> kind) {
        List<T> r = new ArrayList<>();
        for (PingEvent e : events) {
            if (kind.isInstance(e)) {
                r.add(kind.cast(e));
            } else if (e instanceof PingEvent.Outcome o && kind.isInstance(o.event())) {
                r.add(kind.cast(o.event()));
            }
        }
        return r;
    }

    /** Every reply's outcome (answer, duplicate, late or corrupted), with ping's duplicate flag. */
    static List<PingEvent.Outcome> replies(List<PingEvent> events) {
        return events.stream().filter(e -> is(e, ProbeEvent.Reply.class)).map(PingEvent.Outcome.class::cast)
                .toList();
    }

    /** True when {@code e} is the engine's event of {@code kind}. */
    static boolean is(PingEvent e, Class<? extends ProbeEvent> kind) {
        return e instanceof PingEvent.Outcome o && kind.isInstance(o.event());
    }

    /** The sequence number of the probe an engine event is about. */
    static int seq(ProbeEvent e) {
        return e.probe().seq();
    }

    /** The sequence number of the probe a ping event is about. */
    static int seq(PingEvent e) {
        return e instanceof PingEvent.NoAnswerYet n ? n.seq() : ((PingEvent.Outcome) e).seq();
    }

    /** A refused send as {@code seq errno description mtu}, to compare with a list. */
    static String refusal(ProbeEvent.SendFailed f) {
        return f.probe().seq() + " " + f.errnoName() + " " + f.errnoDescription() + " " + f.mtu();
    }

    /** A corrupted reply's damage, or null when the outcome is intact. */
    static ProbeEvent.Corrupted damage(PingEvent.Outcome o) {
        return o.event() instanceof ProbeEvent.Corrupted c ? c : null;
    }
}
