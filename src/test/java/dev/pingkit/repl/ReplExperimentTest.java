package dev.pingkit.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.packet.PcapPacket;
import dev.pingkit.packet.TsharkAgreement;
import dev.pingkit.packet.TsharkRequired;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The experiment language over loopback: loops, quiet sends, results, save/load, plot, and its mistakes. */
class ReplExperimentTest {
    @TempDir
    Path dir;

    @Test
    void payloadSizeLoopGivesOneLinePerSendAndATable() {
        var t = ReplDriver.script("echo to 127.0.0.1 id 4242 size 0",
                "for s in 0..1400 step 200 {",
                "  send --next -q size $s 2",
                "}",
                "results table size target rtt");
        assertEquals(0, t.status(), t.output());
        List<String> sends = t.output().lines().filter(l -> l.startsWith("127.0.0.1 seq=")).toList();
        assertEquals(8, sends.size(), t.output());
        for (int i = 0; i < 8; i++) {
            assertTrue(sends.get(i).matches("127\\.0\\.0\\.1 seq=" + (i + 2) + " size=" + i * 200
                    + ": reply from 127\\.0\\.0\\.1 ttl=64 time=\\d+\\.\\d{3} ms"), sends.get(i));
        }
        assertTrue(t.hasLine("size  127.0.0.1"), t.output());
        for (int size = 0; size <= 1400; size += 200) {
            int s = size;
            assertTrue(t.output().lines().anyMatch(l -> l.matches(s + " +\\d+\\.\\d{3}")), size + "\n" + t.output());
        }
    }

    @Test
    void listLoopsRepeatArithmeticCsvAndJsonLines() {
        var t = ReplDriver.script("echo to 127.0.0.1 id 77 size 8",
                "let base 100",
                "for t in 3,4 { repeat 2 { send --next --csv ttl $t size $(( $base + $t * 10 )) 2 } }",
                "send --json 2",
                "results stats ttl");
        assertEquals(0, t.status(), t.output());
        List<String> csv = t.output().lines().filter(l -> l.startsWith("127.0.0.1,77,")).toList();
        assertEquals(4, csv.size(), t.output());
        assertTrue(csv.get(0).startsWith("127.0.0.1,77,2,130,3,,answered,127.0.0.1,"), csv.get(0));
        assertTrue(csv.get(3).startsWith("127.0.0.1,77,5,140,4,,answered,127.0.0.1,"), csv.get(3));
        assertEquals(1, t.output().lines().filter(l -> l.startsWith("target,id,seq,size,")).count(),
                "the header once\n" + t.output());
        assertTrue(t.output().lines().anyMatch(l -> l.startsWith("{\"target\":\"127.0.0.1\",\"id\":77,\"seq\":5,"
                + "\"size\":140,\"ttl\":4,\"tos\":null,\"status\":\"answered\"")), t.output());
        assertTrue(t.output().lines().anyMatch(l -> l.matches("3 +2 +0 +0% .*")), t.output());
        assertTrue(t.output().lines().anyMatch(l -> l.matches("4 +3 +0 +0% .*")), t.output());
    }

    @Test
    void loopSyntaxErrorsNameLineAndColumnAndTheSessionGoesOn() {
        var t = ReplDriver.script("echo to 127.0.0.1 id 9 size 4",
                "# a comment still counts as a line",
                "for 2x in 1..3 { send -q }",
                "for i in 1..3 step 0 { send -q 1 }",
                "repeat 2 { send -q size $((1/0)) }",
                "}",
                "send -q 2");
        assertEquals(1, t.status(), "failures are counted\n" + t.output());
        assertTrue(t.hasLine("error: line 3, column 5: loop variable must be a name (letters, digits, _), got 2x"),
                t.output());
        assertTrue(t.hasLine("error: line 4, column 10: step 0 never gets from 1 to 3"), t.output());
        assertTrue(t.hasLine("error: line 5, column 12: arithmetic: division by zero at position 3 of $((1/0))"), t.output());
        assertTrue(t.hasLine("error: line 6, column 1: } without a for or repeat to close"), t.output());
        assertTrue(t.output().lines().anyMatch(l -> l.startsWith("127.0.0.1 seq=1 size=4: reply from")),
                "the session still sends\n" + t.output());
        assertTrue(t.output().lines().filter(l -> l.startsWith("error:")).count() == 4, t.output());
    }

