package dev.pingkit;

import dev.pingkit.engine.EngineFactory;
import dev.pingkit.engine.EngineOptions;
import dev.pingkit.engine.ProbeSpec;
import dev.pingkit.engine.TimeSource;
import dev.pingkit.Echo;
import dev.pingkit.EchoSend;
import dev.pingkit.socket.IcmpSocket;
import dev.pingkit.socket.SocketKind;
import dev.pingkit.socket.SocketOptions;

import java.io.IOException;
import java.time.Duration;

/** A single send of an {@link Echo} as a one-probe engine run, over a given socket and clock or a real socket. */
public final class Once {
    private Once() {
    }

    /** {@code echo.send(timeout)} over {@code socket} (closed with the run) and {@code time}. */
    public static SendResult send(Echo echo, Duration timeout, IcmpSocket socket, TimeSource time) throws IOException {
        ProbeSpec spec = EchoSend.spec(echo, timeout);
        EngineOptions options = EchoSend.options(echo, EngineOptions.defaults());
        try (OneProbe p = OneProbe.open(echo.target(), echo.seq(), spec, options,
                EngineFactory.over(family -> socket, time))) {
            return EchoSend.result(echo, timeout, p.run());
        }
    }

    /** {@code echo.send(timeout)} on a real socket of {@code kind} with {@code options} (a namespace, a device). */
    public static SendResult send(Echo echo, Duration timeout, SocketKind kind, SocketOptions options) throws IOException {
        try (EchoSend s = EchoSend.of(echo, timeout, EngineOptions.defaults().kind(kind).socket(options))) {
            return s.await();
        }
    }
}
