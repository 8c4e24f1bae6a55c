package dev.pingkit.fakes;

import dev.pingkit.packet.Checksum;
import dev.pingkit.socket.ClosedSocketException;
import dev.pingkit.socket.Family;
import dev.pingkit.socket.IcmpSocket;
import dev.pingkit.socket.Inbound;
import dev.pingkit.socket.SocketKind;
import dev.pingkit.socket.TestInbounds;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * An in-memory ICMP socket on a {@link FakeClock}: what is sent goes to a {@link Peer}, which schedules what comes
 * back; {@code receive} advances the clock to the next arrival or by the whole timeout. Realtime = an epoch offset
 * plus the fake monotonic time, so RTTs are exact.
 */
public final class FakeSocket implements IcmpSocket {
    public static final long EPOCH = 1_700_000_000_000_000_000L;

    /** Decides what the network does with each probe. */
    public interface Peer {
        void onSend(FakeSocket socket, byte[] icmp, InetAddress destination, long now);
    }

    private record Arrival(long at, long order, byte[] bytes, byte[] source, int ttl, int[] report,
                           byte[] reporter) {
    }

    public final FakeClock clock;
    public final Family family;
    public final SocketKind kind;
    public final int localId;
    public final List<byte[]> sent = new ArrayList<>();
    private final PriorityQueue<Arrival> queue = new PriorityQueue<>((a, b) -> a.at != b.at
            ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
    private long order;
    public Peer peer = (s, icmp, dst, now) -> { };
    public volatile boolean closed;
    public IOException failNextSend;
    /** When set, every send fails with it, after {@link #onFailedSend} ran (a kernel that queues a report). */
    public IOException failEverySend;
    public Peer onFailedSend = (s, icmp, dst, now) -> { };

    public FakeSocket(FakeClock clock, Family family, SocketKind kind, int localId) {
        this.clock = clock;
        this.family = family;
        this.kind = kind;
        this.localId = localId;
    }

    /**
     * How many messages may wait unread at once: one arriving when that many arrived before it and wait unread is
     * dropped, as the kernel drops it when the receive buffer is full.
     */
    public int capacity = Integer.MAX_VALUE;
    /** Messages dropped for {@link #capacity}. */
    public int overflowed;

    /** Schedules {@code bytes} (as the socket would deliver them) from {@code source} at fake time {@code at}. */
    public void deliver(long at, byte[] bytes, InetAddress source, int ttl) {
        if (capacity != Integer.MAX_VALUE && queue.stream().filter(a -> a.at <= at).count() >= capacity) {
            overflowed++;
            return;
        }
        queue.add(new Arrival(at, order++, bytes, source.getAddress(), ttl, null, null));
    }

    /**
     * Schedules an error-queue report (datagram sockets): {@code quoted} about {@code destination}, with
     * origin, type, code, info and errno as the kernel gives them; {@code reporter} null for a local report.
     */
    public void deliverReport(long at, byte[] quoted, InetAddress destination, int origin, int type, int code, int info,
                       int errno, InetAddress reporter) {
        queue.add(new Arrival(at, order++, quoted, destination.getAddress(), -1,
                new int[] {origin, type, code, info, errno}, reporter == null ? null : reporter.getAddress()));
    }

    @Override
    public Family family() {
        return family;
    }

    @Override
    public SocketKind kind() {
        return kind;
    }

    @Override
    public int localId() {
        return kind == SocketKind.DATAGRAM ? localId : -1;
    }

    @Override
    public boolean headerIncluded() {
        return family == Family.IPV4 && kind == SocketKind.RAW;
    }

    @Override
    public long send(ByteBuffer icmpMessage, InetAddress destination) throws IOException {
        if (closed) {
            throw new ClosedSocketException("closed");
        }
        if (failNextSend != null) {
            IOException e = failNextSend;
            failNextSend = null;
            throw e;
        }
        byte[] b = new byte[icmpMessage.remaining()];
        icmpMessage.duplicate().get(b);
        if (failEverySend != null) {
            onFailedSend.onSend(this, b, destination, clock.now);
            throw failEverySend;
        }
        if (kind == SocketKind.DATAGRAM) {
            // the kernel writes its identifier and the checksum
            b[4] = (byte) (localId >>> 8);
            b[5] = (byte) localId;
        }
        if (family == Family.IPV6 || kind == SocketKind.DATAGRAM) {
            b[2] = 0;
            b[3] = 0;
            if (family == Family.IPV4) {
                int c = Checksum.of(b, 0, b.length);
                b[2] = (byte) (c >>> 8);
                b[3] = (byte) c;
            }
        }
        sent.add(b);
        peer.onSend(this, b, destination, clock.now);
        return EPOCH + clock.now;
    }

    @Override
    public boolean receive(Inbound into, long timeoutNanos) throws IOException {
        if (closed) {
            throw new ClosedSocketException("closed");
        }
        Arrival a = queue.peek();
        if (a == null || a.at > clock.now + timeoutNanos) {
            clock.now += timeoutNanos;
            return false;
        }
        queue.poll();
        clock.now = Math.max(clock.now, a.at);
        if (a.report != null) {
            TestInbounds.fillErrorReport(into, family, a.bytes, a.source, a.report[0], a.report[1], a.report[2],
                    a.report[3], a.report[4], a.reporter, EPOCH + a.at);
        } else {
            TestInbounds.fill(into, family, headerIncluded(), a.bytes, a.source, EPOCH + a.at, true, a.ttl);
        }
        return true;
    }

    /** The TTL and TOS of later sends as the engine last set them (-1: the default). */
    public int ttl = -1;
    public int tos = -1;

    @Override
    public void setTtl(int ttl) {
        this.ttl = ttl;
    }

    @Override
    public void setTos(int tos) {
        this.tos = tos;
    }

    private long nextArrival() {
        Arrival a = queue.peek();
        return a == null ? Long.MAX_VALUE : a.at;
    }

    /** Waits on the shared fake clock for whichever of the two fake sockets has the earlier arrival. */
    @Override
    public int await(IcmpSocket other, long timeoutNanos) throws IOException {
        FakeSocket o = (FakeSocket) other;
        if (closed || o.closed) {
            throw new ClosedSocketException("closed");
        }
        long a = nextArrival();
        long b = o.nextArrival();
        long first = Math.min(a, b);
        if (first > clock.now + timeoutNanos) {
            clock.now += timeoutNanos;
            return 0;
        }
        clock.now = Math.max(clock.now, first);
        return (a <= clock.now ? 1 : 0) | (b <= clock.now ? 2 : 0);
    }

    @Override
    public void close() {
        closed = true;
    }
}
