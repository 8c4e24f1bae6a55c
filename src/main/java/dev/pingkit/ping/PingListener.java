package dev.pingkit.ping;


/**
 * <b>Receives a run's {@link PingEvent}s, on the run's own thread, in order.</b>
 * Keep it quick: the receive loop waits while it runs.
 */
@FunctionalInterface
public interface PingListener {
    /** <b>Called for each event.</b> */
    void onEvent(PingEvent event);

    /**
     * <b>True to get the engine's {@code ProbeEvent.Stray} (in a {@link PingEvent.Outcome}) for packets that are not
     * ours; default false.</b>
     */
    default boolean wantsForeign() {
        return false;
    }

    /**
     * <b>True to have each reply carry its decoded message; default false.</b>
     * Decoding copies the packet, so floods leave it off.
     */
    default boolean wantsMessages() {
        return false;
    }

    /**
     * <b>True to get an event for every probe sent and every reply; default true.</b> A listener that only needs
     * to know that they happened (a flood's dots, a quiet run's counts) says false: it then gets {@link #onSent(int)} for each probe and {@link #onReply(int)} for each
     * intact first reply, and no event object is made for them, so a flood allocates nothing per packet.
     * Duplicate, late and damaged replies still come as events.
     */
    default boolean wantsRoutineEvents() {
        return true;
    }

    /** <b>Probe {@code seq} left</b> (only when {@link #wantsRoutineEvents()} is false). */
    default void onSent(int seq) {
    }

    /**
     * <b>An intact first reply to probe {@code seq} came</b> (only when {@link #wantsRoutineEvents()} is false;
     * the run's statistics have already counted it).
     */
    default void onReply(int seq) {
    }

    /** <b>A listener that ignores everything.</b> */
    // A class, not a lambda: this field is set when any listener's class is first initialised (a one-packet
    // ping's printer too), and the JDK 25 AOT cache does not keep this lambda, so it was spun at run time with
    // the lambda machinery's first use (~4 ms of the start).
    PingListener NONE = new PingListener() {
        @Override
        public void onEvent(PingEvent event) {
        }
    };
}
