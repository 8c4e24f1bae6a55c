package dev.pingkit.jshell;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Arrays;

/**
 * What must hold of an IPv4 header a learner wrote (TeachingSocket with IP_HDRINCL on) before it is sent: the packet
 * goes where the learner said, and its reply comes back to this host, whatever else the header gets wrong.
 */
final class OwnHeader {
    private OwnHeader() {
    }

    /** Throws an IllegalArgumentException naming the field when {@code packet} may not be sent to {@code to}. */
    static void check(byte[] packet, InetAddress to) throws IOException {
        if (packet.length < 20) {
            throw new IllegalArgumentException("with IP_HDRINCL on, the packet must start with a 20-byte IPv4 header,"
                    + " got " + packet.length + " bytes");
        }
        int ihl = packet[0] & 0x0f;
        if (ihl < 5 || ihl * 4 > packet.length) {
            throw new IllegalArgumentException("IHL must be 5..15 words and the header no longer than the packet, got "
                    + ihl + " (" + ihl * 4 + " bytes) in " + packet.length + " bytes");
        }
        InetAddress destination = InetAddress.getByAddress(Arrays.copyOfRange(packet, 16, 20));
        if (!destination.equals(to)) {
            throw new IllegalArgumentException("the header's destination (bytes 16..19) must be the host you send to, "
                    + to.getHostAddress() + ", got " + destination.getHostAddress());
        }
        byte[] src = Arrays.copyOfRange(packet, 12, 16);
        InetAddress source = InetAddress.getByAddress(src);
        if (!source.isAnyLocalAddress() && !source.isLoopbackAddress()
                && NetworkInterface.getByInetAddress(source) == null) {
            throw new IllegalArgumentException("the header's source (bytes 12..15) must be an address of this host (or"
                    + " 0.0.0.0: the kernel fills it in), got " + source.getHostAddress());
        }
    }
}
