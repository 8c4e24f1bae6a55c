package dev.pingkit.cli.ping;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Enumeration;

/**
 * <b>Whether a destination is a broadcast address here:</b> the limited broadcast 255.255.255.255 or the directed
 * broadcast of a subnet on one of this namespace's interfaces (its {@code brd}, or the subnet's all-ones address). iputils finds out by connecting a UDP socket (the
 * kernel refuses a broadcast destination without SO_BROADCAST) and stops with "Do you want to ping broadcast?";
 * this asks the interfaces instead, so nothing is opened or sent.
 */
final class Broadcasts {
    private static final byte[] LIMITED = {(byte) 255, (byte) 255, (byte) 255, (byte) 255};

    private Broadcasts() {
    }

    static boolean isBroadcast(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return false; // IPv6 has no broadcast
        }
        if (java.util.Arrays.equals(address.getAddress(), LIMITED)) {
            return true;
        }
        try {
            for (Enumeration<NetworkInterface> all = NetworkInterface.getNetworkInterfaces();
                    all != null && all.hasMoreElements(); ) {
                for (InterfaceAddress a : all.nextElement().getInterfaceAddresses()) {
                    if (address.equals(a.getBroadcast()) || isSubnetBroadcast(address, a)) {
                        return true;
                    }
                }
            }
        } catch (SocketException e) {
            // no interface list: only the limited broadcast is known
        }
        return false;
    }

    /**
     * The subnet's all-ones address, which the kernel makes a broadcast route for every IPv4 prefix shorter than
     * /31 whether or not the address was given a {@code brd} (so {@link InterfaceAddress#getBroadcast()} may be
     * empty where the kernel still refuses the send).
     */
    private static boolean isSubnetBroadcast(InetAddress address, InterfaceAddress a) {
        int prefix = a.getNetworkPrefixLength();
        if (!(a.getAddress() instanceof Inet4Address) || prefix < 1 || prefix >= 31) {
            return false;
        }
        int mask = -1 << (32 - prefix);
        int net = toInt(a.getAddress().getAddress()) & mask;
        return toInt(address.getAddress()) == (net | ~mask);
    }

    private static int toInt(byte[] b) {
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }
}
