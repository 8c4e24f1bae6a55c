package dev.pingkit.ping;

import dev.pingkit.engine.ProbeEvent;

import java.util.Objects;

/**
 * <b>Something that happened in a {@link Pinger} run, as an immutable value: the engine's {@link ProbeEvent} about
 * one of its probes, or what only ping has ({@link NoAnswerYet}).</b> Front ends word these (iputils lines, JSON);
 * the engine and the mode write no sentences.
 */
public sealed interface PingEvent {

    /**
     * <b>The engine's event about one of the run's probes, as the engine gave it, and whether ping counts it a
     * duplicate.</b> Every kind comes but one: a {@link ProbeEvent.Lost} only when the probe timed out, never when
     * the user stopped the run. A {@link ProbeEvent.Stray} comes only to a listener that
     * {@link PingListener#wantsForeign() asks}; an {@link ProbeEvent.Advisory} (redirect, source quench) is shown as
     * iputils shows an error but not counted as one.
     *
     * @param event     what happened
     * @param duplicate for a reply, true when iputils prints it {@code (DUP!)}: a {@link ProbeEvent.Duplicate}, a
     *                  corrupted copy to a probe already answered, or a second {@link ProbeEvent.Late} reply to a
     *                  probe an error ended (iputils counts the first as received); false for anything else
     */
    record Outcome(ProbeEvent event, boolean duplicate) implements PingEvent {
        /** Checks that there is an event and that only a reply is flagged duplicate. */
        public Outcome {
            Objects.requireNonNull(event, "event");
            if (!(event instanceof ProbeEvent.Reply) && duplicate) {
                throw new IllegalArgumentException("only a reply can be a duplicate, got " + event);
            }
        }

        /** <b>An event ping does not flag.</b> */
        public Outcome(ProbeEvent event) {
            this(event, event instanceof ProbeEvent.Duplicate);
        }

        /** <b>The probe's sequence number, -1 for a stray message.</b> */
        public int seq() {
            return event.probe() == null ? -1 : event.probe().seq();
        }

        /** <b>The reply, or null when the event is none.</b> */
        public ProbeEvent.Reply reply() {
            return event instanceof ProbeEvent.Reply r ? r : null;
        }

        /** <b>True for a reply that answers its probe: intact and the first (iputils' received).</b> */
        public boolean answers() {
            return event instanceof ProbeEvent.Reply && !(event instanceof ProbeEvent.Corrupted) && !duplicate;
        }

        /** <b>True when the event is a reply whose checksum verified</b> (ICMPv6: the kernel verifies it). */
        public boolean checksumOk() {
            return !(event instanceof ProbeEvent.Corrupted c) || c.checksumValid();
        }
    }

    /** <b>No reply for {@code seq} yet when the next probe went out ({@code -O}).</b> */
    record NoAnswerYet(int seq) implements PingEvent {
    }
}
