package dev.pingkit.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.Echo;
import dev.pingkit.engine.Stop;
import dev.pingkit.packet.PcapNgFile;
import dev.pingkit.packet.PcapPacket;
import dev.pingkit.packet.TsharkRequired;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public capture as a Java user drives it, on real raw sockets over loopback: every message type (echo
 * requests too), filtered by code, id and a predicate, ended by the run's stop token, written as pcapng that tshark
 * reads.
 */
class CaptureApiTest {
    @TempDir
    Path dir;

    /** Sends {@code probes} (id, seq) from another thread once the capture is open. */
    private static Thread sendLater(InetAddress to, int[][] probes) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(200);
                for (int[] p : probes) {
                    Echo.to(to).id(p[0]).seq(p[1]).payload("capture").send(Duration.ofSeconds(2));
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        t.start();
        return t;
    }

    @Test
    @Timeout(60)
    void seesRequestsAndRepliesOfBothFamiliesFilteredByIdCodeAndAPredicateUntilStopped() throws Exception {
        InetAddress v4 = InetAddress.getByName("127.0.0.1");
        InetAddress v6 = InetAddress.getByName("::1");
        Stop stop = new Stop();
        Capture.Filter f = Capture.Filter.ANY.id(0x4c5).code(0).where(p -> p.message().seq() != 2);
        List<Capture.Packet> got;
        try (Capture c = Capture.open(true, true, f)) {
            Thread a = sendLater(v4, new int[][] {{0x4c5, 1}, {0x4c6, 1}, {0x4c5, 2}, {0x4c5, 3}});
            Thread b = new Thread(() -> {
                try {
                    a.join();
                    Echo.to(v6).id(0x4c5).seq(4).payload("capture").send(Duration.ofSeconds(2));
                    Thread.sleep(300);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                stop.stop();
            });
            b.start();
            got = c.collect(Duration.ofSeconds(30), stop);
            b.join();
            assertTrue(c.stopped());
        }
        // loopback delivers each request to the raw socket as well as its reply; in order within a family
        List<String> seen = got.stream().map(p -> p.message().family() + ":" + p.message().type() + ":"
                + p.message().seq()).toList();
        assertEquals(List.of("4:8:1", "4:0:1", "4:8:3", "4:0:3"), seen.stream().filter(s -> s.startsWith("4"))
                .toList());
        assertEquals(List.of("6:128:4", "6:129:4"), seen.stream().filter(s -> s.startsWith("6")).toList());
        got = got.stream().sorted(java.util.Comparator.comparingInt(p -> p.message().family())).toList();
        assertTrue(got.stream().allMatch(p -> p.message().id() == 0x4c5));

        Path file = Capture.pcapng(got, dir.resolve("sniffed.pcapng"));
        List<PcapPacket> back = PcapNgFile.read(file).packets();
        assertEquals(6, back.size());
        assertEquals("captured from ::1 ttl 64", back.get(5).comment());
        assertTrue(back.get(5).icmp().orElseThrow().checksumValid(), "the ICMPv6 checksum over the built header");
        TsharkRequired.check();
        Process p = new ProcessBuilder("tshark", "-n", "-r", file.toString(), "-T", "fields", "-e", "icmp.seq",
                "-e", "icmpv6.echo.sequence_number", "-e", "frame.comment")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(List.of("1\t\tcaptured from 127.0.0.1 ttl 64", "1\t\tcaptured from 127.0.0.1 ttl 64",
                "3\t\tcaptured from 127.0.0.1 ttl 64", "3\t\tcaptured from 127.0.0.1 ttl 64",
                "\t4\tcaptured from ::1 ttl 64", "\t4\tcaptured from ::1 ttl 64"), out.lines().toList());
    }

    @Test
    @Timeout(60)
    void anInterruptEndsACollectWithinItsWaitAndLeavesTheFlagSet() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Object> result = new java.util.concurrent.atomic.AtomicReference<>();
        try (Capture c = Capture.open(true, true, Capture.Filter.ANY.id(0x4c7))) {
            Thread t = new Thread(() -> {
                try {
                    List<Capture.Packet> got = c.collect(Duration.ofSeconds(30), new Stop());
                    result.set(Thread.currentThread().isInterrupted() ? got : "flag cleared");
                } catch (Exception e) {
                    result.set(e);
                }
            });
            t.start();
            Thread.sleep(300);
            long before = System.nanoTime();
            t.interrupt();
            t.join(5_000);
            assertTrue(!t.isAlive(), "the collect ended");
            assertTrue(System.nanoTime() - before < 2_000_000_000L, "within a wait slice, not at the 30 s limit");
            assertTrue(result.get() instanceof List, "returned normally with the flag set: " + result.get());
        }
    }

    @Test
    void filtersPrintWhatTheyKeepAndRefuseOutOfRangeCodes() {
        assertEquals("Filter[type 0 code 0 id 7]", Capture.Filter.ANY.type(0).code(0).id(7).toString());
        assertEquals("Filter[any]", Capture.Filter.ANY.toString());
        assertEquals("code must be 0..255 (or -1 for any), got 300", org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> Capture.Filter.ANY.code(300)).getMessage());
    }
}
