package dev.pingkit.engine;

import dev.pingkit.OneProbe;
import dev.pingkit.socket.Family;
import dev.pingkit.socket.IcmpSocket;
import dev.pingkit.socket.IcmpSockets;
import dev.pingkit.socket.SocketOptions;

import java.io.IOException;
import java.net.InetAddress;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;

/**
 * <b>The one engine: probes any number of targets over one socket per family, matches what comes back in one
 * matcher, and tells how each probe ended.</b>
 *
 * <p>A 1024-target sweep, three probes each, at most one send per millisecond, counted per target:
 * <pre>{@code
 * try (Engine e = Engine.open(EngineOptions.defaults().gap(Duration.ofMillis(1)))) {
 *     List<ProbeTarget> ts = new ArrayList<>();
 *     for (InetAddress a : addresses) {
 *         ts.add(e.add(a, TargetPlan.count(3, Duration.ofSeconds(1))
 *                 .spec(ProbeSpec.DEFAULT.timeout(Duration.ofMillis(500)))));
 *     }
 *     e.run(ProbeListener.NONE);                            // returns when every probe has ended
 *     for (ProbeTarget t : ts) System.out.println(t + " " + e.statistics(t).received());
 * }
 * }</pre>
 * Hop by hop in one batch: probes with TTL 1..30 at once over one socket, each ending answered (the destination),
 * failed (a {@link ProbeEvent.Failed} whose reporter is the router where the TTL ran out) or lost:
 * <pre>{@code
 * try (Engine e = Engine.open(EngineOptions.defaults())) {
 *     ProbeTarget t = e.add(destination, TargetPlan.explicit());
 *     for (int ttl = 1; ttl <= 30; ttl++) {
 *         e.probe(t, ProbeSpec.DEFAULT.ttl(ttl).timeout(Duration.ofSeconds(2)), ttl); // tag = the hop
 *     }
 *     e.run(event -> { if (event instanceof ProbeEvent.Failed f) System.out.println(f.probe().tag() + " " + f.reporter()); });
 * }
 * }</pre>
 * One probe, one result ({@link OneProbe} does this for {@code Echo.send()}, with the echo's own sequence number
 * through {@link #firstSequence}):
 * <pre>{@code
 * try (Engine e = Engine.open(EngineOptions.defaults())) {
 *     e.add(InetAddress.getByName("127.0.0.1"), TargetPlan.count(1, Duration.ZERO));
 *     List<ProbeEvent> events = new ArrayList<>();
 *     e.run(events::add);   // Sent, then Answered | Lost | Failed | SendFailed
 * }
 * }</pre>
 *
 * <p><b>Sockets and identifiers.</b> The socket of a family is opened when its first target is {@link #add added}
 * (raw when permitted, else datagram, per {@link EngineOptions#kind()}); IPv4 and IPv6 targets mix in one run.
 * A raw socket's probes carry one identifier per engine, unique among the engines of this process (or the one the
 * options fix), and the kernel filter lets through only echo replies with it and ICMP errors; a datagram socket's
 * carry the kernel's. One sequence counter runs over the whole run, so while a probe is in flight no other probe
 * of the process carries its (id, seq); a probe may carry its own seq instead ({@link #probe(ProbeTarget,
 * ProbeSpec, int, int)}), kept apart by (target, id, seq).
 *
 * <p><b>Matching</b> (one place, for every front end): an echo reply is a probe's when its identifier is the
 * socket's, the probe table holds its sequence number and its source is that probe's target (loopback for a
 * target of {@code 0.0.0.0} or {@code ::}, which the kernel answers from there); then a bad checksum or a payload
 * that differs from the probe's makes it {@link ProbeEvent.Corrupted}, never an answer. An ICMP error is a
 * probe's when the datagram it quotes is (our identifier, that sequence number, that target); a datagram
 * socket's error-queue reports are read the same way. Anything else is a {@link ProbeEvent.Stray}. Probes of
 * another type ({@link EngineOptions#requestType()}, e.g. a timestamp request) are answered by RFC 792's reply
 * type, or by any type that is neither theirs nor an error when RFC 792 names none.
 *
 * <p><b>Schedule.</b> Each target follows its {@link TargetPlan} (count, interval, spec); {@link #probe} adds
 * explicit probes, sent before scheduled ones; {@link EngineOptions#gapNanos()} spaces any two sends of the
 * run; without a gap, the run reads what is queued every {@value #READ_EVERY} sends of a burst, so a burst of
 * thousands loses no reply to a full receive buffer. A probe unanswered at its spec's timeout ends
 * {@link ProbeEvent.Lost}, as an event. A retry policy (with back-off) is the listener's: on
 * {@code Lost}, {@link #probe} the target again with a longer timeout.
 *
 * <p><b>Threads.</b> {@link #run} runs on the caller's thread, which receives every event in order. {@link #add},
 * {@link #probe}, {@link #remove}, {@link #stop()} and {@link #statistics} may be called from
 * any thread (the listener included) while it runs; the run picks up additions within 50 ms. The loop allocates
 * nothing per packet beyond the events the listener asks for, takes no lock, and reads the clock once per turn.
 *
 * <p><b>End.</b> Without {@link EngineOptions#continuous()}, the run returns once every target's plan is done and
 * every probe has ended (with {@link #readQueuedAtEnd}, once nothing more is queued); with it, at {@link #stop()}.
 * {@link #stop()} ends the run at once: probes still in flight end {@link ProbeEvent.Lost} with {@code stopped}
 * true. An engine runs once.
 */
