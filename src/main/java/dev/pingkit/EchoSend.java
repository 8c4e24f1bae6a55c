package dev.pingkit;

import dev.pingkit.engine.EngineFactory;
import dev.pingkit.engine.EngineOptions;
import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.engine.ProbeSpec;
import dev.pingkit.engine.Stop;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * <b>One {@link Echo} on its way: a one-probe engine run that can be stopped from another thread (Ctrl-C), by
 * {@link #stop()} or a {@link Stop} token.</b>
 * {@link Echo#send(Duration)} is {@code EchoSend.of(echo, timeout, EngineOptions.defaults()).await()}.
 *
 * <pre>{@code
 * try (EchoSend s = EchoSend.of(Echo.to("127.0.0.1").seq(3), Duration.ofSeconds(2), EngineOptions.defaults())) {
 *     SendResult r = s.await(); // another thread may call s.stop()
 * }
 * }</pre>
 */
public final class EchoSend implements AutoCloseable {
    private final Echo echo;
    private final Duration timeout;
    private final OneProbe probe;

    private EchoSend(Echo echo, Duration timeout, OneProbe probe) {
        this.echo = echo;
        this.timeout = timeout;
        this.probe = probe;
    }

    /**
     * <b>A send of {@code echo} exactly as built, waiting up to {@code timeout}, on sockets {@code base} describes</b>
     * (kind, namespace, device, mark); the echo's own identifier, TTL, TOS, don't-fragment and source override the
     * options'. Nothing is opened before {@link #await()}.
     *
     * @throws IllegalArgumentException if the timeout is negative, or the checksum is forced on an ICMPv6 echo
     */
    public static EchoSend of(Echo echo, Duration timeout, EngineOptions base) {
        return of(echo, timeout, base, EngineFactory.SYSTEM);
    }

    /** As {@link #of(Echo, Duration, EngineOptions)} on an engine from {@code engines}, for a fake network. */
    static EchoSend of(Echo echo, Duration timeout, EngineOptions base, EngineFactory engines) {
        Objects.requireNonNull(echo, "echo");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(engines, "engines");
        checkTimeout(timeout);
        EngineOptions options = options(echo, base);
        ProbeSpec spec = spec(echo, timeout);
        return new EchoSend(echo, timeout, OneProbe.open(echo.target(), echo.seq(), spec, options, engines));
    }

    /** <b>The engine options that send {@code echo} as built: its identifier, type, code and socket options.</b> */
    public static EngineOptions options(Echo echo, EngineOptions base) {
        EngineOptions o = base.identifier(echo.id()).request(echo.type(), echo.code());
        if (echo.hasTtl()) {
            o = o.ttl(echo.ttl());
        }
        if (echo.hasTos()) {
            o = o.tos(echo.tos());
        }
        if (echo.dontFragment()) {
            o = o.dontFragment(true);
        }
        if (echo.source().isPresent()) {
            o = o.source(echo.source().get());
        }
        return o;
    }

    /**
     * <b>The probe spec of {@code echo}: its payload, its forced checksum if any, lost after {@code timeout}.</b>
     *
     * @throws IllegalArgumentException if the checksum is forced on an ICMPv6 echo (the kernel writes it)
     */
    public static ProbeSpec spec(Echo echo, Duration timeout) {
        checkTimeout(timeout);
        if (echo.family() == 6 && echo.checksumForced()) {
            throw new IllegalArgumentException("checksum cannot be forced over an ICMPv6 socket (the kernel computes"
                    + " it), got 0x" + Integer.toHexString(echo.checksum()));
        }
        ProbeSpec spec = ProbeSpec.DEFAULT.payload(echo.payload()).timeout(timeout);
        return echo.checksumForced() ? spec.checksum(echo.checksum()) : spec;
    }

    /**
     * <b>Sends the echo and waits for its reply, an ICMP error about it, or the timeout.</b> After {@link #stop()}
     * the result is a {@link SendResult.NoReply}; {@link #stopped()} tells the two apart.
     *
     * @throws IOException if no ICMP socket can be opened (the message says how to get permission) or the kernel
     *                     refuses the send (the message names the error)
     */
    public SendResult await() throws IOException {
        return result(echo, timeout, probe.run());
    }

    /**
     * <b>As {@link #await()}, ended early by {@code stop}</b> (the one stop token of every run): after a stop the
     * result is a {@link SendResult.NoReply} and {@link #stopped()} is true.
     */
    public SendResult await(Stop stop) throws IOException {
        Runnable hook = probe::stop;
        stop.onStop(hook); // at once when already stopped: nothing is sent then
        try {
            return await();
        } finally {
            stop.forget(hook);
        }
    }

    /** <b>Ends the send at once; thread-safe.</b> */
    public void stop() {
        probe.stop();
    }

    /** <b>True once {@link #stop()} or {@link #close()} was called (not when the send ended by itself).</b> */
    public boolean stopped() {
        return probe.stopped();
    }

    /** <b>True once the echo went out, even if the send was then stopped (a stopped send may have sent nothing).</b> */
    public boolean sent() {
        return probe.sent();
    }

    /** <b>Closes the socket; idempotent.</b> */
    @Override
    public void close() {
        probe.close();
    }

    /**
     * <b>The {@link SendResult} of {@code echo} for how its one-probe run ended</b>: a reply (flagged when its
     * checksum or payload is wrong), an ICMP error about it, or no reply within {@code timeout}.
     *
     * @throws IOException if the kernel refused the send ({@link ProbeEvent.SendFailed})
     */
    public static SendResult result(Echo echo, Duration timeout, ProbeEvent end) throws IOException {
        if (end instanceof ProbeEvent.Answered || end instanceof ProbeEvent.Corrupted) {
            return new SendResult.Answered(echo.target(), echo.message(), end);
        }
        if (end instanceof ProbeEvent.Failed f) {
            return new SendResult.Failed(echo.target(), echo.message(), f);
        }
        if (end instanceof ProbeEvent.SendFailed s) {
            throw new IOException("sendto: " + s.errnoName() + " (" + s.errnoDescription() + ")");
        }
        if (end instanceof ProbeEvent.Lost l) {
            return new SendResult.NoReply(echo.target(), echo.message(), timeout, l);
        }
        throw new IllegalArgumentException("end must end the probe (answered, corrupted, failed, send-failed or"
                + " lost), got " + end);
    }

    private static void checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be >= 0, got " + timeout.toMillis() + " ms");
        }
    }

    /** One line: the echo and the wait. */
    @Override
    public String toString() {
        return "EchoSend[" + echo + " within " + timeout.toMillis() + " ms" + (stopped() ? ", stopped]" : "]");
    }
}
