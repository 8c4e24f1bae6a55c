package dev.pingkit.packet;

/**
 * Known packets. Built from the RFC 791/792/4443 layouts by a short script, then each verified once with
 * {@code text2pcap -e 0x800|0x86dd} + {@code tshark -V}: every IP header checksum and ICMP checksum below was reported
 * "[correct]" by tshark 4.x, and the decoded fields noted in the comments are tshark's.
 * Addresses: 198.51.100.0/24, 198.18.0.0/15, 2001:db8::/32 only.
 */
final class Vectors {
    private Vectors() {
    }

    /**
     * Bare ICMPv4 echo request, id 7, seq 1, "hello". By hand: 0800 + 0007 + 0001 + 6865 + 6c6c + 6f00 = 0x14bd9,
     * folded 0x4bda, complemented 0xb425.
     */
    static final String ECHO_REQUEST = "0800b4250007000168656c6c6f";

    /**
     * IPv4 (IHL 6: router alert option 94040000) 198.51.100.2 > 198.51.100.1, TTL 63, DF, id 0x1c46, header checksum
     * 0x3618; ICMP echo reply id 0x1234 seq 42, 16 payload bytes 00..0f, checksum 0xb561.
     */
    static final String REPLY_WITH_IP_OPTIONS =
            "460000301c4640003f013618c6336402c6336401940400000000b5611234002a000102030405060708090a0b0c0d0e0f";

    /** IPv4 198.51.100.2 > 198.51.100.1 TTL 64; echo reply id 7 seq 2, odd payload "abc", checksum 0x3b94. */
    static final String REPLY_ODD = "4500001f1c4640004001ca2dc6336402c633640100003b9400070002616263";

    /** What every IPv4 error below quotes: IPv4 198.51.100.1 > 198.18.0.9 TTL 1 id 0x0101, echo request id 7 seq 3. */
    static final String QUOTED_PROBE = "450000540101400001018858c6336401c6120009080000e300070003";

    /** From 198.51.100.254 to 198.51.100.1, TTL 255: time exceeded (11/0), checksum 0xec12. */
    static final String TIME_EXCEEDED = "450000381c460000ff014a18c63364fec63364010b00ec1200000000" + QUOTED_PROBE;
    /** Destination unreachable, host unreachable (3/1), checksum 0xf411. */
    static final String HOST_UNREACHABLE = "450000381c460000ff014a18c63364fec63364010301f41100000000" + QUOTED_PROBE;
    /** Destination unreachable, fragmentation needed (3/4), next-hop MTU 1400, checksum 0xee96. */
    static final String FRAG_NEEDED = "450000381c460000ff014a18c63364fec63364010304ee9600000578" + QUOTED_PROBE;
    /** Parameter problem (12/0), pointer 20, checksum 0xd712. */
    static final String PARAMETER_PROBLEM = "450000381c460000ff014a18c63364fec63364010c00d71214000000" + QUOTED_PROBE;
    /** Redirect for host (5/1), gateway 198.51.100.253, checksum 0xc6e0. */
    static final String REDIRECT = "450000381c460000ff014a18c63364fec63364010501c6e0c63364fd" + QUOTED_PROBE;
    /** Source quench (4/0), checksum 0xf312. */
    static final String SOURCE_QUENCH = "450000381c460000ff014a18c63364fec63364010400f31200000000" + QUOTED_PROBE;

    /** Bare ICMPv6 echo request 2001:db8::1 > 2001:db8::2, id 7 seq 1 "hello", checksum 0xe068. */
    static final String V6_ECHO_REQUEST = "8000e0680007000168656c6c6f";

    /**
     * What the ICMPv6 errors quote: IPv6 2001:db8::1 > 2001:db8:1::9, hop limit 1, payload length 24, next header 58,
     * then the first 8 bytes of an echo request id 7 seq 5.
     */
    static final String V6_QUOTED_PROBE =
            "6000000000183a0120010db800000000000000000000000120010db80001000000000000000000098000ebe300070005";
    /** ICMPv6 time exceeded (3/0) 2001:db8::fe > 2001:db8::1, checksum 0x3e95. */
    static final String V6_TIME_EXCEEDED = "03003e9500000000" + V6_QUOTED_PROBE;
    /** ICMPv6 packet too big (2/0), MTU 1280, 2001:db8::fe > 2001:db8::1, checksum 0x3a95. */
    static final String V6_PACKET_TOO_BIG = "02003a9500000500" + V6_QUOTED_PROBE;

    static byte[] bytes(String hex) {
        byte[] b = new byte[hex.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
