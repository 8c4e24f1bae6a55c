package dev.pingkit.cli.prober;

import dev.pingkit.engine.Probe;
import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.engine.ProbeTarget;
import dev.pingkit.packet.IcmpMessage;

/** The engine's events about probe {@code seq} to a target, made by hand for what the prober counts of them. */
final class Outcomes {
    private Outcomes() {
    }

    static Probe probe(ProberTarget t, int seq) {
        return new Probe(new ProbeTarget(0, t.address()), seq, 7, seq, 0, -1, -1, 56, 1);
    }

    static ProbeEvent answered(ProberTarget t, int seq, long rttNanos, int ttl) {
        return new ProbeEvent.Answered(probe(t, seq), t.address(), rttNanos, ttl, 64, 0, true, null);
    }

    static ProbeEvent duplicate(ProberTarget t, int seq) {
        return new ProbeEvent.Duplicate(probe(t, seq), t.address(), 1, 64, 64, true, null);
    }

    static ProbeEvent late(ProberTarget t, int seq) {
        return new ProbeEvent.Late(probe(t, seq), t.address(), 1, 64, 64, true, null);
    }

    static ProbeEvent corrupted(ProberTarget t, int seq) {
        return new ProbeEvent.Corrupted(probe(t, seq), t.address(), 1, 64, 64, true, false, -1, -1, -1, null);
    }

    static ProbeEvent failed(ProberTarget t, int seq, int type, int code) {
        IcmpMessage error = IcmpMessage.decode(new byte[] {(byte) type, (byte) code, 0, 0, 0, 0, 0, 0}, 0, 8);
        return new ProbeEvent.Failed(probe(t, seq), t.address(), error, 1, 64);
    }

    static ProbeEvent sendFailed(ProberTarget t, int seq) {
        return new ProbeEvent.SendFailed(probe(t, seq), "ENETUNREACH", "Network is unreachable", 0);
    }

    static ProbeEvent lost(ProberTarget t, int seq) {
        return new ProbeEvent.Lost(probe(t, seq), false);
    }
}