public final class Engine implements AutoCloseable {
    /** SO_RCVBUF asked for by {@link #open}: 4 MiB, as the single-target engine (the kernel caps it). */
    public static final int RECEIVE_BUFFER = 4 << 20;
    /** The longest the loop waits without looking for work added from other threads. */
    static final long MAX_WAIT = 50_000_000L;
    /** Without a gap, what is queued is read after this many sends in a row (a receive buffer holds hundreds). */
    static final int READ_EVERY = 16;

    /**
     * <b>The engine's socket seam (SPI): opens the socket of a family.</b> {@link #open} opens real sockets; a test
     * passes one that hands out in-memory fakes, so a mode's schedule runs deterministically on a fake clock.
     */
    @FunctionalInterface
    public interface SocketOpener {
        /** The socket for probes of {@code family}; called once per family, when its first target is added. */
        IcmpSocket open(Family family) throws IOException;
    }

    private final TargetRegistry registry;
    private final RunLoop loop;
    private volatile boolean stopping;
    private boolean ran; // guarded by this
    private boolean closed; // guarded by this
    private boolean finished; // guarded by this: the run has returned

    /**
     * <b>An engine that opens real sockets as its targets need them</b>, with the options' kind and socket options
     * (a receive buffer of 4 MiB unless they say otherwise). Nothing is opened yet.
     */
    public static Engine open(EngineOptions options) {
        Objects.requireNonNull(options, "options");
        SocketOptions base = options.socket().receiveBuffer() == null
                // A raw socket queues every ICMP message of the host until filtered; a neighbour's flood must not
                // crowd out our replies.
                ? options.socket().receiveBuffer(RECEIVE_BUFFER) : options.socket();
        return new Engine(options, family -> {
            SocketOptions o = base;
            if (o.source() != null && Family.of(o.source()) != family) {
                o = o.source(null);
            }
            return IcmpSockets.open(family, options.kind(), o);
        }, TimeSource.SYSTEM);
    }

    /**
     * <b>Loads the native socket layer now without opening anything</b>, so a command can do it on a spare thread
     * while it parses its options and its first run finds it done. A failure here is left for the first open to
     * meet and report.
     */
    public static void prepare() {
        IcmpSockets.prepare();
    }

    /**
     * <b>An engine over the given socket opener and clock (the SPI)</b>: what {@link #open} does with real sockets
     * and the system clock, for a test's fake network and clock.
     */
    public static Engine over(EngineOptions options, SocketOpener opener, TimeSource time) {
        return new Engine(Objects.requireNonNull(options, "options"), Objects.requireNonNull(opener, "opener"),
                Objects.requireNonNull(time, "time"));
    }

    private Engine(EngineOptions options, SocketOpener opener, TimeSource time) {
        this.registry = new TargetRegistry(options, opener);
        this.loop = new RunLoop(this, options, time, registry.families());
    }

    // ------------------------------------------------------------------------------------------------ commands

