package dev.pingkit.cli.ping;

import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.ping.PingEvent;
import dev.pingkit.ping.PingListener;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Keeps each probe's first intact reply time, in send order, for {@code --histogram}. */
final class RttRecorder extends Tap {
    private final Map<Integer, Integer> indexOfSeq = new HashMap<>();
    private long[] rtts = new long[64];
    private int sent;

    RttRecorder(PingListener printer) {
        super(printer);
    }

    @Override
    void see(PingEvent event) {
        if (!(event instanceof PingEvent.Outcome o)) {
            return;
        }
        if (o.event() instanceof ProbeEvent.Sent) {
            if (sent == rtts.length) {
                rtts = Arrays.copyOf(rtts, sent * 2);
            }
            rtts[sent] = -1;
            indexOfSeq.put(o.seq(), sent++);
        } else if (o.answers()) {
            Integer i = indexOfSeq.get(o.seq());
            if (i != null && rtts[i] < 0) {
                rtts[i] = o.reply().rttNanos();
            }
        }
    }

    /** Every probe's RTT in nanoseconds in send order, -1 for a probe without an intact reply. */
    long[] rtts() {
        return Arrays.copyOf(rtts, sent);
    }
}
