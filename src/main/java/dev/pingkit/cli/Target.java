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
        boolean v4 = Literals.isIPv4(host);
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
                return new Target(a, host, v4 || v6);
            }
        }
        throw new UsageException(host + ": Address family for hostname not supported");
    }
}
