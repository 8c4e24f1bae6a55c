package dev.pingkit.cli.ping;

import dev.pingkit.tools.RequiredTool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;
import dev.pingkit.packet.Addresses;

/**
 * {@code ping -F}, the IPv6 flow label, side by side with iputils in the lab's client namespace: the same header,
 * the label read off the wire with dumpcap and tshark, the kernel's pick for {@code -F 0}, and the kernel's refusal
 * of a label another socket still holds (it lingers 6 s after its socket closes) in iputils' words. Labels are drawn
 * at random so that a run never meets the last run's lingering ones.
 */
@LabTest
class PingFlowLabelLabTest {
    private static final Duration T = Duration.ofSeconds(90);

    private static String peer6() {
        return Addresses.text(Lab.host(Lab.PEER).address(6));
    }

    private static String ours() {
        return "env PINGKIT_CLASSPATH=" + System.getProperty("java.class.path") + " " + Lab.home().resolve("scripts/ping");
    }

    /** A label below 0x80000: the upper half is refused (ERANGE) where net.ipv6.flowlabel_state_ranges is 1. */
    private static int randomLabel() {
        return ThreadLocalRandom.current().nextInt(0x10000, 0x7fffe);
    }

    private static String hex(int label) {
        return String.format(Locale.ROOT, "0x%05x", label);
    }

    /** Runs {@code commands} while dumpcap captures the client's echo requests; returns the script's output. */
    private static Lab.Result captured(int requests, String... commands) {
        String script = "f=$(mktemp -u /tmp/pingkit-flow.XXXXXX.pcapng)\n"
                + "dumpcap -q -i any -f 'icmp6 and ip6[40] == 128' -c " + requests
                + " -a duration:60 -w $f 2>/dev/null &\n"
                + "while [ ! -s $f ]; do sleep 0.05; done\n"
                + String.join("\n", commands) + "\n"
                + "wait\necho '--- wire'\ntshark -r $f -T fields -e ipv6.dst -e ipv6.flow 2>/dev/null\nrm -f $f\n";
        return Lab.run(T, "sh", "-c", script);
    }

    /** The labels of the captured requests to {@code dst}, in order, as tshark prints them (0x000abcde). */
    private static List<Integer> wire(Lab.Result r, String dst) {
        String out = r.stdout();
        List<Integer> labels = new ArrayList<>();
        for (String line : out.substring(out.indexOf("--- wire")).split("\n")) {
            String[] f = line.split("\t");
            if (f.length == 2 && f[0].equals(dst)) {
                labels.add(Integer.decode(f[1]));
            }
        }
        return labels;
    }

    private static List<String> headers(Lab.Result r) {
        return Arrays.stream(r.stdout().split("\n")).filter(l -> l.startsWith("PING ")).toList();
    }

    @Test
    void everyProbeCarriesTheLabelAndTheHeaderSaysSoAsIputils() {
        String peer = peer6();
        int theirs = randomLabel(), ours = theirs + 1;
        Lab.Result r = captured(4,
                "ping -c 2 -i 0.2 -F " + hex(theirs) + " " + peer + "; echo \"rc=$?\"",
                ours() + " -c 2 -i 0.2 -F " + hex(ours) + " " + peer + "; echo \"rc=$?\"");
        assertEquals(List.of("PING " + peer + "(" + peer + ") , flow " + hex(theirs) + ", 56 data bytes",
                "PING " + peer + "(" + peer + ") , flow " + hex(ours) + ", 56 data bytes"), headers(r), r::toString);
        assertEquals(2, r.stdout().lines().filter(l -> l.equals("rc=0")).count(), r::toString);
        assertEquals(List.of(theirs, theirs, ours, ours), wire(r, peer), r::toString);
    }

    @Test
    void zeroAsksTheKernelForALabelAndTheProbesCarryTheOneShown() {
        String peer = peer6();
        Lab.Result r = captured(2, ours() + " -c 2 -i 0.2 -F 0 " + peer);
        List<String> header = headers(r);
        assertEquals(1, header.size(), r::toString);
        String shown = header.get(0).replaceAll(".*, flow (0x[0-9a-f]{5}), 56 data bytes$", "$1");
        int label = Integer.decode(shown);
        assertNotEquals(0, label, header.get(0));
        assertEquals(List.of(label, label), wire(r, peer), r::toString);
    }

    @Test
    void aLabelStillHeldIsRefusedInIputilsWordsAndAnIpv4TargetIgnoresTheOption() {
        String peer = peer6();
        String label = hex(randomLabel());
        // the first run takes the label; for 6 s after it ends the kernel keeps it for that socket alone
        Lab.Result first = Lab.run(T, "sh", "-c", ours() + " -c 1 -F " + label + " " + peer);
        assertEquals(0, first.exitCode(), first::toString);
        Lab.Result again = Lab.run(T, "sh", "-c", ours() + " -c 1 -F " + label + " " + peer);
        RequiredTool.require("ping", "iputils-ping");
        Lab.Result iputils = Lab.run(T, "ping", "-c", "1", "-F", label, peer);
        assertEquals("ping: can't set flowlabel: Operation not permitted", iputils.stderr().strip(), iputils::toString);
        assertEquals(iputils.stderr().strip(), again.stderr().strip(), again::toString);
        assertEquals(List.of(2, 2), List.of(iputils.exitCode(), again.exitCode()));

        String peer4 = Lab.host(Lab.PEER).address(4).getHostAddress();
        Lab.Result v4 = Lab.run(T, "sh", "-c", ours() + " -c 1 -F " + label + " " + peer4);
        assertEquals(0, v4.exitCode(), v4::toString);
        assertEquals("PING " + peer4 + " (" + peer4 + ") 56(84) bytes of data.", v4.stdout().lines().findFirst()
                .orElse(""), v4::toString);
    }

    @Test
    void badLabelsAreRefusedAsIputilsRefusesThem() {
        for (String bad : List.of("zz", "0x100000", "1048576", "-1", "0x12g")) {
            RequiredTool.require("ping", "iputils-ping");
            Lab.Result theirs = Lab.run(T, "ping", "-c", "1", "-F", bad, peer6());
            Lab.Result mine = Lab.run(T, "sh", "-c", ours() + " -c 1 -F " + bad + " " + peer6());
            assertEquals(2, theirs.exitCode(), theirs::toString);
            assertEquals(List.of(theirs.exitCode(), theirs.stderr().strip(), ""),
                    List.of(mine.exitCode(), mine.stderr().strip(), mine.stdout()), bad);
            assertTrue(mine.stderr().contains(bad), mine.stderr());
        }
    }
}
