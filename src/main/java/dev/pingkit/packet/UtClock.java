package dev.pingkit.packet;

import java.time.Instant;

/**
 * The clock of ICMP timestamps and the IPv4 timestamp option (RFC 791, 792): milliseconds since midnight UT in 32
 * bits; a value with the high bit set is "non-standard", a clock of the sender's own choosing.
 */
final class UtClock {
    static final long DAY_MS = 86_400_000L;

    private UtClock() {
    }

    /** Milliseconds since midnight UT of {@code t}. */
    static long millisSinceMidnight(Instant t) {
        return Math.floorMod(t.toEpochMilli(), DAY_MS);
    }

    /** What a 32-bit timestamp means: {@code 12:34:56.789 UT}, non-standard, or past a day. */
    static String meaning(long value) {
        if ((value & 0x80000000L) != 0) {
            return String.format("non-standard (high bit set): %d", value & 0x7fffffffL);
        }
        if (value >= DAY_MS) {
            return "not a time of day: more ms than a day has";
        }
        return String.format("%02d:%02d:%02d.%03d UT", value / 3_600_000, value / 60_000 % 60, value / 1000 % 60,
                value % 1000);
    }
}
