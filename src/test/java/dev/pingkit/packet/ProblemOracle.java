package dev.pingkit.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a decoded message's problems against the bytes, recomputed independently: each problem it lists of a kind
 * the oracle knows must be true, and each such defect the bytes have must be listed. "Does not throw" is the least
 * a decoder owes; this is what its report is worth.
 */
final class ProblemOracle {
    private static final Pattern BAD_ICMP = Pattern.compile("bad ICMP checksum 0x([0-9a-f]{4}), expected 0x([0-9a-f]{4})");
    private static final Pattern BAD_IP = Pattern.compile("bad IP header checksum 0x([0-9a-f]{4}), expected 0x([0-9a-f]{4})"
            + "( \\(a receiving Linux host fills in record route and timestamp options without updating it\\))?");
    private static final Pattern TRUNCATED = Pattern.compile("truncated: (\\d+) bytes?, an ICMP header needs 8");
    private static final Pattern TOTAL = Pattern.compile("IP total length (\\d+) but (\\d+) bytes? present");

    static final byte[] SRC6 = address("2001:db8::fe");
    static final byte[] DST6 = address("2001:db8::1");

    private ProblemOracle() {
    }

    static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Decodes {@code b[off, off+len)} both ways and checks every claim; returns the message. */
    static IcmpMessage check(byte[] b, int off, int len, boolean v6) {
        byte[] before = b.clone();
        IcmpMessage m;
        IcmpReader r = new IcmpReader();
        try {
            m = v6 ? IcmpMessage.decodeV6(b, off, len, InetAddress.getByAddress(SRC6), InetAddress.getByAddress(DST6))
                    : IcmpMessage.decode(b, off, len);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
        if (v6) {
            r.resetV6(b, off, len);
        } else {
            r.reset(b, off, len);
        }
        // Touch everything a caller could touch: none of it may throw.
        m.toString();
        m.show();
        m.hexdump();
        m.typeName();
        m.codeName();
        m.quoted().ifPresent(Quoted::toString);
        m.ip().ifPresent(Ipv4Header::toString);
        m.ipOptions().ifPresent(o -> o.options().forEach(Ipv4Option::text));
        m.routerAdvertisement().ifPresent(RouterAdvertisement::toString);
        m.query().ifPresent(q -> {
            q.toString();
            q.show();
            // A value the decoder made encodes to the very bytes it came from, when it stands for all of them.
            if (q.length() == m.length()) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(m.icmpBytes(), q.toBytes(),
                        "the decoded value re-encodes to its bytes: " + q);
            }
            assertEquals(m.id(), q.identifier(), "identifier");
            assertEquals(m.seq(), q.sequence(), "sequence");
        });
        assertTrue(java.util.Arrays.equals(before, b), "decoding must not write to its input");

        // The two decoders (the allocation-free reader on the hot path, the value for people) agree.
        assertEquals(r.type(), m.type(), "type");
        assertEquals(r.code(), m.code(), "code");
        assertEquals(r.hasIpHeader(), m.ip().isPresent(), "IP header found");
        assertEquals(r.hasQuote(), m.quoted().isPresent(), "quote found");
        if (r.hasQuote()) {
            assertEquals(r.quotedId(), m.quoted().get().id(), "quoted id");
            assertEquals(r.quotedSeq(), m.quoted().get().seq(), "quoted seq");
        }
        if (!m.valid()) {
            assertFalse(m.problems().isEmpty(), "an invalid message says why");
        }

        int icmpOff = r.icmpOffset();
        int icmpLen = r.icmpLength();
        boolean sawIcmpChecksumProblem = false;
        boolean sawTruncation = false;
        for (String p : m.problems()) {
            Matcher c = BAD_ICMP.matcher(p);
            if (c.matches()) {
                sawIcmpChecksumProblem = true;
                assertTrue(icmpLen >= 4, p);
                assertEquals(Integer.parseInt(c.group(1), 16), m.checksum(), p);
                assertTrue(!verifies(b, icmpOff, icmpLen, v6), "the checksum really is bad: " + p);
                // The expected value is real: written in, the message verifies.
                byte[] fixed = b.clone();
                int want = Integer.parseInt(c.group(2), 16);
                fixed[icmpOff + 2] = (byte) (want >>> 8);
                fixed[icmpOff + 3] = (byte) want;
                assertTrue(verifies(fixed, icmpOff, icmpLen, v6), "with the expected checksum it verifies: " + p);
            }
            Matcher h = BAD_IP.matcher(p);
            if (h.matches()) {
                int hl = r.ipHeaderLength();
                assertTrue(Checksum.of(b, r.ipOffset(), hl) != 0, "the IP header checksum really is bad: " + p);
                byte[] fixed = b.clone();
                int want = Integer.parseInt(h.group(2), 16);
                fixed[r.ipOffset() + 10] = (byte) (want >>> 8);
                fixed[r.ipOffset() + 11] = (byte) want;
                assertEquals(0, Checksum.of(fixed, r.ipOffset(), hl), "with the expected checksum it verifies: " + p);
            }
            Matcher t = TRUNCATED.matcher(p);
            if (t.matches()) {
                sawTruncation = true;
                assertEquals(icmpLen, Integer.parseInt(t.group(1)), p);
                assertTrue(icmpLen < 8, p);
            }
            Matcher tl = TOTAL.matcher(p);
            if (tl.matches()) {
                int total = ((b[r.ipOffset() + 2] & 0xff) << 8) | (b[r.ipOffset() + 3] & 0xff);
                assertEquals(total, Integer.parseInt(tl.group(1)), p);
                assertTrue(total > Integer.parseInt(tl.group(2)), p);
            }
        }
        // And the other way: a defect the bytes have is listed.
        if (icmpLen >= 4) {
            assertEquals(!verifies(b, icmpOff, icmpLen, v6), sawIcmpChecksumProblem,
                    "a bad ICMP checksum is listed, a good one is not: " + m.problems());
        }
        assertEquals(icmpLen < 8, sawTruncation, "truncation is listed exactly when true: " + m.problems());
        return m;
    }

    static boolean verifies(byte[] b, int off, int len, boolean v6) {
        if (v6) {
            return Checksum.finish(Checksum.partial(b, off, len) + Checksum.pseudoHeaderV6(SRC6, DST6, len)) == 0;
        }
        return Checksum.of(b, off, len) == 0;
    }
}
