package dev.pingkit.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;
import dev.pingkit.packet.Addresses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch to a real peer keeps the identifier and sequence numbers asked for: run in the lab's client namespace as
 * a single-file program, while dumpcap captures the link to peer; tshark reads what the wire carried.
 */
@LabTest
class BatchNumberingLabTest {
    @TempDir
    Path dir;

    @Test
    void theWireToPeerCarriesTheBatchsOwnIdAndSeqs() throws Exception {
        String peer = Addresses.text(Lab.host(Lab.PEER).v4());
        Path program = Files.writeString(dir.resolve("Batch.java"), """
                import dev.pingkit.Echo;
                public class Batch {
                    public static void main(String[] args) throws Exception {
                        var r = Echo.to(args[0]).id(4350).seq(10, 14).sendAll();
                        System.out.println(r + " / " + r.numbering());
                    }
                }
                """);
        Path f = dir.resolve("peer.pcapng");
        String script = "dumpcap -q -i c-peer -f 'icmp[0] == 8 and icmp[4:2] == 4350' -c 5 -a duration:60 -w " + f
                + " 2>/dev/null &\nwhile [ ! -s " + f + " ]; do sleep 0.05; done; sleep 0.3\n"
                + "env PINGKIT_CLASSPATH=" + System.getProperty("java.class.path") + " "
                + Lab.home().resolve("scripts/java") + " " + program + " " + peer + "\nwait\n"
                + "echo '--- wire'\ntshark -n -r " + f + " -T fields -e ip.dst -e icmp.ident -e icmp.seq 2>/dev/null\n";
        Lab.Result r = Lab.run(Duration.ofSeconds(120), "sh", "-c", script);
        assertEquals(0, r.exitCode(), r.toString());
        List<String> out = r.stdout().lines().toList();
        assertEquals("Results: 5 probes, 5 answered, 0 errors, 0 lost / as asked", out.get(0), r.toString());
        List<String> wire = out.subList(out.indexOf("--- wire") + 1, out.size());
        assertEquals(List.of(10, 11, 12, 13, 14).stream().map(s -> peer + "\t4350\t" + s).toList(), wire);
    }

    @Test
    void aSeqRangeOverTwoTargetsAndSizesAtOneSeqGoOnTheWireUnderTheSeqsSet() throws Exception {
        String peer = Addresses.text(Lab.host(Lab.PEER).v4());
        String far = Addresses.text(Lab.host(Lab.FAR).v4());
        Path program = Files.writeString(dir.resolve("Seqs.java"), """
                import dev.pingkit.Echo;
                public class Seqs {
                    public static void main(String[] args) throws Exception {
                        var both = Echo.to(args[0]).id(4351).probes().targets(args[0], args[1]).seq(1, 10).sendAll();
                        System.out.println(both + " / " + both.numbering());
                        var sizes = Echo.to(args[0]).id(4352).seq(7).size(0, 400, 200).sendAll();
                        System.out.println(sizes + " / " + sizes.numbering());
                        sizes.all().forEach(p -> System.out.println(p.request().seq() + " " + p.request().payloadLength()
                                + " " + p.status().word()));
                    }
                }
                """);
        Path f = dir.resolve("client.pcapng");
        // every link of the client (peer is next to it, far behind the router): the requests as they left
        String script = "dumpcap -q -i any -f 'icmp[0] == 8 and icmp[4:2] >= 4351 and icmp[4:2] <= 4352' -c 23"
                + " -a duration:60 -w " + f + " 2>/dev/null &\nwhile [ ! -s " + f + " ]; do sleep 0.05; done; sleep 0.3\n"
                + "env PINGKIT_CLASSPATH=" + System.getProperty("java.class.path") + " "
                + Lab.home().resolve("scripts/java") + " " + program + " " + peer + " " + far + "\nwait\n"
                + "echo '--- wire'\ntshark -n -r " + f + " -T fields -e ip.dst -e icmp.ident -e icmp.seq -e data.len"
                + " 2>/dev/null\n";
        Lab.Result r = Lab.run(Duration.ofSeconds(120), "sh", "-c", script);
        assertEquals(0, r.exitCode(), r.toString());
        List<String> out = r.stdout().lines().toList();
        assertEquals("Results: 20 probes, 20 answered, 0 errors, 0 lost / as asked", out.get(0), r.toString());
        assertEquals("Results: 3 probes, 3 answered, 0 errors, 0 lost / as asked", out.get(1), r.toString());
        assertEquals(List.of("7 0 answered", "7 200 answered", "7 400 answered"), out.subList(2, 5));
        List<String> wire = out.subList(out.indexOf("--- wire") + 1, out.size());
        List<String> expected = new java.util.ArrayList<>();
        for (String t : List.of(peer, far)) {
            for (int seq = 1; seq <= 10; seq++) {
                expected.add(t + "\t4351\t" + seq + "\t56");
            }
        }
        // one at a time under seq 7 (each after the one before was answered), so the wire order is the size order
        List<String> sizes = List.of(peer + "\t4352\t7\t", peer + "\t4352\t7\t200", peer + "\t4352\t7\t400");
        assertEquals(expected.stream().sorted().toList(), wire.subList(0, 20).stream().sorted().toList(), r.stdout());
        assertEquals(sizes, wire.subList(20, 23), r.stdout());
    }
}
