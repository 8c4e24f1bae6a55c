package dev.pingkit.packet;

import java.util.Arrays;

/**
 * <b>One IPv4 option (RFC 791) as a value: end of list, no operation, record route, timestamp, or any other as
 * bytes.</b> {@link #toBytes()} is the option as it goes in the header; {@link Ipv4Options} encodes a list (padded
 * to 32 bits) and decodes a received header's options.
 */
public sealed interface Ipv4Option permits Ipv4Option.EndOfList, Ipv4Option.NoOperation, RecordRouteOption,
        TimestampOption, Ipv4Option.Unknown {

    /** <b>The option type byte (copied flag, class and number): 0 EOL, 1 NOP, 7 RR, 68 TS, ...</b> */
    int type();

    /** <b>The option on the wire, a new array.</b> */
    byte[] toBytes();

    /** <b>One line with every field and its meaning.</b> */
    String text();

    /** <b>End of the option list (type 0): the rest of the options area is padding.</b> */
    record EndOfList() implements Ipv4Option {
        @Override
        public int type() {
            return 0;
        }

        @Override
        public byte[] toBytes() {
            return new byte[1];
        }

        @Override
        public String text() {
            return "eol (end of option list)";
        }
    }

    /** <b>No operation (type 1): one byte, to align the next option.</b> */
    record NoOperation() implements Ipv4Option {
        @Override
        public int type() {
            return 1;
        }

        @Override
        public byte[] toBytes() {
            return new byte[] {1};
        }

        @Override
        public String text() {
            return "nop";
        }
    }

    /**
     * <b>An option this codec does not read (or one whose fields do not add up), kept whole: type, length and
     * data as they came.</b>
     *
     * @param type   the type byte, 2..255
     * @param length the length byte (type and length bytes included)
     * @param data   the bytes after the length byte
     */
    record Unknown(int type, int length, byte[] data) implements Ipv4Option {
        /** Checks type and length and copies the data in. */
        public Unknown {
            QueryWire.check("type", type, 0xff);
            QueryWire.check("length", length, 0xff);
            data = data.clone();
        }

        /** <b>An option of {@code type} with {@code data}: length 2 + data length, at most 40 in all.</b> */
        public static Unknown of(int type, byte[] data) {
            if (type < 2 || type > 255) {
                throw new IllegalArgumentException("option type must be 2..255 (0 and 1 are EOL and NOP), got "
                        + type);
            }
            if (data.length > Ipv4Options.MAX - 2) {
                throw new IllegalArgumentException("option data must be 0..38 bytes, got " + data.length);
            }
            return new Unknown(type, 2 + data.length, data);
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public byte[] toBytes() {
            byte[] b = new byte[2 + data.length];
            b[0] = (byte) type;
            b[1] = (byte) length;
            System.arraycopy(data, 0, b, 2, data.length);
            return b;
        }

        /** The names of the options RFC 791 and its successors define, for the field view. */
        static String name(int type) {
            return switch (type) {
                case 130 -> "security";
                case 131 -> "loose-source-route";
                case 133 -> "extended-security";
                case 136 -> "stream-id";
                case 137 -> "strict-source-route";
                case 148 -> "router-alert";
                case 7 -> "record-route";
                case 68 -> "timestamp";
                default -> "unknown";
            };
        }

        @Override
        public String text() {
            return name(type) + " (type " + type + ") len=" + length + " data " + IcmpFieldView.bytes(data.length)
                    + (data.length > 0 ? " " + Hexdump.hex(data, 0, data.length) : "");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown u && type == u.type && length == u.length && Arrays.equals(data, u.data);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * type + length) + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Unknown[" + text() + "]";
        }
    }
}
