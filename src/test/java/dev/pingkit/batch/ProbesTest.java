package dev.pingkit.batch;

import dev.pingkit.engine.Query;
import dev.pingkit.Echo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.packet.PcapPacket;
import dev.pingkit.packet.TsharkAgreement;
import dev.pingkit.packet.TsharkRequired;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches: ranges that multiply, one engine run over loopback, results as tables and captures. */
class ProbesTest {
    @TempDir
    Path dir;

    static void assumeRoot(String why) throws java.io.IOException {
        boolean root = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[2].equals("0"));
        org.junit.jupiter.api.Assumptions.assumeTrue(root, why + " needs root");
    }

    @Test
    void rangesMultiplyInSendOrder() {
        Probes p = Echo.to("127.0.0.1").id(7).payload("abc").probes().targets("198.19.0.0/31", "2001:db8::1")
                .seq(1, 2).sizes(0, 10).ttls(1, 64);
        assertEquals(3 * 2 * 2 * 2, p.count());
        List<Query> l = p.list();
        assertEquals(24, l.size());
        assertEquals("Echo 198.19.0.0 id=7 seq=1 len=0 checksum=0xf7f7 ttl=1", l.get(0).toString());
        assertEquals("198.19.0.1", l.get(8).target().getHostAddress());
        assertEquals(10, l.get(3).payloadLength());
        assertEquals(64, l.get(3).ttl());
        assertEquals(9, l.get(23).payload()[9], "a size fills as Echo.size does: byte i is i");
        assertEquals("Probes: 24 to 3 targets seq [1,2] size [0,10] ttl [1,64]", p.toString());
        assertEquals("Probes: 8 to 127.0.0.1 size 0..1400 step 200", Echo.to("127.0.0.1").size(0, 1400, 200)
                .toString());
    }

    @Test
    void withersReturnCopiesAndSeqsTakeJumpsAndRepeatsAsGiven() {
        Probes one = Echo.to("127.0.0.1").id(7).probes();
        Probes jumps = one.seqs(1, 5, 5, 9);
        assertEquals("Probes: 1 to 127.0.0.1", one.toString(), "the value a wither started from is unchanged");
        assertEquals("Probes: 4 to 127.0.0.1 seq [1,5,5,9]", jumps.toString());
        assertEquals(List.of(1, 5, 5, 9), jumps.list().stream().map(Query::seq).toList());
        assertEquals(jumps, one.seqs(1, 5, 5, 9));
        assertTrue(!one.equals(one.seq(1, 1)), "seq(1, 1) sets the seq; the echo's default leaves it to the engine");
        assertEquals(one.seq(1, 1).list(), one.list(), "the same probes either way");
        assertEquals("seq must be 0..65535, got 70000",
                assertThrows(IllegalArgumentException.class, () -> one.seqs(1, 70000)).getMessage());
        assertEquals("seq needs at least one value",
                assertThrows(IllegalArgumentException.class, () -> one.seqs()).getMessage());
    }

    @Test
    void badRangesAndForcedFieldsAreOneLineErrors() {
        Echo e = Echo.to("127.0.0.1");
        assertEquals("ttl must be 1..255, got 0..3",
                assertThrows(IllegalArgumentException.class, () -> e.ttl(0, 3)).getMessage());
        assertEquals("size step must be 1 or more, got 0",
                assertThrows(IllegalArgumentException.class, () -> e.size(0, 100, 0)).getMessage());
        assertEquals("a batch must be at most 100000 probes, got 131072 targets",
                assertThrows(IllegalArgumentException.class, () -> e.targets("198.18.0.0/15")).getMessage());
        assertEquals("a block must hold 1..1048576 hosts, 198.0.0.0/11 holds 2097152",
                assertThrows(IllegalArgumentException.class, () -> e.targets("198.0.0.0/11")).getMessage());
        assertEquals("prefix length must be 1..32, got '33'",
                assertThrows(IllegalArgumentException.class, () -> e.targets("198.18.0.0/33")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> e.targets("198.18.0.0/16").seq(0, 1).ttl(1, 2))
                .getMessage().startsWith("a batch must be at most 100000 probes, got 131072"));
        assertEquals("checksum cannot be forced over an ICMPv6 socket (the kernel computes it), got 0xdead",
                assertThrows(IllegalArgumentException.class, () -> Echo.to("::1").checksum(0xdead).seq(1, 2)
                        .sendAll()).getMessage());
    }

    @Test
    void cidrBlocksExpandToEveryAddress() {
        Echo e = Echo.to("127.0.0.1");
        List<InetAddress> v6 = e.targets("2001:db8::ff/126").list().stream().map(Query::target).toList();
        assertEquals(4, v6.size());
        assertEquals("2001:db8:0:0:0:0:0:fc", v6.get(0).getHostAddress());
        assertEquals("2001:db8:0:0:0:0:0:ff", v6.get(3).getHostAddress());
        assertEquals(List.of("198.51.100.255"), e.targets("198.51.100.255/32").list().stream()
                .map(q -> q.target().getHostAddress()).toList());
        assertEquals(List.of("198.51.100.0", "198.51.100.1", "198.51.100.2", "198.51.100.3"),
                e.targets("198.51.100.1/30").list().stream().map(q -> q.target().getHostAddress()).toList(),
                "network and broadcast addresses are kept (AddressBlock.whole)");
    }

    @Test
    void payloadSizeBatchOverLoopbackIsOneTableAndACaptureTsharkReads() throws Exception {
        assumeRoot("a raw-socket batch");
        Results r = Echo.to("127.0.0.1").size(0, 1400, 200).targets("127.0.0.1", "::1").sendAll();
        assertEquals(16, r.size(), r.summary());
        assertEquals(16, r.answered().size(), r.summary());
        assertEquals("Results: 16 probes, 16 answered, 0 errors, 0 lost", r.toString());
        String table = r.table("size", "target", "rtt").toString();
        List<String> lines = table.lines().toList();
        assertTrue(lines.get(0).matches("size +127\\.0\\.0\\.1 +::1"), table);
        assertEquals(9, lines.size(), table);
        assertTrue(lines.get(8).matches("1400 +\\d+\\.\\d{3} +\\d+\\.\\d{3}"), table);
        String stats = r.stats("target").toString();
        assertTrue(stats.lines().anyMatch(l -> l.matches("::1 +8 +0 +0% .*")), stats);
        for (ProbeResult p : r.all()) {
            assertEquals(p.request().payloadLength() + 8, p.reply().icmpBytes().length, p.toString());
            assertEquals(p.request().seq(), p.reply().seq(), "the request as it went out: " + p);
        }
        Path pcap = r.pcap(dir.resolve("sizes.pcap"));
        List<PcapPacket> packets;
        if (TsharkAgreement.tsharkAvailable()) {
            packets = TsharkAgreement.assertAgrees(pcap);
        } else {
            TsharkRequired.check();
            return;
        }
        assertEquals(32, packets.size());
        Results back = Results.readCsv(r.csv(dir.resolve("sizes.csv")));
        assertEquals(r.table("size", "target", "rtt").toString(), back.table("size", "target", "rtt").toString());
        assertTrue(Files.readString(r.json(dir.resolve("sizes.json"))).contains("\"size\":1400"));
    }

    @Test
    void unansweredProbesEndLostAtTheirTimeout() throws Exception {
        assumeRoot("a raw-socket batch");
        // 127.0.0.1 with TTL 1 is answered (loopback never forwards); a second loopback target that nobody
        // answers does not exist, so this checks the batch's timeout path through a forced-lost engine event:
        Results r = Echo.to("127.0.0.1").seq(1, 3).timeout(Duration.ofMillis(500)).sendAll();
        assertEquals(3, r.answered().size(), r.summary());
        assertEquals(List.of(1, 2, 3), r.all().stream().map(p -> p.request().seq()).toList());
    }
}
