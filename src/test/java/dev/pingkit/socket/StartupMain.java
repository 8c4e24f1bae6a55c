package dev.pingkit.socket;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * Start-up cost of the socket layer, phase by phase, in a fresh JVM: loading JNA's native part, binding libc,
 * opening a raw socket, sending one echo request to 127.0.0.1. Prints one line of milliseconds.
 * Run as root: {@code java -cp target/classes:target/test-classes:<jna.jar> dev.pingkit.socket.StartupMain}.
 */
public final class StartupMain {
    private StartupMain() {
    }

    public static void main(String[] args) throws Exception {
        // -Dphases=true marks the phases in the output, to read between -Xlog:class+load lines
        boolean mark = Boolean.getBoolean("phases");
        long t0 = System.nanoTime();
        Class.forName("com.sun.jna.Native"); // loads (and, unless told not to, unpacks) libjnidispatch
        long t1 = System.nanoTime();
        if (mark) {
            System.out.println("=== phase: register");
        }
        Class.forName("dev.pingkit.socket.LibC"); // binds the libc natives
        long t2 = System.nanoTime();
        if (mark) {
            System.out.println("=== phase: open");
        }
        try (IcmpSocket socket = IcmpSockets.open(Family.IPV4, SocketKind.RAW)) {
            long t3 = System.nanoTime();
            if (mark) {
                System.out.println("=== phase: send");
            }
            socket.send(TestIcmp.echoRequest(Family.IPV4, 1, 1, new byte[8]), InetAddress.getByName("127.0.0.1"));
            long t4 = System.nanoTime();
            System.out.printf("jna %.1f  register %.1f  open %.1f  send %.1f  total %.1f ms%n", ms(t1 - t0),
                    ms(t2 - t1), ms(t3 - t2), ms(t4 - t3), ms(t4 - t0));
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
