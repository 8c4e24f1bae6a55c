package dev.pingkit.packet;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * <b>An ICMP echo request or echo reply as an immutable wire value (RFC 792, RFC 4443), field names as in the
 * RFCs</b>: type, code, checksum, identifier, sequence number, data. Every wither returns a new value.
 *
 * <pre>{@code
 * EchoMessage m = EchoMessage.request(4).identifier(7).sequence(1).data(bytes).build(); // checksum computed
 * EchoMessage bad = m.checksum(0xdead);                                                   // forced, on purpose
 * }</pre>
 *
 * <p>The checksum is computed unless {@link #checksum(int)} forces one. ICMPv6's covers the IPv6 pseudo-header, so
 * it is computed only when both ends are known ({@link #pseudoHeader}); otherwise it is written as 0, for the kernel
 * to fill in ({@link #checksumKnown()} false).
 */
public final class EchoMessage implements IcmpQuery {
    private static final int COMPUTED = -1;

    private final int family;
    private final int type;
    private final int code;
    private final int identifier;
    private final int sequence;
    private final byte[] data;
    private final long dataSum; // the data's partial sum, carried by every wither so none re-sums a large payload
    private final int forcedChecksum;
    private final InetAddress source;
    private final InetAddress destination;
    private final int checksum;

    private EchoMessage(Builder b) {
        family = b.family;
        type = b.type;
        code = b.code;
        identifier = b.identifier;
        sequence = b.sequence;
        data = b.data;
        dataSum = b.dataSum;
        forcedChecksum = b.checksum;
        source = b.source;
        destination = b.destination;
        checksum = forcedChecksum != COMPUTED ? forcedChecksum : computeChecksum();
    }

    private int computeChecksum() {
        long sum = ((type << 8) | code) + identifier + sequence + dataSum;
        if (family == 6) {
            if (source == null) {
                return 0;
            }
            sum += Checksum.pseudoHeaderV6(source.getAddress(), destination.getAddress(), length());
        }
        return Checksum.finish(sum);
    }

    /** <b>A builder of an echo request of {@code family} (4: type 8, 6: type 128).</b> */
    public static Builder request(int family) {
        return new Builder(family, IcmpTypes.echoRequest(checkFamily(family)));
    }

    /** <b>A builder of an echo reply of {@code family} (4: type 0, 6: type 129).</b> */
    public static Builder reply(int family) {
        return new Builder(family, IcmpTypes.echoReply(checkFamily(family)));
    }

    private static int checkFamily(int family) {
        if (family != 4 && family != 6) {
            throw new IllegalArgumentException("family must be 4 or 6, got " + family);
        }
        return family;
    }

    /**
     * <b>Collects the fields of one echo message; {@link #build()} computes the checksum unless one is forced.</b>
     * Defaults: identifier 0, sequence 0, no data, code 0. Every check names the field, the value and the range.
     */
    public static final class Builder {
        private final int family;
        private int type;
        private int code;
        private int identifier;
        private int sequence;
        private byte[] data = new byte[0];
        private long dataSum;
        private int checksum = COMPUTED;
        private InetAddress source;
        private InetAddress destination;

        private Builder(int family, int type) {
            this.family = family;
            this.type = type;
        }

        /** <b>The type, 0..255, for experiments (e.g. 13); default this kind's.</b> */
        public Builder type(int type) {
            this.type = check("type", type, 0xff);
            return this;
        }

        /** <b>The code, 0..255; default 0.</b> */
        public Builder code(int code) {
            this.code = check("code", code, 0xff);
            return this;
        }

        /** <b>The identifier, 0..65535.</b> */
        public Builder identifier(int identifier) {
            this.identifier = check("identifier", identifier, 0xffff);
            return this;
        }

        /** <b>The sequence number, 0..65535.</b> */
        public Builder sequence(int sequence) {
            this.sequence = check("sequence", sequence, 0xffff);
            return this;
        }

        /** <b>The data after the 8-byte header (copied), at most {@link EchoPayload#max(int)} bytes.</b> */
        public Builder data(byte[] data) {
            Objects.requireNonNull(data, "data");
            if (data.length > EchoPayload.max(family)) {
                throw new IllegalArgumentException("data must be at most " + EchoPayload.max(family)
                        + " bytes for ICMPv" + family + ", got " + data.length);
            }
            this.data = data.clone();
            this.dataSum = Checksum.partial(this.data, 0, this.data.length);
            return this;
        }

        /** <b>Forces the checksum field to this value, 0..65535, instead of computing it.</b> */
        public Builder checksum(int checksum) {
            this.checksum = check("checksum", checksum, 0xffff);
            return this;
        }

        /** Back to a computed checksum. */
        private Builder computedChecksum() {
            this.checksum = COMPUTED;
            return this;
        }

        /**
         * <b>The IPv6 source and destination the ICMPv6 checksum covers (both null: unknown, the kernel computes
         * it); ignored by the ICMPv4 checksum.</b>
         */
        public Builder pseudoHeader(InetAddress source, InetAddress destination) {
            if ((source == null) != (destination == null)) {
                throw new IllegalArgumentException("pseudoHeader needs both addresses or neither, got " + source
                        + " and " + destination);
            }
            if (family == 6 && source != null
                    && !(source instanceof Inet6Address && destination instanceof Inet6Address)) {
                throw new IllegalArgumentException("pseudoHeader must be two IPv6 addresses for ICMPv6, got "
                        + Addresses.text(source) + " and " + Addresses.text(destination));
            }
            this.source = source;
            this.destination = destination;
            return this;
        }

        /** <b>The message, checksum computed unless forced.</b> */
        public EchoMessage build() {
            return new EchoMessage(this);
        }

        private static int check(String field, int value, int max) {
            if (value < 0 || value > max) {
                throw new IllegalArgumentException(field + " must be 0.." + max + ", got " + value);
            }
            return value;
        }
    }

    /** A builder holding this message's fields (the data shared, never written: builders copy what they are given). */
    private Builder toBuilder() {
        Builder b = new Builder(family, type);
        b.code = code;
        b.identifier = identifier;
        b.sequence = sequence;
        b.data = data;
        b.dataSum = dataSum;
        b.checksum = forcedChecksum;
        b.source = source;
        b.destination = destination;
        return b;
    }

    // ---- withers: each returns a new value, checked as the builder checks ----

    /** <b>This message with another type, 0..255.</b> */
    public EchoMessage type(int type) {
        return toBuilder().type(type).build();
    }

    /** <b>This message with another code, 0..255.</b> */
    public EchoMessage code(int code) {
        return toBuilder().code(code).build();
    }

    /** <b>This message with another identifier, 0..65535.</b> */
    public EchoMessage identifier(int identifier) {
        return toBuilder().identifier(identifier).build();
    }

    /** <b>This message with another sequence number, 0..65535.</b> */
    public EchoMessage sequence(int sequence) {
        return toBuilder().sequence(sequence).build();
    }

    /** <b>This message with other data (copied).</b> */
    public EchoMessage data(byte[] data) {
        return toBuilder().data(data).build();
    }

    /** <b>This message with its checksum forced to {@code checksum}, 0..65535 (e.g. a wrong one on purpose).</b> */
    public EchoMessage checksum(int checksum) {
        return toBuilder().checksum(checksum).build();
    }

    /** <b>This message with its checksum computed again.</b> */
    public EchoMessage computedChecksum() {
        return toBuilder().computedChecksum().build();
    }

    /** <b>This message with the IPv6 ends its checksum covers (both null: unknown, the kernel computes it).</b> */
    public EchoMessage pseudoHeader(InetAddress source, InetAddress destination) {
        return toBuilder().pseudoHeader(source, destination).build();
    }

    // ---- fields ----

    /** <b>4 for ICMPv4, 6 for ICMPv6.</b> */
    public int family() {
        return family;
    }

    /** <b>The type.</b> */
    public int type() {
        return type;
    }

    /** <b>The code.</b> */
    public int code() {
        return code;
    }

    /** <b>The checksum field as written: forced, computed, or 0 for the kernel to fill in.</b> */
    public int checksum() {
        return checksum;
    }

    /** <b>True if {@link #checksum(int)} forced the value.</b> */
    public boolean checksumForced() {
        return forcedChecksum != COMPUTED;
    }

    /** <b>False only for ICMPv6 without its pseudo-header and without a forced checksum: the kernel computes it.</b> */
    public boolean checksumKnown() {
        return checksumForced() || family == 4 || source != null;
    }

    /** <b>The identifier.</b> */
    public int identifier() {
        return identifier;
    }

    /** <b>The sequence number.</b> */
    public int sequence() {
        return sequence;
    }

    /** <b>The data after the header, a copy.</b> */
    public byte[] data() {
        return data.clone();
    }

    /** <b>The data length in bytes.</b> */
    public int dataLength() {
        return data.length;
    }

    /** <b>The message length on the wire: 8 + data length.</b> */
    public int length() {
        return EchoWire.HEADER + data.length;
    }

    // ---- the wire ----

    /** <b>The message on the wire (no IP header), a new array.</b> */
    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(length());
        writeTo(b);
        return b.array();
    }

    /**
     * <b>Writes the message at {@code buf}'s position and advances it; returns the bytes written.</b>
     * Allocates nothing; works in either byte order.
     *
     * @throws BufferOverflowException if fewer than {@link #length()} bytes remain (nothing is written)
     */
    public int writeTo(ByteBuffer buf) {
        int n = length();
        if (buf.remaining() < n) {
            throw new BufferOverflowException();
        }
        buf.put((byte) type).put((byte) code)
                .put((byte) (checksum >>> 8)).put((byte) checksum)
                .put((byte) (identifier >>> 8)).put((byte) identifier)
                .put((byte) (sequence >>> 8)).put((byte) sequence)
                .put(data);
        return n;
    }

    /** <b>The bytes decoded back, the way a receiver would see them (ICMPv6 with the pseudo-header if known).</b> */
    public IcmpMessage decoded() {
        byte[] b = toBytes();
        return family == 6 ? IcmpMessage.decodeV6(b, 0, b.length, source, destination)
                : IcmpMessage.decode(b, 0, b.length);
    }

    /**
     * <b>Every field, one per line, with its meaning (the decoded view)</b>; a forced checksum is marked, one left to
     * the kernel says so.
     */
    public String show() {
        StringBuilder sb = new StringBuilder();
        for (String line : decoded().show().split("\n")) {
            if (line.startsWith("checksum") && !checksumKnown()) {
                line = "checksum = 0x0000 (filled in by the kernel: ICMPv6 needs the source address)";
            } else if (line.startsWith("checksum") && checksumForced()) {
                line = line + " (forced)";
            }
            sb.append(sb.isEmpty() ? "" : "\n").append(line);
        }
        return sb.toString();
    }

    /** <b>One line: {@code EchoMessage[type=8 code=0 checksum=0x1234 identifier=7 sequence=1 data=5 bytes]}.</b> */
    @Override
    public String toString() {
        return "EchoMessage[type=" + type + " code=" + code + " checksum="
                + (checksumKnown() ? String.format("0x%04x", checksum) + (checksumForced() ? " (forced)" : "")
                : "kernel") + " identifier=" + identifier + " sequence=" + sequence + " data=" + data.length
                + " bytes]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EchoMessage m && family == m.family && type == m.type && code == m.code
                && identifier == m.identifier && sequence == m.sequence && forcedChecksum == m.forcedChecksum
                && Arrays.equals(data, m.data) && Objects.equals(source, m.source)
                && Objects.equals(destination, m.destination);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(family, type, code, identifier, sequence, forcedChecksum, source, destination)
                + Arrays.hashCode(data);
    }
}
