package dev.pingkit.cli.ping;

import dev.pingkit.cli.UsageException;
import dev.pingkit.engine.Hosts;
import dev.pingkit.packet.IcmpMessage;
import dev.pingkit.packet.IcmpQuery;
import dev.pingkit.packet.NodeInfoMessage;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code ping -N}'s words as iputils 20221126 reads them: the query they ask (Qtype and Flags), its subject, and
 * the text iputils prints for a node information reply in place of {@code icmp_seq=}.
 */
final class NodeInfoWords {
    private NodeInfoWords() {
    }

    /** The Qtype a query word asks for: name/fqdn Node Name, ipv6* Node Addresses, ipv4* IPv4 Addresses. */
    static int qtype(String word) {
        return word.equals("name") || word.equals("fqdn") ? NodeInfoMessage.QTYPE_NODE_NAME
                : word.startsWith("ipv6") ? NodeInfoMessage.QTYPE_NODE_ADDRESSES : NodeInfoMessage.QTYPE_IPV4_ADDRESSES;
    }

    private static int flag(String word) {
        return switch (word) {
            case "ipv6-all", "ipv4-all" -> NodeInfoMessage.FLAG_A;
            case "ipv6-compatible" -> NodeInfoMessage.FLAG_C;
            case "ipv6-linklocal" -> NodeInfoMessage.FLAG_L;
            case "ipv6-sitelocal" -> NodeInfoMessage.FLAG_S;
            case "ipv6-global" -> NodeInfoMessage.FLAG_G;
            default -> 0;
        };
    }

    /**
     * The query {@code words} ask, about {@code target} unless a subject word names another, or null when no word
     * asks a query type (a subject alone: iputils sends echo requests). The parser has already refused conflicts.
     */
    static NodeInfoMessage query(List<String> words, InetAddress target) throws UsageException {
        int qtype = -1;
        int flags = 0;
        for (String w : words) {
            if (!w.startsWith("subject-")) {
                qtype = qtype(w);
                flags |= flag(w);
            }
        }
        if (qtype < 0) {
            return null;
        }
        NodeInfoMessage q = NodeInfoMessage.query(qtype, flags).subject(target);
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String kind = w.substring(0, eq);
            String arg = w.substring(eq + 1);
            q = switch (kind) {
                case "subject-ipv6" -> q.subject(address(arg, 6));
                case "subject-ipv4" -> q.subject(address(arg, 4));
                default -> name(q, arg, kind.equals("subject-fqdn"));
            };
        }
        return q;
    }

    private static InetAddress address(String arg, int family) throws UsageException {
        try {
            return Hosts.resolve(arg, family);
        } catch (IllegalArgumentException e) { // unknown host, no address in the family
            throw new UsageException(arg + ": Name or service not known");
        }
    }

    // iputils lowercases the name, drops a %scope, and ends it in the single-component form (a second zero byte)
    // unless it came as subject-name with a dot in it; subject-fqdn gets that form too, as iputils 20221126 sends it.
    private static NodeInfoMessage name(NodeInfoMessage q, String arg, boolean fqdnWord) throws UsageException {
        String n = arg.toLowerCase(Locale.ROOT);
        int scope = n.indexOf('%');
        if (scope >= 0) {
            n = n.substring(0, scope);
        }
        boolean single = fqdnWord || !n.contains(".");
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        try {
            return q.subjectName(n, !single);
        } catch (IllegalArgumentException e) {
            throw new UsageException("inappropriate subject name: " + n, 1);
        }
    }

    /** The node information reply a message is, if it is one. */
    static Optional<NodeInfoMessage> of(IcmpMessage m) {
        if (m == null) {
            return Optional.empty();
        }
        Optional<IcmpQuery> q = m.query();
        return q.isPresent() && q.get() instanceof NodeInfoMessage n && n.isReply() ? Optional.of(n)
                : Optional.empty();
    }

    /**
     * What iputils prints after {@code from:} for a node information reply: the names (each fully qualified one
     * with its dot) or addresses, comma-separated, or refused / unknown, then {@code ; seq=N;}.
     */
    static String text(NodeInfoMessage r, int seq) {
        StringBuilder b = new StringBuilder();
        switch (r.code()) {
            case 0 -> {
                if (r.qtype() == NodeInfoMessage.QTYPE_NODE_NAME) {
                    b.append(String.join(",", r.names().stream().map(n -> " " + n).toList()));
                } else if (r.qtype() == NodeInfoMessage.QTYPE_NODE_ADDRESSES
                        || r.qtype() == NodeInfoMessage.QTYPE_IPV4_ADDRESSES) {
                    b.append(String.join(",", r.entries().stream()
                            .map(e -> " " + dev.pingkit.packet.Addresses.text(e.address())).toList()));
                    if ((r.flags() & NodeInfoMessage.FLAG_T) != 0) {
                        b.append(" (truncated)");
                    }
                } else {
                    b.append(" unknown qtype(0x").append(String.format("%02x", r.qtype())).append(')');
                }
            }
            case 1 -> b.append(" refused");
            case 2 -> b.append(" unknown");
            default -> b.append(String.format(" unknown code(%02x)", r.code()));
        }
        return b.append("; seq=").append(seq).append(';').toString();
    }

    /** iputils' reply line with the node information text where an echo reply has {@code icmp_seq=N}. */
    static String line(String echoLine, int seq, NodeInfoMessage r) {
        int at = echoLine.indexOf(": icmp_seq=" + seq);
        String rest = echoLine.substring(at + (": icmp_seq=" + seq).length());
        return echoLine.substring(0, at) + ":" + text(r, seq) + rest;
    }
}
