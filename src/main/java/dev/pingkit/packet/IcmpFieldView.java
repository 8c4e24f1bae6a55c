package dev.pingkit.packet;

import java.net.InetAddress;
import java.util.List;

/** How an {@link IcmpMessage} presents itself: the field view ({@code show()}) and the one-line summary. */
final class IcmpFieldView {
    private IcmpFieldView() {
    }

    private static String checksumMeaning(IcmpMessage m) {
        switch (m.checksumStatus()) {
            case VALID: return "correct";
            case INVALID: return String.format("wrong, expected 0x%04x", m.expectedChecksum());
            default: return m.family() == 6 ? "not checked: needs the IPv6 source and destination" : "not checked";
        }
    }

    /** Every field, one per line, with its meaning. */
    static String show(IcmpMessage m) {
        StringBuilder sb = new StringBuilder();
        Ipv4Header ip = m.ip().orElse(null);
        InetAddress source = m.source().orElse(null);
        InetAddress destination = m.destination().orElse(null);
        int family = m.family();
        int type = m.type();
        int code = m.code();
        int checksum = m.checksum();
        int id = m.id();
        Quoted quoted = m.quoted().orElse(null);
        if (ip != null) {
            line(sb, "ip.ver", String.valueOf(ip.version()));
            line(sb, "ip.ihl", ip.ihl() + " (" + ip.headerLength() + " bytes)");
            line(sb, "ip.tos", String.format("0x%02x", ip.tos()));
            line(sb, "ip.len", String.valueOf(ip.totalLength()));
            line(sb, "ip.id", String.format("0x%04x", ip.identification()));
            line(sb, "ip.flags", String.format("0x%x%s", ip.flags(), flagsMeaning(ip.flags())));
            line(sb, "ip.frag", String.valueOf(ip.fragmentOffset()));
            line(sb, "ip.ttl", String.valueOf(ip.ttl()));
            line(sb, "ip.proto", ip.protocol() + (ip.protocol() == 1 ? " (icmp)" : ""));
            line(sb, "ip.cksum", String.format("0x%04x (%s)", ip.headerChecksum(), m.ipChecksumValid() ? "correct" : "wrong"));
            line(sb, "ip.src", Addresses.text(ip.source()));
            line(sb, "ip.dst", Addresses.text(ip.destination()));
            byte[] opts = ip.options();
            if (opts.length > 0) {
                line(sb, "ip.opts", opts.length + " bytes " + Hexdump.hex(opts, 0, opts.length));
                ip.decodedOptions().show((name, value) -> line(sb, name, value));
            }
        } else if (source != null) {
            line(sb, "src", Addresses.text(source));
            if (destination != null) {
                line(sb, "dst", Addresses.text(destination));
            }
        }
        if (m.fromErrorQueue()) {
            line(sb, "origin", "the kernel's error queue (IP_RECVERR): type, code, reporter and quote as reported;"
                    + " checksum and quoted IP header not passed on");
        }
        line(sb, "family", family == 6 ? "6 (ICMPv6)" : "4 (ICMPv4)");
        if (type >= 0) {
            line(sb, "type", type + " (" + m.typeName() + ")");
        }
        if (code >= 0) {
            String cn = m.codeName();
            line(sb, "code", code + (cn.isEmpty() ? "" : " (" + cn + ")"));
        }
        if (checksum >= 0 && !m.fromErrorQueue()) {
            line(sb, "checksum", String.format("0x%04x (%s)", checksum, checksumMeaning(m)));
        }
        if (id >= 0) {
            line(sb, "id", String.format("%d (0x%04x)", id, id));
            line(sb, "seq", String.valueOf(m.seq()));
        }
        if (m.mtu() >= 0) {
            line(sb, "mtu", String.valueOf(m.mtu()));
        }
        if (m.pointer() >= 0) {
            line(sb, "pointer", String.valueOf(m.pointer()));
        }
        m.gateway().ifPresent(g -> line(sb, "gateway", Addresses.text(g)));
        if (quoted != null) {
            line(sb, "quoted", quoted.toString().substring("quoted ".length())
                    + " (" + bytes(quoted.length()) + ")");
            showQuoted(sb, quoted);
        }
        IcmpQuery q = m.query().orElse(null);
        boolean bodyShown = QueryView.show(q, m.routerAdvertisement().orElse(null), (n, v) -> line(sb, n, v));
        if (m.valid() && !bodyShown) {
            byte[] p = m.payload();
            line(sb, "payload", bytes(p.length) + (p.length > 0 ? ", " + text(p) : ""));
            if (p.length > 0) {
                for (String l : Hexdump.of(p).split("\n")) {
                    sb.append("           ").append(l).append('\n');
                }
            }
        }
        for (String p : m.problems()) {
            line(sb, "problem", p);
        }
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    /** The quoted datagram field by field, named as the fields of the packet it quotes: which probe, sent how. */
    private static void showQuoted(StringBuilder sb, Quoted q) {
        String ip = q.family() == 6 ? "quoted.ip6." : "quoted.ip.";
        if (q.source() != null) {
            line(sb, ip + "src", Addresses.text(q.source()));
        }
        line(sb, ip + "dst", Addresses.text(q.destination()));
        if (q.ttl() >= 0) {
            line(sb, ip + (q.family() == 6 ? "hlim" : "ttl"), String.valueOf(q.ttl()));
        }
        line(sb, ip + (q.family() == 6 ? "nxt" : "proto"), q.protocol() + (q.protocol() == 1 ? " (icmp)"
                : q.protocol() == 58 ? " (icmpv6)" : ""));
        String icmp = q.family() == 6 ? "quoted.icmp6." : "quoted.icmp.";
        if (q.icmpType() >= 0) {
            line(sb, icmp + "type", q.icmpType() + " (" + IcmpNames.typeName(q.family(), q.icmpType()) + ")");
            line(sb, icmp + "code", String.valueOf(q.icmpCode()));
        }
        if (q.isEcho()) {
            line(sb, icmp + "id", String.format("%d (0x%04x)", q.id(), q.id()));
            line(sb, icmp + "seq", String.valueOf(q.seq()));
        }
    }

    private static String flagsMeaning(int flags) {
        String s = ((flags & 2) != 0 ? " DF" : "") + ((flags & 1) != 0 ? " MF" : "");
        return s.isEmpty() ? "" : " (" + s.trim() + ")";
    }

    /** The payload as quoted text when it is all printable ASCII, else a note that it is binary. */
    static String text(byte[] p) {
        for (byte b : p) {
            if (b < 0x20 || b >= 0x7f) {
                return "binary";
            }
        }
        return "\"" + new String(p, java.nio.charset.StandardCharsets.US_ASCII) + "\"";
    }

    /** "1 byte", "2 bytes": the show and problem texts are read by people. */
    static String bytes(int n) {
        return n == 1 ? "1 byte" : n + " bytes";
    }

    static void line(StringBuilder sb, String name, String value) {
        sb.append(name);
        for (int i = name.length(); i < 8; i++) {
            sb.append(' ');
        }
        sb.append(" = ").append(value).append('\n');
    }

    /** One line: {@code ICMPv4 198.51.100.2 > 198.51.100.1 ttl=64 echo-reply id=7 seq=1 len=5 checksum=0x1a2b ok}. */
    static String line(IcmpMessage m) {
        InetAddress source = m.source().orElse(null);
        InetAddress destination = m.destination().orElse(null);
        Quoted quoted = m.quoted().orElse(null);
        List<String> problems = m.problems();
        StringBuilder sb = new StringBuilder(m.family() == 6 ? "ICMPv6" : "ICMPv4");
        if (source != null) {
            sb.append(' ').append(Addresses.text(source));
            if (destination != null) {
                sb.append(" > ").append(Addresses.text(destination));
            }
        }
        m.ip().ifPresent(ip -> sb.append(" ttl=").append(ip.ttl()));
        if (!m.valid()) {
            return sb.append(" truncated (").append(bytes(Math.max(0, m.length()))).append(')').toString();
        }
        if ("unknown".equals(m.typeName())) {
            sb.append(" type=").append(m.type()).append(" code=").append(m.code());
        } else {
            sb.append(' ').append(m.typeName());
            String cn = m.codeName();
            if (!cn.isEmpty()) {
                sb.append(' ').append("unknown".equals(cn) ? "code=" + m.code() : cn);
            }
        }
        if (m.id() >= 0) {
            sb.append(" id=").append(m.id()).append(" seq=").append(m.seq()).append(" len=")
                    .append(m.payloadLength());
        }
        m.query().ifPresent(q -> sb.append(QueryView.summary(q)));
        if (m.mtu() >= 0) {
            sb.append(" mtu=").append(m.mtu());
        }
        if (m.fromErrorQueue()) {
            sb.append(" via error queue");
        } else {
            sb.append(String.format(" checksum=0x%04x", m.checksum()));
            sb.append(m.checksumStatus() == ChecksumStatus.VALID ? " ok"
                    : m.checksumStatus() == ChecksumStatus.INVALID ? " BAD" : "");
        }
        if (quoted != null) {
            sb.append(" (").append(quoted).append(')');
        }
        if (!problems.isEmpty()) {
            sb.append(" [").append(problems.size()).append(problems.size() == 1 ? " problem]" : " problems]");
        }
        return sb.toString();
    }
}
