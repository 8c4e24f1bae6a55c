package dev.pingkit.packet;

import static dev.pingkit.packet.Vectors.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whatever arrives, decoding says what is wrong, only what is wrong, and never throws. */
class HostileInputTest {
    static final List<byte[]> V4 = new ArrayList<>();
    static final List<byte[]> V6 = new ArrayList<>();
    private static final byte[] PEER4 = ProblemOracle.address("198.51.100.2");
    private static final byte[] CLIENT4 = ProblemOracle.address("198.51.100.1");

    /** In an IPv4 header from peer to client, with these options. */
    private static byte[] inIp(byte[] options, byte[] icmp) {
        return WireBuilder.ipv4(0, 1, 64, 1, PEER4, CLIENT4, options, icmp);
    }

    /** Every query and reply type, the IPv4 options, and the lies the issue names: seeds for the fuzzer too. */
    static final List<byte[]> QUERIES_V4 = List.of(
            TimestampMessage.request().identifier(7).sequence(1).originate(45_296_789).toBytes(),
            inIp(new byte[0], TimestampMessage.reply().identifier(7).sequence(1).originate(1).receive(2)
                    .transmit(0x80000003L).toBytes()),
            InformationMessage.request().identifier(3).sequence(4).toBytes(),
            inIp(new byte[0], AddressMaskMessage.reply().identifier(9).sequence(2).prefixLength(24).toBytes()),
            ExtendedEchoMessage.request(4, InterfaceId.name("eth0")).identifier(5).sequence(6).toBytes(),
            ExtendedEchoMessage.request(4, InterfaceId.index(2)).toBytes(),
            inIp(new byte[0], ExtendedEchoMessage.request(4, InterfaceId.address(ipv4(PEER4))).toBytes()),
            inIp(new byte[0], ExtendedEchoMessage.reply(4).identifier(5).sequence(6).interfaceBits(true, true, false)
                    .toBytes()),
            ExtendedEchoMessage.request(4, InterfaceId.name("lo")).extensionChecksum(0xbeef).toBytes(),
            ExtendedEchoMessage.request(4, InterfaceId.other(1, new byte[0])).toBytes(),
            ExtendedEchoMessage.request(4, InterfaceId.other(1, new byte[300])).toBytes(),
            WireBuilder.withChecksumV4(hx("0900 0000 0202 0708 c6336406 00000005")),
            inIp(Ipv4Options.encode(List.of(new Ipv4Option.NoOperation(), new RecordRouteOption(12,
                    List.of(ipv4(CLIENT4), ipv4(PEER4), ipv4(new byte[4]))))),
                    EchoMessage.reply(4).identifier(1).sequence(1).build().toBytes()),
            inIp(Ipv4Options.encode(List.of(TimestampOption.addressesAndTimestamps(4).pointer(13))),
                    EchoMessage.reply(4).identifier(1).sequence(2).build().toBytes()),
            inIp(hx("07 27 02 00"), EchoMessage.reply(4).build().toBytes()), // pointer and length lie
            inIp(hx("44 08 07 20 00000000"), TimestampMessage.reply().toBytes()));
    static final List<byte[]> QUERIES_V6 = List.of(
            ExtendedEchoMessage.request(6, InterfaceId.name("eth0")).pseudoHeader(v6(ProblemOracle.SRC6),
                    v6(ProblemOracle.DST6)).toBytes(),
            ExtendedEchoMessage.request(6, InterfaceId.address(v6(ProblemOracle.DST6))).sequence(9)
                    .pseudoHeader(v6(ProblemOracle.SRC6), v6(ProblemOracle.DST6)).toBytes(),
            ExtendedEchoMessage.reply(6).code(2).pseudoHeader(v6(ProblemOracle.SRC6), v6(ProblemOracle.DST6))
                    .toBytes(),
            // RFC 4620: a query about an address, one about a name, and replies with names and addresses
            NodeInfoMessage.query(NodeInfoMessage.QTYPE_NODE_NAME, 0).nonce(hx("0001a1b2c3d4e5f6"))
                    .subject(v6(ProblemOracle.DST6)).pseudoHeader(v6(ProblemOracle.SRC6), v6(ProblemOracle.DST6))
                    .toBytes(),
            NodeInfoMessage.query(NodeInfoMessage.QTYPE_NODE_ADDRESSES, NodeInfoMessage.FLAG_A)
                    .subjectName("peer", false).pseudoHeader(v6(ProblemOracle.SRC6), v6(ProblemOracle.DST6))
                    .toBytes(),
            NodeInfoMessage.reply(NodeInfoMessage.query(NodeInfoMessage.QTYPE_NODE_NAME, 0)).nodeName(0, "peer.lab.")
                    .pseudoHeader(v6(ProblemOracle.SRC6), v6(ProblemOracle.DST6)).toBytes(),
            NodeInfoMessage.reply(NodeInfoMessage.query(NodeInfoMessage.QTYPE_NODE_ADDRESSES, 0))
                    .addresses(5, v6(ProblemOracle.DST6)).pseudoHeader(v6(ProblemOracle.SRC6),
                            v6(ProblemOracle.DST6)).toBytes());

