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
        Inet6Address scoped = v4 ? null : scoped(host);
        if (scoped != null) {
            if (family == 4) {
                throw new UsageException(host + ": Address family for hostname not supported");
            }
            return new Target(scoped, host, true);
        }
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

    /**
     * An IPv6 link-local literal with a zone ({@code fe80::1%eth0}, {@code fe80::1%2}) as getaddrinfo reads it: the
     * zone is an interface name or index and becomes the address's scope id, which the socket puts in sin6_scope_id. Java's
     * own parser wants an address of that scope on the interface and refuses the rest; null when {@code host} has
     * no zone or is no IPv6 literal.
     */
    private static Inet6Address scoped(String host) throws UsageException {
        int pct = host.indexOf('%');
        if (pct <= 0 || host.indexOf(':') < 0) {
            return null;
        }
        String literal = host.substring(0, pct);
        String zone = host.substring(pct + 1);
        if (!Literals.isIPv6(literal) || literal.indexOf('%') >= 0) {
            return null;
        }
        try {
            InetAddress plain = InetAddress.getByName(literal);
            if (!plain.isLinkLocalAddress() && !plain.isMCLinkLocal()) {
                // glibc takes a zone only where a scope means something: link-local unicast and multicast
                throw new UsageException(host + ": Name or service not known");
            }
            byte[] bytes = plain.getAddress();
            java.net.NetworkInterface nif = zone.matches("[0-9]{1,10}")
                    ? java.net.NetworkInterface.getByIndex(Integer.parseInt(zone))
                    : java.net.NetworkInterface.getByName(zone);
            if (nif == null) {
                throw new UsageException(host + ": Name or service not known");
            }
            return (Inet6Address) withInterfaceName(Inet6Address.getByAddress(null, bytes, nif.getIndex()));
        } catch (java.io.IOException | NumberFormatException | SecurityException e) {
            throw new UsageException(host + ": Name or service not known");
        }
    }

    /**
     * {@code a} scoped by its interface rather than its index, so that it prints as iputils prints it
     * ({@code fe80::1%eth0}, not {@code %2}); {@code a} itself when it has no scope or the interface has no
     * address of that scope (Java then keeps only the number).
     */
    public static InetAddress withInterfaceName(InetAddress a) {
        if (!(a instanceof Inet6Address a6) || a6.getScopeId() == 0 || a6.getScopedInterface() != null) {
            return a;
        }
        try {
            java.net.NetworkInterface nif = java.net.NetworkInterface.getByIndex(a6.getScopeId());
            return nif == null ? a : Inet6Address.getByAddress(null, a6.getAddress(), nif);
        } catch (java.io.IOException | SecurityException e) {
            return a;
        }
    }

    private static InetAddress loopback4() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
