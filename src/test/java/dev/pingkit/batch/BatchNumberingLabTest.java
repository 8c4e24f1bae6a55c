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
}
