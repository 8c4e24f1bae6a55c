package dev.pingkit.cli.ping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.pingkit.cli.UsageException;
import dev.pingkit.packet.NodeInfoMessage;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ping -N}'s words to queries, and node information replies to iputils' text. */
class NodeInfoWordsTest {
    private static final InetAddress PEER = address("2001:db8:0:1::2");

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no lookup
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static NodeInfoMessage query(String... words) throws UsageException {
        return NodeInfoWords.query(List.of(words), PEER);
    }

    @Test
    void wordsGiveQtypeFlagsAndTheTargetAsSubject() throws UsageException {
        NodeInfoMessage q = query("ipv6-all", "ipv6-linklocal", "ipv6-sitelocal");
        assertEquals(NodeInfoMessage.QTYPE_NODE_ADDRESSES, q.qtype());
        assertEquals(0x1a, q.flags());
        assertEquals(NodeInfoMessage.SUBJECT_IPV6, q.code());
        assertEquals("20010db8000000010000000000000002", HexFormat.of().formatHex(q.data()));
        assertEquals(NodeInfoMessage.QTYPE_NODE_NAME, query("fqdn").qtype());
        assertEquals(NodeInfoMessage.FLAG_A, query("ipv4-all").flags());
        assertNull(query("subject-ipv6=2001:db8:0:1::2"), "a subject alone asks no query: echo requests go out");
    }

    @Test
    void subjectNamesTakeIputilsWireForms() throws UsageException {
        HexFormat h = HexFormat.of();
        assertEquals("04706565720000", h.formatHex(query("name", "subject-name=Peer").data()));
        assertEquals("0470656572036c616200", h.formatHex(query("name", "subject-name=peer.lab").data()));
        assertEquals("0470656572036c61620000", h.formatHex(query("name", "subject-fqdn=peer.lab").data()),
                "iputils 20221126 ends a subject-fqdn name with the single-component form's extra zero");
        assertEquals("c6336402", h.formatHex(query("ipv6", "subject-ipv4=198.51.100.2").data()));
        assertEquals(NodeInfoMessage.SUBJECT_IPV4, query("ipv6", "subject-ipv4=198.51.100.2").code());
    }

    @Test
    void aBadSubjectIsOneLine() {
        UsageException e = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
                () -> query("name", "subject-name=" + "x".repeat(64)));
        assertEquals("inappropriate subject name: " + "x".repeat(64), e.getMessage());
    }

    @Test
    void repliesReadAsIputilsPrintsThem() {
        NodeInfoMessage q = NodeInfoMessage.query(NodeInfoMessage.QTYPE_NODE_NAME, 0);
        assertEquals(" peer.lab., peer; seq=3;", NodeInfoWords.text(NodeInfoMessage.reply(q)
                .nodeName(0, "peer.lab.", "peer"), 3));
        assertEquals(" refused; seq=1;", NodeInfoWords.text(NodeInfoMessage.reply(q).code(1), 1));
        assertEquals(" unknown; seq=1;", NodeInfoWords.text(NodeInfoMessage.reply(q).code(2), 1));
        NodeInfoMessage a = NodeInfoMessage.query(NodeInfoMessage.QTYPE_NODE_ADDRESSES, 0);
        assertEquals(" 2001:db8:0:1::2, 2001:db8::1 (truncated); seq=2;", NodeInfoWords.text(NodeInfoMessage.reply(a)
                .addresses(30, PEER, address("2001:db8::1")).flags(NodeInfoMessage.FLAG_T), 2));
        assertEquals("37 bytes from 2001:db8:0:1::2: peer; seq=1; ttl=64",
                NodeInfoWords.line("37 bytes from 2001:db8:0:1::2: icmp_seq=1 ttl=64", 1,
                        NodeInfoMessage.reply(q).nodeName(0, "peer")));
    }
}
