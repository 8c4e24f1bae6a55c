package dev.pingkit.cli;

/**
 * The process's signals as {@code scripts/ping} uses them. Ctrl-C (SIGINT) stops the run so the summary is printed,
 * as iputils does. iputils prints interim statistics on SIGQUIT (Ctrl-\\), but HotSpot keeps SIGQUIT for its thread
 * dumps and refuses it to Java code ({@code -Xrs} frees it only for native handlers). So {@code scripts/ping} starts a
 * small watcher in the command's process group that turns the terminal's SIGQUIT into SIGUSR1, which Java may take;
 * {@code kill -USR1 <pid>} asks for the line directly. Both use {@code sun.misc.Signal} (Java 17 and 25).
 */
public final class Signals {
    /** Ties a run's stop to SIGINT and its interim statistics to SIGUSR1. */
    public static final RunControl PROCESS = new RunControl() {
        @Override
        public void onStop(Runnable stop) {
            handle("INT", stop);
        }

        @Override
        public void onStatus(Runnable status) {
            handle("USR1", status);
        }
    };

    private Signals() {
    }

    /**
     * <b>Runs {@code status} when interim statistics are asked for (SIGUSR1, which the launchers' watcher sends on
     * Ctrl-\\) until the next call replaces it.</b> For a host that runs pings itself (the REPL): pass a no-op when
     * the run ends.
     */
    public static void onStatusRequest(Runnable status) {
        handle("USR1", status);
    }

    /**
     * <b>Runs {@code action} on signal {@code signal} ({@code "HUP"}, {@code "TERM"}, ...) instead of the default</b>,
     * on a thread of the JVM's; where the platform refuses the signal, the default stays.
     */
    public static void handle(String signal, Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> action.run());
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            // the platform refuses: the default stays (Ctrl-C ends the JVM without a summary)
        }
    }
}
