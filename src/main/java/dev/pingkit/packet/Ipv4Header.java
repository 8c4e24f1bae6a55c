package dev.pingkit.packet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * <b>A decoded IPv4 header (RFC 791), options included.</b>
 * {@code ihl} is in 32-bit words; {@code flags} is the 3-bit field (0x2 = don't fragment, 0x1 = more fragments);
 * {@code fragmentOffset} is in 8-byte units. {@code options} is copied in and out.
 */
public record Ipv4Header(int version, int ihl, int tos, int totalLength, int identification, int flags,
                         int fragmentOffset, int ttl, int protocol, int headerChecksum,
                         Inet4Address source, Inet4Address destination, byte[] options) {

    public Ipv4Header {
        options = options.clone();
    }

    /**
     * <b>Parses the header at {@code b[off]}, or empty if fewer than IHL*4 bytes (at least 20) are there.</b>
     * The version nibble is not checked here; the caller decides what counts as IPv4.
     */
    public static Optional<Ipv4Header> parse(byte[] b, int off, int len) {
        if (off < 0 || len < 20 || off > b.length - len) {
            return Optional.empty();
        }
        int hl = (b[off] & 0x0f) * 4;
        if (hl < 20 || hl > len) {
            return Optional.empty();
        }
        int fl = u16(b, off + 6);
        return Optional.of(new Ipv4Header((b[off] & 0xff) >>> 4, hl / 4, b[off + 1] & 0xff, u16(b, off + 2),
                u16(b, off + 4), fl >>> 13, fl & 0x1fff, b[off + 8] & 0xff, b[off + 9] & 0xff, u16(b, off + 10),
                v4(b, off + 12), v4(b, off + 16), Arrays.copyOfRange(b, off + 20, off + hl)));
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    static Inet4Address v4(byte[] b, int i) {
        try {
            return (Inet4Address) InetAddress.getByAddress(Arrays.copyOfRange(b, i, i + 4));
        } catch (UnknownHostException e) {
            throw new AssertionError("4 bytes are always an IPv4 address", e);
        }
    }

    /** <b>The options bytes (IHL*4 - 20 of them), a copy.</b> */
    @Override
    public byte[] options() {
        return options.clone();
    }

    /**
     * <b>The options decoded: record route, timestamp, NOP, EOL and the rest as bytes, with what is wrong with
     * them</b> (a pointer or a length that lies).
     */
    public Ipv4Options decodedOptions() {
        return Ipv4Options.decode(options);
    }

    /** <b>The header length in bytes, IHL*4.</b> */
    public int headerLength() {
        return ihl * 4;
    }

    /** <b>True if the don't-fragment flag is set.</b> */
    public boolean dontFragment() {
        return (flags & 0x2) != 0;
    }

    /** <b>The header as bytes, fields as they are (the stored checksum, not a recomputed one).</b> */
    public byte[] toBytes() {
        byte[] b = new byte[20 + options.length];
        b[0] = (byte) ((version << 4) | (ihl & 0x0f));
        b[1] = (byte) tos;
        put16(b, 2, totalLength);
        put16(b, 4, identification);
        put16(b, 6, (flags << 13) | (fragmentOffset & 0x1fff));
        b[8] = (byte) ttl;
        b[9] = (byte) protocol;
        put16(b, 10, headerChecksum);
        System.arraycopy(source.getAddress(), 0, b, 12, 4);
        System.arraycopy(destination.getAddress(), 0, b, 16, 4);
        System.arraycopy(options, 0, b, 20, options.length);
        return b;
    }

    private static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv4Header h && version == h.version && ihl == h.ihl && tos == h.tos
                && totalLength == h.totalLength && identification == h.identification && flags == h.flags
                && fragmentOffset == h.fragmentOffset && ttl == h.ttl && protocol == h.protocol
                && headerChecksum == h.headerChecksum && source.equals(h.source)
                && destination.equals(h.destination) && Arrays.equals(options, h.options);
    }

    @Override
    public int hashCode() {
        int h = java.util.Objects.hash(version, ihl, tos, totalLength, identification, flags, fragmentOffset, ttl,
                protocol, headerChecksum, source, destination);
        return 31 * h + Arrays.hashCode(options);
    }

    /** <b>One line: {@code IPv4 198.51.100.1 > 198.51.100.2 ttl=64 proto=1 len=84 id=0x1c46 DF}.</b> */
    @Override
    public String toString() {
        return String.format("IPv4 %s > %s ttl=%d proto=%d len=%d id=0x%04x%s%s%s", Addresses.text(source),
                Addresses.text(destination), ttl, protocol, totalLength, identification,
                dontFragment() ? " DF" : "", (flags & 1) != 0 ? " MF" : "",
                options.length > 0 ? " options=" + optionsLine() : "");
    }

    /** The options as one line: {@code nop,RR[198.51.100.1 -]}; the hex when they do not decode cleanly. */
    private String optionsLine() {
        Ipv4Options d = decodedOptions();
        if (!d.problems().isEmpty()) {
            return Hexdump.hex(options, 0, options.length).replace(' ', ':');
        }
        StringBuilder sb = new StringBuilder();
        for (Ipv4Option o : d.options()) {
            sb.append(sb.isEmpty() ? "" : ",").append(o instanceof Ipv4Option.NoOperation ? "nop"
                    : o instanceof Ipv4Option.EndOfList ? "eol" : o instanceof Ipv4Option.Unknown u
                    ? "opt" + u.type() : o.toString());
        }
        return sb.toString();
    }
}