    /**
     * <b>Adds a target with its plan; returns its handle at once</b> (the run starts probing it within one turn).
     * Opens the socket of the address's family if this is the first such target. Thread-safe.
     *
     * @throws IOException              if the socket cannot be opened ({@link dev.pingkit.socket.PermissionException}
     *                                  when neither a raw nor a ping socket is permitted; its message says why)
     * @throws IllegalArgumentException if the plan's payload does not fit an IPv4 datagram for an IPv4 target
     * @throws IllegalStateException    if the engine is stopped or closed, or its run has returned
     */
    public ProbeTarget add(InetAddress address, TargetPlan plan) throws IOException {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(plan, "plan");
        TargetRegistry.checkFits(Family.of(address), plan.spec());
        TargetBlock t;
        synchronized (this) {
            if (closed || stopping || finished) {
                throw new IllegalStateException("the engine's run is over; make a new one for more targets");
            }
            t = registry.add(address, plan);
            // Under the lock: the run's table takes its targets in index order.
            TargetBlock added = t;
            loop.command(() -> loop.schedule.start(added));
        }
        return t.handle(t.first);
    }

    /**
     * <b>Adds a target of every address of {@code block} in order, all with {@code plan}</b>, as {@link
     * #add(InetAddress, TargetPlan)} would one by one; returns their handles, a list made on access. The engine
     * keeps the block as its first address and size, and per target a few bytes of counts in a packed table, so a
     * block of 65 534 costs no object per address; their events carry handles equal to these, made as each is
     * needed.
     *
     * @throws IllegalArgumentException if the plan's payload does not fit an IPv4 datagram for an IPv4 block
     * @throws IllegalStateException    if the engine is stopped or closed, or its run has returned
     */
    public List<ProbeTarget> add(AddressBlock block, TargetPlan plan) throws IOException {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(plan, "plan");
        TargetRegistry.checkFits(Family.of(block.first()), plan.spec());
        int first;
        synchronized (this) {
            if (closed || stopping || finished) {
                throw new IllegalStateException("the engine's run is over; make a new one for more targets");
            }
            first = registry.size();
            TargetBlock made = registry.add(block, plan);
            // one command for the block: the run takes its targets in index order, as add() does one by one
            loop.command(() -> loop.schedule.start(made));
        }
        int n = block.size();
        return new AbstractList<>() {
            @Override
            public ProbeTarget get(int i) {
                Objects.checkIndex(i, n);
                return registry.target(first + i);
            }

            @Override
            public int size() {
                return n;
            }
        };
    }

    /**
     * <b>The target added {@code index}-th</b> (from 0), as {@link #add} returned it.
     *
     * @throws IllegalArgumentException if no target has that index
     */
    public ProbeTarget target(int index) {
        return registry.target(index);
    }

    /**
     * <b>Sends one more probe to {@code target} as soon as the global gap allows</b>, before scheduled probes,
     * carrying {@code spec}; its events carry {@code tag}. Thread-safe (a listener's retry policy calls it).
     *
     * @throws IllegalArgumentException if the target is not of this engine, or the payload does not fit IPv4
     * @throws IllegalStateException    if the engine is stopped or closed, or its run has returned
     */
    public void probe(ProbeTarget target, ProbeSpec spec, int tag) {
        queue(target, spec, tag, -1);
    }

    /**
     * <b>As {@link #probe(ProbeTarget, ProbeSpec, int)}, the probe carrying sequence number {@code seq} instead of
     * the run's counter's next</b>: the table keeps probes apart by (target, identifier, seq), so several targets
     * may carry one seq at once. While a probe to {@code target} with this seq is in flight, this one waits and
     * goes once that one ended (answered, failed or lost), before the other explicit probes: a reply must name
     * one probe, and several sizes at one seq mean each to go out under it. A reply to the earlier one that comes
     * after it ended is that probe's late reply when it carries that probe's data (a probe of the same data cannot
     * be told apart on the wire). Thread-safe.
     *
     * @throws IllegalArgumentException if {@code seq} is not 0..65535 (0..255 for extended echo, whose sequence
     *                                  number is 8 bits), the target is not of this engine, or the payload does
     *                                  not fit IPv4
     * @throws IllegalStateException    if the engine is stopped or closed, or its run has returned
     */
    public void probe(ProbeTarget target, ProbeSpec spec, int tag, int seq) {
        TargetBlock t = registry.state(target);
        if (seq < 0 || seq > t.family.seqMask) {
            throw new IllegalArgumentException("seq must be 0.." + t.family.seqMask + " for " + target + ", got "
                    + seq);
        }
        queue(target, spec, tag, seq);
    }

