package dev.pingkit.repl;

import java.net.InetAddress;

import dev.pingkit.engine.Hosts;
import dev.pingkit.engine.NoAddressInFamilyException;

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
        try {
            return Hosts.resolve(host, family);
        } catch (IllegalArgumentException e) {
            String why = e.getMessage();
            if (e instanceof NoAddressInFamilyException && session.family() != Session.FamilyChoice.ANY) {
                why += " (the session prefers IPv" + family + "; ipv4/ipv6 changes that)";
            }
            throw new UserError(why);
        }
    }
}
