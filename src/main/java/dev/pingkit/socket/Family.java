package dev.pingkit.socket;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/** <b>The IP version of a socket: IPv4 (ICMP, protocol 1) or IPv6 (ICMPv6, protocol 58).</b> */
public enum Family {
    /** IPv4 with ICMP. */
    IPV4(LibC.AF_INET, 1, 4),
    /** IPv6 with ICMPv6. */
    IPV6(LibC.AF_INET6, 58, 16);

    private final int addressFamily;
    private final int icmpProtocol;
    private final int addressLength;

    Family(int addressFamily, int icmpProtocol, int addressLength) {
        this.addressFamily = addressFamily;
        this.icmpProtocol = icmpProtocol;
        this.addressLength = addressLength;
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
