package dev.pingkit.fakes;

import dev.pingkit.engine.EngineOptions;
import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.engine.Engine;
import dev.pingkit.engine.EngineFactory;

import dev.pingkit.socket.Family;
import dev.pingkit.socket.SocketKind;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link Engine} over in-memory sockets (one per family, on one {@link FakeClock}) and a peer that decides what
 * the network does with each probe; the events the run emitted, in order.
 */
public final class FakeNet {
    public final FakeClock clock = new FakeClock();
    public final Map<Family, FakeSocket> sockets = new EnumMap<>(Family.class);
    public final List<ProbeEvent> events = new ArrayList<>();
    public final SocketKind kind;
    public FakeSocket.Peer peer = (s, icmp, dst, now) -> { };
    public final Engine engine;

    public FakeNet(SocketKind kind, EngineOptions options) {
        this.kind = kind;
        this.engine = Engine.over(options, this::open, clock);
    }

    // A fake socket of the family on this net's clock, its sends handed to the current peer.
    private FakeSocket open(Family family) {
        FakeSocket s = new FakeSocket(clock, family, kind, family == Family.IPV4 ? 0x4444 : 0x6666);
        s.peer = (sock, icmp, dst, now) -> peer.onSend(sock, icmp, dst, now);
        sockets.put(family, s);
        return s;
    }

    /**
     * Engines over this net's fake sockets and clock, for a mode's seam ({@code Sweep.run(listener, stop, engines)}
     * and the like): each engine opens its own sockets here, which {@link #sockets} then holds.
     */
    public EngineFactory engines() {
        return EngineFactory.over(this::open, clock);
    }

    public FakeNet() {
        this(SocketKind.RAW, EngineOptions.defaults().identifier(0x1234));
    }

    /** Runs the engine to its end, recording every event. */
    public List<ProbeEvent> run() throws Exception {
        engine.run(events::add);
        return events;
    }

    public <T extends ProbeEvent> List<T> events(Class<T> type) {
        List<T> l = new ArrayList<>();
        for (ProbeEvent e : events) {
            if (type.isInstance(e)) {
                l.add(type.cast(e));
            }
        }
        return l;
    }

    /** A peer where every target answers after {@code delayNanos}. */
    public static FakeSocket.Peer answering(long delayNanos) {
        return (s, icmp, dst, now) -> s.deliver(now + delayNanos,
                Wire.delivered(s, dst, dst, 64, Wire.reply(icmp, Wire.v6(dst))), dst, 64);
    }

    public static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** The {@code i}-th address of 198.19.0.0/22 (the lab's sweep range). */
    public static InetAddress sweep(int i) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) 198, 19, (byte) (i >>> 8), (byte) i});
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("sweep " + i, e);
        }
    }
}
