package dev.pingkit;

import dev.pingkit.engine.Hosts;
import dev.pingkit.engine.Engine;
import dev.pingkit.engine.EngineFactory;
import dev.pingkit.engine.EngineOptions;
import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.engine.ProbeListener;
import dev.pingkit.engine.ProbeSpec;
import dev.pingkit.engine.ProbeTarget;
import dev.pingkit.engine.TargetPlan;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Objects;

/**
 * <b>A single send as a one-probe {@link Engine} run: one probe to one target with a given sequence number, ended
 * by the first thing the matcher says about it.</b> What {@code Echo.send()} and the REPL's {@code send} are.
 *
 * <pre>{@code
 * try (OneProbe p = OneProbe.open(target, 1, ProbeSpec.DEFAULT.timeout(Duration.ofSeconds(2)),
 *         EngineOptions.defaults().identifier(7))) {
 *     ProbeEvent end = p.run(); // Answered | Corrupted | Failed | SendFailed | Lost
 * }
 * }</pre>
 *
 * <p>The run ends at the first {@link ProbeEvent.Answered}, {@link ProbeEvent.Corrupted} (a reply to the probe
 * whose checksum or payload is wrong, which a single send reports flagged rather than waiting on),
 * {@link ProbeEvent.Failed}, {@link ProbeEvent.SendFailed} or {@link ProbeEvent.Lost} (at the spec's timeout, or
 * {@link #stop()}). Both carry the decoded message. Concurrent single sends of the same (family, identifier,
 * sequence, target) in this process go one after the other, so none takes another's reply.
 */
public final class OneProbe implements AutoCloseable {
    private final Engine engine;
    private final InetAddress target;
    private final int seq;
    private final ProbeSpec spec;
    private final int heldId;
    private volatile boolean stopped;
    private volatile boolean sent;

    private OneProbe(Engine engine, EngineOptions options, InetAddress target, int seq, ProbeSpec spec) {
        this.engine = engine;
        this.target = Objects.requireNonNull(target, "target");
        this.spec = Objects.requireNonNull(spec, "spec");
        if (seq < 0 || seq > 0xffff) {
            throw new IllegalArgumentException("seq must be 0..65535, got " + seq);
        }
        this.seq = seq;
        this.heldId = options.identifier() != null ? options.identifier() : -1;
    }

    /**
     * <b>A single send of {@code spec} with sequence number {@code seq} to {@code target}, on sockets the options
     * describe</b> (their identifier is the probe's over a raw socket). Nothing is opened before {@link #run}.
     */
    public static OneProbe open(InetAddress target, int seq, ProbeSpec spec, EngineOptions options) {
        return open(target, seq, spec, options, EngineFactory.SYSTEM);
    }

    /** As {@link #open} on an engine from {@code engines}: every mode's seam, for a fake network and clock. */
    static OneProbe open(InetAddress target, int seq, ProbeSpec spec, EngineOptions options, EngineFactory engines) {
        return new OneProbe(engines.open(options), options, target, seq, spec);
    }

    /**
     * <b>Sends the probe and returns how it ended</b>: {@link ProbeEvent.Answered} or {@link ProbeEvent.Corrupted}
     * (each with its decoded reply), {@link ProbeEvent.Failed}, {@link ProbeEvent.SendFailed}, or
     * {@link ProbeEvent.Lost} ({@code stopped} true after {@link #stop()}).
     *
     * @throws IOException              if no socket can be opened or the socket fails
     * @throws IllegalArgumentException if the spec does not fit the target's family
     */
    public ProbeEvent run() throws IOException {
        Ending ending = new Ending(engine, () -> sent = true);
        // Held before the socket opens: a raw socket opened earlier would queue the other send's reply.
        try (InFlight.Hold held = InFlight.hold(Hosts.family(target), heldId, seq, target)) {
            try {
                ProbeTarget t = engine.add(target, TargetPlan.explicit());
                engine.firstSequence(seq);
                engine.probe(t, spec, 0);
                engine.run(ending);
            } catch (IllegalStateException e) {
                if (!stopped) {
                    throw e;
                }
                return new ProbeEvent.Lost(null, true); // stopped (Ctrl-C) before the run began
            }
        }
        return ending.event != null ? ending.event : new ProbeEvent.Lost(null, true);
    }

    /** <b>The identifier the probe carried (the kernel's over a datagram socket), or -1 before {@link #run}.</b> */
    public int identifier() {
        return engine.identifier(target);
    }

    /** <b>Ends the send at once (Ctrl-C); thread-safe. {@link #run} then returns a stopped {@link ProbeEvent.Lost}.</b> */
    public void stop() {
        stopped = true;
        engine.stop();
    }

    /** <b>True once {@link #stop()} or {@link #close()} was called (not when the run ended by itself).</b> */
    public boolean stopped() {
        return stopped;
    }

    /** <b>True once the probe went out (the kernel took it), even if the run was then stopped.</b> */
    public boolean sent() {
        return sent;
    }

    /** <b>Closes the socket; idempotent.</b> */
    @Override
    public void close() {
        stopped = true;
        engine.close();
    }

    /** Keeps the first event that ends the probe (or flags its reply) and ends the run there. */
    private static final class Ending implements ProbeListener {
        private final Engine engine;
        private final Runnable onSent;
        ProbeEvent event;

        Ending(Engine engine, Runnable onSent) {
            this.engine = engine;
            this.onSent = onSent;
        }

        @Override
        public boolean wantsMessages() {
            return true;
        }

        @Override
        public void onEvent(ProbeEvent e) {
            if (e instanceof ProbeEvent.Sent) {
                onSent.run();
            }
            if (event != null || e instanceof ProbeEvent.Sent || e instanceof ProbeEvent.Duplicate
                    || e instanceof ProbeEvent.Late || e instanceof ProbeEvent.Advisory
                    || e instanceof ProbeEvent.Stray) {
                return;
            }
            event = e;
            engine.stop();
        }
    }
}
