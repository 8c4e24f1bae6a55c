package dev.pingkit.cli.prober;

import java.net.InetSocketAddress;

/**
 * <b>Who tells a running prober to reload its targets or to stop, and who learns where it serves.</b> The command
 * ties reload to SIGHUP and stop to SIGTERM and SIGINT; tests drive it directly.
 */
public interface ProberControl {
    /** Receives the action that rereads the targets file and re-resolves the targets. */
    void onReload(Runnable reload);

    /** Receives the action that stops the prober gracefully (in-flight probes finish, then exit 0). */
    void onStop(Runnable stop);

    /** The metrics endpoint is up at {@code address} (not called with {@code --json}). */
    default void serving(InetSocketAddress address) {
    }
}
