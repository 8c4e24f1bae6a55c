package dev.pingkit.engine;

import java.util.Objects;

/**
 * <b>Where a mode's engines come from: real sockets and the system clock, or a test's fake network and clock.</b>
 * Every mode ({@code Sweep}, {@code Trace}, {@code Probes}, the single send) opens its engine through one of these,
 * so a test runs the mode's whole schedule on fake time; the mode's own clock readings (a sweep's elapsed time, the
 * trace's wait rule) come from {@link #time()} too.
 * <pre>{@code
 * EngineFactory.SYSTEM.open(EngineOptions.defaults())       // what Engine.open does
 * EngineFactory.over(fakeOpener, fakeClock)                 // a test's network
 * }</pre>
 */
public final class EngineFactory {
    /** <b>Real sockets ({@link Engine#open}) and {@link TimeSource#SYSTEM}.</b> */
    public static final EngineFactory SYSTEM = new EngineFactory(null, TimeSource.SYSTEM);

    private final Engine.SocketOpener opener; // null: Engine.open's real sockets
    private final TimeSource time;

    private EngineFactory(Engine.SocketOpener opener, TimeSource time) {
        this.opener = opener;
        this.time = time;
    }

    /** <b>Engines over {@code opener}'s sockets and {@code time} (the SPI: {@link Engine#over}).</b> */
    public static EngineFactory over(Engine.SocketOpener opener, TimeSource time) {
        return new EngineFactory(Objects.requireNonNull(opener, "opener"), Objects.requireNonNull(time, "time"));
    }

    /** <b>A new engine with {@code options}</b>; nothing is opened before its first target is added. */
    public Engine open(EngineOptions options) {
        return opener == null ? Engine.open(options) : Engine.over(options, opener, time);
    }

    /** <b>The clock the engines run on.</b> */
    public TimeSource time() {
        return time;
    }

    @Override
    public String toString() {
        return opener == null ? "EngineFactory[system]" : "EngineFactory[" + opener + ", " + time + "]";
    }
}
