package dev.pingkit.sweep;

import dev.pingkit.engine.Probe;
import dev.pingkit.packet.Addresses;
import dev.pingkit.packet.IcmpMessage;

import java.net.InetAddress;
import java.util.Locale;

/**
 * <b>Something that happened to one probe of a {@link Sweep}, as a value.</b> Every probe ends exactly once, as a
 * first {@link Reply}, a {@link Lost}, a {@link Failed} or a {@link NotSent}; duplicate and damaged replies come as
 * further {@link Reply} events beside it. Front ends turn these into fping lines, JSON or REPL output.
 *
 * <p>Each event also carries the engine's {@link Probe} as it went out (identifier, sequence number, TTL, TOS,
 * payload size on the wire) and its send time, so a host that keeps results (the REPL's {@code results}) records
 * the probe itself rather than rebuilding it; both are null / 0 in an event made without an engine (a test's).
 */
public sealed interface SweepEvent {

    /** <b>The target the probe went to.</b> */
    SweepTarget target();

    /** <b>The probe's 0-based number for its target</b> (fping's {@code [n]}). */
    int probe();

    /** <b>The probe as the engine sent it</b> (id, seq, TTL, TOS, size on the wire), null if not from an engine. */
    Probe sent();

    /** <b>When the probe left, CLOCK_REALTIME nanoseconds</b> (the engine's send stamp), 0 if unknown. */
    long sentAtNanos();

    /**
     * <b>A reply to the probe.</b>
     *
     * @param from      who sent it
     * @param bytes     ICMP length (header + data), what fping prints as "N bytes"
     * @param rttNanos  receive time minus the probe's send time
     * @param duplicate the probe had already been answered
     * @param intact    good checksum and the probe's own payload; a damaged reply never answers a probe
     * @param ttl       the reply's TTL / hop limit as it arrived, -1 if the kernel did not say
     * @param message   the decoded reply when the listener {@link SweepListener#wantsMessages() asked}, else null
     * @param sent      the probe on the wire; sentAtNanos its send time
     */
    record Reply(SweepTarget target, int probe, InetAddress from, int bytes, long rttNanos, boolean duplicate,
                 boolean intact, int ttl, IcmpMessage message, Probe sent, long sentAtNanos) implements SweepEvent {
        /** A reply without the engine's probe (tests, tallies). */
        public Reply(SweepTarget target, int probe, InetAddress from, int bytes, long rttNanos, boolean duplicate,
                     boolean intact) {
            this(target, probe, from, bytes, rttNanos, duplicate, intact, -1, null, null, 0);
        }

        /** <b>True for the reply that answers the probe: first and intact.</b> */
        public boolean answers() {
            return !duplicate && intact;
        }

        @Override
        public String toString() {
            return target.name() + " [" + probe + "] " + bytes + " bytes "
                    + String.format(Locale.ROOT, "%.3f ms", rttNanos / 1e6)
                    + (duplicate ? " (duplicate)" : "") + (intact ? "" : " (damaged)");
        }
    }

    /** <b>No reply came within the timeout.</b> */
    record Lost(SweepTarget target, int probe, Probe sent, long sentAtNanos) implements SweepEvent {
        /** A loss without the engine's probe (tests, tallies). */
        public Lost(SweepTarget target, int probe) {
            this(target, probe, null, 0);
        }

        @Override
        public String toString() {
            return target.name() + " [" + probe + "] timed out";
        }
    }

    /**
     * <b>The kernel refused to send the probe</b> (e.g. {@code EMSGSIZE}: larger than the path's MTU with DF set).
     * It counts as sent and not answered, and is not retried, as fping counts it.
     *
     * @param errnoName   the errno's symbol, e.g. {@code EMSGSIZE}
     * @param description the C library's text for it, e.g. {@code Message too long}
     */
    record NotSent(SweepTarget target, int probe, String errnoName, String description, Probe sent,
                   long sentAtNanos) implements SweepEvent {
        /** A refusal without the engine's probe (tests, tallies). */
        public NotSent(SweepTarget target, int probe, String errnoName, String description) {
            this(target, probe, errnoName, description, null, 0);
        }

        @Override
        public String toString() {
            return target.name() + " [" + probe + "] not sent: " + description;
        }
    }

    /** <b>An ICMP error about the probe (unreachable, time exceeded, ...) came from {@code from}.</b> */
    record Failed(SweepTarget target, int probe, InetAddress from, IcmpMessage error, Probe sent, long sentAtNanos)
            implements SweepEvent {
        /** An error without the engine's probe (tests, tallies). */
        public Failed(SweepTarget target, int probe, InetAddress from, IcmpMessage error) {
            this(target, probe, from, error, null, 0);
        }

        /** <b>The error's name and who sent it</b>, e.g. {@code host-unreachable from 198.18.129.9}. */
        public String reason() {
            String what = error.codeName() == null || error.codeName().isEmpty() ? error.typeName()
                    : error.codeName();
            return what + " from " + Addresses.text(from);
        }

        @Override
        public String toString() {
            return target.name() + " [" + probe + "] " + reason();
        }
    }
}
