package dev.pingkit.engine;

import dev.pingkit.fakes.FakeNet;
import dev.pingkit.fakes.FakeSocket;
import dev.pingkit.fakes.Wire;
import dev.pingkit.socket.Family;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Engine's receive-and-match path allocates nothing for packets the listener did not ask to see. */
class EngineAllocationTest {
    static final int STRAYS = 20_000;

    /** Bytes the run thread allocates for a one-probe run while {@code strays} strays arrive. */
    static long allocatedWith(int strays) throws Exception {
        FakeNet net = new FakeNet();
        InetAddress target = FakeNet.ip("198.51.100.7");
        InetAddress other = FakeNet.ip("198.51.100.99");
        ProbeTarget t = net.engine.add(target, TargetPlan.count(1, Duration.ZERO)
                .spec(ProbeSpec.DEFAULT.timeout(Duration.ofMillis(500))));
        FakeSocket s = net.sockets.get(Family.IPV4);
        byte[] request = new byte[64];
        request[0] = 8;
        request[4] = 0x12;
        request[5] = 0x34;
        request[7] = 1;
        // our identifier and sequence number, from an address that was not probed; and another identifier
        byte[] fromOther = Wire.delivered(s, other, target, 64, Wire.reply(request, false));
        byte[] otherId = Wire.reply(request, false);
        otherId[4] = 0x56;
        byte[] wrongId = Wire.delivered(s, target, target, 64, Wire.checksum(otherId, false));
        for (int i = 0; i < strays; i++) {
            s.deliver(net.clock.now + 1000 + i, i % 2 == 0 ? fromOther : wrongId, i % 2 == 0 ? other : target, 64);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        net.engine.run(ProbeListener.NONE);
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertEquals(0, net.engine.statistics(t).received());
        assertEquals(1, net.engine.statistics(t).transmitted());
        return allocated;
    }

    @Test
    void strayPacketsCostNoAllocation() throws Exception {
        for (int i = 0; i < 5; i++) { // warm up the loop so it runs compiled
            allocatedWith(STRAYS);
        }
        long base = allocatedWith(0);
        long loaded = allocatedWith(STRAYS);
        assertTrue(loaded - base < 16 * 1024,
                STRAYS + " strays cost " + (loaded - base) + " bytes (a run without them: " + base + ")");
    }
}
