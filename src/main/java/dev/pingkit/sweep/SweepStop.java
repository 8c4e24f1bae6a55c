package dev.pingkit.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * <b>Stops a running {@link Sweep} from another thread</b> (a Ctrl-C handler): the run ends soon after, and its
 * result holds what was found so far, marked {@link SweepResult#stopped()}.
 * <pre>{@code
 * SweepStop stop = new SweepStop();
 * // elsewhere: stop.stop();
 * SweepResult partial = Sweep.of("198.19.0.0/22").count(5).run(SweepListener.NONE, stop);
 * }</pre>
 */
public final class SweepStop {
    private final List<Runnable> hooks = new ArrayList<>();
    private boolean stopped;

    /** <b>Asks the sweep to stop; safe to call more than once and from any thread.</b> */
    public void stop() {
        List<Runnable> run;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            run = new ArrayList<>(hooks);
        }
        run.forEach(Runnable::run);
    }

    /** <b>True once {@link #stop()} was called.</b> */
    public synchronized boolean stopped() {
        return stopped;
    }

    /** Runs {@code hook} on stop (at once when already stopped); the engine uses it to end waits early. */
    void onStop(Runnable hook) {
        boolean now;
        synchronized (this) {
            now = stopped;
            if (!now) {
                hooks.add(hook);
            }
        }
        if (now) {
            hook.run();
        }
    }

    /** Forgets {@code hook} (its wait is over). */
    synchronized void forget(Runnable hook) {
        hooks.remove(hook);
    }
}
