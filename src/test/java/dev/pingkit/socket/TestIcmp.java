package dev.pingkit.socket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The few ICMP bytes the socket tests need, written by hand: the packet layer is not this package's concern. */
final class TestIcmp {
    private TestIcmp() {
    }

    static final int ECHO_REQUEST_V4 = 8;
    static final int ECHO_REPLY_V4 = 0;
    static final int ECHO_REQUEST_V6 = 128;
    static final int ECHO_REPLY_V6 = 129;

    /** An echo request; the checksum is computed (the kernel recomputes it for ICMPv6 and ping sockets anyway). */
    static ByteBuffer echoRequest(Family family, int id, int seq, byte[] payload) {
        byte[] message = new byte[8 + payload.length];
        message[0] = (byte) (family == Family.IPV4 ? ECHO_REQUEST_V4 : ECHO_REQUEST_V6);
        message[4] = (byte) (id >> 8);
        message[5] = (byte) id;
        message[6] = (byte) (seq >> 8);
        message[7] = (byte) seq;
        System.arraycopy(payload, 0, message, 8, payload.length);
        int checksum = checksum(message, 0, message.length);
        message[2] = (byte) (checksum >> 8);
        message[3] = (byte) checksum;
        return ByteBuffer.wrap(message);
    }

    static byte[] payload(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** RFC 1071 internet checksum. */
    static int checksum(byte[] bytes, int offset, int length) {
        long sum = 0;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += ((bytes[offset + i] & 0xff) << 8) | (bytes[offset + i + 1] & 0xff);
        }
        if ((length & 1) != 0) {
            sum += (bytes[offset + length - 1] & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /** Where the ICMP message starts in what was received: after the IPv4 header when it is included. */
    static int icmpOffset(Inbound in) {
        return in.headerIncluded() ? (in.data()[0] & 0x0f) * 4 : 0;
    }

    /** True when {@code in} holds an ICMP message of {@code type} with this id, seq and payload. */
    static boolean isEcho(Inbound in, int type, int id, int seq, byte[] payload) {
        int at = icmpOffset(in);
        byte[] d = in.data();
        if (in.length() != at + 8 + payload.length) {
            return false;
        }
        return (d[at] & 0xff) == type && d[at + 1] == 0 && u16(d, at + 4) == id && u16(d, at + 6) == seq
                && Arrays.equals(d, at + 8, at + 8 + payload.length, payload, 0, payload.length);
    }

    static int u16(byte[] d, int at) {
        return ((d[at] & 0xff) << 8) | (d[at + 1] & 0xff);
    }
}
