package dev.pingkit.socket;

import java.net.InetAddress;
import java.util.StringJoiner;

/**
 * <b>Immutable options applied when a socket is opened; every unset (null) option keeps the kernel default.</b>
 * Each fluent call returns a new value:
 * <pre>{@code SocketOptions.DEFAULTS.ttl(3).dontFragment(true).netns("pingkit-client")}</pre>
 *
 * @param ttl           IPv4 TTL / IPv6 hop limit of sent packets, 0..255 (an IPv4 socket refuses 0)
 * @param tos           IPv4 TOS / IPv6 traffic class, 0..255
 * @param dontFragment  true: set DF and never fragment ({@code IP_PMTUDISC_DO}); false: allow fragmentation
 *                      ({@code IP_PMTUDISC_DONT})
 * @param source        address to bind, which sets the source address (must be of the socket's family)
 * @param device        interface to bind to ({@code SO_BINDTODEVICE}), 1..15 characters
 * @param mark          firewall mark ({@code SO_MARK}, needs CAP_NET_ADMIN), any 32-bit value
 * @param receiveBuffer requested {@code SO_RCVBUF} in bytes (the kernel doubles it and caps it at rmem_max)
 * @param netns         name of a network namespace under {@code /var/run/netns} to open the socket in
 * @param broadcast     true: may send to a broadcast address ({@code SO_BROADCAST}, as {@code ping -b})
 * @param ipOptions     IPv4 options every datagram carries ({@code IP_OPTIONS}, as {@code ping -R}/{@code -T}):
 *                      0..40 bytes, a multiple of 4; null: none. Ignored by IPv6 sockets.
 * @param dontRoute     true: bypass the routing table, the destination must be on a link ({@code SO_DONTROUTE},
 *                      as {@code ping -r})
 * @param sendBuffer    requested {@code SO_SNDBUF} in bytes ({@code ping -S}), null: the kernel's
 * @param debug         true: {@code SO_DEBUG} ({@code ping -d}; the kernel refuses it without CAP_NET_ADMIN, and
 *                      the refusal is ignored, as iputils ignores it)
 */
