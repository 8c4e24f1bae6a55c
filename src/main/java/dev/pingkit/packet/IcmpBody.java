package dev.pingkit.packet;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What follows the ICMP header of a query, a query reply or a router advertisement, decoded: the value the
 * message stands for ({@link IcmpQuery}), or the advertisement, and what does not add up. Errors are the quote's
 * business ({@link IcmpReader}), other types have nothing more to read.
 *
 * @param query    the query value the bytes make, null for other types or when its fields are not all there
 * @param routers  a router advertisement's entries, null for other types
 * @param problems what is wrong with the body, in words
 */
record IcmpBody(IcmpQuery query, RouterAdvertisement routers, List<String> problems) {
    static final IcmpBody NONE = new IcmpBody(null, null, List.of());

    /**
     * Decodes {@code icmp[off, off+len)} of {@code family}; the checksum as it verified decides whether the value
     * carries it computed (it verified) or forced (it did not, or could not be checked and is not 0).
     */
    /**
     * Whether a received checksum reads as the computed one. 0xffff verifies wherever 0x0000 does (one's complement
     * has two zeros) but the computed checksum is 0xffff only for an all-zero message: kept as sent, so the value
     * re-encodes to the bytes received.
     */
    private static boolean asComputed(ChecksumStatus status, int checksum) {
        return status == ChecksumStatus.VALID ? checksum != 0xffff
                : status == ChecksumStatus.UNKNOWN && checksum == 0;
    }

    static IcmpBody of(int family, byte[] icmp, int off, int len, ChecksumStatus status, InetAddress v6src,
                       InetAddress v6dst) {
        if (len < 8) {
            return NONE;
        }
        int type = icmp[off] & 0xff;
        int code = icmp[off + 1] & 0xff;
        int checksum = QueryWire.u16(icmp, off + 2);
        int id = QueryWire.u16(icmp, off + 4);
        int seq = QueryWire.u16(icmp, off + 6);
        int forced = asComputed(status, checksum) ? QueryWire.COMPUTED : checksum;
        InetAddress src = family == 6 && status != ChecksumStatus.UNKNOWN ? v6src : null;
        InetAddress dst = src == null ? null : v6dst;
        List<String> problems = new ArrayList<>();
        int body = len - 8;
        if (IcmpTypes.isExtendedEcho(family, type)) {
            return extendedEcho(family, icmp, off, len, forced, src, dst, problems);
        }
        if (body > EchoPayload.max(family)) {
            problems.add("ICMP message of " + len + " bytes: longer than an IPv" + family + " datagram holds");
            return new IcmpBody(null, null, problems);
        }
        if (type == IcmpTypes.echoRequest(family) || type == IcmpTypes.echoReply(family)) {
            return NONE; // nothing to judge; the value is made on demand (echo), see echo()
        }
        if (IcmpTypes.isNodeInfo(family, type)) {
            return nodeInfo(icmp, off, len, forced, src, dst, problems);
        }
        if (family == 6) {
            return NONE;
        }
        switch (type) {
            case IcmpTypes.TIMESTAMP_REQUEST, IcmpTypes.TIMESTAMP_REPLY -> {
                if (body != 12) {
                    problems.add("timestamp message of " + IcmpFieldView.bytes(len) + ", 20 expected");
                }
                if (body < 12) {
                    return new IcmpBody(null, null, problems);
                }
                return new IcmpBody(new TimestampMessage(type, code, id, seq, QueryWire.u32(icmp, off + 8),
                        QueryWire.u32(icmp, off + 12), QueryWire.u32(icmp, off + 16), forced), null, problems);
            }
            case IcmpTypes.INFORMATION_REQUEST, IcmpTypes.INFORMATION_REPLY -> {
                if (body != 0) {
                    problems.add("information message of " + IcmpFieldView.bytes(len) + ", 8 expected");
                }
                return new IcmpBody(new InformationMessage(type, code, id, seq, forced), null, problems);
            }
            case IcmpTypes.ADDRESS_MASK_REQUEST, IcmpTypes.ADDRESS_MASK_REPLY -> {
                if (body != 4) {
                    problems.add("address mask message of " + IcmpFieldView.bytes(len) + ", 12 expected");
                }
                if (body < 4) {
                    return new IcmpBody(null, null, problems);
                }
                return new IcmpBody(new AddressMaskMessage(type, code, id, seq, QueryWire.u32(icmp, off + 8),
                        forced), null, problems);
            }
            case IcmpTypes.ROUTER_ADVERTISEMENT_V4 -> {
                return new IcmpBody(null, RouterAdvertisement.read(icmp, off, len, problems), problems);
            }
            default -> {
                return NONE;
            }
        }
    }

