package dev.pingkit.ping;

import dev.pingkit.socket.Family;
import dev.pingkit.socket.SocketKind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;

import static dev.pingkit.ping.PingerTest.client;
import static dev.pingkit.ping.PingerTest.ip;
import static dev.pingkit.ping.PingerTest.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The receive-and-match path allocates nothing for packets nobody asked to see. */
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
}
