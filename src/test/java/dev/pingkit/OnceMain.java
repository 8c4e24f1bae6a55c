package dev.pingkit;

import dev.pingkit.Echo;
import dev.pingkit.socket.Family;
import dev.pingkit.socket.IcmpSocket;
import dev.pingkit.socket.IcmpSockets;
import dev.pingkit.socket.SocketKind;

import java.net.InetAddress;
import java.time.Duration;

/**
 * Run by {@link UnprivilegedOnceLabTest} in a JVM of its own, as an unprivileged user: which socket kind AUTO
 * opens here, then {@code Echo.send} of an echo with id {@code args[1]} to {@code args[0]}, one line each.
 */
public final class OnceMain {
    private OnceMain() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress target = InetAddress.getByName(args[0]);
        int id = Integer.parseInt(args[1]);
        try (IcmpSocket s = IcmpSockets.open(Family.of(target), SocketKind.AUTO)) {
            System.out.println("kind " + s.kind());
        }
        SendResult r = Echo.to(target).id(id).seq(5).payload("pingkit unprivileged").send(Duration.ofSeconds(3));
        System.out.println(r.getClass().getSimpleName());
        if (r instanceof SendResult.Answered a) {
            System.out.println("from " + a.from().getHostAddress() + " seq " + a.reply().seq() + " id "
                    + a.reply().id() + " payload " + a.payloadMatches() + " checksum " + a.checksumOk());
        } else {
            System.out.println(r);
        }
    }
}
