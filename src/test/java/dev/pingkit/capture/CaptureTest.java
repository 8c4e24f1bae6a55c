package dev.pingkit.capture;

import dev.pingkit.Echo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's capture (the REPL's {@code listen}) on real raw sockets over loopback. */
class CaptureTest {

    @Test
    @Timeout(60)
    void keepsOnlyWhatTheFilterPassesAndStopsAtOnce() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        List<Capture.Packet> seen = new ArrayList<>();
        try (Capture c = Capture.open(true, false, Capture.Filter.ANY.host(lo).type(0).id(0x4c1))) {
            Thread sender = new Thread(() -> {
                try {
                    Thread.sleep(200); // the capture is open already: its socket queues from the start
                    Echo.to(lo).id(0x4c2).seq(1).payload("other id").send(Duration.ofSeconds(2));
                    Echo.to(lo).id(0x4c1).seq(2).payload("capture me").send(Duration.ofSeconds(2));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            sender.start();
            long n = c.run(p -> {
                seen.add(p);
                c.stop();
            }, Duration.ofSeconds(30));
            sender.join();
            assertTrue(c.stopped());
            assertEquals(1, n);
        }
        assertEquals(1, seen.size(), seen.toString());
        Capture.Packet p = seen.get(0);
        assertEquals(lo, p.from());
        assertEquals(0, p.message().type());
        assertEquals(0x4c1, p.message().id());
        assertEquals(2, p.message().seq());
    }

    @Test
    @Timeout(30)
    void endsWhenItsTimeIsUp() throws Exception {
        try (Capture c = Capture.open(true, true, Capture.Filter.ANY.type(255))) {
            long start = System.nanoTime();
            assertEquals(0, c.run(p -> { }, Duration.ofMillis(300)));
            assertTrue(System.nanoTime() - start >= 300_000_000L);
        }
    }

    @Test
    void aFilterOutOfRangeNamesTheFieldAndWhatIsAllowed() {
        assertEquals("id must be 0..65535 (or -1 for any), got 70000", assertThrows(IllegalArgumentException.class,
                () -> Capture.Filter.ANY.id(70000)).getMessage());
        assertEquals("type must be 0..255 (or -1 for any), got 256", assertThrows(IllegalArgumentException.class,
                () -> Capture.Filter.ANY.type(256)).getMessage());
    }
}
