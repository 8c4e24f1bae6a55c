package dev.pingkit.packet;

import static dev.pingkit.packet.Vectors.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whatever arrives, decoding says what is wrong, only what is wrong, and never throws. */
class HostileInputTest {
    static final List<byte[]> V4 = new ArrayList<>();
    static final List<byte[]> V6 = new ArrayList<>();

    static {
        for (String s : new String[] {Vectors.ECHO_REQUEST, Vectors.REPLY_WITH_IP_OPTIONS, Vectors.REPLY_ODD,
            Vectors.TIME_EXCEEDED, Vectors.HOST_UNREACHABLE, Vectors.FRAG_NEEDED, Vectors.PARAMETER_PROBLEM,
            Vectors.REDIRECT, Vectors.SOURCE_QUENCH}) {
            V4.add(bytes(s));
        }
        for (String s : new String[] {Vectors.V6_ECHO_REQUEST, Vectors.V6_TIME_EXCEEDED, Vectors.V6_PACKET_TOO_BIG}) {
            V6.add(bytes(s));
        }
    }

    private final IcmpReader reader = new IcmpReader();

    /**
     * Decodes both ways and checks what the decoders say against the bytes ({@link ProblemOracle}: the two decoders
     * agree, every checksum, truncation and length problem listed is real and every such defect is listed), then
     * touches every reader accessor a caller could touch: none may throw, and none may read outside the input.
     */
    private void exercise(byte[] b, int off, int len, boolean v6) {
        ProblemOracle.check(b, off, len, v6);
        IcmpReader r = v6 ? reader.resetV6(b, off, len) : reader.reset(b, off, len);
        if (r.payloadLength() > 0) {
            assertTrue(r.payloadOffset() >= off && r.payloadOffset() + r.payloadLength() <= off + len,
                    "the payload lies inside the input");
        }
        r.restOfHeader();
        r.ipTtl();
        r.ipSourceV4();
        r.quotedProtocol();
        r.quotedDestinationV4();
        r.payloadEquals(new byte[5]);
        r.quotedDestinationEquals(new byte[4]);
        r.quotedDestinationEquals(new byte[16]);
        r.checksumValid();
        r.checksumValidV6(new byte[16], new byte[16]);
    }

    @Test
    void everyPrefixOfEveryKnownPacketListsOnlyRealProblems() {
        for (byte[] b : V4) {
            for (int n = 0; n <= b.length; n++) {
                exercise(b, 0, n, false);
            }
        }
        for (byte[] b : V6) {
            for (int n = 0; n <= b.length; n++) {
                exercise(b, 0, n, true);
            }
        }
    }

    @Test
    void randomBytesListOnlyRealProblems() {
        Random r = new Random(792);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[r.nextInt(120)];
            r.nextBytes(b);
            if (b.length > 0 && r.nextBoolean()) {
                b[0] = (byte) (0x40 | r.nextInt(16)); // look like IPv4 with any IHL
                if (b.length > 9) {
                    b[9] = 1;
                }
            }
            int off = b.length == 0 ? 0 : r.nextInt(b.length);
            exercise(b, off, b.length - off, false);
            exercise(b, off, b.length - off, true);
        }
    }

    @Test
    void mutatedKnownPacketsListOnlyRealProblems() {
        Random r = new Random(4443);
        List<byte[]> all = new ArrayList<>(V4);
        all.addAll(V6);
        for (int i = 0; i < 20_000; i++) {
            byte[] base = all.get(r.nextInt(all.size()));
            byte[] b = base.clone();
            for (int k = r.nextInt(4) + 1; k > 0; k--) {
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            exercise(b, 0, b.length, false);
            exercise(b, 0, b.length, true);
        }
    }

    @Test
    void lyingIhlAndTotalLengthAreReportedNotTrusted() throws Exception {
        byte[] te = bytes(Vectors.TIME_EXCEEDED);
        for (int ihl = 0; ihl < 16; ihl++) {
            for (int total : new int[] {0, 1, 19, 20, 28, 55, 56, 57, 100, 65535}) {
                byte[] b = te.clone();
                b[0] = (byte) (0x40 | ihl);
                b[2] = (byte) (total >>> 8);
                b[3] = (byte) total;
                exercise(b, 0, b.length, false);
                // and the quoted header lying the same way
                byte[] q = te.clone();
                q[28] = (byte) (0x40 | ihl);
                q[30] = (byte) (total >>> 8);
                q[31] = (byte) total;
                exercise(q, 0, q.length, false);
            }
        }
        byte[] b = te.clone();
        b[0] = 0x4f; // IHL 15 = 60 bytes: more than the 56 there are, so not an IP header: bare ICMP type 0x4f
        IcmpMessage m = IcmpMessage.decode(b, 0, b.length);
        assertTrue(m.ip().isEmpty());
        assertEquals(0x4f, m.type());
        assertTrue(m.problems().contains("first byte 0x4f reads as an IPv4 header with IHL 15 (60 bytes), but only"
                + " 56 bytes are present; decoded as a bare ICMP message"), m.problems().toString());
        byte[] q = te.clone();
        q[28] = 0x4f; // quoted IHL 60 but only 28 quoted
        IcmpMessage mq = IcmpMessage.decode(q, 0, q.length);
        assertTrue(mq.quoted().isEmpty());
        assertTrue(mq.problems().contains("quoted IPv4 header length 60 does not fit the 28 bytes quoted"),
                mq.problems().toString());
    }

    @Test
    void bytesThatOnlyLookLikeIpv4SayWhichHeaderFieldDidNotAddUp() {
        IcmpMessage one = IcmpMessage.decode(new byte[] {0x45}, 0, 1);
        assertEquals("ICMPv4 truncated (1 byte)", one.toString());
        assertTrue(one.problems().contains("first byte 0x45 reads as an IPv4 header, but 1 byte cannot hold one"
                + " (20 at least); decoded as a bare ICMP message"), one.problems().toString());

        byte[] shortIhl = bytes(Vectors.TIME_EXCEEDED);
        shortIhl[0] = 0x44;
        assertTrue(IcmpMessage.decode(shortIhl, 0, shortIhl.length).problems().toString()
                .contains("IHL 4 (16 bytes), less than the minimum 5 (20 bytes)"));

        byte[] udp = bytes(Vectors.TIME_EXCEEDED);
        udp[9] = 17;
        assertTrue(IcmpMessage.decode(udp, 0, udp.length).problems().toString()
                .contains("with protocol 17, not 1 (ICMP)"));

        byte[] bare = bytes(Vectors.ECHO_REQUEST);
        IcmpMessage echo = IcmpMessage.decode(bare, 0, bare.length);
        assertTrue(echo.problems().isEmpty(), "a real bare echo request (type 8) has nothing to explain: "
                + echo.problems());
    }
}
