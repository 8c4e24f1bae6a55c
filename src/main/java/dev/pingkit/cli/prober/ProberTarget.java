package dev.pingkit.cli.prober;

import java.net.InetAddress;
import java.util.Objects;

import dev.pingkit.packet.Addresses;

/**
 * <b>One probed destination: the target as the user wrote it and the address it resolved to.</b> The pair is the
 * identity of a series ({@code host} and {@code ip} labels, as smokeping_prober names them).
 *
 * @param host    the target as written (a host name or an address literal)
 * @param address the address probed
 */
public record ProberTarget(String host, InetAddress address) {

    /** Checks both are present. */
    public ProberTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(address, "address");
    }

    /** The address as text, without a scope or a leading slash ({@code 198.51.100.2}, {@code 2001:db8::2}). */
    public String ip() {
        return Addresses.text(address);
    }

    /** {@code host (ip)}, or just the address when the host was typed as one. */
    @Override
    public String toString() {
        String ip = ip();
        return host.equals(ip) ? ip : host + " (" + ip + ")";
    }
}