    private void queue(ProbeTarget target, ProbeSpec spec, int tag, int seq) {
        TargetBlock t = registry.state(target);
        Objects.requireNonNull(spec, "spec");
        TargetRegistry.checkFits(t.family.family, spec);
        synchronized (this) {
            if (closed || stopping || finished) {
                throw new IllegalStateException("the engine's run is over; make a new one for more probes");
            }
        }
        int index = target.index();
        loop.command(() -> loop.schedule.explicit(index, spec, tag, seq));
    }

    /**
     * <b>Stops scheduling probes to {@code target}</b> (and drops its explicit probes not yet sent); probes in
     * flight still end as usual. Its statistics stay readable. Thread-safe.
     */
    public void remove(ProbeTarget target) {
        registry.state(target);
        int index = target.index();
        loop.command(() -> loop.schedule.remove(index));
    }

    /**
     * <b>Makes the probes to {@code target} carry IPv6 flow label {@code label}</b> (0: the kernel
     * picks one), a label its socket holds alone; returns the label they carry. Call it before the target's first
     * probe.
     *
     * @throws IllegalArgumentException if the target is not of this engine or not IPv6, or the label is not
     *                                  0..0xfffff
     * @throws IOException              if the kernel refuses the label (another socket holds it)
     */
    public int labelFlow(ProbeTarget target, int label) throws IOException {
        TargetBlock t = registry.state(target);
        return t.family.socket.labelFlow(target.address(), label);
    }

    /**
     * <b>The statistics of {@code target} now: a snapshot, safe from any thread while the run goes on.</b>
     *
     * @throws IllegalStateException if this engine keeps no statistics per target ({@link #keepStatistics})
     */
    public ProbeStatistics statistics(ProbeTarget target) {
        TargetBlock t = registry.state(target);
        if (!registry.keepsStatistics()) {
            throw new IllegalStateException("this engine keeps no statistics per target (keepStatistics(false))");
        }
        return t.stats(target.index()).snapshot();
    }

    /**
     * <b>Whether each target keeps its own {@link ProbeStatistics} (default true)</b>. A listener that counts for
     * itself (a sweep of a /16, a mode with its own arithmetic) turns them off: about 260 bytes a target less, and
     * nothing recorded per packet. Call before the first {@link #add}.
     *
     * @throws IllegalStateException if a target was added already
     */
    public void keepStatistics(boolean keep) {
        registry.keepStatistics(keep);
    }

    /** <b>Every target added so far, in order.</b> */
    public List<ProbeTarget> targets() {
        return registry.handles();
    }

    /**
     * <b>The ICMP identifier the probes to {@code address}'s family carry</b> (the kernel's for a datagram socket),
     * or -1 while no target of that family was added.
     */
    public int identifier(InetAddress address) {
        FamilyState fs = registry.family(address);
        return fs == null ? -1 : fs.id;
    }

    /** <b>True when the probes to {@code address}'s family go over a raw socket (false: datagram, or none yet).</b> */
    public boolean raw(InetAddress address) {
        FamilyState fs = registry.family(address);
        return fs != null && !fs.datagram;
    }

    // ------------------------------------------------------------------------------------------------ the run

    /**
     * <b>Runs until every target's plan is done and every probe has ended (or, continuous, until {@link #stop()});
     * events go to {@code listener} on this thread, in order.</b> Returns normally after {@link #stop()}, and after
     * an interrupt of this thread, which stops the run as {@link #stop()} does (its flag left set for the caller).
     *
     * @throws IOException           if a socket fails in a way no retry can fix
     * @throws IllegalStateException if this engine has already run, or is closed
     */
    public void run(ProbeListener listener) throws IOException {
        Objects.requireNonNull(listener, "listener");
        synchronized (this) {
            if (ran || closed) {
                throw new IllegalStateException("an Engine runs once; make a new one for another run");
            }
            ran = true;
        }
        loop.run(listener);
    }

    /** The run has returned (before its last probes end): no more targets or probes. */
    synchronized void runReturned() {
        finished = true;
    }

