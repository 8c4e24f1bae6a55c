package dev.pingkit.ping;

import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.SendResult;
import dev.pingkit.Echo;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Real raw sockets on loopback: the kernel answers. Needs root (CAP_NET_RAW); skipped with the reason elsewhere. */
public class LoopbackTest {

    public static void assumeRoot(String why) throws IOException {
        String uid = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                .findFirst().orElseThrow().split("\\s+")[2];
        if (!uid.equals("0")) {
            if ("true".equals(System.getenv("CI"))) {
                fail(why + " needs root; CI=true, so this is a failure, not a skip");
            }
            Assumptions.abort(why + " needs root, and this runs as uid " + uid);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void echoSendIsAnsweredWithTheRightFieldsAndAKernelTimestampRtt(String host) throws IOException {
        assumeRoot("a raw-socket echo");
        long before = System.currentTimeMillis();
        SendResult r = Echo.to(host).id(7).seq(1).payload("hi").send();
        long wallMillis = System.currentTimeMillis() - before;
        SendResult.Answered a = assertInstanceOf(SendResult.Answered.class, r, String.valueOf(r));
        assertEquals(InetAddress.getByName(host), a.from());
        assertEquals(7, a.reply().id());
        assertEquals(1, a.reply().seq());
        assertTrue(a.reply().isEchoReply(), a.reply().toString());
        assertEquals("hi", new String(a.reply().payload(), java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(a.checksumOk());
        assertTrue(a.payloadMatches());
        assertEquals(64, a.ttl());
        // plausible: positive and no longer than the whole call took
        assertTrue(a.rttNanos() > 0 && a.rttNanos() <= (wallMillis + 1) * 1_000_000, a.rtt() + " in " + wallMillis + " ms");
        String line = dev.pingkit.SendReport.line(a);
        assertTrue(line.startsWith("10 bytes from " + (host.equals("::1") ? "::1" : host) + ": icmp_seq=1 ttl=64 time="),
                line);
    }

    @org.junit.jupiter.api.Test
    void anIcmpv6ReplyIsCheckedWithThePseudoHeaderOfItsSourceAndOurAddress() throws IOException {
        assumeRoot("a raw-socket echo");
        SendResult r = Echo.to("::1").seq(2).payload("pseudo").send();
        SendResult.Answered a = assertInstanceOf(SendResult.Answered.class, r, String.valueOf(r));
        // the reply's destination came from IPV6_PKTINFO: both addresses known, the checksum verified
        assertEquals(dev.pingkit.packet.ChecksumStatus.VALID, a.reply().checksumStatus(), a.reply().show());
        String shown = a.show();
        assertTrue(shown.contains("(correct)") && !shown.contains("not checked"), shown);
        assertTrue(shown.contains("src      = ::1") && shown.contains("dst      = ::1"), shown);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void aHundredProbesAtOneMillisecondAreAllAnswered(String host) throws IOException {
        assumeRoot("a 1 ms interval");
        PingSettings s = PingSettings.to(InetAddress.getByName(host)).count(100).interval(Duration.ofMillis(1));
        AtomicInteger replies = new AtomicInteger();
        AtomicInteger kernelStamped = new AtomicInteger();
        try (Pinger p = Pinger.open(s)) {
            PingStatistics st = p.run(e -> {
                if (e instanceof PingEvent.Outcome r && r.reply() != null) {
                    replies.incrementAndGet();
                    if (r.reply().kernelTimestamp()) {
                        kernelStamped.incrementAndGet();
                    }
                }
            });
            assertEquals(100, st.transmitted(), st.show());
            assertEquals(100, st.received(), st.show());
            assertEquals(0, st.duplicates(), st.show());
            assertEquals(0, st.errors(), st.show());
            assertEquals(0, st.corrupted(), st.show());
            assertTrue(st.minNanos() > 0 && st.minNanos() <= st.avgNanos() && st.avgNanos() <= st.maxNanos(), st.show());
        }
        assertEquals(100, replies.get());
        assertEquals(100, kernelStamped.get());
    }

    @org.junit.jupiter.api.Test
    void stopFromAnotherThreadWakesTheLoopAndReturnsTheStatisticsSoFar() throws Exception {
        assumeRoot("a raw-socket run");
        java.util.concurrent.CountDownLatch firstReply = new java.util.concurrent.CountDownLatch(1);
        PingSettings s = PingSettings.to(InetAddress.getByName("127.0.0.1")); // no count: runs until stopped
        try (Pinger p = Pinger.open(s)) {
            Thread stopper = new Thread(() -> {
                try {
                    firstReply.await();
                    p.stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            stopper.start();
            PingStatistics st = p.run(e -> {
                if (Seen.is(e, ProbeEvent.Reply.class)) {
                    firstReply.countDown();
                }
            });
            stopper.join();
            assertTrue(st.received() >= 1, st.show());
            assertEquals(st.transmitted(), st.received(), st.show());
            assertEquals(st, p.snapshot());
        }
    }

    /**
     * Many one-probe runs, each on a fresh raw socket, while another pinger floods loopback: each run's single
     * reply counts (no run ends with 100% loss). The flood's packets reach every new raw socket until its filter is
     * on; they must never crowd out the reply.
     */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void oneProbeRunsDuringAFloodEachGetTheirReply(String host) throws Exception {
        assumeRoot("raw sockets and a flood");
        InetAddress target = InetAddress.getByName(host);
        // flood(true) sets interval 0, as ping -f does; at the default 1 s the flood would not reach 200 in 30 s.
        Pinger flood = Pinger.open(PingSettings.to(target).flood(true).preload(16)
                .identifier(0x6a00));
        var floodResult = new java.util.concurrent.atomic.AtomicReference<PingStatistics>();
        var floodFailure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        Thread flooding = new Thread(() -> {
            try {
                floodResult.set(flood.run(PingListener.NONE)); // stop() ends it normally, with its statistics
            } catch (IOException | RuntimeException e) {
                floodFailure.set(e);
            }
        }, "loopback-flood");
        flooding.start();
        int lost = 0;
        StringBuilder which = new StringBuilder();
        long floodBefore;
        try {
            // The probes start once the flood is in full swing (200 sent), however slow the machine is today.
            long until = System.nanoTime() + 30_000_000_000L;
            while ((floodBefore = flood.snapshot().transmitted()) < 200 && floodFailure.get() == null
                    && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            for (int i = 0; i < 50; i++) {
                try (Pinger p = Pinger.open(PingSettings.to(target).count(1).identifier(0x6a01 + i)
                        .replyTimeout(Duration.ofSeconds(5)))) {
                    PingStatistics st = p.run(PingListener.NONE);
                    if (st.received() != 1) {
                        lost++;
                        which.append(' ').append(i);
                    }
                }
            }
        } finally {
            flood.stop();
            flooding.join();
        }
        assertEquals(0, lost, "runs without their reply:" + which);
        // The flood was really there the whole time: it ran without error, was in full swing before the first
        // probe and went on sending while they ran.
        assertEquals(null, floodFailure.get(), "the flood failed");
        PingStatistics flooded = floodResult.get();
        assertTrue(floodBefore >= 200, "the flood sent only " + floodBefore + " in 30 s");
        assertTrue(flooded != null && flooded.transmitted() > floodBefore && flooded.received() > 0,
                "the flood ran on: " + floodBefore + " sent before the probes, then "
                        + (flooded == null ? "no statistics" : flooded.show()));
    }

    @org.junit.jupiter.api.Test
    void concurrentSendsOfTheSameProbesFromEightThreadsNeverTakeEachOthersReply() throws Exception {
        assumeRoot("raw-socket echoes");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int seq = 1; seq <= 60; seq++) {
                        long before = System.nanoTime();
                        SendResult r = Echo.to("127.0.0.1").seq(seq).send(Duration.ofSeconds(5));
                        long wall = System.nanoTime() - before;
                        if (!(r instanceof SendResult.Answered a) || a.reply().seq() != seq || a.rttNanos() <= 0
                                || a.rttNanos() > wall) {
                            return "seq " + seq + ": " + r;
                        }
                    }
                    return "ok";
                }));
            }
            for (java.util.concurrent.Future<String> f : results) {
                assertEquals("ok", f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
