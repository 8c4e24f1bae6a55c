package dev.pingkit.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.Echo;
import dev.pingkit.engine.Query;
import dev.pingkit.packet.Checksum;
import dev.pingkit.packet.IcmpMessage;
import dev.pingkit.packet.Pcap;
import dev.pingkit.packet.PcapPacket;
import dev.pingkit.packet.TsharkRequired;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results as pcapng: a real batch over loopback plus a lost and a corrupted probe, read back by tshark (the comment
 * on every frame, the fields it dissects) and by pingkit itself.
 */
class ResultsPcapngTest {
    @TempDir
    Path dir;

    /** A reply to {@code request} whose payload byte at ICMP offset {@code at} was changed on the way back. */
    private static IcmpMessage damagedReply(Query request, int at) {
        byte[] b = request.toBytes();
        b[0] = 0;
        b[2] = 0;
        b[3] = 0;
        b[at] ^= 1;
        int sum = Checksum.of(b, 0, b.length);
        b[2] = (byte) (sum >>> 8);
        b[3] = (byte) sum;
        return IcmpMessage.decode(b, 0, b.length);
    }

    private static List<String[]> tshark(Path f) throws Exception {
        Process p = new ProcessBuilder("tshark", "-n", "-r", f.toString(), "-T", "fields", "-E", "separator=|",
                "-e", "icmp.type", "-e", "icmp.seq", "-e", "frame.comment").start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)
                .replaceAll("(?m)^Running as user \"root\".*\\n?", "");
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        assertEquals("", err.strip(), "tshark warned");
        List<String[]> rows = new ArrayList<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                rows.add(line.split("\\|", -1));
            }
        }
        return rows;
    }

    @Test
    void tsharkShowsHowEveryProbeEndedAsTheFramesComment() throws Exception {
        TsharkRequired.check();
        Results sent = Echo.to("127.0.0.1").payload("hello").seq(1, 3).sendAll();
        assertEquals(3, sent.answered().size(), sent.summary());
        Query lost = Echo.to("127.0.0.1").id(7).seq(4).payload("hello").query();
        Query damaged = Echo.to("127.0.0.1").id(7).seq(5).payload("hello").query();
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        long t = sent.all().get(2).sentEpochNanos() + 1_000_000;
        Results r = sent.plus(Results.of(List.of(
                new ProbeResult(lost, t, ProbeResult.Status.LOST, null, -1, -1, null),
                new ProbeResult(damaged, t + 1_000_000, ProbeResult.Status.CORRUPTED, lo, 50_000, 64,
                        damagedReply(damaged, 12)))));
        Path f = r.pcapng(dir.resolve("run.pcapng"));

        List<String[]> rows = tshark(f);
        assertEquals(9, rows.size(), "3 requests and replies, the lost request, the corrupted pair");
        for (int i = 0; i < 3; i++) {
            int seq = sent.all().get(i).request().seq();
            assertEquals("8", rows.get(2 * i)[0]);
            assertEquals(String.valueOf(seq), rows.get(2 * i)[1]);
            assertTrue(rows.get(2 * i)[2].matches("seq " + seq + ": answered in \\d+\\.\\d{3} ms"),
                    rows.get(2 * i)[2]);
            assertEquals("0", rows.get(2 * i + 1)[0]);
            assertEquals("answers seq " + seq, rows.get(2 * i + 1)[2]);
        }
        assertEquals("seq 4: lost", rows.get(6)[2]);
        assertEquals("seq 5: corrupted reply in 0.050 ms", rows.get(7)[2]);
        assertEquals("corrupted: byte 12 differs; answers seq 5", rows.get(8)[2]);

        List<PcapPacket> back = Pcap.read(f);
        assertEquals(9, back.size());
        assertEquals("seq 4: lost", back.get(6).comment());
        assertEquals(5, back.get(8).icmp().orElseThrow().seq());
    }
}
