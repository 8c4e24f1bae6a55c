package dev.pingkit.engine;

import dev.pingkit.socket.Family;
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
     * <b>The family of {@code address} as the packet layer and the facade count it: 4 for an {@code Inet4Address},
     * 6 for an {@code Inet6Address}.</b> The one conversion from the sockets' {@link Family}.
     */
    public static int family(InetAddress address) {
        return Family.of(address).version();
    }

    /**
     * The first address of {@code host} in {@code family} (4 or 6), or of either family for 0.
     *
     * @throws HostNotFoundException       {@code unknown host: nosuch.invalid}
     * @throws NoAddressInFamilyException  {@code host h has no IPv6 address}
     * @throws IllegalArgumentException    for a family other than 0, 4, 6 or an empty host
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
            throw new HostNotFoundException(h);
        }
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(h);
        } catch (UnknownHostException e) {
            throw new HostNotFoundException(h);
        }
        for (InetAddress a : all) {
            if (family == 0 || (family == 4 && a instanceof Inet4Address) || (family == 6 && a instanceof Inet6Address)) {
                return a;
            }
        }
        throw new NoAddressInFamilyException(h, family);
    }

    /**
     * <b>The address the kernel's route toward {@code target} sends from, or the unspecified address of its family
     * when there is no route.</b> A UDP socket's connect only looks the route up: nothing is sent.
     */
    public static InetAddress sourceToward(InetAddress target) {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket()) {
            s.connect(target, 9);
            InetAddress a = s.getLocalAddress();
            if (a != null && !a.isAnyLocalAddress()) {
                return a;
            }
        } catch (java.net.SocketException e) {
            // no route: the unspecified address below still has the right family
        }
        try {
            return InetAddress.getByAddress(new byte[target.getAddress().length]);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always an address", e);
        }
    }
}
