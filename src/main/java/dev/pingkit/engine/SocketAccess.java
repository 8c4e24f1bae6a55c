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
}
