package dev.pingkit.packet;

import java.time.Instant;

/**
 * <b>An ICMPv4 timestamp request (13) or reply (14) as a wire value (RFC 792)</b>: identifier, sequence number and
 * the originate, receive and transmit timestamps, each 32 bits of milliseconds since midnight UT (the high bit set
 * marks a non-standard clock). Every wither returns a new value; the checksum is computed unless forced.
 *
 * <pre>{@code
 * TimestampMessage.request().identifier(7).sequence(1).originate(TimestampMessage.now())
 * }</pre>
 *
 * @param type           13 or 14 (any 0..255 for experiments)
 * @param code           0..255, normally 0
 * @param identifier     0..65535
 * @param sequence       0..65535
 * @param originate      when the request left, 0..2^32-1
 * @param receive        when the responder received it (a request carries 0)
 * @param transmit       when the reply left (a request carries 0)
 * @param forcedChecksum the checksum written instead of the computed one, or -1 to compute it
 */
public record TimestampMessage(int type, int code, int identifier, int sequence, long originate, long receive,
                               long transmit, int forcedChecksum) implements Ipv4Query {
    /** Bytes of a timestamp message: the header and three timestamps. */
    public static final int LENGTH = 20;

    /** Checks every field. */
    public TimestampMessage {
        QueryWire.check("type", type, 0xff);
        QueryWire.check("code", code, 0xff);
        QueryWire.check("identifier", identifier, 0xffff);
        QueryWire.check("sequence", sequence, 0xffff);
        QueryWire.check32("originate", originate);
        QueryWire.check32("receive", receive);
        QueryWire.check32("transmit", transmit);
        QueryWire.checkForced(forcedChecksum);
    }

    /** <b>A timestamp request (13), every field 0, checksum computed.</b> */
    public static TimestampMessage request() {
        return new TimestampMessage(IcmpTypes.TIMESTAMP_REQUEST, 0, 0, 0, 0, 0, 0, QueryWire.COMPUTED);
    }

    /** <b>A timestamp reply (14), every field 0, checksum computed.</b> */
    public static TimestampMessage reply() {
        return new TimestampMessage(IcmpTypes.TIMESTAMP_REPLY, 0, 0, 0, 0, 0, 0, QueryWire.COMPUTED);
    }

    /** <b>Milliseconds since midnight UT now: the value of an originate timestamp.</b> */
    public static long now() {
        return UtClock.millisSinceMidnight(Instant.now());
    }

    /** <b>Milliseconds since midnight UT of {@code t}.</b> */
    public static long millisSinceMidnight(Instant t) {
        return UtClock.millisSinceMidnight(t);
    }

    /** <b>With another type, 0..255.</b> */
    public TimestampMessage type(int type) {
        return new TimestampMessage(type, code, identifier, sequence, originate, receive, transmit, forcedChecksum);
    }

    /** <b>With another code, 0..255.</b> */
    public TimestampMessage code(int code) {
        return new TimestampMessage(type, code, identifier, sequence, originate, receive, transmit, forcedChecksum);
    }

    /** <b>With another identifier, 0..65535.</b> */
    public TimestampMessage identifier(int identifier) {
        return new TimestampMessage(type, code, identifier, sequence, originate, receive, transmit, forcedChecksum);
    }

    /** <b>With another sequence number, 0..65535.</b> */
    public TimestampMessage sequence(int sequence) {
        return new TimestampMessage(type, code, identifier, sequence, originate, receive, transmit, forcedChecksum);
    }

    /** <b>With another originate timestamp, 0..2^32-1.</b> */
    public TimestampMessage originate(long originate) {
        return new TimestampMessage(type, code, identifier, sequence, originate, receive, transmit, forcedChecksum);
    }

    /** <b>With another receive timestamp, 0..2^32-1.</b> */
    public TimestampMessage receive(long receive) {
        return new TimestampMessage(type, code, identifier, sequence, originate, receive, transmit, forcedChecksum);
    }

    /** <b>With another transmit timestamp, 0..2^32-1.</b> */
    public TimestampMessage transmit(long transmit) {
        return new TimestampMessage(type, code, identifier, sequence, originate, receive, transmit, forcedChecksum);
    }

    /** <b>With the checksum forced to {@code checksum}, 0..65535 (a wrong one on purpose).</b> */
    public TimestampMessage checksum(int checksum) {
        return new TimestampMessage(type, code, identifier, sequence, originate, receive, transmit,
                QueryWire.check("checksum", checksum, 0xffff));
    }

    /** <b>With the checksum computed again.</b> */
    public TimestampMessage computedChecksum() {
        return new TimestampMessage(type, code, identifier, sequence, originate, receive, transmit,
                QueryWire.COMPUTED);
    }

    @Override
    public int length() {
        return LENGTH;
    }

    @Override
    public byte[] toBytes() {
        byte[] body = new byte[12];
        QueryWire.put32(body, 0, originate);
        QueryWire.put32(body, 4, receive);
        QueryWire.put32(body, 8, transmit);
        return QueryWire.bytes(4, type, code, forcedChecksum, ((long) identifier << 16) | sequence, body, null, null);
    }

    /**
     * <b>The round trip of a reply received at {@code arrival} (ms since midnight UT), less the time the responder
     * held it: (arrival - originate) - (transmit - receive)</b>, across midnight too.
     */
    public long roundTripMillis(long arrival) {
        return dayDiff(arrival, originate) - dayDiff(transmit, receive);
    }

    /**
     * <b>How far the responder's clock is ahead of ours, for a reply received at {@code arrival}: the mean of
     * receive - originate and transmit - arrival</b> (the NTP estimate; the two one-way delays are
     * {@link #outboundMillis()} and {@link #returnMillis(long)} when the clocks agree).
     */
    public double clockOffsetMillis(long arrival) {
        return (dayDiff(receive, originate) + dayDiff(transmit, arrival)) / 2.0;
    }

    /** <b>receive - originate: the way out as the two clocks tell it.</b> */
    public long outboundMillis() {
        return dayDiff(receive, originate);
    }

    /** <b>arrival - transmit: the way back as the two clocks tell it.</b> */
    public long returnMillis(long arrival) {
        return dayDiff(arrival, transmit);
    }

    /** a - b on a clock that wraps at midnight: the difference within half a day either way. */
    private static long dayDiff(long a, long b) {
        long d = Math.floorMod(a - b, UtClock.DAY_MS);
        return d > UtClock.DAY_MS / 2 ? d - UtClock.DAY_MS : d;
    }

    /** <b>One line: {@code TimestampMessage[type=13 ... originate=45296789 receive=0 transmit=0]}.</b> */
    @Override
    public String toString() {
        return "TimestampMessage[type=" + type + " code=" + code + " checksum="
                + QueryWire.checksumText(checksum(), checksumForced(), true) + " identifier=" + identifier
                + " sequence=" + sequence + " originate=" + originate + " receive=" + receive + " transmit="
                + transmit + "]";
    }
}
