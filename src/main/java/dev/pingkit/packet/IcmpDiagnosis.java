package dev.pingkit.packet;

import java.util.ArrayList;
import java.util.List;

/**
 * What the decoder found wrong with a message, and whether its checksums verify: the diagnosis an
 * {@link IcmpMessage} carries in {@link IcmpMessage#problems()} and {@link IcmpMessage#checksumStatus()}.
 * Problems are listed in the order a reader meets them: IP header, ICMP header, checksum, quote.
 *
 * @param checksumStatus   whether the ICMP checksum verified
 * @param expectedChecksum the checksum the message should carry, -1 if it could not be checked
 * @param ipChecksumValid  the IPv4 header checksum verified (false when there is no IPv4 header)
 * @param problems         what is wrong, in words
 * @param body             the query value or router advertisement after the ICMP header, decoded
 */
record IcmpDiagnosis(ChecksumStatus checksumStatus, int expectedChecksum, boolean ipChecksumValid,
                     List<String> problems, IcmpBody body) {

    /**
     * The diagnosis of the message {@code r} points at, whose input bytes are {@code data} ({@code ip} parsed from
     * them, or null); ICMPv6 checksums are checked only with both pseudo-header addresses; a reconstruction from
     * the error queue has no checksum to check.
     */
    static IcmpDiagnosis of(IcmpReader r, byte[] data, Ipv4Header ip, byte[] src16, byte[] dst16,
                            java.net.InetAddress v6src, java.net.InetAddress v6dst, boolean fromErrorQueue) {
        List<String> probs = new ArrayList<>();
        boolean ipChecksumValid = false;
        if (ip != null) {
            ipChecksumValid = ipHeader(ip, data, probs);
        } else if (r.family() == 4 && !fromErrorQueue) {
            String why = notIpv4Why(data);
            if (why != null) {
                probs.add(why);
            }
        }
        int icmpLen = r.icmpLength();
        if (icmpLen < 8) {
            probs.add("truncated: " + IcmpFieldView.bytes(icmpLen) + ", an ICMP header needs 8");
        }
        ChecksumStatus status = ChecksumStatus.UNKNOWN;
        int expected = -1;
        if (!(icmpLen < 4 || (r.family() == 6 && src16 == null) || fromErrorQueue)) {
            long sum = Checksum.partial(r.buffer(), r.icmpOffset(), icmpLen);
            if (r.family() == 6) {
                sum += Checksum.pseudoHeaderV6(src16, dst16, icmpLen);
            }
            boolean ok = Checksum.finish(sum) == 0;
            status = ok ? ChecksumStatus.VALID : ChecksumStatus.INVALID;
            expected = Checksum.finish(sum - r.checksum());
            if (!ok) {
                probs.add(String.format("bad ICMP checksum 0x%04x, expected 0x%04x", r.checksum(), expected));
            }
        }
        IcmpBody body = fromErrorQueue || IcmpReader.isError(r.family(), r.type()) ? IcmpBody.NONE
                : IcmpBody.of(r.family(), r.buffer(), r.icmpOffset(), icmpLen, status, v6src, v6dst);
        probs.addAll(body.problems());
        quote(r, probs);
        return new IcmpDiagnosis(status, expected, ipChecksumValid, List.copyOf(probs), body);
    }

    /** Adds what is wrong with the IPv4 header; returns whether its checksum verifies. */
    private static boolean ipHeader(Ipv4Header ip, byte[] data, List<String> probs) {
        int hl = ip.headerLength();
        if (ip.totalLength() > data.length) {
            probs.add("IP total length " + ip.totalLength() + " but " + IcmpFieldView.bytes(data.length)
                    + " present");
        } else if (ip.totalLength() < hl) {
            probs.add("IP total length " + ip.totalLength() + " is less than the IP header length " + hl);
        }
        long hsum = Checksum.partial(data, 0, hl);
        boolean valid = Checksum.finish(hsum) == 0;
        if (!valid) {
            Ipv4Options o = ip.decodedOptions();
            // Linux writes its own address or time into these options as it delivers the packet, after checking
            // the header and without updating its checksum: every such packet read from a raw socket has this.
            boolean rewritten = o.recordRoute().isPresent() || o.timestamp().isPresent();
            probs.add(String.format("bad IP header checksum 0x%04x, expected 0x%04x", ip.headerChecksum(),
                    Checksum.finish(hsum - ip.headerChecksum())) + (rewritten
                    ? " (a receiving Linux host fills in record route and timestamp options without updating it)"
                    : ""));
        }
        for (String p : ip.decodedOptions().problems()) {
            probs.add(p);
        }
        if ((ip.flags() & 1) != 0 || ip.fragmentOffset() != 0) {
            probs.add("IP fragment: offset " + ip.fragmentOffset() * 8
                    + ((ip.flags() & 1) != 0 ? ", more fragments follow" : ", the last one"));
        }
        return valid;
    }

    /** Adds what is wrong with an error's quote: a truncated quoted ICMP message, or a quote that is no datagram. */
    private static void quote(IcmpReader r, List<String> probs) {
        byte[] buf = r.buffer();
        int icmpEnd = r.icmpOffset() + r.icmpLength();
        if (r.hasQuote()) {
            int qi = r.quotedIcmpOffset();
            if (qi >= 0 && icmpEnd - qi < 8) {
                probs.add("quoted ICMP message truncated: " + IcmpFieldView.bytes(icmpEnd - qi) + ", 8 expected");
            }
        } else if (r.icmpLength() >= 8 && IcmpReader.isError(r.family(), r.type())) {
            int n = r.icmpLength() - 8;
            int need = r.family() == 6 ? 40 : 20;
            String v = r.family() == 6 ? "IPv6" : "IPv4";
            int qv = n > 0 ? (buf[r.icmpOffset() + 8] & 0xf0) >>> 4 : -1;
            if (n < need) {
                probs.add("quoted datagram truncated: " + IcmpFieldView.bytes(n) + ", an " + v + " header needs "
                        + need);
            } else if (qv != r.family()) {
                probs.add("quoted datagram is not " + v + " (version " + qv + ")");
            } else {
                probs.add("quoted IPv4 header length " + (buf[r.icmpOffset() + 8] & 0x0f) * 4
                        + " does not fit the " + IcmpFieldView.bytes(n) + " quoted");
            }
        }
    }

    /**
     * Why bytes that start like an IPv4 header (version nibble 4) were decoded as a bare ICMP message instead, or
     * null: ICMPv4 types 64..79 are unassigned, so such input is far more likely a broken IP packet, and the reader
     * deserves to know which header field did not add up.
     */
    private static String notIpv4Why(byte[] d) {
        if (d.length == 0 || (d[0] & 0xf0) != 0x40) {
            return null;
        }
        int hl = (d[0] & 0x0f) * 4;
        String start = String.format("first byte 0x%02x reads as an IPv4 header", d[0] & 0xff);
        String why;
        if (d.length < 20) {
            why = start + ", but " + IcmpFieldView.bytes(d.length) + " cannot hold one (20 at least)";
        } else if (hl < 20) {
            why = start + " with IHL " + hl / 4 + " (" + hl + " bytes), less than the minimum 5 (20 bytes)";
        } else if (hl > d.length) {
            why = start + " with IHL " + hl / 4 + " (" + hl + " bytes), but only " + IcmpFieldView.bytes(d.length)
                    + " are present";
        } else {
            why = start + " with protocol " + (d[9] & 0xff) + ", not 1 (ICMP)";
        }
        return why + "; decoded as a bare ICMP message";
    }
}
