package dev.pingkit.socket;

import java.io.IOException;

/**
 * Opens one socket and reports, as a front end would: the message alone on a failure, no stack trace.
 * Used by {@link PermissionSubprocessTest} in a JVM that runs without privileges.
 * Arguments: family (IPV4|IPV6) and kind (RAW|DATAGRAM|AUTO). Exit 0 opened, 3 no permission, 4 other I/O error.
 */
public final class OpenSocketMain {
    private OpenSocketMain() {
    }

    public static void main(String[] args) {
        try (IcmpSocket socket = IcmpSockets.open(Family.valueOf(args[0]), SocketKind.valueOf(args[1]))) {
            System.out.println("opened " + socket);
        } catch (PermissionException e) {
            System.err.println(e.getMessage());
            System.exit(3);
        } catch (IOException e) {
            System.err.println(e.getMessage());
            System.exit(4);
        }
    }
}
