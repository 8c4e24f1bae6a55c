package dev.pingkit.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Timeouts, closing and file descriptors. Receives run in a throwaway namespace where no other ICMP traffic
 * exists, so "nothing arrived" is certain and not a race with other pings on the host.
 */
class SocketLifecycleTest {
    private static TestHost.Netns quiet;

    @BeforeAll
    static void namespace() throws Exception {
        TestHost.assumeRoot("raw sockets in a throwaway namespace");
        quiet = TestHost.Netns.create("1 0");
    }

    @AfterAll
    static void removeNamespace() {
        if (quiet != null) {
            quiet.close();
        }
    }

    private static IcmpSocket openQuiet(Family family) throws Exception {
        return IcmpSockets.open(family, SocketKind.RAW, SocketOptions.DEFAULTS.netns(quiet.name));
    }

    @Test
    void receiveReturnsFalseWhenTheTimeoutPasses() throws Exception {
        try (IcmpSocket socket = openQuiet(Family.IPV4)) {
            Inbound in = new Inbound();
            assertFalse(socket.receive(in, 0));
            assertFalse(socket.receive(in, 50_000_000L));
        }
    }

    @Test
    void subMillisecondWaitsLastTheirTimeoutNeverLess() throws Exception {
        // Waits go to the kernel in nanoseconds (ppoll), no longer rounded up to poll's millisecond: they must
        // still never end early, or a probe would be reported lost before its time. (How much shorter they are
        // is a speed question, for scripts/bench.)
        try (IcmpSocket v4 = openQuiet(Family.IPV4); IcmpSocket v6 = openQuiet(Family.IPV6)) {
            Inbound in = new Inbound();
            for (long wait : new long[] {1_000L, 250_000L, 999_999L, 1_500_000L}) {
                long start = System.nanoTime();
                assertFalse(v4.receive(in, wait));
                assertTrue(System.nanoTime() - start >= wait, "receive of " + wait + " ns");
                start = System.nanoTime();
                assertEquals(0, v4.await(v6, wait));
                assertTrue(System.nanoTime() - start >= wait, "await of " + wait + " ns");
            }
        }
    }

    @Test
    void closeFromAnotherThreadWakesABlockedReceive() throws Exception {
        IcmpSocket socket = openQuiet(Family.IPV6);
        AtomicReference<Object> outcome = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread receiver = new Thread(() -> {
            started.countDown();
            try {
                outcome.set(socket.receive(new Inbound(), 60_000_000_000L)); // a minute: far beyond the join below
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        receiver.start();
        started.await();
        Thread.sleep(200); // let it reach poll; if it has not, receive sees the closed flag instead: same outcome
        socket.close();
        receiver.join(30_000);
        assertFalse(receiver.isAlive(), "receive still blocked after close");
        assertInstanceOf(ClosedSocketException.class, outcome.get(), "receive ended with " + outcome.get());
    }

    @Test
    void closeIsIdempotentAndLaterCallsSayClosed() throws Exception {
        IcmpSocket socket = openQuiet(Family.IPV4);
        socket.close();
        socket.close();
        assertThrows(ClosedSocketException.class, () -> socket.receive(new Inbound(), 0));
        assertThrows(ClosedSocketException.class,
                () -> socket.send(ByteBuffer.wrap(new byte[8]), InetAddress.getByName("127.0.0.1")));
        assertThrows(ClosedSocketException.class, () -> socket.setTtl(5));
        assertTrue(socket.toString().endsWith("closed"), socket.toString());
    }

    @Test
    void tenThousandOpenCloseCyclesLeaveTheFdCountUnchanged() throws Exception {
        // Warm up first: loading JNA and the classes opens files of its own.
        IcmpSockets.open(Family.IPV4, SocketKind.RAW).close();
        IcmpSockets.open(Family.IPV6, SocketKind.RAW).close();
        long before = TestHost.openFds();
        for (int i = 0; i < 10_000; i++) {
            IcmpSocket socket = IcmpSockets.open(i % 2 == 0 ? Family.IPV4 : Family.IPV6, SocketKind.RAW);
            if (i % 100 == 0) {
                socket.receive(new Inbound(64), 0); // some cycles also use the receive path
            }
            socket.close();
        }
        assertEquals(before, TestHost.openFds(), "entries in /proc/self/fd before and after");
    }

    @Test
    void aSocketThatFailsToConfigureLeavesNoFdBehind() throws Exception {
        IcmpSockets.open(Family.IPV4, SocketKind.RAW).close();
        long before = TestHost.openFds();
        for (int i = 0; i < 100; i++) {
            assertThrows(NativeSocketException.class, () -> IcmpSockets.open(Family.IPV4, SocketKind.RAW,
                    SocketOptions.DEFAULTS.device("pktsock-none")));
        }
        assertEquals(before, TestHost.openFds());
    }

    @Test
    void destinationOfTheOtherFamilyIsAnArgumentError() throws Exception {
        try (IcmpSocket socket = openQuiet(Family.IPV4)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> socket.send(ByteBuffer.wrap(new byte[8]), InetAddress.getByName("::1")));
            assertEquals("destination must be an IPV4 address for this socket, got 0:0:0:0:0:0:0:1", e.getMessage());
        }
    }
}
