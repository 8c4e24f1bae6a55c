package dev.pingkit.cli;

/**
 * Ctrl-C (SIGINT) stops the run so the summary is printed, as iputils does. Uses {@code sun.misc.Signal}, which
 * works for INT on Java 17 and 25. SIGQUIT cannot be taken this way: HotSpot reserves it for thread dumps
 * ("Signal already used by VM or OS"), and with {@code -Xrs} it frees QUIT only for native handlers while also
 * refusing INT; see the report in docs for what a native handler (package {@code socket}) would need.
 */
final class Signals {
    private Signals() {
    }

    /** Runs {@code action} on SIGINT instead of terminating the JVM; false if the platform refuses. */
    static boolean onInterrupt(Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> action.run());
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            return false;
        }
    }
}