    /**
     * <b>Sends one probe to {@code target} at once, from the run's own thread</b>: for a listener that keeps a
     * schedule of its own (an interval with preload, "on each reply or after 10 ms") and
     * sends from {@link ProbeListener#onTurn}. The probe is stamped with the turn's clock reading and its events
     * come as for any probe, the {@code Sent} (or {@code SendFailed}) before this returns; {@link
     * EngineOptions#gapNanos()} does not apply. Takes no lock and allocates nothing beyond the events the
     * listener asks for.
     *
     * @throws IllegalStateException    if called from another thread than the run's, or outside a run
     * @throws IllegalArgumentException if the target is not of this engine, or the payload does not fit IPv4
     * @throws IOException              if the socket fails in a way no retry can fix (a send the kernel refuses
     *                                  is a {@link ProbeEvent.SendFailed}, not an exception)
     */
    public void sendNow(ProbeTarget target, ProbeSpec spec, int tag) throws IOException {
        if (!loop.onRunThread()) {
            throw new IllegalStateException("sendNow is for the run's own thread (a listener's onTurn), called from "
                    + Thread.currentThread().getName());
        }
        Objects.requireNonNull(spec, "spec");
        TargetBlock t = loop.started(Objects.requireNonNull(target, "target"));
        if (t == null) {
            throw new IllegalArgumentException("target must be one of this engine's, got " + target);
        }
        TargetRegistry.checkFits(t.family.family, spec);
        if (!stopping) {
            loop.sendNow(target.index(), spec, tag);
        }
    }

    /**
     * <b>Ends the run after this turn, from the run's own thread</b>: for a listener whose schedule decides the end
     * itself (a final wait, a deadline). Probes still in flight end {@link ProbeEvent.Lost},
     * not stopped: the schedule gave up waiting for them. The sockets stay open until {@link #close()}.
     *
     * @throws IllegalStateException if called from another thread than the run's
     */
    public void finish() {
        if (!loop.onRunThread()) {
            throw new IllegalStateException("finish is for the run's own thread (a listener), called from "
                    + Thread.currentThread().getName());
        }
        loop.finish();
    }

    /**
     * <b>The sequence number of the run's first probe (0..65535; default 1)</b>, the next ones counting up from it
     * and wrapping to 0: a single send of a built echo carries its own. Call before {@link #run}.
     *
     * @throws IllegalArgumentException if {@code seq} is not 0..65535
     * @throws IllegalStateException    if the run has started
     */
    public void firstSequence(int seq) {
        if (seq < 0 || seq > 0xffff) {
            throw new IllegalArgumentException("seq must be 0..65535, got " + seq);
        }
        synchronized (this) {
            if (ran) {
                throw new IllegalStateException("the first sequence number is set before the run");
            }
        }
        loop.sender.firstSequence(seq);
    }

    /**
     * <b>Whether the run, once every probe has ended, still reads what is already queued on its sockets before it
     * returns</b> (default false: it returns at once). Reading on until nothing is queued lets a copy of the last
     * reply count as its duplicate. Call before {@link #run}.
     *
     * @throws IllegalStateException if the run has started
     */
    public void readQueuedAtEnd(boolean read) {
        synchronized (this) {
            if (ran) {
                throw new IllegalStateException("readQueuedAtEnd is set before the run");
            }
        }
        loop.readQueuedAtEnd(read);
    }

    /**
     * <b>Whether every probe carries new random data bytes instead of its spec's</b>, of the
     * spec's size; a reply still counts only with the bytes its probe carried. Default false. Call before
     * {@link #run}.
     *
     * @throws IllegalStateException if the run has started
     */
    public void randomPayloads(boolean on) {
        synchronized (this) {
            if (ran) {
                throw new IllegalStateException("randomPayloads is set before the run");
            }
        }
        loop.sender.randomPayloads(on);
    }

    /**
     * <b>Ends the run as soon as possible; thread-safe (a signal handler, another thread, the listener).</b>
     * The engine closes its own sockets, which wakes the loop at once; {@link #run} then returns, every probe
     * still in flight ending {@link ProbeEvent.Lost} with {@code stopped} true. Statistics stay readable.
     */
    public void stop() {
        stopping = true;
        FamilyState[] fs;
        synchronized (this) { // after an add that holds the lock: the socket it opens is closed too
            fs = registry.familiesNow();
        }
        for (FamilyState f : fs) {
            if (f != null) {
                f.socket.close();
            }
        }
        loop.wake();
    }

    /** <b>True once {@link #stop()} or {@link #close()} was called.</b> */
    public boolean stopped() {
        return stopping;
    }

    /** <b>Stops the run if one goes on, closes the sockets and gives back the identifiers; idempotent.</b> */
    @Override
    public void close() {
        stop();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            registry.releaseIdentifiers();
        }
    }

    /** One line: targets, sockets and identifiers. */
    @Override
    public synchronized String toString() {
        StringBuilder b = new StringBuilder("Engine[");
        registry.describe(b);
        return b.append(stopping ? ", stopped]" : "]").toString();
    }
}
