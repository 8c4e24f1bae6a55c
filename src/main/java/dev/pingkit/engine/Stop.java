package dev.pingkit.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * <b>The one stop token of every run</b>: a Ctrl-C handler or another thread calls {@link #stop()}, and the run it
 * was handed (a sweep, a trace, a batch, a single send, a capture, an engine run) ends soon after with what it has.
 * <pre>{@code
 * Stop stop = new Stop();
 * // elsewhere: stop.stop();
 * SweepResult partial = Sweep.of("198.19.0.0/22").count(5).run(SweepListener.NONE, stop);
 * }</pre>
 */
public final class Stop {
    private final List<Runnable> hooks = new ArrayList<>();
    private boolean stopped;

    /** <b>Asks the run to stop; safe to call more than once and from any thread.</b> */
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

    /** <b>Runs {@code hook} on stop (at once when already stopped)</b>; a run uses it to end its waits early. */
    public void onStop(Runnable hook) {
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

    /** <b>Forgets {@code hook}</b> (its wait is over). */
    public synchronized void forget(Runnable hook) {
        hooks.remove(hook);
    }
}
