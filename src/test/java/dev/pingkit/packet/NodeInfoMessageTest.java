package dev.pingkit.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4620 node information queries and replies: layout, names in DNS wire format, decoding, hostile Data. */
class NodeInfoMessageTest {
    private static final InetAddress CLIENT = address("2001:db8:0:1::1");
    private static final InetAddress PEER = address("2001:db8:0:1::2");
    private static final byte[] NONCE = hex("0001a1b2c3d4e5f6");

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal); // literals only: no lookup
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static IcmpMessage decode(byte[] b) {
        return IcmpMessage.decodeV6(b, 0, b.length, PEER, CLIENT);
    }

    @Test
    void aNodeNameQueryAboutAnIpv6AddressLaysOutQtypeFlagsNonceAndSubject() {
        NodeInfoMessage q = NodeInfoMessage.query(NodeInfoMessage.QTYPE_NODE_NAME, 0).nonce(NONCE).subject(PEER)
                .pseudoHeader(CLIENT, PEER);
        byte[] b = q.toBytes();
        assertEquals(32, b.length);
        assertEquals("8b00", hex(b).substring(0, 4), "type 139, code 0: the subject is an IPv6 address");
        assertEquals("0002" + "0000" + "0001a1b2c3d4e5f6" + "20010db8000000010000000000000002", hex(b).substring(8));
        IcmpMessage d = IcmpMessage.decodeV6(b, 0, b.length, CLIENT, PEER);
        assertEquals(ChecksumStatus.VALID, d.checksumStatus());
        assertEquals(q, d.query().orElseThrow());
        assertTrue(d.problems().isEmpty(), d.problems().toString());
        assertEquals(-1, d.id(), "no identifier: the nonce names the query");
        String show = d.show();
        assertTrue(show.contains("type     = 139 (node-information-query)"), show);
        assertTrue(show.contains("code     = 0 (subject-ipv6-address)"), show);
        assertTrue(show.contains("qtype    = 2 (Node Name)"), show);
        assertTrue(show.contains("nonce    = 0001a1b2c3d4e5f6"), show);
        assertTrue(show.contains("  subject = 2001:db8:0:1::2"), show);
        assertTrue(d.toString().contains("node-information-query subject-ipv6-address qtype=2 nonce=0001a1b2c3d4e5f6"
                + " subject 2001:db8:0:1::2"), d.toString());
    }

    @Test
    void addressQueriesCarryTheirFlagsAndAnIpv4SubjectTakesCodeTwo() {
        int flags = NodeInfoMessage.FLAG_G | NodeInfoMessage.FLAG_A;
        NodeInfoMessage q = NodeInfoMessage.query(NodeInfoMessage.QTYPE_NODE_ADDRESSES, flags)
                .subject(address("198.51.100.2"));
        byte[] b = q.toBytes();
        assertEquals("8b02", hex(b).substring(0, 4));
        assertEquals("00030022", hex(b).substring(8, 16));
        assertEquals("c6336402", hex(b).substring(32));
        assertEquals("G A", q.flagText());
        assertEquals(0, q.checksum(), "no pseudo-header: the kernel fills the ICMPv6 checksum in");
        assertTrue(q.show().contains("filled in by the kernel"), q.show());
    }

    @Test
    void aSubjectNameIsDnsWireFormatWithASecondZeroWhenNotFullyQualified() {
        NodeInfoMessage q = NodeInfoMessage.query(NodeInfoMessage.QTYPE_NODE_NAME, 0);
        assertEquals("04706565720000", hex(q.subjectName("peer", false).data()));
        assertEquals("0470656572036c616200", hex(q.subjectName("peer.lab", true).data()));
        assertEquals(NodeInfoMessage.SUBJECT_NAME, q.subjectName("peer", false).code());
        List<String> problems = new java.util.ArrayList<>();
        assertEquals(List.of("subject peer"), q.subjectName("peer", false).dataText(problems));
        assertEquals(List.of("subject peer.lab."), q.subjectName("peer.lab", true).dataText(problems));
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void aNodeNameReplyCarriesItsTtlAndNamesAndCopiesTheNonce() {
        NodeInfoMessage q = NodeInfoMessage.query(NodeInfoMessage.QTYPE_NODE_NAME, 0).nonce(NONCE).subject(PEER);
        NodeInfoMessage r = NodeInfoMessage.reply(q).nodeName(0, "peer.lab.", "peer").pseudoHeader(PEER, CLIENT);
        byte[] b = r.toBytes();
        assertEquals("8c00", hex(b).substring(0, 4));
        assertEquals("00020000" + "0001a1b2c3d4e5f6" + "00000000" + "0470656572036c616200" + "04706565720000",
                hex(b).substring(8));
        IcmpMessage d = decode(b);
        assertEquals(r, d.query().orElseThrow());
        assertTrue(d.problems().isEmpty(), d.problems().toString());
        NodeInfoMessage back = (NodeInfoMessage) d.query().orElseThrow();
        assertEquals(List.of("peer.lab.", "peer"), back.names());
        assertArrayEquals(NONCE, back.nonce());
        assertTrue(d.show().contains("  name   = peer.lab."), d.show());
    }

    @Test
    void anAddressesReplyHoldsATtlBeforeEachAddress() {
        NodeInfoMessage q = NodeInfoMessage.query(NodeInfoMessage.QTYPE_NODE_ADDRESSES, 0).nonce(NONCE);
        NodeInfoMessage r = NodeInfoMessage.reply(q).addresses(30, PEER, address("2001:db8:0:2::2"))
                .pseudoHeader(PEER, CLIENT);
        assertEquals(16 + 40, r.length());
        NodeInfoMessage back = (NodeInfoMessage) decode(r.toBytes()).query().orElseThrow();
        assertEquals("[2001:db8:0:1::2 ttl=30, 2001:db8:0:2::2 ttl=30]", back.entries().toString());
        NodeInfoMessage v4 = NodeInfoMessage.reply(NodeInfoMessage.query(NodeInfoMessage.QTYPE_IPV4_ADDRESSES, 0))
                .addresses(7, address("198.51.100.2"));
        assertEquals("0000000" + "7c6336402", hex(v4.data()));
        assertEquals("[198.51.100.2 ttl=7]", v4.entries().toString());
    }

    @Test
    void refusedAndUnknownQtypeRepliesAreNamedAndCarryNoData() {
        NodeInfoMessage q = NodeInfoMessage.query(NodeInfoMessage.QTYPE_NODE_NAME, 0);
        assertEquals("refused", NodeInfoMessage.reply(q).code(1).codeText());
        IcmpMessage d = decode(NodeInfoMessage.reply(q).code(2).pseudoHeader(PEER, CLIENT).toBytes());
        assertEquals("unknown-qtype", d.codeName());
        assertTrue(d.problems().isEmpty(), d.problems().toString());
        assertEquals(List.of("a reply that is not successful carries no data, got 3 bytes"),
                decode(NodeInfoMessage.reply(q).code(1).data(new byte[3]).pseudoHeader(PEER, CLIENT).toBytes())
                        .problems());
    }

    @Test
    void hostileDataGetsAVerdictNeverAnException() {
        NodeInfoMessage name = NodeInfoMessage.reply(NodeInfoMessage.query(NodeInfoMessage.QTYPE_NODE_NAME, 0));
        assertEquals(List.of("name at byte 4: label length 0xc0 (compression or reserved), RFC 4620 allows labels"
                + " of 1..63 bytes only"), problems(name.data(hex("00000000 c00c"))));
        assertEquals(List.of("name at byte 4: a label of 9 bytes runs past the end of the data"),
                problems(name.data(hex("00000000 09 616263"))));
        assertEquals(List.of("name at byte 4 runs past the end of the data"),
                problems(name.data(hex("00000000 03 616263"))));
        assertEquals(List.of("Node Name reply data of 2 bytes, at least 4 (the TTL) expected"),
                problems(name.data(hex("0000"))));
        NodeInfoMessage addrs = NodeInfoMessage.reply(NodeInfoMessage.query(NodeInfoMessage.QTYPE_NODE_ADDRESSES, 0));
        assertEquals(List.of("Node Addresses reply data of 21 bytes: not a whole number of 20-byte entries (TTL"
                + " and address)"), problems(addrs.data(new byte[21])));
        NodeInfoMessage query = NodeInfoMessage.query(NodeInfoMessage.QTYPE_NODE_NAME, 0);
        assertEquals(List.of("IPv6 subject of 5 bytes, 16 expected"), problems(query.code(0).data(new byte[5])));
        assertEquals(List.of("IPv4 subject of 16 bytes, 4 expected"), problems(query.code(2).data(new byte[16])));
        assertEquals(List.of("1 byte after the subject name"), problems(query.data(hex("0161 00 0000"))));
        assertEquals(List.of("query code 7: RFC 4620 knows 0 (IPv6 subject), 1 (name) and 2 (IPv4 subject)"),
                problems(query.code(7)));
        assertEquals(List.of("Qtype 9: RFC 4620 knows 0 (NOOP), 2 (Node Name), 3 (Node Addresses) and 4 (IPv4"
                + " Addresses)"), problems(NodeInfoMessage.query(9, 0)));
        byte[] shortOne = hex("8b00 0000 0002 0000 0102030405");
        IcmpMessage d = IcmpMessage.decodeV6(shortOne, 0, shortOne.length, null, null);
        assertFalse(d.query().isPresent());
        assertEquals(List.of("node information message of 13 bytes, at least 16 expected (header, Qtype, Flags and"
                + " Nonce)"), d.problems());
    }

    private static List<String> problems(NodeInfoMessage m) {
        IcmpMessage d = decode(m.pseudoHeader(PEER, CLIENT).toBytes());
        d.show(); // never throws
        return d.problems();
    }

    @Test
    void badFieldsAreRefusedNamingFieldValueAndRange() {
        NodeInfoMessage q = NodeInfoMessage.query(NodeInfoMessage.QTYPE_NODE_NAME, 0);
        assertEquals("nonce must be 8 bytes, got 7",
                assertThrows(IllegalArgumentException.class, () -> q.nonce(new byte[7])).getMessage());
        assertEquals("qtype must be 0..65535, got 65536",
                assertThrows(IllegalArgumentException.class, () -> NodeInfoMessage.query(65536, 0)).getMessage());
        assertEquals("name label must be 1..63 bytes, got 0 in \"a..b\"",
                assertThrows(IllegalArgumentException.class, () -> q.subjectName("a..b", true)).getMessage());
        assertEquals("name label must be 1..63 bytes, got 64 in \"" + "x".repeat(64) + "\"",
                assertThrows(IllegalArgumentException.class, () -> q.subjectName("x".repeat(64), false))
                        .getMessage());
    }
}
