package dev.pingkit.cli.ping;

import dev.pingkit.batch.ProbeResult;
import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.engine.Query;
import dev.pingkit.ping.PingEvent;
import java.net.InetAddress;
import java.util.function.Consumer;

/**
 * Each probe of a ping run as a {@link ProbeResult} when it ends, for a host that collects results (the REPL's
 * {@code results} after {@code ping}). The request is rebuilt as the pinger sent it (its identifier, sequence number,
 * payload, TTL and TOS) and stamped with the engine's send time; a duplicate adds nothing, the first answer or
 * error ends the probe, a timeout ends it lost (through {@link ProbeResult#of}, the one mapping).
 */
final class ResultTap extends Tap {
    private final Consumer<ProbeResult> sink;
    private final InetAddress target;
    private final byte[] payload;
    private final Integer ttl;
    private final Integer tos;
    private final int id;
    private final boolean[] sent = new boolean[65536];
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
        if (!(event instanceof PingEvent.Outcome o) || o.event().probe() == null) {
            return; // -O's note or a stray: no probe ends
        }
        ProbeEvent e = o.event();
        int i = o.seq() & 0xffff;
        if (e instanceof ProbeEvent.Sent) {
            ended[i] = false;
            sent[i] = true;
            return;
        }
        if (o.duplicate() || e instanceof ProbeEvent.Late || e instanceof ProbeEvent.Advisory || ended[i]
                || !sent[i]) {
            return; // a duplicate or late reply ends nothing (the probe has ended); not this run's send
        }
        ended[i] = true;
        sink.accept(ProbeResult.of(request(o.seq()), e));
    }
}
