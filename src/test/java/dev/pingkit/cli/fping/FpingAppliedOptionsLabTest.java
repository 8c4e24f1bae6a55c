package dev.pingkit.cli.fping;

import static dev.pingkit.cli.fping.FpingLabComparisonTest.addr;
import static dev.pingkit.cli.fping.FpingLabComparisonTest.both;
import static dev.pingkit.cli.fping.FpingLabComparisonTest.ours;
import static dev.pingkit.cli.fping.FpingLabComparisonTest.sameEverything;
import static dev.pingkit.cli.fping.FpingLabComparisonTest.theirs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pingkit.lab.Lab;
import dev.pingkit.packet.Addresses;
import dev.pingkit.lab.LabTest;
import dev.pingkit.cli.fping.FpingLabComparisonTest.Run;

/**
 * fping 5.1's -M, -R, -m, -Q and -N side by side with the real fping in the lab, from the client namespace: what
 * each prints (times masked), and for -R what goes on the wire. About 20 s in all.
 */
@LabTest
class FpingAppliedOptionsLabTest {

    /** -M sets DF: a probe larger than the link's MTU (1500) is refused by the kernel, and fping says so. */
    @Test
    void dontFragmentRefusesAnOversizeProbeAsFpingDoes() {
        String peer4 = addr(Lab.PEER, 4), peer6 = addr(Lab.PEER, 6);
        String[][] cases = {
            {"-b", "2000", peer4},                                  // fragmented: alive
            {"-M", "-b", "2000", peer4},                            // "error while sending ping: Message too long"
            {"-M", "-b", "2000", peer6},
            {"-M", "-b", "1400", "-c1", peer4},                     // fits: answered
            {"-M", "-b", "2000", "-c2", "-p100", peer4},            // counted sent, no timeout line: 2/0/100%
            {"-s", "-M", "-b", "2000", peer4, addr(Lab.DUP, 4)},    // sent, not a timeout
        };
        List<Integer> codes = new ArrayList<>();
        for (String[] args : cases) {
            Run theirs = theirs(args);
            Run ours = ours(args);
            sameEverything(theirs, ours);
            codes.add(theirs.exitCode());
        }
        assertEquals(List.of(0, 1, 1, 0, 1, 1), codes);
        assertTrue(theirs(cases[1]).stderr().contains(peer4 + ": error while sending ping: Message too long"));
    }

    /** -R: every probe's data bytes are random, new ones for every probe, as fping's; read off the wire. */
    @Test
    void randomDataGoesOnTheWire() {
        String[] targets = {Lab.sweep().v4(1).getHostAddress(), Lab.sweep().v4(2).getHostAddress()};
        String list = String.join(" ", targets);
        // dumpcap writes its file's header as it starts: the runs begin only once it captures.
        String script = "f=$(mktemp -u /tmp/pingkit-fping-R.XXXXXX.pcapng)\n"
                + "dumpcap -q -i any -f 'icmp[icmptype]==8' -c 8 -a duration:60 -w $f 2>/dev/null &\n"
                + "while [ ! -s $f ]; do sleep 0.05; done\n"
                + "fping -R -c2 -p100 " + list + " >/dev/null 2>&1\n"
                + "env PINGKIT_CLASSPATH=" + System.getProperty("java.class.path") + " "
                + Lab.home().resolve("scripts/fping") + " -R -c2 -p100 " + list + " >/dev/null 2>&1\n"
                + "wait\ntshark -r $f -T fields -e ip.dst -e data.data 2>/dev/null\nrm -f $f\n";
        Lab.Result r = Lab.run(Duration.ofSeconds(90), "sh", "-c", script);
        List<String[]> rows = Arrays.stream(r.stdout().split("\n")).filter(l -> l.contains("\t"))
                .map(l -> l.split("\t")).collect(Collectors.toList());
        assertEquals(8, rows.size(), r::toString);
        List<String> fping = rows.subList(0, 4).stream().map(x -> x[1]).collect(Collectors.toList());
        List<String> pingkit = rows.subList(4, 8).stream().map(x -> x[1]).collect(Collectors.toList());
        for (List<String> payloads : List.of(fping, pingkit)) {
            assertEquals(4, payloads.stream().distinct().count(), r::toString); // two probes to each target
            for (String p : payloads) {
                assertEquals(112, p.length(), "56 data bytes: " + p);
                assertFalse(p.matches("(00)*"), p);
                assertTrue(p.chars().distinct().count() > 8, "not a pattern: " + p);
            }
        }
        assertEquals(List.of(targets[0], targets[1], targets[0], targets[1]),
                rows.subList(4, 8).stream().map(x -> x[0]).collect(Collectors.toList()));
    }

