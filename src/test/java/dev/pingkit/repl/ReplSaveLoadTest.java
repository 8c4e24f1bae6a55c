package dev.pingkit.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code save} and {@code load} on real files: what {@code save} writes {@code load} takes back unchanged (ICMP type
 * and code included), what {@code load} takes {@code save} can write again, and a file that is not a results CSV
 * (a NaN or negative RTT, binary bytes, an endless device) is one line naming the file and the session goes on.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReplSaveLoadTest {
    private static final String HEADER = "target,id,seq,size,ttl,tos,status,from,rtt,reply_ttl,type,code,sent_ns\n";

    @TempDir
    Path dir;

    @Test
    void whatSaveWritesLoadTakesBackUnchangedTypeAndCodeIncluded() throws Exception {
        Path first = dir.resolve("first.csv");
        Path again = dir.resolve("again.csv");
        var t = ReplDriver.script("echo to 127.0.0.1 id 4250 size 8", "repeat 2 { send --next -q 2 }",
                "save " + first, "results clear", "load " + first, "save " + again);
        assertEquals(0, t.status(), t.output());
        List<String> rows = Files.readAllLines(first);
        assertEquals(3, rows.size(), rows::toString);
        // an echo reply is type 0, code 0: the columns were empty before, in the file and after a load
        assertTrue(rows.get(1).matches("127\\.0\\.0\\.1,4250,\\d,8,,,answered,127\\.0\\.0\\.1,[0-9.]+,64,0,0,\\d+"),
                rows::toString);
        assertEquals(Files.readString(first), Files.readString(again));
    }

    @Test
    void anIcmpErrorKeepsItsTypeAndCodeThroughAFile() throws Exception {
        Path in = dir.resolve("in.csv");
        Path out = dir.resolve("out.csv");
        String row = "198.51.100.2,7,1,0,1,,error,198.51.100.6,,64,11,0,1000\n"
                + "2001:db8::2,7,2,0,,,error,2001:db8::6,,64,1,3,2000\n";
        Files.writeString(in, HEADER + row);
        var t = ReplDriver.script("load " + in, "results", "save " + out);
        assertEquals(0, t.status(), t.output());
        assertEquals(HEADER + row, Files.readString(out));
        assertTrue(t.hasLine("Results: 2 probes, 0 answered, 2 errors, 0 lost"), t.output());
    }

    @Test
    void anRttThatIsNotADurationIsRefusedAndAMissingOneSavesAsMissing() throws Exception {
        Path bad = dir.resolve("bad.csv");
        for (String rtt : List.of("NaN", "-5", "Infinity", "1e300")) {
            Files.writeString(bad, HEADER + "127.0.0.1,1,1,0,,,answered,127.0.0.1," + rtt + ",64,0,0,1\n");
            var t = ReplDriver.run(ReplConfig.script(true), "load " + bad, "let after 1");
            assertTrue(t.hasLine("error: " + bad + " line 2: rtt must be 0..3600000 ms, got " + rtt), t.output());
            assertTrue(t.hasLine("$after = 1"), t.output());
        }
        // an answer with no RTT recorded: saved as an empty cell (it was '-', which load then refused)
        Path none = dir.resolve("none.csv");
        Path out = dir.resolve("out.csv");
        String row = "127.0.0.1,1,1,0,,,answered,127.0.0.1,,64,0,0,1\n";
        Files.writeString(none, HEADER + row);
        var t = ReplDriver.script("load " + none, "save " + out, "results clear", "load " + out);
        assertEquals(0, t.status(), t.output());
        assertEquals(HEADER + row, Files.readString(out));
    }

    @Test
    void endlessBinaryAndMisplacedFilesAreOneLineEachAndTheSessionGoesOn() throws Exception {
        Path zero = dir.resolve("zero.csv");
        Path full = dir.resolve("full.csv");
        Files.createSymbolicLink(zero, Path.of("/dev/zero"));
        Files.createSymbolicLink(full, Path.of("/dev/full"));
        Path binary = dir.resolve("binary.csv");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0xc3, 0x28, '\n'});
        Path endless = dir.resolve("endless.csv"); // a well-formed header, then a 2 MB line
        Files.writeString(endless, HEADER + "1".repeat(2_000_000) + "\n");
        var t = ReplDriver.run(ReplConfig.script(true), "load " + zero, "load " + full, "load " + binary,
                "load " + endless, "save " + dir.resolve("no/such/dir/x.csv"), "let after 1");
        assertTrue(t.hasLine("error: " + zero + " line 1: longer than 1024 characters (not a results CSV)"),
                t.output());
        assertTrue(t.hasLine("error: " + full + " line 1: longer than 1024 characters (not a results CSV)"),
                t.output());
        assertTrue(t.hasLine("error: " + binary + " line 1: not UTF-8 text (a results CSV is)"), t.output());
        assertTrue(t.hasLine("error: " + endless + " line 2: longer than 1024 characters (not a results CSV)"),
                t.output());
        assertTrue(t.hasLine("error: cannot save " + dir.resolve("no/such/dir/x.csv") + ": no such directory "
                + dir.resolve("no/such/dir")), t.output());
        assertTrue(t.hasLine("$after = 1"), t.output());
    }
}