    @Test
    void aScriptEndingInsideALoopSaysWhereTheLoopBegan() {
        var t = ReplDriver.script("echo to 127.0.0.1", "", "for i in 1..2 {", "  send -q 1");
        assertEquals(1, t.status());
        assertTrue(t.hasLine("error: line 3: the loop that starts here has no closing }"), t.output());
    }

    @Test
    void savedPcapIsReadByTsharkAndLoadsBackAndCsvRoundTrips() throws Exception {
        TsharkRequired.check();
        Path pcap = dir.resolve("run.pcap");
        Path csv = dir.resolve("run.csv");
        Path json = dir.resolve("run.json");
        var t = ReplDriver.script("echo to 127.0.0.1 id 4242 size 0",
                "for s in 0,100,1400 { send --next -q size $s 2 }",
                "echo to ::1 id 4243 size 24",
                "send -q 2",
                "echo to 127.0.0.1 id 4244 size 8 checksum 0xdead",
                "send -q 300ms",
                "save " + pcap, "save " + csv, "save " + json,
                "results clear", "load " + csv, "results", "load " + pcap, "plot");
        assertEquals(0, t.status(), t.output());
        List<PcapPacket> packets = TsharkAgreement.assertAgrees(pcap);
        assertEquals(9, packets.size(), "4 requests and replies, and the unanswered bad-checksum probe");
        assertEquals(129, packets.get(7).icmp().orElseThrow().type(), "the ICMPv6 reply");
        assertTrue(t.hasLine("loaded 5 results from " + csv), t.output());
        assertTrue(t.hasLine("Results: 5 probes, 4 answered, 0 errors, 1 lost"), t.output());
        assertTrue(t.hasLine("9 packets in " + pcap), t.output());
        assertTrue(t.output().contains("ICMPv6 ::1 > ::1 echo-reply id=4243 seq=1 len=24"), t.output());
        assertTrue(t.hasLine("rtt histogram: 4 answered, 1 lost"), t.output());
        String j = Files.readString(json);
        assertTrue(j.startsWith("[\n  {\"target\":\"127.0.0.1\",\"id\":4242,\"seq\":2,\"size\":0,"), j);
        assertEquals(5, j.lines().filter(l -> l.startsWith("  {")).count(), j);
    }

    @Test
    void aHostileCaptureOrCsvIsOneLineAndTheSessionGoesOn() throws Exception {
        Path bad = dir.resolve("bad.pcap");
        Files.write(bad, new byte[] {(byte) 0xa1, (byte) 0xb2, 0x3c, 0x4d, 0, 2, 0, 4});
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "target,id,seq,size,ttl,tos,status,from,rtt,reply_ttl,type,code,sent_ns\n"
                + "127.0.0.1,1,1,-4,,,answered,127.0.0.1,0.1,64,0,0,1\n");
        var t = ReplDriver.script("load " + bad, "load " + csv, "load " + dir.resolve("none.pcap"), "results");
        assertTrue(t.hasLine("error: " + bad + ": at offset 8: truncated file header: 8 of 24 bytes present"),
                t.output());
        assertTrue(t.hasLine("error: " + csv + " line 2: size must be 0..65507 for IPv4, got -4"), t.output());
        assertTrue(t.hasLine("error: no such file: " + dir.resolve("none.pcap")), t.output());
        assertTrue(t.hasLine("Results: 0 probes, 0 answered, 0 errors, 0 lost"), t.output());
    }
}
