package dev.pingkit.ping;

import dev.pingkit.fakes.FakeClock;
import dev.pingkit.fakes.FakeSocket;
import dev.pingkit.engine.TimeSource;
import dev.pingkit.fakes.Wire;
import dev.pingkit.packet.Checksum;
import dev.pingkit.socket.Family;
import dev.pingkit.socket.IcmpSocket;
import dev.pingkit.socket.Inbound;
import dev.pingkit.socket.SocketKind;
import dev.pingkit.socket.TestInbounds;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;

import static dev.pingkit.fakes.FakeAddresses.client;
import static dev.pingkit.fakes.FakeAddresses.ip;
import static dev.pingkit.fakes.FakeAddresses.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The receive-and-match path allocates nothing for packets nobody asked to see, and a flood (iputils' schedule
 * over the engine, routine events off as the {@code -f} printer asks) allocates nothing per round trip.
 */
class PingerAllocationTest {
    static final int FOREIGN = 20_000;

    /** Bytes the run thread allocates for a one-probe run while {@code foreign} foreign packets arrive. */
    static long allocatedWith(int foreign) throws IOException {
        FakeClock clock = new FakeClock();
        FakeSocket s = new FakeSocket(clock, Family.IPV4, SocketKind.RAW, -1);
        InetAddress me = client(false);
        InetAddress other = ip("198.51.100.99");
        byte[] request = {8, 0, 0, 0, 0x12, 0x34, 0, 1, 1, 2, 3, 4};
        byte[] otherReply = Wire.delivered(s, other, me, 64, Wire.reply(request, false));
        byte[] otherRequest = Wire.delivered(s, other, me, 64, Wire.checksum(request.clone(), false));
        // queued before measuring: the fake socket then only copies into the reused Inbound
        for (int i = 0; i < foreign; i++) {
            s.deliver(clock.now + 1000 + i, i % 2 == 0 ? otherReply : otherRequest, other, 64);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        PingSettings settings = PingSettings.to(target(false)).identifier(4242).count(1)
                .replyTimeout(Duration.ofMillis(500));
        try (Pinger p = new Pinger(settings, s, clock)) {
            long before = mx.getThreadAllocatedBytes(tid);
            PingStatistics st = p.run(PingListener.NONE);
            long allocated = mx.getThreadAllocatedBytes(tid) - before;
            assertEquals(0, st.received());
            return allocated;
        }
    }

    @Test
    void foreignPacketsCostNoAllocation() throws IOException {
        for (int i = 0; i < 5; i++) { // warm up the loop so it runs compiled
            allocatedWith(FOREIGN);
        }
        long base = allocatedWith(0);
        long loaded = allocatedWith(FOREIGN);
        assertTrue(loaded - base < 16 * 1024,
                FOREIGN + " foreign packets cost " + (loaded - base) + " bytes (a run without them: " + base + ")");
    }

    static final int FLOOD = 20_000;

    /** Bytes the run thread allocates for a flood of {@code count} round trips, every probe answered. */
    static long floodAllocates(int count) throws IOException {
        return flood(count, new long[1]);
    }

    /** A flood of {@code count} answered round trips; {@code reads[0]} gets how often the run read the clock. */
    static long flood(int count, long[] reads) throws IOException {
        FakeClock clock = new FakeClock();
        TimeSource counted = () -> {
            reads[0]++;
            return clock.nanoTime();
        };
        Reflector s = new Reflector(clock);
        int[] seen = new int[2];
        PingListener dots = new PingListener() {
            @Override
            public void onEvent(PingEvent e) {
                throw new AssertionError("no event object expected in a flood that answers everything: " + e);
            }

            @Override
            public boolean wantsRoutineEvents() {
                return false;
            }

            @Override
            public void onSent(int seq) {
                seen[0]++;
            }

            @Override
            public void onReply(int seq) {
                seen[1]++;
            }
        };
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        PingSettings settings = PingSettings.to(target(false)).count(count).interval(Duration.ZERO).flood(true);
        try (Pinger p = new Pinger(settings, s, counted)) {
            long before = mx.getThreadAllocatedBytes(tid);
            PingStatistics st = p.run(dots);
            long allocated = mx.getThreadAllocatedBytes(tid) - before;
            assertEquals(count, st.received());
            assertEquals(count, seen[0]);
            assertEquals(count, seen[1]);
            return allocated;
        }
    }

    @Test
    void aFloodAllocatesNothingPerRoundTrip() throws IOException {
        for (int i = 0; i < 5; i++) { // warm up the loop so it runs compiled
            floodAllocates(FLOOD);
        }
        long base = floodAllocates(1_000);
        long loaded = floodAllocates(FLOOD);
        assertTrue(loaded - base < 16 * 1024, (FLOOD - 1_000) + " more round trips cost " + (loaded - base)
                + " bytes (a flood of 1 000: " + base + ")");
    }

    @Test
    void aFloodReadsTheClockOncePerSend() throws IOException {
        long[] reads = new long[1];
        flood(FLOOD, reads);
        assertTrue(reads[0] <= FLOOD + 10, FLOOD + " round trips read the clock " + reads[0] + " times");
    }

    /**
     * A ping socket whose peer answers every request 10 µs later, allocating nothing itself: the reply is the
     * request turned around in one reused buffer.
     */
    private static final class Reflector implements IcmpSocket {
        static final int ID = 4242;
        private final FakeClock clock;
        private final byte[] reply = new byte[64];
        private final byte[] from = target(false).getAddress();
        private int length = -1;
        private long arrival;

        Reflector(FakeClock clock) {
            this.clock = clock;
        }

        @Override
        public Family family() {
            return Family.IPV4;
        }

        @Override
        public SocketKind kind() {
            return SocketKind.DATAGRAM;
        }

        @Override
        public int localId() {
            return ID;
        }

        @Override
        public boolean headerIncluded() {
            return false;
        }

        @Override
        public long send(ByteBuffer icmpMessage, InetAddress destination) {
            length = icmpMessage.remaining();
            icmpMessage.get(icmpMessage.position(), reply, 0, length); // absolute: no duplicate buffer
            reply[0] = 0;
            reply[2] = 0;
            reply[3] = 0;
            int c = Checksum.of(reply, 0, length);
            reply[2] = (byte) (c >>> 8);
            reply[3] = (byte) c;
            arrival = clock.now + 10_000;
            return FakeSocket.EPOCH + clock.now;
        }

        @Override
        public boolean receive(Inbound into, long timeoutNanos) {
            if (length < 0 || arrival > clock.now + timeoutNanos) {
                clock.now += timeoutNanos;
                return false;
            }
            clock.now = Math.max(clock.now, arrival);
            TestInbounds.fill(into, Family.IPV4, false, reply, length, from, FakeSocket.EPOCH + arrival, true, 64);
            length = -1;
            return true;
        }

        @Override
        public void setTtl(int ttl) {
        }

        @Override
        public void close() {
        }
    }
}
