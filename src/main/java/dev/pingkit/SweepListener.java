package dev.pingkit;

/**
 * <b>Receives a sweep's {@link SweepEvent}s, one at a time, in the order they happened.</b> Keep it quick: the
 * sweep waits while it runs.
 */
@FunctionalInterface
public interface SweepListener {
    /** <b>Called for each event.</b> */
    void onEvent(SweepEvent event);

    /** <b>A listener that ignores everything.</b> */
    SweepListener NONE = e -> { };
}
