package dev.pingkit.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The codec byte for byte against Scapy, both ways, for every query type and IPv4 option Scapy knows: Scapy builds
 * the same message and gets the same bytes as pingkit, Scapy reads pingkit's bytes as pingkit meant them, and
 * pingkit's decoder gives its value back from Scapy's bytes. Scapy (python3-scapy) is a test dependency that
 * {@code .ci/run} installs: under CI=true its absence fails, elsewhere it skips and says why.
 */
class ScapyAgreementTest {
    private static final Path SCRIPT = Path.of("src/test/resources/scapy/queries.py");
    private static final InetAddress SRC6 = ExtendedEchoMessageTest.address("2001:db8:0:1::1");
    private static final InetAddress DST6 = ExtendedEchoMessageTest.address("2001:db8:0:1::2");
    private static final Inet4Address A = (Inet4Address) ExtendedEchoMessageTest.address("198.51.100.1");
    private static final Inet4Address B = (Inet4Address) ExtendedEchoMessageTest.address("198.51.100.2");
    private static final Inet4Address ZERO = (Inet4Address) ExtendedEchoMessageTest.address("0.0.0.0");

    private static String python;

    /** The first python3 that imports scapy: the one on PATH may be a virtualenv's without it. */
    @BeforeAll
    static void findScapy() {
        for (String p : List.of("python3", "/usr/bin/python3")) {
            try {
                Process pr = new ProcessBuilder(p, "-c", "import scapy.all").redirectErrorStream(true).start();
                pr.getInputStream().readAllBytes();
                if (pr.waitFor(60, TimeUnit.SECONDS) && pr.exitValue() == 0) {
                    python = p;
                    return;
                }
            } catch (IOException | InterruptedException e) {
                // try the next one
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("scapy is needed by this test and .ci/run installs python3-scapy, but no python3"
                    + " imports it");
        }
        Assumptions.abort("no python3 imports scapy (apt-get install python3-scapy)");
    }

    /** pingkit's bytes of every case, named as the script names them. */
    private static Map<String, byte[]> ours() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("echo4", EchoMessage.request(4).identifier(0x1234).sequence(7)
                .data("hello".getBytes(StandardCharsets.US_ASCII)).build().toBytes());
        m.put("ts13", TimestampMessage.request().identifier(0x1234).sequence(1).originate(45_296_789L).toBytes());
        m.put("ts14", TimestampMessage.reply().identifier(7).sequence(2).originate(1000).receive(1020)
                .transmit(0x80000005L).toBytes());
        m.put("info15", InformationMessage.request().identifier(3).sequence(4).toBytes());
        m.put("info16", InformationMessage.reply().identifier(3).sequence(4).toBytes());
        m.put("mask17", AddressMaskMessage.request().identifier(9).sequence(2).toBytes());
        m.put("mask18", AddressMaskMessage.reply().identifier(9).sequence(2).prefixLength(22).toBytes());
        m.put("probe4name", ExtendedEchoMessage.request(4, InterfaceId.name("eth0.1")).identifier(0x0102)
                .sequence(3).toBytes());
        m.put("probe4index", ExtendedEchoMessage.request(4, InterfaceId.index(11)).identifier(7).sequence(5)
                .toBytes());
        m.put("probe4addr", ExtendedEchoMessage.request(4, InterfaceId.address(B)).identifier(7).sequence(6)
                .toBytes());
        m.put("probe4reply", ExtendedEchoMessage.reply(4).code(2).identifier(7).sequence(9).toBytes());
        m.put("probe6name", ExtendedEchoMessage.request(6, InterfaceId.name("lo")).identifier(9).sequence(3)
                .pseudoHeader(SRC6, DST6).toBytes());
        m.put("probe6reply", ExtendedEchoMessage.reply(6).identifier(9).sequence(3).interfaceBits(true, true, true)
                .pseudoHeader(SRC6, DST6).toBytes());
        m.put("opt-rr9", Ipv4Options.encode(List.of(new Ipv4Option.NoOperation(), RecordRouteOption.slots(9))));
        m.put("opt-rr-filled", Ipv4Options.encode(List.of(new RecordRouteOption(12, List.of(A, B, ZERO)))));
        m.put("opt-ts-addr", Ipv4Options.encode(List.of(new TimestampOption(TimestampOption.TSANDADDR, 13, 0,
                List.of(new TimestampOption.Entry(B, 1000))))));
        m.put("opt-ts-only", Ipv4Options.encode(List.of(new TimestampOption(TimestampOption.TSONLY, 9, 0,
                List.of(new TimestampOption.Entry(null, 1000))))));
        m.put("opt-nop-eol", Ipv4Options.encode(List.of(new Ipv4Option.NoOperation(), new Ipv4Option.EndOfList())));
        m.put("opt-router-alert", Ipv4Options.encode(List.of(Ipv4Option.Unknown.of(148, new byte[2]))));
        m.put("opt-lsrr", Ipv4Options.encode(List.of(Ipv4Option.Unknown.of(131, new byte[] {4, (byte) 198, 51, 100,
            2}))));
        return m;
    }

