package dev.pingkit.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.Echo;
import dev.pingkit.packet.TsharkRequired;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batches keep what was asked, read off the wire: dumpcap captures loopback while batches go out, and tshark reads
 * each request's identifier, sequence number and checksum. The user's id always; the user's seqs; the engine's 1, 2,
 * ... where none was set, and the results say so; a forced checksum as forced.
 */
class BatchNumberingWireTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void idsSeqsAndForcedChecksumsGoOnTheWireAsAsked() throws Exception {
        TsharkRequired.check();
        Path f = dir.resolve("lo.pcapng");
        // loopback is shared with every other test on this machine: the filter keeps our identifiers only
        Process dumpcap = new ProcessBuilder("dumpcap", "-q", "-i", "lo", "-f",
                "icmp[0] == 8 and icmp[4:2] >= 4343 and icmp[4:2] <= 4345", "-w", f.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Results asked;
        Results repeated;
        Results forced;
        try {
            for (int i = 0; i < 200 && (!Files.exists(f) || Files.size(f) == 0); i++) {
                Thread.sleep(50);
            }
            Thread.sleep(300); // the capture filter is attached once the header is written
            asked = Echo.to("127.0.0.1").id(4343).seq(5, 9).sendAll();
            repeated = Echo.to("127.0.0.1").id(4344).size(0, 400, 200).sendAll();
            forced = Echo.to("127.0.0.1").id(4345).checksum(0xdead).seq(20, 21).timeout(Duration.ofMillis(300))
                    .sendAll();
            Thread.sleep(300);
        } finally {
            dumpcap.destroy();
            assertTrue(dumpcap.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals("as asked", asked.numbering());
        assertEquals(List.of(5, 6, 7, 8, 9), asked.all().stream().map(p -> p.request().seq()).toList());
        assertEquals(5, asked.answered().size());
        assertEquals("seq by the engine, 1..3 in send order (no seq was set)", repeated.numbering());
        assertEquals(List.of(1, 2, 3), repeated.all().stream().map(p -> p.request().seq()).toList(),
                "the requests say what the wire carried");
        assertEquals(2, forced.unanswered().size(), "the kernel drops a request with a wrong checksum");

        Process t = new ProcessBuilder("tshark", "-n", "-r", f.toString(), "-T", "fields", "-e", "icmp.ident",
                "-e", "icmp.seq", "-e", "icmp.checksum").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(t.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(t.waitFor(60, TimeUnit.SECONDS));
        List<String> wire = out.lines().map(l -> {
            String[] c = l.split("\t");
            return c[0] + " " + c[1] + (c[0].equals("4345") ? " " + c[2] : "");
        }).toList();
        assertEquals(List.of("4343 5", "4343 6", "4343 7", "4343 8", "4343 9", "4344 1", "4344 2", "4344 3",
                "4345 20 0xdead", "4345 21 0xdead"), wire, out);
    }

    @Test
    @Timeout(60)
    void whereNoIdWasSetTheEngineChoosesOneNoOtherRunHoldsAndSaysSo() throws Exception {
        java.net.InetAddress lo = java.net.InetAddress.getByName("127.0.0.1");
        try (dev.pingkit.engine.Engine other = dev.pingkit.engine.Engine.open(
                dev.pingkit.engine.EngineOptions.defaults().raw())) {
            other.add(lo, dev.pingkit.engine.TargetPlan.explicit());
            int held = other.identifier(lo);
            Results r = Echo.to("127.0.0.1").seq(1, 2).sendAll();
            assertEquals(2, r.answered().size());
            int id = r.all().get(0).request().id();
            assertEquals("id " + id + " chosen by the engine (none was set)", r.numbering());
            assertTrue(held < 0 || id != held, "not the id another open run holds: " + held);
        }
    }
}
