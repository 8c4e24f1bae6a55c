package dev.pingkit.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.packet.PcapNgFile;
import dev.pingkit.packet.PcapPacket;
import dev.pingkit.packet.TsharkRequired;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REPL saves pcapng with a comment per packet and loads pcapng back, on real loopback probes. */
class ReplPcapngTest {
    @TempDir
    Path dir;

    @Test
    void savedPcapngCarriesHowEachProbeEndedAndLoadsBack() throws Exception {
        TsharkRequired.check();
        Path f = dir.resolve("run.pcapng");
        var t = ReplDriver.script("echo to 127.0.0.1 id 4242 seq 1 size 8",
                "send -q 2",
                "echo to 127.0.0.1 id 4244 seq 2 size 8 checksum 0xdead",
                "send -q 300ms",
                "save " + f, "load " + f);
        assertEquals(0, t.status(), t.output());
        assertTrue(t.hasLine("saved 2 results to " + f), t.output());
        assertTrue(t.hasLine("3 packets in " + f), t.output());
        assertTrue(t.output().contains("# seq 2: lost"), t.output());
        var bad = ReplDriver.script("save " + dir.resolve("run.txt"));
        assertTrue(bad.hasLine("error: file must end in .csv, .json, .pcap or .pcapng, got " + dir.resolve("run.txt")),
                bad.output());

        List<PcapPacket> packets = PcapNgFile.read(f).packets();
        assertEquals(List.of("answers seq 1", "seq 2: lost"), packets.stream().skip(1).map(PcapPacket::comment)
                .toList());
        Process p = new ProcessBuilder("tshark", "-n", "-r", f.toString(), "-T", "fields", "-e", "frame.comment")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        List<String> lines = out.lines().toList();
        assertEquals(3, lines.size(), out);
        assertTrue(lines.get(0).matches("seq 1: answered in \\d+\\.\\d{3} ms"), out);
        assertEquals(List.of("answers seq 1", "seq 2: lost"), lines.subList(1, 3));
    }
}
