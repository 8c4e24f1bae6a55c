package dev.pingkit.cli;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The resolved destination: the address pinged and the name iputils shows in the header and summary.
 *
 * @param address the address pinged
 * @param name    the name as typed (iputils shows the typed literal, or the canonical name for a host name)
 * @param literal the destination was typed as an address, so iputils prints addresses without reverse lookup
 */
public record Target(InetAddress address, String name, boolean literal) {

    /** Whether the target is IPv6. */
    public boolean ipv6() {
        return address instanceof Inet6Address;
    }

    /**
     * Resolves {@code host} as getaddrinfo does for iputils: a literal of the wrong family or a name without an
     * address of the asked family is "Address family for hostname not supported"; an unknown name is "Name or service
     * not known"; both are exit 2.
     */
    public static Target resolve(String host, int family) throws UsageException {
        // inet_aton's short forms ("0", "127.1") are numeric for iputils too: no reverse lookup of replies.
        boolean v4 = Literals.isIPv4(host) || host.matches("[0-9]{1,10}(\\.[0-9]{1,10}){0,2}");
        boolean v6 = !v4 && Literals.isIPv6(host);
        if (host.isEmpty()) {
            // getaddrinfo refuses an empty name; Java's resolver would answer with the loopback address.
            throw new UsageException(": Name or service not known");
        }
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(host);
        } catch (UnknownHostException | SecurityException e) {
            throw new UsageException(host + ": Name or service not known");
        }
        for (InetAddress a : all) {
            if (family == 0 || (family == 4 && a instanceof Inet4Address) || (family == 6 && a instanceof Inet6Address)) {
                // iputils: an IPv4 destination of 0.0.0.0 becomes the source the kernel picks for it, the loopback
                // address (header "PING 0 (127.0.0.1)"); an IPv6 :: stays, and ::1 answers it.
                if (a instanceof Inet4Address && a.isAnyLocalAddress()) {
                    a = loopback4();
                }
                return new Target(a, host, v4 || v6);
            }
        }
        throw new UsageException(host + ": Address family for hostname not supported");
    }

    private static InetAddress loopback4() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
