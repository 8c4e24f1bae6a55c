package dev.pingkit.packet;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An ICMPv6 node information query (139) or reply (140) as a wire value (RFC 4620). Bytes 4..5 are the Qtype,
 * 6..7 the Flags, 8..15 the Nonce by which a reply names its query; there is no identifier and no sequence number.
 * A query's code says what its Data (the subject) is: 0 an IPv6 address, 1 a name (or nothing, for NOOP), 2 an IPv4
 * address; a reply's code says 0 successful, 1 refused, 2 Qtype unknown. A reply's Data is, for Node Name, a TTL
 * and names in DNS wire format, for Node Addresses and IPv4 Addresses a TTL before each address.
 *
 * <pre>{@code
 * NodeInfoMessage.query(NodeInfoMessage.QTYPE_NODE_NAME, 0).nonce(n).subjectIpv6(addr)  // ping -N name
 * NodeInfoMessage.reply(q).nodeName(0, "peer.lab.")                                      // its answer
 * }</pre>
 *
 * <p>The ICMPv6 checksum covers the pseudo-header: without {@link #pseudoHeader} it is 0 for the kernel to fill
 * in, unless forced.
 *
 * @param type           139 (query) or 140 (reply); any 0..255 for experiments
 * @param code           0..255 (see above)
 * @param qtype          0 NOOP, 2 Node Name, 3 Node Addresses, 4 IPv4 Addresses (0..65535)
 * @param flags          0..65535: for addresses the G, S, L, C, A and T bits
 * @param nonce          the 8 bytes a reply copies from its query
 * @param data           the subject of a query, the answer of a reply
 * @param forcedChecksum the checksum written instead of the computed one, or -1 to compute it
 * @param source         the IPv6 source the checksum covers, or null (unknown)
 * @param destination    the IPv6 destination, or null
 */
public record NodeInfoMessage(int type, int code, int qtype, int flags, byte[] nonce, byte[] data,
                              int forcedChecksum, InetAddress source, InetAddress destination)
        implements IcmpQuery {
    /** Query type. */
    public static final int QUERY = 139;
    /** Reply type. */
    public static final int REPLY = 140;
    /** Qtype NOOP: is the node there. */
    public static final int QTYPE_NOOP = 0;
    /** Qtype Node Name. */
    public static final int QTYPE_NODE_NAME = 2;
    /** Qtype Node Addresses (IPv6). */
    public static final int QTYPE_NODE_ADDRESSES = 3;
    /** Qtype IPv4 Addresses. */
    public static final int QTYPE_IPV4_ADDRESSES = 4;
    /** Query code: the subject is an IPv6 address. */
    public static final int SUBJECT_IPV6 = 0;
    /** Query code: the subject is a name (empty for NOOP). */
    public static final int SUBJECT_NAME = 1;
    /** Query code: the subject is an IPv4 address. */
    public static final int SUBJECT_IPV4 = 2;
    /** Flag T: the reply was truncated. */
    public static final int FLAG_T = 0x0001;
    /** Flag A: all unicast addresses, not only the interface's. */
    public static final int FLAG_A = 0x0002;
    /** Flag C: IPv4-compatible and IPv4-mapped addresses. */
    public static final int FLAG_C = 0x0004;
    /** Flag L: link-local addresses. */
    public static final int FLAG_L = 0x0008;
    /** Flag S: site-local addresses. */
    public static final int FLAG_S = 0x0010;
    /** Flag G: global addresses. */
    public static final int FLAG_G = 0x0020;
    /** Bytes before the Data: the ICMP header, Qtype, Flags and Nonce. */
    public static final int HEADER = 16;

    /** Checks every field and copies the arrays in. */
    public NodeInfoMessage {
        QueryWire.check("type", type, 0xff);
        QueryWire.check("code", code, 0xff);
        QueryWire.check("qtype", qtype, 0xffff);
        QueryWire.check("flags", flags, 0xffff);
        Objects.requireNonNull(nonce, "nonce");
        if (nonce.length != 8) {
            throw new IllegalArgumentException("nonce must be 8 bytes, got " + nonce.length);
        }
        if (data.length > EchoPayload.max(6) - 8) {
            throw new IllegalArgumentException("data must be 0.." + (EchoPayload.max(6) - 8) + " bytes, got "
                    + data.length);
        }
        QueryWire.checkForced(forcedChecksum);
        if (source != null && !(source instanceof Inet6Address && destination instanceof Inet6Address)) {
            throw new IllegalArgumentException("pseudo-header must be two IPv6 addresses, got " + source + " and "
                    + destination);
        }
        nonce = nonce.clone();
        data = data.clone();
    }

    /** A query of {@code qtype} with {@code flags}, subject none (code 1, empty), nonce all zeros. */
    public static NodeInfoMessage query(int qtype, int flags) {
        return new NodeInfoMessage(QUERY, SUBJECT_NAME, qtype, flags, new byte[8], new byte[0], QueryWire.COMPUTED,
                null, null);
    }

    /** The successful reply to {@code q}: its Qtype and Nonce, no data yet. */
    public static NodeInfoMessage reply(NodeInfoMessage q) {
        return new NodeInfoMessage(REPLY, 0, q.qtype, 0, q.nonce, new byte[0], QueryWire.COMPUTED, null, null);
    }

    /** With another code, 0..255. */
    public NodeInfoMessage code(int code) {
        return new NodeInfoMessage(type, code, qtype, flags, nonce, data, forcedChecksum, source, destination);
    }

    /** With another Flags field, 0..65535. */
    public NodeInfoMessage flags(int flags) {
        return new NodeInfoMessage(type, code, qtype, flags, nonce, data, forcedChecksum, source, destination);
    }

    /** With another 8-byte Nonce. */
    public NodeInfoMessage nonce(byte[] nonce) {
        return new NodeInfoMessage(type, code, qtype, flags, nonce, data, forcedChecksum, source, destination);
    }

    /** With raw Data bytes (no check that they fit the code or Qtype: for experiments). */
    public NodeInfoMessage data(byte[] data) {
        return new NodeInfoMessage(type, code, qtype, flags, nonce, data, forcedChecksum, source, destination);
    }

    /** A query about an address: code 0 (IPv6) or 2 (IPv4) and the address as Data. */
    public NodeInfoMessage subject(InetAddress address) {
        return new NodeInfoMessage(type, address instanceof Inet6Address ? SUBJECT_IPV6 : SUBJECT_IPV4, qtype, flags,
                nonce, address.getAddress(), forcedChecksum, source, destination);
    }

    /**
     * A query about a name: code 1 and the name in DNS wire format, ended as a fully qualified name when
     * {@code fqdn}, else as RFC 4620's single-component form (an extra zero byte).
     */
    public NodeInfoMessage subjectName(String name, boolean fqdn) {
        return new NodeInfoMessage(type, SUBJECT_NAME, qtype, flags, nonce, DnsNames.encode(name, fqdn),
                forcedChecksum, source, destination);
    }

    /** A Node Name reply's Data: the TTL, 0..2^31-1 seconds, then each name (ending in a dot: fully qualified). */
    public NodeInfoMessage nodeName(long ttl, String... names) {
        byte[][] parts = new byte[names.length][];
        int n = 4;
        for (int i = 0; i < names.length; i++) {
            boolean fqdn = names[i].endsWith(".");
            parts[i] = DnsNames.encode(fqdn ? names[i].substring(0, names[i].length() - 1) : names[i], fqdn);
            n += parts[i].length;
        }
        byte[] d = new byte[n];
        QueryWire.put32(d, 0, checkTtl(ttl));
        int at = 4;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, d, at, p.length);
            at += p.length;
        }
        return data(d);
    }

    /** A Node Addresses or IPv4 Addresses reply's Data: each address with the TTL, 0..2^31-1 seconds. */
    public NodeInfoMessage addresses(long ttl, InetAddress... addresses) {
        int size = addresses.length == 0 ? 4 : 4 + addresses[0].getAddress().length;
        byte[] d = new byte[addresses.length * size];
        for (int i = 0; i < addresses.length; i++) {
            byte[] a = addresses[i].getAddress();
            if (a.length + 4 != size) {
                throw new IllegalArgumentException("addresses must all be of one family, got " + addresses[0]
                        + " and " + addresses[i]);
            }
            QueryWire.put32(d, i * size, checkTtl(ttl));
            System.arraycopy(a, 0, d, i * size + 4, a.length);
        }
        return data(d);
    }

    /** With the checksum forced to {@code checksum}, 0..65535. */
    public NodeInfoMessage checksum(int checksum) {
        return new NodeInfoMessage(type, code, qtype, flags, nonce, data, QueryWire.check("checksum", checksum,
                0xffff), source, destination);
    }

    /** With the IPv6 source and destination the checksum covers (null, null: the kernel computes it). */
    public NodeInfoMessage pseudoHeader(InetAddress source, InetAddress destination) {
        return new NodeInfoMessage(type, code, qtype, flags, nonce, data, forcedChecksum, source, destination);
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public int family() {
        return 6;
    }

    /** None: a node information message has a nonce instead; -1. */
    @Override
    public int identifier() {
        return -1;
    }

    /** None: a node information message has a nonce instead; -1. */
    @Override
    public int sequence() {
        return -1;
    }

    @Override
    public boolean isReply() {
        return type == REPLY;
    }

    @Override
    public int replyType() {
        return type == QUERY ? REPLY : -1;
    }

    /** The Qtype's name in RFC 4620's words: NOOP, Node Name, Node Addresses, IPv4 Addresses, or "qtype N". */
    public String qtypeName() {
        return switch (qtype) {
            case QTYPE_NOOP -> "NOOP";
            case 1 -> "unused";
            case QTYPE_NODE_NAME -> "Node Name";
            case QTYPE_NODE_ADDRESSES -> "Node Addresses";
            case QTYPE_IPV4_ADDRESSES -> "IPv4 Addresses";
            default -> "qtype " + qtype;
        };
    }

    /** The code in RFC 4620's words: of a query what the subject is, of a reply whether it was answered. */
    public String codeText() {
        if (type == REPLY) {
            return switch (code) {
                case 0 -> "successful";
                case 1 -> "refused";
                case 2 -> "Qtype unknown";
                default -> "code " + code;
            };
        }
        return switch (code) {
            case SUBJECT_IPV6 -> "subject is an IPv6 address";
            case SUBJECT_NAME -> data.length == 0 ? "no subject" : "subject is a name";
            case SUBJECT_IPV4 -> "subject is an IPv4 address";
            default -> "code " + code;
        };
    }

    /** The set flags as RFC 4620 letters (G S L C A T), or "none". */
    public String flagText() {
        StringBuilder sb = new StringBuilder();
        String letters = "TACLSG";
        for (int bit = 5; bit >= 0; bit--) {
            if ((flags & (1 << bit)) != 0) {
                sb.append(sb.isEmpty() ? "" : " ").append(letters.charAt(bit));
            }
        }
        if ((flags & ~0x3f) != 0) {
            sb.append(sb.isEmpty() ? "" : " ").append(String.format("0x%04x", flags & ~0x3f));
        }
        return sb.isEmpty() ? "none" : sb.toString();
    }

    /** The nonce as 16 hex digits. */
    public String nonceText() {
        return Hexdump.hex(nonce, 0, 8);
    }

    /**
     * The Data decoded in words (the subject of a query, the names or addresses of a successful reply) and, into
     * {@code problems}, what does not add up. Never throws on any bytes.
     */
    public List<String> dataText(List<String> problems) {
        return NodeInfoData.read(this, problems);
    }

    /** The reply's names (a Node Name reply), each fully qualified one ending in a dot; empty otherwise. */
    public List<String> names() {
        return type == REPLY && code == 0 && qtype == QTYPE_NODE_NAME
                ? NodeInfoData.names(data, new ArrayList<>()) : List.of();
    }

    /** The reply's addresses with their TTLs (a Node Addresses or IPv4 Addresses reply); empty otherwise. */
    public List<NodeInfoData.Entry> entries() {
        return type == REPLY && code == 0 ? NodeInfoData.addresses(qtype, data, new ArrayList<>()) : List.of();
    }

    @Override
    public int checksum() {
        return QueryWire.checksumOf(toBytes());
    }

    @Override
    public boolean checksumForced() {
        return forcedChecksum != QueryWire.COMPUTED;
    }

    /** False without the pseudo-header and without a forced checksum: the kernel computes it. */
    public boolean checksumKnown() {
        return checksumForced() || source != null;
    }

    @Override
    public int length() {
        return HEADER + data.length;
    }

    @Override
    public byte[] toBytes() {
        byte[] body = new byte[8 + data.length];
        System.arraycopy(nonce, 0, body, 0, 8);
        System.arraycopy(data, 0, body, 8, data.length);
        return QueryWire.bytes(6, type, code, forcedChecksum, ((long) qtype << 16) | flags, body, source,
                destination);
    }

    @Override
    public IcmpMessage decoded() {
        return QueryWire.decode(6, toBytes(), source, destination);
    }

    @Override
    public String show() {
        return QueryWire.show(decoded(), checksumForced(), checksumKnown());
    }

    /** One line: {@code NodeInfoMessage[type=139 code=0 qtype=Node Name flags=none nonce=... subject ...]}. */
    @Override
    public String toString() {
        return "NodeInfoMessage[type=" + type + " code=" + code + " checksum="
                + QueryWire.checksumText(checksum(), checksumForced(), checksumKnown()) + " qtype=" + qtypeName()
                + " flags=" + flagText() + " nonce=" + nonceText() + " " + String.join(", ",
                dataText(new ArrayList<>())) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeInfoMessage m && type == m.type && code == m.code && qtype == m.qtype
                && flags == m.flags && forcedChecksum == m.forcedChecksum && Arrays.equals(nonce, m.nonce)
                && Arrays.equals(data, m.data) && Objects.equals(source, m.source)
                && Objects.equals(destination, m.destination);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Objects.hash(type, code, qtype, flags, forcedChecksum, source, destination)
                + Arrays.hashCode(nonce)) + Arrays.hashCode(data);
    }

    private static long checkTtl(long ttl) {
        if (ttl < 0 || ttl > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ttl must be 0.." + Integer.MAX_VALUE + ", got " + ttl);
        }
        return ttl;
    }
}
