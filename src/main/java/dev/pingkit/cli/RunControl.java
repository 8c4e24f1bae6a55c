package dev.pingkit.cli;

/**
 * <b>Who decides when a running ping stops or shows interim statistics.</b> The command hands its actions over once
 * the run exists: {@code scripts/ping} ties them to signals (Ctrl-C, and Ctrl-\\ as iputils does), the REPL to its
 * own Ctrl-C.
 */
@FunctionalInterface
public interface RunControl {
    /** Receives the action that stops the run; the summary is printed after it. */
    void onStop(Runnable stop);

    /** Receives the action that prints interim statistics (iputils' SIGQUIT line); ignored by default. */
    default void onStatus(Runnable status) {
    }

    /**
     * Receives each probe of the run as it ends (answered, an error, not sent, lost), for a host that collects
     * them: the REPL's results. Nothing is built unless {@link #wantsProbes()} says so.
     */
    default void onProbe(dev.pingkit.batch.ProbeResult probe) {
    }

    /** Whether {@link #onProbe} wants the run's probes; false by default. */
    default boolean wantsProbes() {
        return false;
    }
}
