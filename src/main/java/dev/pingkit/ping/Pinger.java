package dev.pingkit.ping;

import dev.pingkit.engine.Engine;
import dev.pingkit.engine.EngineOptions;
import dev.pingkit.engine.PingStatistics;
import dev.pingkit.engine.ProbeSpec;
import dev.pingkit.engine.ProbeTarget;
import dev.pingkit.engine.TargetPlan;
import dev.pingkit.engine.TimeSource;
import dev.pingkit.packet.IcmpTypes;
import dev.pingkit.socket.Family;
import dev.pingkit.socket.IcmpSocket;
import dev.pingkit.socket.NativeSocketException;
import dev.pingkit.socket.SocketKind;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * <b>A ping run as iputils' {@code ping} makes it, over the one {@link Engine}: {@code scripts/ping} and the REPL's
 * {@code ping}.</b> The engine sends, matches, counts and tells how each probe ended; {@link IputilsSchedule} decides
 * when the next probe goes and when the run ends, and turns the engine's events into {@link PingEvent}s.
 *
 * <pre>{@code
 * try (Pinger p = Pinger.open(PingSettings.to(InetAddress.getByName("127.0.0.1")).count(3))) {
 *     PingStatistics s = p.run(System.out::println);
 * }
 * }</pre>
 */
public final class Pinger implements AutoCloseable {
    private final PingSettings settings;
    private final Engine engine;
    private final ProbeTarget target;
    private final ProbeSpec spec;
    private final int flowLabel; // -1: none
    private volatile boolean stopped; // stop() was called: the run was cut short, no probe timed out
    private boolean ran; // guarded by this

    /**
     * <b>A pinger over an already open socket and a time source</b> (tests pass an in-memory socket and a fake
     * clock). The pinger owns the socket from now on: {@link #close()} and {@link #stop()} close it. On a raw socket
     * the engine installs its kernel filter.
     *
     * @throws IllegalArgumentException if the socket's family differs from the target's
     */
    public Pinger(PingSettings settings, IcmpSocket socket, TimeSource time) throws IOException {
        this(settings, Engine.over(options(settings), over(settings, socket), time));
    }

    private Pinger(PingSettings settings, Engine engine) throws IOException {
        this.settings = settings;
        this.engine = engine;
        this.spec = ProbeSpec.DEFAULT.payload(settings.payload()).timeout(FOREVER);
        try {
            this.target = engine.add(settings.target(), TargetPlan.explicit());
            this.flowLabel = labelFlow(engine, target, settings);
        } catch (IOException | RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /** {@code ping -F}: on an IPv6 target only (iputils ignores it for IPv4); a refusal in iputils' words. */
    private static int labelFlow(Engine engine, ProbeTarget target, PingSettings settings) throws IOException {
        if (settings.flowLabel() == null || settings.family() != Family.IPV6) {
            return -1;
        }
        try {
            return engine.labelFlow(target, settings.flowLabel());
        } catch (NativeSocketException e) {
            throw new IOException("can't set flowlabel: " + e.errnoDescription(), e);
        }
    }

    /** The engine's opener of the one socket given, once its family is known to be the target's. */
    private static Engine.SocketOpener over(PingSettings settings, IcmpSocket socket) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(socket, "socket");
        if (socket.family() != settings.family()) {
            throw new IllegalArgumentException("socket must be " + settings.family() + " for target "
                    + settings.target().getHostAddress() + ", got " + socket.family());
        }
        return family -> socket;
    }

    // A probe never times out by itself: iputils' final wait and deadline end the run, and every probe with it.
    private static final Duration FOREVER = Duration.ofNanos(Long.MAX_VALUE);

    private static EngineOptions options(PingSettings s) {
        EngineOptions o = EngineOptions.defaults().kind(s.socketKind()).socket(s.socketOptions()).continuous(true);
        if (s.probe() != null) {
            o = o.request(IcmpTypes.EXTENDED_ECHO_REQUEST_V4, 0); // each family's own number: 160 over ICMPv6
        }
        if (s.nodeInfo() != null) { // matched by nonce: bytes 4..7 are the Qtype and Flags
            o = o.request(s.nodeInfo().type(), s.nodeInfo().code())
                    .header(((long) s.nodeInfo().qtype() << 16) | s.nodeInfo().flags());
        }
        return s.identifier() != null ? o.identifier(s.identifier()) : o;
    }

    /**
     * <b>Opens the socket the settings describe (family, kind, options, namespace) and a pinger over it.</b>
     * A raw socket gets the engine's kernel filter at once, so other processes' pings never reach its queue.
     *
     * @throws dev.pingkit.socket.PermissionException if no ICMP socket may be opened; its message says how to
     *                                                get permission
     */
    public static Pinger open(PingSettings settings) throws IOException {
        return new Pinger(settings, Engine.open(options(settings)));
    }

    /**
     * <b>Loads the native socket layer now without opening anything</b>, so a command can do it on a spare thread
     * while it parses its options and its first {@link #open} finds it done. A failure here is left for
     * {@link #open} to meet and report.
     */
    public static void prepare() {
        Engine.prepare();
    }

    /** <b>The settings this pinger runs with.</b> */
    public PingSettings settings() {
        return settings;
    }

    /** <b>The ICMP identifier of our probes</b> (the kernel's for a datagram socket). */
    public int identifier() {
        return engine.identifier(settings.target());
    }

    /** <b>The IPv6 flow label every probe carries</b> (the kernel's pick for {@code -F 0}), -1 when none. */
    public int flowLabel() {
        return flowLabel;
    }

    /** <b>The socket kind actually in use: RAW or DATAGRAM.</b> */
    public SocketKind socketKind() {
        return engine.raw(settings.target()) ? SocketKind.RAW : SocketKind.DATAGRAM;
    }

    /**
     * <b>Runs until the count, deadline, final wait or {@link #stop()} ends it; returns the final statistics.</b>
     * Events go to {@code listener} on this thread, in order. A pinger runs once.
     *
     * @throws IOException           if the socket fails in a way a retry cannot fix (a closed socket after
     *                               {@link #stop()} is a normal end, not an error)
     * @throws IllegalStateException if this pinger has already run
     */
    public PingStatistics run(PingListener listener) throws IOException {
        Objects.requireNonNull(listener, "listener");
        synchronized (this) {
            if (ran) {
                throw new IllegalStateException("a Pinger runs once; make a new one for another run");
            }
            ran = true;
        }
        IputilsSchedule schedule = new IputilsSchedule(engine, target, spec, settings, listener, () -> stopped);
        engine.run(schedule);
        if (schedule.failure != null) {
            throw schedule.failure;
        }
        return engine.statistics(target);
    }

    /**
     * <b>Ends the run as soon as possible; thread-safe (a signal handler or another thread may call it).</b>
     * The engine closes the socket, which wakes the loop at once; {@link #run} then returns the statistics so far.
     */
    public void stop() {
        stopped = true;
        engine.stop();
    }

    /** <b>The statistics so far; thread-safe, for interim reports (SIGQUIT) while the run goes on.</b> */
    public PingStatistics snapshot() {
        return engine.statistics(target);
    }

    /** <b>Closes the socket; idempotent.</b> */
    @Override
    public void close() {
        stopped = true;
        engine.close();
    }

    /** One line: target, socket kind and identifier. */
    @Override
    public String toString() {
        return "Pinger[" + settings.targetName() + " " + socketKind() + " id=" + identifier() + "]";
    }

}