    /**
     * The echo value of an echo request or reply, made only when asked for: an echo's body is its payload, which
     * every receive would otherwise copy and sum once more. Null for other types and for what no value can hold.
     */
    static EchoMessage echo(int family, byte[] icmp, int off, int len, ChecksumStatus status, InetAddress v6src,
                            InetAddress v6dst) {
        if (len < 8 || len - 8 > EchoPayload.max(family)) {
            return null;
        }
        int type = icmp[off] & 0xff;
        if (type != IcmpTypes.echoRequest(family) && type != IcmpTypes.echoReply(family)) {
            return null;
        }
        int checksum = QueryWire.u16(icmp, off + 2);
        boolean computed = asComputed(status, checksum);
        InetAddress src = family == 6 && status != ChecksumStatus.UNKNOWN ? v6src : null;
        EchoMessage.Builder b = (type == IcmpTypes.echoRequest(family) ? EchoMessage.request(family)
                : EchoMessage.reply(family)).code(icmp[off + 1] & 0xff).identifier(QueryWire.u16(icmp, off + 4))
                .sequence(QueryWire.u16(icmp, off + 6)).data(Arrays.copyOfRange(icmp, off + 8, off + len))
                .pseudoHeader(src, src == null ? null : v6dst);
        return (computed ? b : b.checksum(checksum)).build();
    }

    /**
     * RFC 4620: the Qtype, Flags and Nonce take bytes 4..15; shorter is no value. The Data is read in words, and
     * what does not fit the code or Qtype (a subject of the wrong size, a compressed name, a partial entry) is a
     * problem, never an exception.
     */
    private static IcmpBody nodeInfo(byte[] icmp, int off, int len, int forced, InetAddress src, InetAddress dst,
                                     List<String> problems) {
        if (len < NodeInfoMessage.HEADER) {
            problems.add("node information message of " + IcmpFieldView.bytes(len) + ", at least "
                    + NodeInfoMessage.HEADER + " expected (header, Qtype, Flags and Nonce)");
            return new IcmpBody(null, null, problems);
        }
        NodeInfoMessage m = new NodeInfoMessage(icmp[off] & 0xff, icmp[off + 1] & 0xff, QueryWire.u16(icmp, off + 4),
                QueryWire.u16(icmp, off + 6), Arrays.copyOfRange(icmp, off + 8, off + 16),
                Arrays.copyOfRange(icmp, off + 16, off + len), forced, src, dst);
        int q = m.qtype();
        if (q == 1 || q > NodeInfoMessage.QTYPE_IPV4_ADDRESSES) {
            problems.add("Qtype " + q + (q == 1 ? " (unused since RFC 4620)" : "") + ": RFC 4620 knows 0 (NOOP),"
                    + " 2 (Node Name), 3 (Node Addresses) and 4 (IPv4 Addresses)");
        }
        m.dataText(problems);
        return new IcmpBody(m, null, problems);
    }

    /**
     * A request must carry a well-formed extension structure with one Interface Identification Object (RFC 8335
     * section 2); a reply may echo the request's structure back (Linux does), which is read but not judged.
     */
    private static IcmpBody extendedEcho(int family, byte[] icmp, int off, int len, int forced, InetAddress src,
                                         InetAddress dst, List<String> problems) {
        int type = icmp[off] & 0xff;
        byte[] ext = Arrays.copyOfRange(icmp, off + 8, off + len);
        if (ext.length > EchoPayload.max(family)) {
            problems.add("ICMP message of " + len + " bytes: longer than an IPv" + family + " datagram holds");
            return new IcmpBody(null, null, problems);
        }
        ExtendedEchoMessage m = new ExtendedEchoMessage(family, type, icmp[off + 1] & 0xff,
                QueryWire.u16(icmp, off + 4), icmp[off + 6] & 0xff, icmp[off + 7] & 0xff, ext, forced, src, dst);
        boolean request = !m.isReply();
        if (request) {
            if (ext.length == 0) {
                problems.add("PROBE request without an extension structure (RFC 8335 needs one)");
            } else {
                IcmpExtension e = IcmpExtension.parse(ext, 0, ext.length);
                problems.addAll(e.problems());
                List<IcmpExtension.ExtensionObject> iio = e.objects().stream()
                        .filter(o -> o.classNum() == InterfaceId.CLASS_NUM).toList();
                if (iio.isEmpty() && e.problems().stream().noneMatch(p -> p.startsWith("extension object"))) {
                    problems.add("PROBE request without an interface identification object (class 3)");
                } else if (iio.size() > 1) {
                    problems.add("PROBE request with " + iio.size()
                            + " interface identification objects, 1 expected");
                }
                if (!iio.isEmpty()) {
                    byte[] p = iio.get(0).payload();
                    InterfaceId.read(iio.get(0).cType(), p, 0, p.length, problems);
                }
            }
        }
        return new IcmpBody(m, null, problems);
    }
}
