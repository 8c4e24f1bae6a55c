package dev.pingkit.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IPv4 options: written as ping -R and -T write them, read back from received headers, lies listed. */
class Ipv4OptionsTest {
    private static final Inet4Address A = v4("198.51.100.1");
    private static final Inet4Address B = v4("198.51.100.2");

    private static Inet4Address v4(String s) {
        return (Inet4Address) ExtendedEchoMessageTest.address(s);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** An echo reply from B to A with these options in its header (padded with EOL to 32 bits), checksums right. */
    private static IcmpMessage replyWith(byte[] unpadded) {
        byte[] options = java.util.Arrays.copyOf(unpadded, (unpadded.length + 3) & ~3);
        byte[] icmp = EchoMessage.reply(4).identifier(1).sequence(1).build().toBytes();
        byte[] p = new byte[20 + options.length + icmp.length];
        p[0] = (byte) (0x40 | (20 + options.length) / 4);
        p[2] = (byte) (p.length >>> 8);
        p[3] = (byte) p.length;
        p[8] = 63;
        p[9] = 1;
        System.arraycopy(B.getAddress(), 0, p, 12, 4);
        System.arraycopy(A.getAddress(), 0, p, 16, 4);
        System.arraycopy(options, 0, p, 20, options.length);
        int c = Checksum.of(p, 0, 20 + options.length);
        p[10] = (byte) (c >>> 8);
        p[11] = (byte) c;
        System.arraycopy(icmp, 0, p, 20 + options.length, icmp.length);
        return IcmpMessage.decode(p, 0, p.length);
    }

    @Test
    void recordRouteIsWrittenAsPingDashRWritesIt() {
        byte[] b = Ipv4Options.encode(List.of(new Ipv4Option.NoOperation(), RecordRouteOption.slots(9)));
        assertEquals(40, b.length);
        assertEquals("01072704" + "00".repeat(36), hex(b));
    }

    @Test
    void aReceivedRecordRouteListsWhatWasRecordedAndWhatIsEmpty() {
        byte[] opts = hex("01 07 0f 0c c6336401 c6336402 00000000 00");
        IcmpMessage m = replyWith(opts);
        Ipv4Options o = m.ipOptions().orElseThrow();
        assertTrue(o.problems().isEmpty(), o.problems().toString());
        RecordRouteOption rr = o.recordRoute().orElseThrow();
        assertEquals(List.of(A, B), rr.recorded());
        assertEquals(2, rr.filled());
        String show = m.show();
        assertTrue(show.contains("ip.opt[0] = nop"), show);
        assertTrue(show.contains("ip.opt[1] = record-route len=15 ptr=12 (2 of 3 recorded)"), show);
        assertTrue(show.contains("ip.opt[1].rr[0] = 198.51.100.1"), show);
        assertTrue(show.contains("ip.opt[1].rr[2] = (empty)"), show);
        assertTrue(show.contains("ip.opt[2] = eol (end of option list)"), show);
        assertTrue(m.ip().orElseThrow().toString().contains("options=nop,RR[198.51.100.1 198.51.100.2 -],eol"),
                m.ip().get().toString());
        assertEquals(hex(opts).substring(0, 30), hex(Ipv4Options.encode(o.options())).substring(0, 30),
                "what was decoded encodes back");
    }

    @Test
    void timestampOptionsOfEachFlag() {
        assertEquals("44280500" + "00".repeat(36), hex(TimestampOption.timestampsOnly(9).toBytes()));
        assertEquals("44240501" + "00".repeat(32), hex(TimestampOption.addressesAndTimestamps(4).toBytes()));
        assertEquals("440c0503c633640100000000", hex(TimestampOption.prespecified(List.of(A)).toBytes()));
        // tsandaddr with one pair filled (B at 1000 ms), one hop that found no room counted in overflow
        byte[] opts = hex("44 14 0d 11 c6336402 000003e8 00000000 00000000");
        IcmpMessage m = replyWith(opts);
        TimestampOption ts = m.ipOptions().orElseThrow().timestamp().orElseThrow();
        assertEquals(1, ts.overflow());
        assertEquals(TimestampOption.TSANDADDR, ts.flag());
        assertEquals(List.of(new TimestampOption.Entry(B, 1000)), ts.recorded());
        String show = m.show();
        assertTrue(show.contains("ip.opt[0] = timestamp tsandaddr (flag 1) len=20 ptr=13 overflow=1 (1 of 2 recorded)"),
                show);
        assertTrue(show.contains("ip.opt[0].ts[0] = 198.51.100.2 1000 (00:00:01.000 UT)"), show);
        assertTrue(show.contains("ip.opt[0].ts[1] = (empty)"), show);
        assertEquals(hex(opts), hex(ts.toBytes()));
        IcmpMessage pre = replyWith(TimestampOption.prespecified(List.of(A)).toBytes());
        assertTrue(pre.show().contains("ip.opt[0].ts[0] = 198.51.100.1 (not yet recorded)"), pre.show());
    }

    @Test
    void anOptionWhosePointerLiesIsListed() {
        assertEquals(List.of("record route pointer 2 is below 4, the first slot"),
                replyWith(hex("07 07 02 00000000 00")).problems());
        assertEquals(List.of("record route pointer 6 is not at a slot (4, 8, 12, ...)"),
                replyWith(hex("07 07 06 00000000 00")).problems());
        assertEquals(List.of("record route pointer 40 is past the end of its 7 bytes"),
                replyWith(hex("07 07 28 00000000 00")).problems());
        assertEquals(List.of("timestamp option pointer 7 is not at an entry (5, 9, ...)"),
                replyWith(hex("44 08 07 00 00000000")).problems());
        assertEquals(List.of("timestamp option flag 2 is not 0 (tsonly), 1 (tsandaddr) or 3 (tsprespec)"),
                replyWith(hex("44 0c 05 02 00000000 00000000")).problems());
    }

    @Test
    void anOptionWhoseLengthLiesEndsTheWalkAndIsListed() {
        IcmpMessage past = replyWith(hex("01 07 27 04 00000000"));
        assertEquals(List.of("IP option record-route (type 7) at byte 1: length 39 runs past the options' end (7 left)"),
                past.problems());
        assertTrue(past.valid() && past.checksumValid(), "the ICMP message is still read");
        assertEquals(List.of("IP option timestamp (type 68) at byte 0: length 1 is less than 2"),
                replyWith(hex("44 01 0000")).problems());
        assertEquals(List.of("IP option unknown (type 200) at byte 3 has no length byte: the options end"),
                replyWith(hex("01 01 01 c8")).problems());
        assertEquals(List.of("record route length 6 is not 3 + 4 per slot"),
                replyWith(hex("07 06 04 000000 00 00")).problems());
        IcmpMessage lsrr = replyWith(hex("83 07 04 c6336402"));
        assertTrue(lsrr.problems().isEmpty());
        assertTrue(lsrr.show().contains("ip.opt[0] = loose-source-route (type 131) len=7 data 5 bytes"), lsrr.show());
    }

    @Test
    void aCapturedProbeCarriesItsOptionsInAHeaderThatVerifies() {
        byte[] rr = Ipv4Options.encode(List.of(new Ipv4Option.NoOperation(), RecordRouteOption.slots(9)));
        byte[] icmp = EchoMessage.request(4).identifier(3).sequence(4).build().toBytes();
        byte[] p = IpPackets.ipv4(A, B, 64, 0, 9, true, rr, icmp);
        assertEquals(68, p.length);
        IcmpMessage m = IcmpMessage.decode(p, 0, p.length);
        assertTrue(m.problems().isEmpty(), m.problems().toString());
        assertEquals(15, m.ip().orElseThrow().ihl());
        assertEquals(RecordRouteOption.slots(9), m.ipOptions().orElseThrow().recordRoute().orElseThrow());
        assertEquals(3, m.id());
        assertEquals("options must be 0..40 bytes, a multiple of 4, got 3", assertThrows(
                IllegalArgumentException.class, () -> IpPackets.ipv4(A, B, 64, 0, 9, true, new byte[3], icmp))
                .getMessage());
    }

    @Test
    void optionsThatDoNotFitAreRefused() {
        assertEquals("record route slots must be 1..9, got 10", assertThrows(IllegalArgumentException.class,
                () -> RecordRouteOption.slots(10)).getMessage());
        assertEquals("prespecified addresses must be 1..4, got 5", assertThrows(IllegalArgumentException.class,
                () -> TimestampOption.prespecified(List.of(A, A, A, A, A))).getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ipv4Options.encode(
                List.of(RecordRouteOption.slots(9), new Ipv4Option.NoOperation(), new Ipv4Option.NoOperation())));
        assertTrue(e.getMessage().startsWith("IPv4 options must fit 40 bytes, got 41"), e.getMessage());
    }
}