    /** -m: every address of a name, in the resolver's order; the name comes from a hosts file, never DNS. */
    @Test
    void allAddressesOfANameAreProbed(@TempDir Path dir) throws IOException {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 localhost\n" + addr(Lab.PEER, 4) + " pkmulti\n" + addr(Lab.PEER, 6)
                + " pkmulti\n" + addr(Lab.FAR, 4) + " pkmulti\n");
        for (String args : new String[] {"-m -A pkmulti", "-m pkmulti", "pkmulti", "-4 -m -A pkmulti",
            "-m -A -c1 pkmulti"}) {
            Run theirs = inHostsNamespace(hosts, "fping " + args);
            Run ours = inHostsNamespace(hosts, "env PINGKIT_CLASSPATH=" + System.getProperty("java.class.path") + " "
                    + Lab.home().resolve("scripts/fping") + " " + args);
            sameEverything(theirs, ours);
            // not sorted: the order of the targets is the resolver's, as fping's
            assertEquals(theirs.stdout().stream().map(l -> l.replaceAll("\\d+\\.\\d+", "T")).toList(),
                    ours.stdout().stream().map(l -> l.replaceAll("\\d+\\.\\d+", "T")).toList(), both(theirs, ours));
        }
        assertEquals(List.of(Addresses.text(Lab.host(Lab.PEER).address(6)) + " is alive",
                addr(Lab.PEER, 4) + " is alive",
                addr(Lab.FAR, 4) + " is alive"), inHostsNamespace(hosts, "fping -m -A pkmulti").stdout());
    }

    /**
     * -n and -d: targets shown by their reverse name, as fping shows them, for addresses and names given, alone and
     * with -A. Every address probed is in the hosts file, so no lookup leaves the files for DNS.
     */
    @Test
    void reverseNamesAreFpings(@TempDir Path dir) throws IOException {
        String peer4 = addr(Lab.PEER, 4), far4 = addr(Lab.FAR, 4);
        String peer6 = Addresses.text(Lab.host(Lab.PEER).address(6));
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 localhost\n::1 localhost\n" + peer4 + " pkpeer\n" + far4 + " pkfar\n"
                + peer6 + " pkpeer6\n");
        List<String> shown = new ArrayList<>();
        for (String args : new String[] {"-n " + peer4 + " " + far4, "-d " + peer4, "-n -A " + peer4, "-d pkfar",
            "-n pkfar", "-n -c1 " + peer6, "-d -A -c1 pkpeer " + far4}) {
            Run theirs = inHostsNamespace(hosts, "fping " + args);
            Run ours = inHostsNamespace(hosts, "env PINGKIT_CLASSPATH=" + System.getProperty("java.class.path") + " "
                    + Lab.home().resolve("scripts/fping") + " " + args);
            sameEverything(theirs, ours);
            shown.addAll(ours.stdout());
        }
        // the names really came from the hosts file
        assertTrue(shown.contains("pkpeer is alive") && shown.contains("pkfar is alive")
                && shown.contains("pkpeer (" + peer4 + ") is alive"), String.join("\n", shown));
    }

    /** Runs {@code command} in the client namespace with {@code hosts} as its /etc/hosts (a private mount). */
    private static Run inHostsNamespace(Path hosts, String command) {
        Lab.Result r = Lab.run(Duration.ofSeconds(90), "unshare", "-m", "sh", "-c",
                "mount --bind " + hosts + " /etc/hosts && exec " + command);
        return new Run(r.exitCode(), FpingLabComparisonTest.lines(r.stdout()),
                FpingLabComparisonTest.lines(r.stderr()));
    }

    /**
     * -Q 0.8 with -c3 -p1000: reports at 0.8 and 1.6 s (away from the probes at 0, 1, 2 s and the silent host's
     * timeouts at 1, 2, 3 s), each with the counts since the last, then fping's usual summary.
     */
    @Test
    void intervalReportsAreFpings() {
        String[] args = {"-Q", "0.8", "-c3", "-p1000", addr(Lab.PEER, 4), addr(Lab.FAR, 6), addr(Lab.BLACKHOLE, 4)};
        Run theirs = theirs(args);
        Run ours = ours(args);
        assertEquals(theirs.exitCode(), ours.exitCode(), () -> both(theirs, ours));
        assertEquals(theirs.out(), ours.out(), () -> both(theirs, ours));
        assertEquals(clock(theirs.err()), clock(ours.err()), () -> both(theirs, ours));
        assertTrue(clock(theirs.err()).contains("[hh:mm:ss]"), theirs::toString);
        assertEquals(3, theirs.stderr().stream().filter(l -> l.startsWith("[")).count(), theirs::toString);
    }

    /** -N -Q: netdata's charts once, then the interval's values, on stdout; ns values masked. */
    @Test
    void netdataReportsAreFpings() {
        String[] args = {"-N", "-Q", "0.8", "-c2", "-p1000", addr(Lab.PEER, 4), addr(Lab.PEER, 6)};
        Run theirs = theirs(args);
        Run ours = ours(args);
        assertEquals(theirs.exitCode(), ours.exitCode(), () -> both(theirs, ours));
        assertEquals(values(theirs.stdout()), values(ours.stdout()), () -> both(theirs, ours));
        assertEquals(theirs.err(), ours.err(), () -> both(theirs, ours));
        assertTrue(theirs.stdout().contains("CHART fping.198_51_100_2_packets '' 'FPing Packets for host "
                + "198.51.100.2' packets '198.51.100.2' fping.packets line 110020 1"), theirs::toString);
        assertNotEquals(0, theirs.stdout().stream().filter(l -> l.startsWith("SET min = ")).count());
    }

    private static List<String> clock(List<String> lines) {
        return lines.stream().map(l -> l.replaceAll("^\\[\\d\\d:\\d\\d:\\d\\d\\]$", "[hh:mm:ss]"))
                .collect(Collectors.toList());
    }

    private static List<String> values(List<String> lines) {
        return lines.stream().map(l -> l.replaceAll("^SET (min|avg|max) = \\d+$", "SET $1 = N"))
                .collect(Collectors.toList());
    }
}