public record SocketOptions(Integer ttl, Integer tos, Boolean dontFragment, InetAddress source, String device,
                            Integer mark, Integer receiveBuffer, String netns,
                            boolean broadcast, byte[] ipOptions, boolean dontRoute, Integer sendBuffer,
                            boolean debug) {

    /** Nothing set: kernel defaults, the caller's namespace. */
    public static final SocketOptions DEFAULTS = new SocketOptions(null, null, null, null, null, null, null, null, false,
            null, false, null, false);

    /** Validates every set option. */
    public SocketOptions {
        // 0 is a valid IPv6 hop limit (ping -6 -t 0); an IPv4 socket refuses it with EINVAL when applied
        if (ttl != null && (ttl < 0 || ttl > 255)) {
            throw new IllegalArgumentException("ttl must be 0..255, got " + ttl);
        }
        if (tos != null && (tos < 0 || tos > 255)) {
            throw new IllegalArgumentException("tos must be 0..255, got " + tos);
        }
        if (device != null && (device.isEmpty() || device.length() > 15 || device.indexOf('/') >= 0
                || device.chars().anyMatch(Character::isWhitespace))) {
            throw new IllegalArgumentException(
                    "device must be an interface name of 1..15 characters without '/' or spaces, got '" + device + "'");
        }
        if (sendBuffer != null && sendBuffer < 1) {
            throw new IllegalArgumentException("sendBuffer must be 1.." + Integer.MAX_VALUE + ", got " + sendBuffer);
        }
        if (receiveBuffer != null && receiveBuffer < 1) {
            throw new IllegalArgumentException("receiveBuffer must be 1.." + Integer.MAX_VALUE + ", got " + receiveBuffer);
        }
        if (ipOptions != null) {
            if (ipOptions.length > 40 || ipOptions.length % 4 != 0) {
                throw new IllegalArgumentException("ipOptions must be 0..40 bytes, a multiple of 4, got "
                        + ipOptions.length);
            }
            ipOptions = ipOptions.clone();
        }
        if (netns != null && (netns.isEmpty() || netns.indexOf('/') >= 0 || netns.equals(".") || netns.equals(".."))) {
            throw new IllegalArgumentException(
                    "netns must be a namespace name under /var/run/netns (no '/'), got '" + netns + "'");
        }
    }

    /** The default options. */
    public static SocketOptions defaults() {
        return DEFAULTS;
    }

    /** With this TTL (IPv4) or hop limit (IPv6), 1..255. */
    public SocketOptions ttl(int ttl) {
        return new SocketOptions(ttl, tos, dontFragment, source, device, mark, receiveBuffer, netns, broadcast,
                ipOptions, dontRoute, sendBuffer, debug);
    }

    /** With this TOS (IPv4) or traffic class (IPv6), 0..255. */
    public SocketOptions tos(int tos) {
        return new SocketOptions(ttl, tos, dontFragment, source, device, mark, receiveBuffer, netns, broadcast,
                ipOptions, dontRoute, sendBuffer, debug);
    }

    /** With path-MTU discovery forced on (true: DF set, no fragmentation) or off (false: may fragment). */
    public SocketOptions dontFragment(boolean dontFragment) {
        return new SocketOptions(ttl, tos, dontFragment, source, device, mark, receiveBuffer, netns, broadcast,
                ipOptions, dontRoute, sendBuffer, debug);
    }

    /** Bound to this source address (null: let the kernel choose). */
    public SocketOptions source(InetAddress source) {
        return new SocketOptions(ttl, tos, dontFragment, source, device, mark, receiveBuffer, netns, broadcast,
                ipOptions, dontRoute, sendBuffer, debug);
    }

    /** Bound to this interface (null: any). */
    public SocketOptions device(String device) {
        return new SocketOptions(ttl, tos, dontFragment, source, device, mark, receiveBuffer, netns, broadcast,
                ipOptions, dontRoute, sendBuffer, debug);
    }

    /** With this firewall mark. */
    public SocketOptions mark(int mark) {
        return new SocketOptions(ttl, tos, dontFragment, source, device, mark, receiveBuffer, netns, broadcast,
                ipOptions, dontRoute, sendBuffer, debug);
    }

    /** With this requested receive buffer size in bytes. */
    public SocketOptions receiveBuffer(int bytes) {
        return new SocketOptions(ttl, tos, dontFragment, source, device, mark, bytes, netns, broadcast,
                ipOptions, dontRoute, sendBuffer, debug);
    }

    /** Opened inside the named network namespace (null: the caller's). */
    public SocketOptions netns(String name) {
        return new SocketOptions(ttl, tos, dontFragment, source, device, mark, receiveBuffer, name, broadcast,
                ipOptions, dontRoute, sendBuffer, debug);
    }

    /** With sends to a broadcast address allowed ({@code SO_BROADCAST}) or not. */
    public SocketOptions broadcast(boolean broadcast) {
        return new SocketOptions(ttl, tos, dontFragment, source, device, mark, receiveBuffer, netns, broadcast,
                ipOptions, dontRoute, sendBuffer, debug);
    }

    /**
     * With these IPv4 options on every datagram ({@code IP_OPTIONS}; e.g. {@code Ipv4Options.encode(...)} of the
     * packet package): 0..40 bytes, a multiple of 4; null or empty: none. Ignored by IPv6 sockets.
     */
    public SocketOptions ipOptions(byte[] options) {
        return new SocketOptions(ttl, tos, dontFragment, source, device, mark, receiveBuffer, netns, broadcast,
                options, dontRoute, sendBuffer, debug);
    }

    /** Bypassing the routing table ({@code SO_DONTROUTE}) or not. */
    public SocketOptions dontRoute(boolean dontRoute) {
        return new SocketOptions(ttl, tos, dontFragment, source, device, mark, receiveBuffer, netns, broadcast,
                ipOptions, dontRoute, sendBuffer, debug);
    }

    /** With this requested send buffer size in bytes ({@code SO_SNDBUF}), 1..2^31-1. */
    public SocketOptions sendBuffer(int bytes) {
        return new SocketOptions(ttl, tos, dontFragment, source, device, mark, receiveBuffer, netns, broadcast,
                ipOptions, dontRoute, bytes, debug);
    }

    /** With {@code SO_DEBUG} asked for or not (a refusal is ignored). */
    public SocketOptions debug(boolean debug) {
        return new SocketOptions(ttl, tos, dontFragment, source, device, mark, receiveBuffer, netns, broadcast,
                ipOptions, dontRoute, sendBuffer, debug);
    }

    /** The IPv4 options set, a copy; null when none are. */
    @Override
    public byte[] ipOptions() {
        return ipOptions == null ? null : ipOptions.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SocketOptions x && java.util.Objects.equals(ttl, x.ttl) && java.util.Objects.equals(tos, x.tos)
                && java.util.Objects.equals(dontFragment, x.dontFragment) && java.util.Objects.equals(source, x.source)
                && java.util.Objects.equals(device, x.device) && java.util.Objects.equals(mark, x.mark)
                && java.util.Objects.equals(receiveBuffer, x.receiveBuffer) && java.util.Objects.equals(netns, x.netns)
                && broadcast == x.broadcast && java.util.Arrays.equals(ipOptions, x.ipOptions)
                && dontRoute == x.dontRoute && java.util.Objects.equals(sendBuffer, x.sendBuffer) && debug == x.debug;
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Objects.hash(ttl, tos, dontFragment, source, device, mark, receiveBuffer, netns,
                broadcast, dontRoute, sendBuffer, debug) + java.util.Arrays.hashCode(ipOptions);
    }

    /** One line with the options that are set, e.g. {@code SocketOptions[ttl=3, dontFragment=true]}. */
    @Override
    public String toString() {
        StringJoiner line = new StringJoiner(", ", "SocketOptions[", "]").setEmptyValue("SocketOptions[kernel defaults]");
        if (ttl != null) line.add("ttl=" + ttl);
        if (tos != null) line.add("tos=" + tos);
        if (dontFragment != null) line.add("dontFragment=" + dontFragment);
        if (source != null) line.add("source=" + source.getHostAddress());
        if (device != null) line.add("device=" + device);
        if (mark != null) line.add("mark=" + Integer.toUnsignedString(mark));
        if (receiveBuffer != null) line.add("receiveBuffer=" + receiveBuffer);
        if (netns != null) line.add("netns=" + netns);
        if (broadcast) line.add("broadcast=true");
        if (ipOptions != null) line.add("ipOptions=" + ipOptions.length + " bytes");
        if (dontRoute) line.add("dontRoute=true");
        if (sendBuffer != null) line.add("sendBuffer=" + sendBuffer);
        if (debug) line.add("debug=true");
        return line.toString();
    }
}
