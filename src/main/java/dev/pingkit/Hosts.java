package dev.pingkit;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;

/**
 * <b>Host names to addresses, the one way pingkit resolves them.</b> Names in the reserved {@code .invalid} domain
 * (RFC 6761) are refused without asking a resolver.
 */
public final class Hosts {
    private Hosts() {
    }

    /**
     * The first address of {@code host} in {@code family} (4 or 6), or of either family for 0.
     *
     * @throws IllegalArgumentException {@code unknown host: nosuch.invalid}, or {@code host h has no IPv6 address}
     */
    public static InetAddress resolve(String host, int family) {
        Objects.requireNonNull(host, "host");
        if (family != 0 && family != 4 && family != 6) {
            throw new IllegalArgumentException("family must be 0, 4 or 6, got " + family);
        }
        String h = host.strip();
        if (h.isEmpty()) {
            throw new IllegalArgumentException("host must be a name or an address, got \"" + host + "\"");
        }
        String lower = h.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".invalid") || lower.endsWith(".invalid.") || lower.equals("invalid")) {
            throw new IllegalArgumentException("unknown host: " + h);
        }
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(h);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host: " + h);
        }
        for (InetAddress a : all) {
            if (family == 0 || (family == 4 && a instanceof Inet4Address) || (family == 6 && a instanceof Inet6Address)) {
                return a;
            }
        }
        throw new IllegalArgumentException("host " + h + " has no IPv" + family + " address");
    }
}
