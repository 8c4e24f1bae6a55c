package dev.pingkit.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exercise 11 (part 2 of the tutorial) with its reference solution, in the lab's client namespace while dumpcap
 * captures its loopback: the wire shows the header the kernel wrote with IP_HDRINCL off (don't-fragment set, as
 * the kernel sets it) and the learner's own with it on (flags 0, as ipv4Header writes them), each answered by an
 * echo reply, and the identification and checksum the check reports are the ones on the wire.
 */
@LabTest
class RawSocketExerciseLabTest {
    @TempDir
    Path dir;

    @Test
    void theWireShowsTheKernelsHeaderThenTheLearnersAndBothAreAnswered() throws IOException {
        Path script = dir.resolve("part2.jsh");
        Files.writeString(script, Files.readString(ExercisesTest.exerciseFile("11-raw-socket"))
                + Files.readString(ExercisesTest.solutionFile("11-raw-socket")) + "\ncheck11();\n");
        String run = "f=$(mktemp -u /tmp/pingkit-part2.XXXXXX.pcapng)\n"
                + "dumpcap -q -i lo -f 'icmp' -c 4 -a duration:60 -w $f 2>/dev/null &\n"
                + "while [ ! -s $f ]; do sleep 0.05; done\n"
                + "env PINGKIT_CLASSPATH=" + System.getProperty("java.class.path") + " "
                + Lab.home().resolve("scripts/jshell") + " " + script + "\n"
                + "wait\necho '--- wire'\n"
                + "tshark -r $f -T fields -e icmp.type -e icmp.seq -e ip.flags.df -e ip.ttl -e ip.id -e ip.checksum 2>/dev/null\n"
                + "rm -f $f\n";
        Lab.Result r = Lab.run(Duration.ofSeconds(120), "sh", "-c", run);
        String out = r.stdout();
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(out.contains("PASS exercise 11 (the raw socket, IP_HDRINCL off and on)"), r.toString());
        List<String[]> wire = Arrays.stream(out.substring(out.indexOf("--- wire") + 9).split("\n"))
                .filter(l -> !l.isBlank()).map(l -> l.split("\t")).toList();
        assertEquals(4, wire.size(), r.toString());
        // type, seq, then for a request DF and TTL: the kernel's header (DF set), its reply; the learner's (flags
        // 0, TTL 64 as the check asks), its reply (whose header is the replying kernel's own)
        assertEquals(List.of("8 1 DF=1 ttl=64", "0 1", "8 2 DF=0 ttl=64", "0 2"),
                wire.stream().map(f -> f[0].equals("8") ? String.join(" ", f[0], f[1], "DF=" + dfBit(f[2]), "ttl=" + f[3])
                        : f[0] + " " + f[1]).toList(), r.toString());
        Matcher m = Pattern.compile("the kernel picked identification 0x(\\p{XDigit}{4}) for your 0x0000; your checksum"
                + " 0x\\p{XDigit}{4}, updated for it \\(RFC 1624\\), is its 0x(\\p{XDigit}{4})").matcher(out);
        assertTrue(m.find(), r.toString());
        assertEquals(Integer.parseInt(m.group(1), 16), Integer.decode(wire.get(2)[4]), r.toString());
        assertEquals(Integer.parseInt(m.group(2), 16), Integer.decode(wire.get(2)[5]), r.toString());
    }

    /** tshark prints the DF flag as 1/0, or True/False in newer versions. */
    private static String dfBit(String field) {
        return field.equals("1") || field.equalsIgnoreCase("true") ? "1" : "0";
    }
}
