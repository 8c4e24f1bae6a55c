package dev.pingkit.cli.ping;

import dev.pingkit.batch.ProbeResult;
import dev.pingkit.engine.Query;
import dev.pingkit.ping.PingEvent;
import java.net.InetAddress;
import java.util.function.Consumer;

/**
 * Each probe of a ping run as a {@link ProbeResult} when it ends, for a host that collects results (the REPL's
 * {@code results} after {@code ping}). The request is rebuilt as the pinger sent it (its identifier, sequence number,
 * payload, TTL and TOS) and stamped with the send time the pinger reported; a duplicate adds nothing, the first
 * answer or error ends the probe, a timeout ends it lost.
 */
final class ResultTap extends Tap {
    private final Consumer<ProbeResult> sink;
    private final InetAddress target;
    private final byte[] payload;
    private final Integer ttl;
    private final Integer tos;
    private final int id;
    private final long[] sentAt = new long[65536];
    private final boolean[] ended = new boolean[65536];

    ResultTap(dev.pingkit.ping.PingListener printer, Consumer<ProbeResult> sink, InetAddress target, byte[] payload,
              Integer ttl, Integer tos, int id) {
        super(printer);
        this.sink = sink;
        this.target = target;
        this.payload = payload.clone();
        this.ttl = ttl;
        this.tos = tos;
        this.id = id;
    }

    @Override
    boolean needsMessages() {
        return true;
    }

    private Query request(int seq) {
        Query q = Query.to(target).id(id).seq(seq).payload(payload);
        q = ttl != null ? q.ttl(ttl) : q;
        return tos != null ? q.tos(tos) : q;
    }

    @Override
    void see(PingEvent event) {
        if (event instanceof PingEvent.Sent s) {
            sentAt[s.seq() & 0xffff] = s.sentNanos();
            ended[s.seq() & 0xffff] = false;
        } else if (event instanceof PingEvent.Reply r && !r.duplicate()) {
            end(r.seq(), r.intact() ? ProbeResult.Status.ANSWERED : ProbeResult.Status.CORRUPTED, r.from(),
                    r.rttNanos(), r.ttl(), r.message());
        } else if (event instanceof PingEvent.ErrorReply e) {
            end(e.seq(), ProbeResult.Status.ERROR, e.from(), -1, e.error().ttl(), e.error());
        } else if (event instanceof PingEvent.SendError e) {
            end(e.seq(), ProbeResult.Status.SEND_FAILED, null, -1, -1, null);
        } else if (event instanceof PingEvent.Timeout t) {
            end(t.seq(), ProbeResult.Status.LOST, null, -1, -1, null);
        }
    }

    private void end(int seq, ProbeResult.Status status, InetAddress from, long rtt, int replyTtl,
                     dev.pingkit.packet.IcmpMessage message) {
        int i = seq & 0xffff;
        if (ended[i] || sentAt[i] == 0) {
            return; // already ended (a late error after a reply), or not one of this run's sends
        }
        ended[i] = true;
        sink.accept(new ProbeResult(request(seq), sentAt[i], status, from, rtt, replyTtl, message));
    }
}
