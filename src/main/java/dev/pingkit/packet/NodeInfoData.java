package dev.pingkit.packet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The Data of a node information message (RFC 4620) read without trusting it: the subject, names, addresses. */
public final class NodeInfoData {
    private NodeInfoData() {
    }

    /**
     * One address of a Node Addresses or IPv4 Addresses reply.
     *
     * @param ttl     seconds the address stays valid, 0..2^32-1 as sent
     * @param address the address
     */
    public record Entry(long ttl, InetAddress address) {
        @Override
        public String toString() {
            return Addresses.text(address) + " ttl=" + ttl;
        }
    }

    /** The Data in words, the problems into {@code problems}. */
    static List<String> read(NodeInfoMessage m, List<String> problems) {
        byte[] d = m.data();
        List<String> out = new ArrayList<>();
        if (m.type() != NodeInfoMessage.REPLY) {
            switch (m.code()) {
                case NodeInfoMessage.SUBJECT_IPV6, NodeInfoMessage.SUBJECT_IPV4 -> {
                    int want = m.code() == NodeInfoMessage.SUBJECT_IPV6 ? 16 : 4;
                    if (d.length != want) {
                        problems.add("IPv" + (want == 16 ? 6 : 4) + " subject of " + IcmpFieldView.bytes(d.length)
                                + ", " + want + " expected");
                    } else {
                        out.add("subject " + Addresses.text(address(d, 0, want)));
                    }
                }
                case NodeInfoMessage.SUBJECT_NAME -> {
                    if (d.length > 0) { // none: a NOOP's, codeText says so
                        StringBuilder sb = new StringBuilder();
                        int end = DnsNames.read(d, 0, d.length, sb, problems);
                        if (end >= 0) {
                            out.add("subject " + sb);
                            if (end != d.length) {
                                problems.add(IcmpFieldView.bytes(d.length - end) + " after the subject name");
                            }
                        }
                    }
                }
                default -> problems.add("query code " + m.code() + ": RFC 4620 knows 0 (IPv6 subject), 1 (name)"
                        + " and 2 (IPv4 subject)");
            }
            return out;
        }
        if (m.code() != 0) {
            if (m.code() > 2) {
                problems.add("reply code " + m.code() + ": RFC 4620 knows 0 (successful), 1 (refused) and 2"
                        + " (Qtype unknown)");
            }
            if (d.length != 0) {
                problems.add("a reply that is not successful carries no data, got " + IcmpFieldView.bytes(d.length));
            }
            return out;
        }
        switch (m.qtype()) {
            case NodeInfoMessage.QTYPE_NOOP -> {
                if (d.length != 0) {
                    problems.add("NOOP reply with " + IcmpFieldView.bytes(d.length) + " of data, none expected");
                }
            }
            case NodeInfoMessage.QTYPE_NODE_NAME -> {
                if (d.length < 4) {
                    problems.add("Node Name reply data of " + IcmpFieldView.bytes(d.length)
                            + ", at least 4 (the TTL) expected");
                    return out;
                }
                out.add("ttl " + QueryWire.u32(d, 0));
                for (String n : names(d, problems)) {
                    out.add("name " + n);
                }
            }
            case NodeInfoMessage.QTYPE_NODE_ADDRESSES, NodeInfoMessage.QTYPE_IPV4_ADDRESSES -> {
                for (Entry e : addresses(m.qtype(), d, problems)) {
                    out.add("address " + e);
                }
            }
            default -> out.add("data " + IcmpFieldView.bytes(d.length));
        }
        return out;
    }

    /** The names after a Node Name reply's TTL; what cannot be read ends the list with a problem. */
    static List<String> names(byte[] d, List<String> problems) {
        List<String> out = new ArrayList<>();
        int at = 4;
        while (at < d.length) {
            StringBuilder sb = new StringBuilder();
            at = DnsNames.read(d, at, d.length, sb, problems);
            if (at < 0) {
                break;
            }
            out.add(sb.toString());
        }
        return out;
    }

    /** The entries of an addresses reply; a partial entry at the end is a problem. */
    static List<Entry> addresses(int qtype, byte[] d, List<String> problems) {
        int size = qtype == NodeInfoMessage.QTYPE_NODE_ADDRESSES ? 20
                : qtype == NodeInfoMessage.QTYPE_IPV4_ADDRESSES ? 8 : 0;
        if (size == 0) {
            return List.of();
        }
        if (d.length % size != 0) {
            problems.add((qtype == NodeInfoMessage.QTYPE_NODE_ADDRESSES ? "Node Addresses" : "IPv4 Addresses")
                    + " reply data of " + IcmpFieldView.bytes(d.length) + ": not a whole number of " + size
                    + "-byte entries (TTL and address)");
        }
        List<Entry> out = new ArrayList<>();
        for (int at = 0; at + size <= d.length; at += size) {
            out.add(new Entry(QueryWire.u32(d, at), address(d, at + 4, size - 4)));
        }
        return out;
    }

    private static InetAddress address(byte[] d, int at, int len) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(d, at, at + len));
        } catch (UnknownHostException cannot) {
            throw new AssertionError(cannot); // 4 or 16 bytes always make an address
        }
    }
}
