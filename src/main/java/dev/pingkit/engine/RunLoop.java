package dev.pingkit.engine;

import dev.pingkit.socket.ClosedSocketException;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * <b>The {@link Engine}'s run: turn after turn, it takes the commands other threads queued, ends expired probes,
 * sends what is due and waits for one message, until every probe has ended (or the run is stopped or finished).</b>
 *
 * <p>It owns the run thread's parts (probe lifecycle, matcher, sender, schedule, receiver) and is their only
 * caller besides the engine's set-up before the run. Other threads reach it only through {@link #command}.
 */
final class RunLoop {
    private final Engine engine;
    private final boolean continuous;
    private final TimeSource time;
    final ProbeLifecycle probes = new ProbeLifecycle();
    private final TargetTable targets = probes.targets;
    private final Matcher matcher = new Matcher(probes);
    final ProbeSender sender;
    private final Receiver receiver;
    final RunSchedule schedule;
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private volatile Thread runner;
    private boolean finishing; // the listener's own schedule ended the run (finish())
    private long turnNow; // the clock as this turn read it: the stamp of a sendNow() from onTurn
    private ProbeListener listener = ProbeListener.NONE;
    private boolean turns; // the listener's wantsTurns(), asked once when the run starts
    private boolean readQueuedAtEnd;

    RunLoop(Engine engine, EngineOptions options, TimeSource time, FamilyState[] families) {
        this.engine = engine;
        this.continuous = options.continuous();
        this.time = Objects.requireNonNull(time, "time");
        this.sender = new ProbeSender(engine, probes, matcher);
        this.receiver = new Receiver(families, matcher);
        this.schedule = new RunSchedule(engine, options, time, probes, sender, receiver);
    }

    /** Queues {@code c} for the run thread's next turn and wakes it. Thread-safe. */
    void command(Runnable c) {
        commands.add(c);
        wake();
    }

    /** Wakes the run thread from its wait, if a run goes on. Thread-safe. */
    void wake() {
        Thread r = runner;
        if (r != null) {
            LockSupport.unpark(r);
        }
    }

    /** True on the run's own thread while it runs. */
    boolean onRunThread() {
        return Thread.currentThread() == runner;
    }

    void readQueuedAtEnd(boolean read) {
        readQueuedAtEnd = read;
    }

    /** Runs the loop on this thread; every probe still in flight at its end ends lost. */
    void run(ProbeListener l) throws IOException {
        listener = l;
        turns = l.wantsTurns();
        probes.listening(l);
        matcher.listening(l);
        sender.listening(l);
        runner = Thread.currentThread();
        try {
            // One call per turn, not the loop inline: the JIT compiles a called method after a few hundred calls,
            // a loop body only after tens of thousands of turns (a flood would run half interpreted).
            while (!stopIfInterrupted() && !engine.stopped() && !finishing && turn()) {
                // the turn did the work
            }
        } catch (ClosedSocketException e) {
            if (!engine.stopped()) {
                throw e;
            }
        } finally {
            engine.runReturned();
            runner = null;
            probes.endPending(engine.stopped());
        }
    }

    /**
     * An interrupt of the run's thread (JShell's Ctrl-C, a cancelled task) stops the run as {@link Engine#stop()}
     * does, within one turn; the thread's interrupt flag stays set for its caller. Native waits do not see an
     * interrupt, so this is checked once a turn (a turn waits at most {@link Engine#MAX_WAIT}).
     */
    private boolean stopIfInterrupted() {
        if (runner.isInterrupted()) {
            engine.stop();
            return true;
        }
        return false;
    }

    /** One turn: take commands, expire deadlines, send what is due, wait for one message; false when done. */
    private boolean turn() throws IOException {
        long now = time.nanoTime();
        turnNow = now;
        if (turns) {
            listener.onTurn(now, receiver.idle());
            if (finishing) {
                return false;
            }
        }
        if (takeCommands()) {
            now = time.nanoTime(); // an added target is due from the moment it was started
        }
        probes.expire(now);
        if (!commands.isEmpty()) {
            // A listener's answer to a timeout (a retry) goes out in this turn, not a wait later.
            takeCommands();
        }
        long gapAt = schedule.sendDue(now);
        if (engine.stopped() || finishing) {
            return false;
        }
        if (!continuous && probes.pending() == 0 && schedule.done() && commands.isEmpty()) {
            // Asked to read what is queued before ending: what already waits (a copy of the last reply) is still read.
            return readQueuedAtEnd && receiver.readQueued();
        }
        long wake = schedule.wake(now + Engine.MAX_WAIT, gapAt);
        wake = Math.min(wake, probes.nextDeadline());
        if (turns) {
            wake = Math.min(wake, listener.nextTurn());
        }
        receiver.receive(Math.max(0, wake - now));
        return true;
    }

    /** Runs the commands other threads queued; true if there were any. */
    private boolean takeCommands() {
        boolean any = false;
        for (Runnable c; (c = commands.poll()) != null; ) {
            c.run();
            any = true;
        }
        return any;
    }

    /** The run's state of {@code target} (taking the commands queued this turn if needed), or null if none. */
    TargetBlock started(ProbeTarget target) {
        int index = target.index();
        if (index >= targets.size()) {
            takeCommands(); // added before this turn took its commands
        }
        TargetBlock t = index >= 0 && index < targets.size() ? targets.block(index) : null;
        return t == null || !t.is(target) ? null : t;
    }

    /** Sends {@code spec} to target {@code index} now, stamped with this turn's clock reading; run thread only. */
    void sendNow(int index, ProbeSpec spec, int tag) throws IOException {
        sender.send(index, spec, tag, turnNow);
    }

    /** Ends the run after this turn; run thread only. */
    void finish() {
        finishing = true;
    }
}
