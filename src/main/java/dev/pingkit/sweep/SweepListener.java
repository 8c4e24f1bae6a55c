package dev.pingkit.sweep;

/**
 * <b>Receives a sweep's {@link SweepEvent}s, one at a time, in the order they happened.</b> Keep it quick: the
 * sweep waits while it runs.
 */
@FunctionalInterface
public interface SweepListener {
    /** <b>Called for each event.</b> */
    void onEvent(SweepEvent event);

    /**
     * <b>Called once, just before the first probe goes out</b> (after the sockets are open and every target is
     * added), on the thread that runs the sweep; not at all when the sweep is stopped before. Default: nothing.
     */
    default void onStart() {
    }

    /**
     * <b>As {@link #onStart()}, with the sweep's counts so far</b>, readable from any thread until the sweep ends (a
     * front end's interval report reads them instead of counting each event a second time). Default: {@link
     * #onStart()}.
     */
    default void onStart(SweepProgress progress) {
        onStart();
    }

    /**
     * <b>True to have each {@link SweepEvent.Reply} carry the decoded reply</b> (its type and code, for a host that
     * keeps results); default false: decoding copies every reply, which a large sweep need not pay for.
     */
    default boolean wantsMessages() {
        return false;
    }

    /** <b>A listener that ignores everything.</b> */
    SweepListener NONE = e -> { };
}
