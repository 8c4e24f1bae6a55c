package dev.pingkit.ping;

/**
 * <b>Receives a run's {@link PingEvent}s, on the run's own thread, in order.</b>
 * Keep it quick: the receive loop waits while it runs.
 */
@FunctionalInterface
public interface PingListener {
    /** <b>Called for each event.</b> */
    void onEvent(PingEvent event);

    /** <b>True to get {@link PingEvent.Foreign} events for packets that are not ours; default false.</b> */
    default boolean wantsForeign() {
        return false;
    }

    /**
     * <b>True to have each {@link PingEvent.Reply} carry its decoded message; default false.</b>
     * Decoding copies the packet, so floods leave it off.
     */
    default boolean wantsMessages() {
        return false;
    }

    /** <b>A listener that ignores everything.</b> */
    PingListener NONE = e -> { };
}
