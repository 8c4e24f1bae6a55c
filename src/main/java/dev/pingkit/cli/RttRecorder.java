package dev.pingkit.cli;

import dev.pingkit.ping.PingEvent;
import dev.pingkit.ping.PingListener;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Passes a run's events on to a printer unchanged and keeps each probe's first intact reply time, in send order, for
 * {@code --histogram}. The printer gets exactly what it asked for: if it takes routine events as bare
 * {@code onSent}/{@code onReply} calls, those are what it gets, though the recorder itself needs the events' RTTs.
 */
final class RttRecorder implements PingListener {
    private final PingListener printer;
    private final Map<Integer, Integer> indexOfSeq = new HashMap<>();
    private long[] rtts = new long[64];
    private int sent;

    RttRecorder(PingListener printer) {
        this.printer = printer;
    }

    @Override
    public void onEvent(PingEvent event) {
        boolean routine = printer.wantsRoutineEvents();
        if (event instanceof PingEvent.Sent s) {
            if (sent == rtts.length) {
                rtts = Arrays.copyOf(rtts, sent * 2);
            }
            rtts[sent] = -1;
            indexOfSeq.put(s.seq(), sent++);
            if (!routine) {
                printer.onSent(s.seq());
                return;
            }
        } else if (event instanceof PingEvent.Reply r && r.intact() && !r.duplicate()) {
            Integer i = indexOfSeq.get(r.seq());
            if (i != null && rtts[i] < 0) {
                rtts[i] = r.rttNanos();
            }
            if (!routine) {
                printer.onReply(r.seq());
                return;
            }
        }
        printer.onEvent(event);
    }

    @Override
    public boolean wantsForeign() {
        return printer.wantsForeign();
    }

    @Override
    public boolean wantsMessages() {
        return printer.wantsMessages();
    }

    /** Every probe's RTT in nanoseconds in send order, -1 for a probe without an intact reply. */
    long[] rtts() {
        return Arrays.copyOf(rtts, sent);
    }
}
