package dev.pingkit.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * pcapng as dumpcap and Wireshark's editcap write it, read back decoded: a capture on two of the lab client's
 * interfaces while iputils pings the peer and the far host, then the same file with a frame comment editcap added.
 */
@LabTest
class PcapNgDumpcapLabTest {
    private static final Duration T = Duration.ofSeconds(90);

    @Test
    void aDumpcapCaptureOnTwoInterfacesReadsBackDecodedWithItsCommentsAndStatistics() throws Exception {
        String peer = Addresses.text(Lab.host(Lab.PEER).v4());
        String far = Addresses.text(Lab.host(Lab.FAR).v4());
        Path f = Files.createTempFile("pingkit-dumpcap", ".pcapng");
        Path edited = Path.of(f + ".edited.pcapng");
        try {
            String script = "f=" + f + "\n: >$f\n"
                    + "dumpcap -q -i c-peer -i c-router -f icmp -c 8 -a duration:60 --capture-comment 'lab run' "
                    + "-w $f.tmp 2>/dev/null &\n"
                    + "while [ ! -s $f.tmp ]; do sleep 0.05; done\n"
                    + "ping -n -q -c 2 -i 0.2 " + peer + " >/dev/null\n"
                    + "ping -n -q -c 2 -i 0.2 " + far + " >/dev/null\n"
                    + "wait\nmv $f.tmp $f\n"
                    + "editcap -a '1:first request, commented by editcap' $f " + edited + "\n";
            Lab.Result r = Lab.run(T, "sh", "-c", script);
            assertEquals(0, r.exitCode(), r.toString());

            PcapNgFile file = PcapNgFile.read(f);
            assertEquals(List.of("c-peer", "c-router"), file.interfaces().stream().map(PcapNgFile.Interface::name)
                    .toList());
            assertTrue(file.interfaces().stream().allMatch(i -> i.linkType() == Pcap.LINKTYPE_ETHERNET),
                    file.interfaces().toString());
            assertTrue(file.comments().contains("lab run"), file.comments().toString());
            assertEquals(2, file.statistics().size(), "dumpcap writes one statistics block per interface at the end");
            assertTrue(file.statistics().stream().allMatch(s -> s.received() >= 0), file.statistics().toString());

            // dumpcap writes each interface's packets as its buffer fills, not in time order: sort as a reader would
            List<PcapPacket> inTime = file.packets().stream()
                    .sorted(java.util.Comparator.comparingLong(PcapPacket::epochNanos)).toList();
            List<IcmpMessage> icmp = inTime.stream().map(p -> p.icmp().orElseThrow()).toList();
            assertEquals(8, icmp.size());
            assertEquals(List.of(8, 0, 8, 0, 8, 0, 8, 0), icmp.stream().map(IcmpMessage::type).toList());
            assertEquals(List.of(1, 1, 2, 2, 1, 1, 2, 2), icmp.stream().map(IcmpMessage::seq).toList());
            assertTrue(icmp.stream().allMatch(IcmpMessage::checksumValid));
            assertEquals(InetAddress.getByName(peer), icmp.get(1).source().orElseThrow());
            assertEquals(InetAddress.getByName(far), icmp.get(5).source().orElseThrow());
            assertEquals(63, inTime.get(5).ttl(), "the far host's reply crossed the router");
            long first = inTime.get(0).epochNanos();
            assertTrue(Math.abs(first / 1_000_000_000L - System.currentTimeMillis() / 1000) < 300,
                    "stamped now: " + first);
            assertEquals(file.packets(), Pcap.read(f));

            List<PcapPacket> again = Pcap.read(edited);
            assertEquals("first request, commented by editcap", again.get(0).comment());
            assertEquals(file.packets().stream().map(PcapPacket::icmp).toList(),
                    again.stream().map(PcapPacket::icmp).toList());
        } finally {
            Files.deleteIfExists(f);
            Files.deleteIfExists(edited);
        }
    }
}
