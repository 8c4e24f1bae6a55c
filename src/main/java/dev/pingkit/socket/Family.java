package dev.pingkit.socket;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * <b>The IP version of a socket: IPv4 (ICMP, protocol 1) or IPv6 (ICMPv6, protocol 58).</b>
 *
 * <p>The packet layer, the facade and the JShell user count the family as the version number, 4 or 6 (it imports
 * nothing of the sockets, nor they of it); {@link #version()} and {@link #ofVersion(int)} are the one conversion
 * between the two.
 */
public enum Family {
    /** IPv4 with ICMP. */
    IPV4(LibC.AF_INET, 1, 4, 4),
    /** IPv6 with ICMPv6. */
    IPV6(LibC.AF_INET6, 58, 16, 6);

    private final int addressFamily;
    private final int icmpProtocol;
    private final int addressLength;
    private final int version;

    Family(int addressFamily, int icmpProtocol, int addressLength, int version) {
        this.addressFamily = addressFamily;
        this.icmpProtocol = icmpProtocol;
        this.addressLength = addressLength;
        this.version = version;
    }

    /**
     * <b>The family of IP version {@code version}: 4 or 6, as the packet layer counts it.</b>
     *
     * @throws IllegalArgumentException for any other number
     */
    public static Family ofVersion(int version) {
        if (version == 4) {
            return IPV4;
        } else if (version == 6) {
            return IPV6;
        }
        throw new IllegalArgumentException("family must be 4 or 6, got " + version);
    }

    /** <b>The IP version number: 4 or 6, the family as the packet layer and the facade count it.</b> */
    public int version() {
        return version;
    }

    /** The family of an address: an {@link Inet4Address} (which includes IPv4-mapped IPv6) is IPV4. */
    public static Family of(InetAddress address) {
        Objects.requireNonNull(address, "address");
        return address instanceof Inet6Address ? IPV6 : IPV4;
    }

    /** The IP protocol number of ICMP in this family: 1 for IPv4, 58 for IPv6. */
    public int icmpProtocol() {
        return icmpProtocol;
    }

    /** The length of an address in bytes: 4 or 16. */
    public int addressLength() {
        return addressLength;
    }

    int addressFamily() {
        return addressFamily;
    }
}