    /** What Scapy must read in pingkit's bytes of each case. */
    private static Map<String, String> expectedReading(Map<String, byte[]> ours) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("echo4", "type=8 code=0 chksum=" + checksum(ours.get("echo4")) + " id=4660 seq=7 load=68656c6c6f");
        m.put("ts13", "type=13 code=0 chksum=" + checksum(ours.get("ts13"))
                + " id=4660 seq=1 ts_ori=45296789 ts_rx=0 ts_tx=0");
        m.put("ts14", "type=14 code=0 chksum=" + checksum(ours.get("ts14"))
                + " id=7 seq=2 ts_ori=1000 ts_rx=1020 ts_tx=2147483653");
        m.put("info15", "type=15 code=0 chksum=" + checksum(ours.get("info15")) + " id=3 seq=4");
        m.put("info16", "type=16 code=0 chksum=" + checksum(ours.get("info16")) + " id=3 seq=4");
        m.put("mask17", "type=17 code=0 chksum=" + checksum(ours.get("mask17")) + " id=9 seq=2 addr_mask=0.0.0.0");
        m.put("mask18", "type=18 code=0 chksum=" + checksum(ours.get("mask18"))
                + " id=9 seq=2 addr_mask=255.255.252.0");
        m.put("probe4name", probe4(ours.get("probe4name"), 0x01020301, 12, 1));
        m.put("probe4index", probe4(ours.get("probe4index"), 0x00070501, 8, 2));
        m.put("probe4addr", probe4(ours.get("probe4addr"), 0x00070601, 12, 3));
        m.put("probe4reply", "type=43 code=2 chksum=" + checksum(ours.get("probe4reply")) + " unused=461056");
        m.put("probe6name", "type=160 code=0 id=9 seq=3 flags=1 ext.version=2 ext.chksum="
                + QueryWire.u16(ours.get("probe6name"), 10));
        m.put("probe6reply", "type=161 code=0 id=9 seq=3 flags=7");
        m.put("opt-rr9", "IPOption_NOP option=1; IPOption_RR option=7 length=39 pointer=4 routers="
                + String.join("/", java.util.Collections.nCopies(9, "0.0.0.0")));
        m.put("opt-rr-filled", "IPOption_RR option=7 length=15 pointer=12 routers=198.51.100.1/198.51.100.2/0.0.0.0;"
                + " IPOption_EOL option=0");
        m.put("opt-ts-addr", "IPOption_Timestamp option=4 length=12 pointer=13 oflw=0 flg=1"
                + " internet_address=198.51.100.2 timestamp=1000");
        m.put("opt-ts-only", "IPOption_Timestamp option=4 length=8 pointer=9 oflw=0 flg=0 timestamp=1000");
        m.put("opt-nop-eol", "IPOption_NOP option=1; IPOption_EOL option=0");
        m.put("opt-router-alert", "IPOption_Router_Alert option=20 length=4");
        m.put("opt-lsrr", "IPOption_LSRR option=3 length=7 pointer=4 routers=198.51.100.2; IPOption_EOL option=0");
        return m;
    }

    private static String probe4(byte[] b, long word, int objectLength, int cType) {
        return "type=42 code=0 chksum=" + checksum(b) + " unused=" + word + " ext.version=2 ext.chksum="
                + QueryWire.u16(b, 10) + " obj.len=" + objectLength + " obj.class=3 obj.ctype=" + cType;
    }

    private static int checksum(byte[] icmp) {
        return QueryWire.u16(icmp, 2);
    }

    private static Map<String, String[]> runScapy(Map<String, byte[]> ours) throws Exception {
        Process p = new ProcessBuilder(python, SCRIPT.toString()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        StringBuilder in = new StringBuilder();
        ours.forEach((k, v) -> in.append(k).append(' ').append(HexFormat.of().formatHex(v)).append('\n'));
        p.getOutputStream().write(in.toString().getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "scapy finished");
        assertEquals(0, p.exitValue(), "scapy's script ran: " + out);
        Map<String, String[]> m = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            String[] kv = line.split(" built=", 2);
            String[] bp = kv[1].split(" parsed=", 2);
            m.put(kv[0], bp);
        }
        return m;
    }

    @Test
    void scapyBuildsTheSameBytesAndReadsOursAsWeMeantThem() throws Exception {
        Map<String, byte[]> ours = ours();
        Map<String, String[]> scapy = runScapy(ours);
        Map<String, String> reading = expectedReading(ours);
        assertEquals(ours.keySet(), scapy.keySet(), "every case answered");
        for (String c : ours.keySet()) {
            assertEquals(HexFormat.of().formatHex(ours.get(c)), scapy.get(c)[0], c + ": scapy built other bytes");
            assertEquals(reading.get(c), scapy.get(c)[1], c + ": scapy read our bytes otherwise");
        }
    }

    @Test
    void ourDecoderGivesOurValuesBackFromScapysBytes() throws Exception {
        Map<String, byte[]> ours = ours();
        Map<String, String[]> scapy = runScapy(ours);
        for (String c : ours.keySet()) {
            byte[] theirs = HexFormat.of().parseHex(scapy.get(c)[0]);
            if (c.startsWith("opt-")) {
                Ipv4Options mine = Ipv4Options.decode(ours.get(c));
                Ipv4Options decoded = Ipv4Options.decode(theirs);
                assertTrue(decoded.problems().isEmpty(), c + ": " + decoded.problems());
                assertEquals(mine, decoded, c);
                continue;
            }
            IcmpMessage m = c.startsWith("probe6") ? IcmpMessage.decodeV6(theirs, 0, theirs.length, SRC6, DST6)
                    : IcmpMessage.decode(theirs, 0, theirs.length);
            assertTrue(m.problems().isEmpty(), c + ": " + m.problems());
            IcmpMessage mineDecoded = c.startsWith("probe6")
                    ? IcmpMessage.decodeV6(ours.get(c), 0, ours.get(c).length, SRC6, DST6)
                    : IcmpMessage.decode(ours.get(c), 0, ours.get(c).length);
            assertEquals(mineDecoded.query().orElseThrow(), m.query().orElseThrow(), c);
        }
    }
}
