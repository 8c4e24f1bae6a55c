package dev.pingkit.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark's dissectors read the new values as pingkit writes them: timestamp and address mask fields, PROBE's
 * sequence, L/A/4/6 bits and extension structure (its checksum over the whole structure, as RFC 4884 says: the
 * point where Scapy 2.5 differs), and the IPv4 record route and timestamp options.
 */
class QueriesTsharkTest {
    private static final List<String> FIELDS = List.of("icmp.checksum.status", "icmpv6.checksum.status",
            "icmp.originate_timestamp", "icmp.receive_timestamp", "icmp.transmit_timestamp", "icmp.address_mask",
            "icmp.ext.echo.seq", "icmpv6.ext.echo.seq", "icmp.ext.echo.req.local", "icmpv6.ext.echo.req.local",
            "icmp.ext.echo.rsp.active", "icmp.ext.echo.rsp.ipv4", "icmp.ext.echo.rsp.ipv6",
            "icmp.ext.checksum.status", "icmp.ext.class", "icmp.ext.ctype", "ip.opt.type", "ip.opt.ptr",
            "ip.opt.addr", "ip.opt.time_stamp", "_ws.malformed");

    @TempDir
    Path dir;

    @BeforeAll
    static void needsTshark() {
        TsharkRequired.check();
    }

    private static InetAddress ip(String a) {
        return ExtendedEchoMessageTest.address(a);
    }

    private static List<String> rows(Path capture) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", capture.toString(), "-T", "fields",
                "-E", "separator=|", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String f : FIELDS) {
            cmd.add("-e");
            cmd.add(f);
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "tshark ran: " + out);
        return List.of(out.split("\n"));
    }

    @Test
    void wiresharkReadsTheQueriesAndOptionsAsPingkitWroteThem() throws Exception {
        Inet4Address a = (Inet4Address) ip("198.51.100.1");
        Inet4Address b = (Inet4Address) ip("198.51.100.2");
        Inet6Address a6 = (Inet6Address) ip("2001:db8:0:1::1");
        Inet6Address b6 = (Inet6Address) ip("2001:db8:0:1::2");
        Path f = dir.resolve("queries.pcap");
        try (PcapWriter w = PcapWriter.create(f)) {
            w.write(1, IpPackets.ipv4(b, a, 64, 0, 1, false, TimestampMessage.reply().identifier(7).sequence(1)
                    .originate(1000).receive(1020).transmit(1021).toBytes()));
            w.write(2, IpPackets.ipv4(b, a, 64, 0, 2, false, AddressMaskMessage.reply().prefixLength(24).toBytes()));
            w.write(3, IpPackets.ipv4(a, b, 64, 0, 3, false, ExtendedEchoMessage.request(4, InterfaceId.name("eth0"))
                    .identifier(5).sequence(6).toBytes()));
            w.write(4, IpPackets.ipv4(b, a, 64, 0, 4, false, ExtendedEchoMessage.reply(4).identifier(5).sequence(6)
                    .interfaceBits(true, false, true).toBytes()));
            w.write(5, IpPackets.ipv6(a6, b6, 64, ExtendedEchoMessage.request(6, InterfaceId.address(b6))
                    .sequence(9).pseudoHeader(a6, b6).toBytes()));
            w.write(6, WireBuilder.ipv4(0, 6, 64, 1, b.getAddress(), a.getAddress(),
                    Ipv4Options.encode(List.of(new Ipv4Option.NoOperation(), new RecordRouteOption(8,
                            List.of(a, Ipv4Header.v4(new byte[4], 0))))),
                    EchoMessage.reply(4).identifier(1).sequence(1).build().toBytes()));
            w.write(7, WireBuilder.ipv4(0, 7, 64, 1, b.getAddress(), a.getAddress(),
                    Ipv4Options.encode(List.of(new TimestampOption(TimestampOption.TSANDADDR, 13, 0,
                            List.of(new TimestampOption.Entry(b, 1000), new TimestampOption.Entry(a, 0))))),
                    EchoMessage.reply(4).identifier(1).sequence(2).build().toBytes()));
        }
        // Field by field, in FIELDS' order; "1" is Wireshark's "good" for a checksum and a set bit.
        assertEquals(List.of(
                "1||1000|1020|1021||||||||||||||||",
                "1|||||255.255.255.0|||||||||||||||",
                "1||||||6||1|||||1|3|1|||||", // L bit, extension checksum good, class 3 by name
                "1||||||6||||1|0|1||||||||", // A, no 4, 6
                "|1||||||9||1||||1|3|3|||||", // ICMPv6 checksum over the pseudo-header, by address
                "1||||||||||||||||1,7|8|||", // NOP, record route with its pointer
                "1||||||||||||||||68|13||1000,0|"), rows(f)); // timestamps of tsandaddr
    }
}
