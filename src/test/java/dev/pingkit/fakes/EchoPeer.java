package dev.pingkit.fakes;

import java.net.InetAddress;
import java.util.function.IntPredicate;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;

/** A fake peer: answers echo requests after an RTT, optionally dropping, duplicating or mangling replies. */
public final class EchoPeer implements FakeSocket.Peer {
    public interface Mangler {
        void mangle(int seq, byte[] reply);
    }

    public final InetAddress client;
    public IntToLongFunction rttNanos = seq -> 1_000_000L;
    public IntPredicate drop = seq -> false;
    public IntUnaryOperator copies = seq -> 1;
    public Mangler mangler = (seq, reply) -> { };
    public int ttl = 64;
    public int requests;

    public EchoPeer(InetAddress client) {
        this.client = client;
    }

    @Override
    public void onSend(FakeSocket s, byte[] icmp, InetAddress dst, long now) {
        boolean v6 = Wire.v6(dst);
        if ((icmp[0] & 0xff) != (v6 ? 128 : 8)) {
            return;
        }
        requests++;
        int seq = Wire.seq(icmp);
        if (drop.test(seq)) {
            return;
        }
        byte[] reply = Wire.reply(icmp, v6);
        mangler.mangle(seq, reply);
        long rtt = rttNanos.applyAsLong(seq);
        for (int k = 0; k < copies.applyAsInt(seq); k++) {
            s.deliver(now + rtt + k * 1000L, Wire.delivered(s, dst, client, ttl, reply), dst, ttl);
        }
    }
}
