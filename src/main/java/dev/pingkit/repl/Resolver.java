package dev.pingkit.repl;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Host names to addresses, honouring the session's ipv4/ipv6 preference (like ping -4/-6).
 */
final class Resolver {
    private final Session session;

    Resolver(Session session) {
        this.session = session;
    }

    /** Resolves with the session's preference. */
    InetAddress resolve(String host) {
        return resolve(host, switch (session.family()) {
            case IPV4 -> 4;
            case IPV6 -> 6;
            case ANY -> 0;
        });
    }

    /** Resolves to family 4 or 6, or whichever comes first for 0. */
    InetAddress resolve(String host, int family) {
        String h = host.strip();
        String lower = h.toLowerCase(Locale.ROOT);
        // RFC 6761: .invalid never resolves, so it is refused without asking a resolver (the tests use it).
        if (h.isEmpty() || lower.endsWith(".invalid") || lower.endsWith(".invalid.") || lower.equals("invalid")) {
            throw new UserError("unknown host: " + host);
        }
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(h);
        } catch (UnknownHostException e) {
            throw new UserError("unknown host: " + host);
        }
        for (InetAddress a : all) {
            if (family == 0 || (family == 4 && a instanceof Inet4Address) || (family == 6 && a instanceof Inet6Address)) {
                return a;
            }
        }
        throw new UserError("host " + host + " has no IPv" + family + " address"
                + (session.family() != Session.FamilyChoice.ANY ? " (the session prefers IPv" + family
                + "; ipv4/ipv6 changes that)" : ""));
    }
}