    private static byte[] hx(String spaced) {
        return java.util.HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    private static java.net.Inet4Address ipv4(byte[] a) {
        return Ipv4Header.v4(a, 0);
    }

    private static InetAddress v6(byte[] a) {
        try {
            return InetAddress.getByAddress(a);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static {
        for (String s : new String[] {Vectors.ECHO_REQUEST, Vectors.REPLY_WITH_IP_OPTIONS, Vectors.REPLY_ODD,
            Vectors.TIME_EXCEEDED, Vectors.HOST_UNREACHABLE, Vectors.FRAG_NEEDED, Vectors.PARAMETER_PROBLEM,
            Vectors.REDIRECT, Vectors.SOURCE_QUENCH}) {
            V4.add(bytes(s));
        }
        for (String s : new String[] {Vectors.V6_ECHO_REQUEST, Vectors.V6_TIME_EXCEEDED, Vectors.V6_PACKET_TOO_BIG}) {
            V6.add(bytes(s));
        }
        V4.addAll(QUERIES_V4);
        V6.addAll(QUERIES_V6);
    }

    private final IcmpReader reader = new IcmpReader();

    /**
     * Decodes both ways and checks what the decoders say against the bytes ({@link ProblemOracle}: the two decoders
     * agree, every checksum, truncation and length problem listed is real and every such defect is listed), then
     * touches every reader accessor a caller could touch: none may throw, and none may read outside the input.
     */
    private void exercise(byte[] b, int off, int len, boolean v6) {
        ProblemOracle.check(b, off, len, v6);
        IcmpReader r = v6 ? reader.resetV6(b, off, len) : reader.reset(b, off, len);
        if (r.payloadLength() > 0) {
            assertTrue(r.payloadOffset() >= off && r.payloadOffset() + r.payloadLength() <= off + len,
                    "the payload lies inside the input");
        }
        r.restOfHeader();
        r.ipTtl();
        r.ipSourceV4();
        r.quotedProtocol();
        r.quotedDestinationV4();
        r.payloadEquals(new byte[5]);
        r.quotedDestinationEquals(new byte[4]);
        r.quotedDestinationEquals(new byte[16]);
        r.checksumValid();
        r.checksumValidV6(new byte[16], new byte[16]);
    }

    @Test
    void everyPrefixOfEveryKnownPacketListsOnlyRealProblems() {
        for (byte[] b : V4) {
            for (int n = 0; n <= b.length; n++) {
                exercise(b, 0, n, false);
            }
        }
        for (byte[] b : V6) {
            for (int n = 0; n <= b.length; n++) {
                exercise(b, 0, n, true);
            }
        }
    }

    @Test
    void randomBytesListOnlyRealProblems() {
        Random r = new Random(792);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[r.nextInt(120)];
            r.nextBytes(b);
            if (b.length > 0 && r.nextBoolean()) {
                b[0] = (byte) (0x40 | r.nextInt(16)); // look like IPv4 with any IHL
                if (b.length > 9) {
                    b[9] = 1;
                }
            }
            int off = b.length == 0 ? 0 : r.nextInt(b.length);
            exercise(b, off, b.length - off, false);
            exercise(b, off, b.length - off, true);
        }
    }

    @Test
    void mutatedKnownPacketsListOnlyRealProblems() {
        Random r = new Random(4443);
        List<byte[]> all = new ArrayList<>(V4);
        all.addAll(V6);
        for (int i = 0; i < 20_000; i++) {
            byte[] base = all.get(r.nextInt(all.size()));
            byte[] b = base.clone();
            for (int k = r.nextInt(4) + 1; k > 0; k--) {
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            exercise(b, 0, b.length, false);
            exercise(b, 0, b.length, true);
        }
    }

    @Test
    void everyQuerySeedDecodesToItsValueOrSaysWhy() {
        for (byte[] b : QUERIES_V4) {
            IcmpMessage m = ProblemOracle.check(b, 0, b.length, false);
            assertTrue(m.query().isPresent() || m.routerAdvertisement().isPresent(), m.show());
        }
        for (byte[] b : QUERIES_V6) {
            assertTrue(ProblemOracle.check(b, 0, b.length, true).query().isPresent());
        }
        // The lies, each with its verdict.
        assertEquals(List.of("IP option record-route (type 7) at byte 0: length 39 runs past the options' end"
                + " (4 left)"), IcmpMessage.decode(QUERIES_V4.get(14), 0, QUERIES_V4.get(14).length).problems());
        byte[] ts = QUERIES_V4.get(15);
        assertEquals(List.of("timestamp option pointer 7 is not at an entry (5, 9, ...)"),
                IcmpMessage.decode(ts, 0, ts.length).problems());
        byte[] badExt = QUERIES_V4.get(8);
        assertTrue(IcmpMessage.decode(badExt, 0, badExt.length).problems().get(0).startsWith(
                "bad extension checksum 0xbeef, expected 0x"));
    }

    @Test
    void lyingIhlAndTotalLengthAreReportedNotTrusted() throws Exception {
        byte[] te = bytes(Vectors.TIME_EXCEEDED);
        for (int ihl = 0; ihl < 16; ihl++) {
            for (int total : new int[] {0, 1, 19, 20, 28, 55, 56, 57, 100, 65535}) {
                byte[] b = te.clone();
                b[0] = (byte) (0x40 | ihl);
                b[2] = (byte) (total >>> 8);
                b[3] = (byte) total;
                exercise(b, 0, b.length, false);
                // and the quoted header lying the same way
                byte[] q = te.clone();
                q[28] = (byte) (0x40 | ihl);
                q[30] = (byte) (total >>> 8);
                q[31] = (byte) total;
                exercise(q, 0, q.length, false);
            }
        }
        byte[] b = te.clone();
        b[0] = 0x4f; // IHL 15 = 60 bytes: more than the 56 there are, so not an IP header: bare ICMP type 0x4f
        IcmpMessage m = IcmpMessage.decode(b, 0, b.length);
        assertTrue(m.ip().isEmpty());
        assertEquals(0x4f, m.type());
        assertTrue(m.problems().contains("first byte 0x4f reads as an IPv4 header with IHL 15 (60 bytes), but only"
                + " 56 bytes are present; decoded as a bare ICMP message"), m.problems().toString());
        byte[] q = te.clone();
        q[28] = 0x4f; // quoted IHL 60 but only 28 quoted
        IcmpMessage mq = IcmpMessage.decode(q, 0, q.length);
        assertTrue(mq.quoted().isEmpty());
        assertTrue(mq.problems().contains("quoted IPv4 header length 60 does not fit the 28 bytes quoted"),
                mq.problems().toString());
    }

    @Test
    void bytesThatOnlyLookLikeIpv4SayWhichHeaderFieldDidNotAddUp() {
        IcmpMessage one = IcmpMessage.decode(new byte[] {0x45}, 0, 1);
        assertEquals("ICMPv4 truncated (1 byte)", one.toString());
        assertTrue(one.problems().contains("first byte 0x45 reads as an IPv4 header, but 1 byte cannot hold one"
                + " (20 at least); decoded as a bare ICMP message"), one.problems().toString());

        byte[] shortIhl = bytes(Vectors.TIME_EXCEEDED);
        shortIhl[0] = 0x44;
        assertTrue(IcmpMessage.decode(shortIhl, 0, shortIhl.length).problems().toString()
                .contains("IHL 4 (16 bytes), less than the minimum 5 (20 bytes)"));

        byte[] udp = bytes(Vectors.TIME_EXCEEDED);
        udp[9] = 17;
        assertTrue(IcmpMessage.decode(udp, 0, udp.length).problems().toString()
                .contains("with protocol 17, not 1 (ICMP)"));

        byte[] bare = bytes(Vectors.ECHO_REQUEST);
        IcmpMessage echo = IcmpMessage.decode(bare, 0, bare.length);
        assertTrue(echo.problems().isEmpty(), "a real bare echo request (type 8) has nothing to explain: "
                + echo.problems());
    }
}
