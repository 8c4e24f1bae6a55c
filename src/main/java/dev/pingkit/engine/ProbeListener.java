package dev.pingkit.engine;

/**
 * <b>Receives an {@link Engine} run's {@link ProbeEvent}s, on the run's own thread, in order.</b>
 * Keep it quick: the run waits while it runs. It may call {@link Engine#probe}, {@link Engine#add} and
 * {@link Engine#stop()} (a retry policy, a hop-by-hop run that stops at the destination).
 *
 * <p>A flood or a large sweep that needs no event objects for routine sends and answers says so with
 * {@link #wantsRoutineEvents()} false: it then gets {@link #onSent} and {@link #onAnswered} with primitives and the
 * run allocates nothing per packet.
 */
@FunctionalInterface
public interface ProbeListener {
    /** <b>Called for each event.</b> */
    void onEvent(ProbeEvent event);

    /**
     * <b>True to get {@link ProbeEvent.Sent} and {@link ProbeEvent.Answered} as objects; default true.</b>
     * False: {@link #onSent} and {@link #onAnswered} instead; every other event still comes as an object.
     */
    default boolean wantsRoutineEvents() {
        return true;
    }

    /** <b>Probe {@code number} of target {@code target} (its index) left</b> (when routine events are off). */
    default void onSent(int target, long number) {
    }

    /** <b>Probe {@code number} of target {@code target} was answered after {@code rttNanos}</b> (routine off). */
    default void onAnswered(int target, long number, long rttNanos) {
    }

    /** <b>True to get {@link ProbeEvent.Stray} events; default false.</b> */
    default boolean wantsStrays() {
        return false;
    }

    /** <b>True to have {@link ProbeEvent.Answered} carry the decoded reply; default false (decoding copies).</b> */
    default boolean wantsMessages() {
        return false;
    }

    /**
     * <b>True to be called at every turn of the run loop ({@link #onTurn}) and to set its next wake-up
     * ({@link #nextTurn}); default false.</b> For a listener that ends probes by its own clock, such as
     * a wait that shrinks as later hops answer.
     */
    default boolean wantsTurns() {
        return false;
    }

    /**
     * <b>The loop's turn at monotonic time {@code now}, before it takes commands</b> (when {@link #wantsTurns}).
     * {@code idle}: the loop's last wait ended without a message, so nothing that arrived before it is still
     * queued (a listener may then take "no answer yet" as final).
     */
    default void onTurn(long now, boolean idle) {
    }

    /** <b>When the loop should turn next at the latest, monotonic nanoseconds</b> (when {@link #wantsTurns}). */
    default long nextTurn() {
        return Long.MAX_VALUE;
    }

    /** <b>A listener that ignores everything and asks for nothing.</b> */
    ProbeListener NONE = new ProbeListener() {
        @Override
        public void onEvent(ProbeEvent event) {
        }

        @Override
        public boolean wantsRoutineEvents() {
            return false;
        }
    };
}
