package dev.pingkit.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.Echo;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code listen} over loopback adds what it captured to {@code results}, as rows of status captured. */
class ReplListenResultsTest {
    @Test
    @Timeout(60)
    void listenAddsItsPacketsToTheResults() throws Exception {
        Thread sender = new Thread(() -> {
            try {
                Thread.sleep(700);
                for (int seq = 1; seq <= 3; seq++) {
                    Echo.to("127.0.0.1").id(4340).seq(seq).payload("heard").send(Duration.ofSeconds(2));
                }
                Echo.to("127.0.0.1").id(4341).seq(9).payload("other").send(Duration.ofSeconds(2));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        sender.start();
        var t = ReplDriver.script("ipv4", "listen id 4340 type 0 2", "results", "results stats from",
                "results table seq type reply_ttl");
        sender.join();
        assertEquals(0, t.status(), t.output());
        assertTrue(t.hasLine("3 packets seen"), t.output());
        assertTrue(t.hasLine("Results: 3 probes, 0 answered, 0 errors, 0 lost, 3 captured"), t.output());
        // each reply: the sender, its own id and seq, the payload's size, the status, its TTL, type and code
        for (int seq = 1; seq <= 3; seq++) {
            int s = seq;
            assertTrue(t.output().lines().anyMatch(l -> l.matches(
                    "127\\.0\\.0\\.1 +4340 +" + s + " +5 +- +- +captured +127\\.0\\.0\\.1 +- +64 +0 +0")), t.output());
        }
        // counted, never lost: a capture is not a probe that went unanswered
        assertTrue(t.output().lines().anyMatch(l -> l.matches("127\\.0\\.0\\.1 +3 +0 +0% +- +- +- +-")), t.output());
        assertTrue(t.output().lines().anyMatch(l -> l.matches("seq +0")), t.output());
        assertTrue(t.output().lines().anyMatch(l -> l.matches("2 +64")), t.output());
    }
}
