package dev.pingkit.engine;

import dev.pingkit.socket.PermissionException;

/**
 * <b>Whether a failure is the system refusing pingkit an ICMP socket</b> (no CAP_NET_RAW, or outside
 * {@code net.ipv4.ping_group_range}), for a front end that adds its own hint to the message; the message itself
 * already says what to run or grant. Front ends ask here, so they never import {@code socket}.
 */
public final class SocketAccess {
    private SocketAccess() {
    }

    /** <b>True if {@code failure} is a refused ICMP socket.</b> */
    public static boolean denied(Throwable failure) {
        return failure instanceof PermissionException;
    }

    /**
     * <b>True if this process may open an ICMP socket of either family</b> (raw when permitted, else a datagram
     * ping socket), checked by opening one and closing it again. For a command that refuses to go on without one
     * before it looks at the rest of its arguments; any other failure counts as "may not".
     */
    public static boolean mayOpen() {
        for (dev.pingkit.socket.Family f : dev.pingkit.socket.Family.values()) {
            try (var s = dev.pingkit.socket.IcmpSockets.open(f, dev.pingkit.socket.SocketKind.AUTO)) {
                return true;
            } catch (java.io.IOException | RuntimeException | LinkageError e) {
                // try the other family; one of them is enough
            }
        }
        return false;
    }
}
