package dev.pingkit.socket;

import static dev.pingkit.socket.TestIcmp.echoRequest;
import static dev.pingkit.socket.TestIcmp.payload;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The send stamp, read from System.nanoTime() and an offset to CLOCK_REALTIME read at most every 10 ms, stays the
 * wall clock's: against Java's own wall clock, and against the kernel's receive stamps of a loopback flood, where
 * most stamps reuse an offset read sends earlier.
 */
class SendClockTest {
    private static final long SLACK_NANOS = 200_000; // Instant.now's own granularity and the calls between readings

    private static long nanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Test
    void readsTheWallClockWhetherItRereadsTheOffsetOrNot() {
        SendClock clock = new SendClock();
        long end = System.nanoTime() + 3 * SendClock.RECHECK_NANOS; // across a few rereads of the offset
        int readings = 0;
        while (System.nanoTime() < end || readings < 10_000) {
            long before = nanos(Instant.now());
            long stamp = clock.realtimeNanos();
            long after = nanos(Instant.now());
            assertTrue(stamp >= before - SLACK_NANOS && stamp <= after + SLACK_NANOS,
                    "stamp " + stamp + " outside the wall clock's [" + before + ", " + after + "] (+- slack)");
            readings++;
        }
    }

    @Test
    void aLoopbackFloodsStampsPrecedeTheKernelsReceiveStamps() throws Exception {
        TestHost.assumeRoot("a raw ICMP socket");
        int id = ThreadLocalRandom.current().nextInt(1, 65536);
        byte[] data = payload("pingkit send clock " + System.nanoTime());
        try (IcmpSocket socket = IcmpSockets.open(Family.IPV4, SocketKind.RAW)) {
            Inbound in = new Inbound();
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            for (int seq = 1; seq <= 2000; seq++) {
                ByteBuffer request = echoRequest(Family.IPV4, id, seq, data);
                long sentAt = socket.send(request, loopback);
                RawSocketLoopbackTest.awaitEcho(socket, in, TestIcmp.ECHO_REPLY_V4, id, seq, data);
                assertTrue(in.kernelTimestamp(), "SO_TIMESTAMPNS control message present");
                long rtt = in.kernelTimeNanos() - sentAt;
                assertTrue(rtt >= 0 && rtt < 1_000_000_000L, "seq " + seq + ": kernel receive time - send time = "
                        + rtt + " ns");
            }
        }
    }
}
