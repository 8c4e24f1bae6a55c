package dev.pingkit.ping;

import dev.pingkit.socket.IcmpSocket;
import dev.pingkit.socket.SocketKind;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * <b>iputils' ping schedule over the one {@link Engine}: when the next probe goes and when the run ends; the engine
 * sends, matches, counts and tells how each probe ended.</b>
 *
 * <pre>{@code
 * try (Pinger p = Pinger.open(PingSettings.to(InetAddress.getByName("127.0.0.1")).count(3))) {
 *     PingStatistics s = p.run(System.out::println);
 * }
 * }</pre>
 *
 * <p>The schedule is iputils': a token bucket of {@code interval × preload} ({@link SendSchedule}), the flood's next
 * probe at a reply or after 10 ms; with a count, the end once that many probes are answered or errored, or after the
 * final wait (max(2 × max RTT, interval) after the last probe if anything answered, else the reply timeout); with
 * a deadline, when it passes (or at the first error); or at {@link #stop()}. What arrived before the end but was not
 * read yet still counts. It runs on the engine's own thread ({@link ProbeListener#onTurn}) and sends with
 * {@link Engine#sendNow}: no lock, no allocation per packet, one clock reading per turn.
 *
 * <p>The engine's events become the single-target {@link PingEvent}s a ping front end prints: an answer, a
 * duplicate or a corrupted reply a {@link PingEvent.Reply}, an ICMP error quoting a probe (or an IPv4 redirect or
 * source quench, which iputils shows but does not count) a {@link PingEvent.ErrorReply}, a refused send a
 * {@link PingEvent.SendError}, a probe still unanswered at the end a {@link PingEvent.Timeout}, a stray message a
 * {@link PingEvent.Foreign}. As iputils counts it, a reply to a probe that an ICMP error already ended still counts
 * as received. iputils' pipe (the most probes in flight) is kept here, from the probe numbers.
 */
public final class Pinger implements AutoCloseable {
    /** At most this many queued messages are taken once the run's time is up. */
    private static final int DRAIN_LIMIT = 64;

    private final PingSettings settings;
    private final Engine engine;
    private final ProbeTarget target;
    private final ProbeSpec spec;
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
        this(settings, new Engine(options(settings), over(settings, socket), time));
    }

    private Pinger(PingSettings settings, Engine engine) throws IOException {
        this.settings = settings;
        this.engine = engine;
        this.spec = ProbeSpec.DEFAULT.payload(settings.payload()).timeout(FOREVER);
        try {
            this.target = engine.add(settings.target(), TargetPlan.explicit());
        } catch (IOException | RuntimeException e) {
            engine.close();
            throw e;
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

    /** <b>The settings this pinger runs with.</b> */
    public PingSettings settings() {
        return settings;
    }

    /** <b>The ICMP identifier of our probes</b> (the kernel's for a datagram socket). */
    public int identifier() {
        return engine.identifier(settings.target());
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
        Schedule schedule = new Schedule(listener);
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

    /** One run: iputils' schedule on the engine's turns, and the engine's events as {@link PingEvent}s. */
    private final class Schedule implements ProbeListener {
        private final PingListener out;
        private final boolean routine;
        private final long count;
        private final boolean hasDeadline;
        private final long intervalNanos;
        private final SendSchedule bucket;
        private StatisticsRecorder stats; // the engine's for our target, taken at the first turn
        private boolean started;
        private long deadlineAt = Long.MAX_VALUE;
        private long exitAt = Long.MAX_VALUE;
        private long wakeAt = Long.MAX_VALUE;
        private long transmitted; // probes sent or refused, as iputils counts them
        private long acked; // the newest probe answered or errored (iputils' acknowledge)
        private int draining = -1; // turns spent taking what is queued once the time is up; -1 before that
        IOException failure;

        Schedule(PingListener out) {
            this.out = out;
            this.routine = out.wantsRoutineEvents();
            this.count = settings.count();
            Duration d = settings.deadline();
            this.hasDeadline = d != null && !d.isZero();
            this.intervalNanos = settings.interval().toNanos();
            this.bucket = new SendSchedule(intervalNanos, settings.preload());
        }

        @Override
        public boolean wantsTurns() {
            return true;
        }

        @Override
        public long nextTurn() {
            return wakeAt;
        }

        @Override
        public boolean wantsRoutineEvents() {
            return routine;
        }

        @Override
        public boolean wantsStrays() {
            return out.wantsForeign();
        }

        @Override
        public boolean wantsMessages() {
            return out.wantsMessages();
        }

        @Override
        public void onTurn(long now, boolean idle) {
            if (!started) {
                started = true;
                stats = engine.recorder(target);
                stats.start(now);
                if (hasDeadline) {
                    deadlineAt = now + settings.deadline().toNanos();
                }
            }
            if (countMet() || hasDeadline && stats.errors() > 0) {
                engine.finish();
                return;
            }
            if (draining >= 0) {
                // Each look at the queue is a turn without waiting: done when one finds it empty.
                if (idle || ++draining >= DRAIN_LIMIT) {
                    engine.finish();
                }
                wakeAt = now;
                return;
            }
            if (now >= deadlineAt || now >= exitAt) {
                // What arrived in time but was not read yet (this thread was late: load, a pause) still counts.
                draining = 0;
                wakeAt = now;
                return;
            }
            long wait = Long.MAX_VALUE;
            try {
                while (count == 0 || hasDeadline || transmitted < count) {
                    long due = bucket.poll(now, transmitted - acked);
                    if (due > 0) {
                        wait = due;
                        break;
                    }
                    if (!send()) {
                        return;
                    }
                    if (count > 0 && !hasDeadline && transmitted >= count) {
                        exitAt = now + finalWait();
                    }
                }
            } catch (IOException e) {
                failure = e;
                engine.finish();
                return;
            }
            if (countMet()) {
                engine.finish(); // the last probe failed at once (a local error): nothing left to wait for
                return;
            }
            wakeAt = Math.min(saturatedAdd(now, wait), Math.min(exitAt, deadlineAt));
        }

        private boolean countMet() {
            return count > 0 && stats.received() + stats.errors() >= count;
        }

        // iputils' __schedule_exit: after some reply, twice the largest RTT but at least one interval; else -W.
        private long finalWait() {
            if (stats.received() > 0) {
                return Math.max(2 * stats.maxMicros() * 1000, intervalNanos);
            }
            return settings.replyTimeout().toNanos();
        }

        /** Sends the next probe; false when the run was stopped meanwhile. */
        private boolean send() throws IOException {
            if (settings.reportOutstanding() && transmitted > 0 && !engine.answered(seq(transmitted))) {
                out.onEvent(new PingEvent.NoAnswerYet(seq(transmitted)));
            }
            transmitted++;
            engine.sendNow(target, spec, 0);
            return !engine.stopped();
        }

        /** iputils' acknowledge: the newest probe answered counts, and the most in flight up to it is the pipe. */
        private void acknowledge(long number) {
            long behind = transmitted - number;
            if (behind <= 0x7fff) {
                acked = Math.max(acked, number);
                stats.inFlight((int) behind + 1);
            }
        }

        @Override
        public void onSent(int index, long number) {
            out.onSent(seq(number));
        }

        @Override
        public void onAnswered(int index, long number, long rttNanos) {
            acknowledge(number);
            out.onReply(seq(number));
        }

        @Override
        public void onEvent(ProbeEvent event) {
            if (event instanceof ProbeEvent.Sent s) {
                out.onEvent(new PingEvent.Sent(s.probe().seq(), s.sentAtNanos()));
            } else if (event instanceof ProbeEvent.Answered a) {
                acknowledge(a.probe().number());
                out.onEvent(new PingEvent.Reply(a.probe().seq(), a.from(), a.length(), a.ttl(), a.rttNanos(), false,
                        true, -1, -1, -1, a.kernelTimestamp(), a.message()));
            } else if (event instanceof ProbeEvent.Duplicate d) {
                acknowledge(d.probe().number());
                out.onEvent(new PingEvent.Reply(d.probe().seq(), d.from(), d.length(), d.ttl(), d.rttNanos(), true,
                        true, -1, -1, -1, d.kernelTimestamp(), d.message()));
            } else if (event instanceof ProbeEvent.Late l) {
                // iputils counts a reply to a probe an error already ended: it never marked that probe answered
                acknowledge(l.probe().number());
                stats.reply(l.rttNanos(), false);
                out.onEvent(new PingEvent.Reply(l.probe().seq(), l.from(), l.length(), l.ttl(), l.rttNanos(), false,
                        true, -1, -1, -1, l.kernelTimestamp(), l.message()));
            } else if (event instanceof ProbeEvent.Corrupted c) {
                out.onEvent(new PingEvent.Reply(c.probe().seq(), c.from(), c.length(), c.ttl(), c.rttNanos(),
                        engine.answered(c.probe().seq()), c.checksumValid(), c.firstDifferent(), c.expected(),
                        c.actual(), c.kernelTimestamp(), c.message()));
            } else if (event instanceof ProbeEvent.Failed f) {
                acknowledge(f.probe().number());
                out.onEvent(new PingEvent.ErrorReply(f.probe().seq(), f.reporter(), f.error()));
            } else if (event instanceof ProbeEvent.Advisory a) {
                out.onEvent(new PingEvent.ErrorReply(a.probe().seq(), a.reporter(), a.message()));
            } else if (event instanceof ProbeEvent.SendFailed f) {
                out.onEvent(new PingEvent.SendError(f.probe().seq(), f.errnoName(), f.errnoDescription(), f.mtu()));
            } else if (event instanceof ProbeEvent.Lost l) {
                // A stopped run (Ctrl-C) was cut short: its unanswered probes did not time out.
                if (!l.stopped() && !stopped) {
                    out.onEvent(new PingEvent.Timeout(l.probe().seq()));
                }
            } else if (event instanceof ProbeEvent.Stray s) {
                out.onEvent(new PingEvent.Foreign(s.from(), s.message()));
            }
        }

        private int seq(long number) {
            return (int) (number & 0xffff);
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
