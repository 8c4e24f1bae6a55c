package dev.pingkit.packet;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * <b>An extended echo request or reply, PROBE (RFC 8335), as a wire value: ICMPv4 42/43, ICMPv6 160/161.</b>
 * Bytes 4..5 are the identifier, byte 6 the sequence number, byte 7 the flags: in a request the L bit (bit 0: the
 * interface is on the probed node itself, the only query Linux answers), in a reply the state (bits 7..5, of a
 * neighbour entry) and the A (active), 4 (runs IPv4) and 6 (runs IPv6) bits. A request carries an extension
 * structure (RFC 4884) with its own checksum and one Interface Identification Object ({@link InterfaceId}).
 *
 * <pre>{@code
 * ExtendedEchoMessage.request(4, InterfaceId.name("lo")).identifier(7).sequence(1)
 * ExtendedEchoMessage.request(6, InterfaceId.index(1)).extensionChecksum(0xdead) // wrong on purpose
 * }</pre>
 *
 * <p>The ICMP checksum is computed unless forced; ICMPv6's covers the pseudo-header, so without
 * {@link #pseudoHeader} it is 0 for the kernel to fill in. The extension checksum is computed when
 * {@link #interfaceId(InterfaceId)} builds the structure and kept as it is in raw {@link #extension(byte[])} bytes.
 *
 * @param family         4 or 6
 * @param type           42/43 (ICMPv4) or 160/161 (ICMPv6); any 0..255 for experiments
 * @param code           0..255: a reply's code says whether the query was answered (0) or why not
 * @param identifier     0..65535
 * @param sequence       0..255
 * @param flags          byte 7, 0..255 (see {@link #local()}, {@link #state()}, {@link #active()})
 * @param extension      the bytes after the header: the extension structure (empty: none)
 * @param forcedChecksum the ICMP checksum written instead of the computed one, or -1 to compute it
 * @param source         the IPv6 source the ICMPv6 checksum covers, or null (unknown)
 * @param destination    the IPv6 destination, or null
 */
public record ExtendedEchoMessage(int family, int type, int code, int identifier, int sequence, int flags,
                                  byte[] extension, int forcedChecksum, InetAddress source,
                                  InetAddress destination) implements IcmpQuery {
    /** Request flag: the interface is on the probed node (L bit). */
    public static final int L_BIT = 0x01;
    /** Reply flag: the interface is active (A bit). */
    public static final int A_BIT = 0x04;
    /** Reply flag: IPv4 runs on the interface. */
    public static final int IPV4_BIT = 0x02;
    /** Reply flag: IPv6 runs on the interface. */
    public static final int IPV6_BIT = 0x01;
    private static final String[] STATES = {"reserved", "incomplete", "reachable", "stale", "delay", "probe",
        "failed", "reserved"};

    /** Checks every field and copies the extension in. */
    public ExtendedEchoMessage {
        if (family != 4 && family != 6) {
            throw new IllegalArgumentException("family must be 4 or 6, got " + family);
        }
        QueryWire.check("type", type, 0xff);
        QueryWire.check("code", code, 0xff);
        QueryWire.check("identifier", identifier, 0xffff);
        QueryWire.check("sequence", sequence, 0xff);
        QueryWire.check("flags", flags, 0xff);
        QueryWire.checkForced(forcedChecksum);
        Objects.requireNonNull(extension, "extension");
        if (extension.length > EchoPayload.max(family)) {
            throw new IllegalArgumentException("extension must be at most " + EchoPayload.max(family)
                    + " bytes for ICMPv" + family + ", got " + extension.length);
        }
        extension = extension.clone();
        if ((source == null) != (destination == null)) {
            throw new IllegalArgumentException("pseudoHeader needs both addresses or neither, got " + source
                    + " and " + destination);
        }
        if (source != null && family == 6 && !(source instanceof Inet6Address && destination instanceof Inet6Address)) {
            throw new IllegalArgumentException("pseudoHeader must be two IPv6 addresses for ICMPv6, got "
                    + Addresses.text(source) + " and " + Addresses.text(destination));
        }
    }

    /**
     * <b>A PROBE request of {@code family} (4: type 42, 6: type 160) about interface {@code id} of the node it is
     * sent to</b>: L bit set, identifier and sequence 0, extension structure version 2 with its checksum computed.
     */
    public static ExtendedEchoMessage request(int family, InterfaceId id) {
        Objects.requireNonNull(id, "interfaceId");
        int type = family == 6 ? IcmpTypes.EXTENDED_ECHO_REQUEST_V6 : IcmpTypes.EXTENDED_ECHO_REQUEST_V4;
        return new ExtendedEchoMessage(family, type, 0, 0, 0, L_BIT, IcmpExtension.build(2, QueryWire.COMPUTED, id),
                QueryWire.COMPUTED, null, null);
    }

    /** <b>A PROBE reply of {@code family} (43 or 161): code 0, no flags, no extension structure.</b> */
    public static ExtendedEchoMessage reply(int family) {
        int type = family == 6 ? IcmpTypes.EXTENDED_ECHO_REPLY_V6 : IcmpTypes.EXTENDED_ECHO_REPLY_V4;
        return new ExtendedEchoMessage(family, type, 0, 0, 0, 0, new byte[0], QueryWire.COMPUTED, null, null);
    }

    private ExtendedEchoMessage with(int type, int code, int identifier, int sequence, int flags, byte[] ext,
                                     int forced) {
        return new ExtendedEchoMessage(family, type, code, identifier, sequence, flags, ext, forced, source,
                destination);
    }

    /** <b>With another type, 0..255.</b> */
    public ExtendedEchoMessage type(int type) {
        return with(type, code, identifier, sequence, flags, extension, forcedChecksum);
    }

    /** <b>With another code, 0..255.</b> */
    public ExtendedEchoMessage code(int code) {
        return with(type, code, identifier, sequence, flags, extension, forcedChecksum);
    }

    /** <b>With another identifier, 0..65535.</b> */
    public ExtendedEchoMessage identifier(int identifier) {
        return with(type, code, identifier, sequence, flags, extension, forcedChecksum);
    }

    /** <b>With another sequence number, 0..255.</b> */
    public ExtendedEchoMessage sequence(int sequence) {
        return with(type, code, identifier, sequence, flags, extension, forcedChecksum);
    }

    /** <b>With byte 7 as given, 0..255.</b> */
    public ExtendedEchoMessage flags(int flags) {
        return with(type, code, identifier, sequence, flags, extension, forcedChecksum);
    }

    /** <b>With the L bit set or cleared.</b> */
    public ExtendedEchoMessage local(boolean local) {
        return flags(local ? flags | L_BIT : flags & ~L_BIT);
    }

    /** <b>With a reply's state (bits 7..5), 0..7.</b> */
    public ExtendedEchoMessage state(int state) {
        return flags((flags & 0x1f) | QueryWire.check("state", state, 7) << 5);
    }

    /** <b>With a reply's A, 4 and 6 bits.</b> */
    public ExtendedEchoMessage interfaceBits(boolean active, boolean ipv4, boolean ipv6) {
        return flags((flags & ~0x07) | (active ? A_BIT : 0) | (ipv4 ? IPV4_BIT : 0) | (ipv6 ? IPV6_BIT : 0));
    }

    /** <b>With an extension structure of one Interface Identification Object, version 2, checksum computed.</b> */
    public ExtendedEchoMessage interfaceId(InterfaceId id) {
        return with(type, code, identifier, sequence, flags, IcmpExtension.build(2, QueryWire.COMPUTED, id),
                forcedChecksum);
    }

    /** <b>With these bytes after the header (copied): a structure of one's own making, or none.</b> */
    public ExtendedEchoMessage extension(byte[] bytes) {
        return with(type, code, identifier, sequence, flags, bytes, forcedChecksum);
    }

    /** <b>With the extension structure's version nibble set to {@code version}, 0..15, its checksum kept.</b> */
    public ExtendedEchoMessage extensionVersion(int version) {
        QueryWire.check("extension version", version, 15);
        requireExtension("extensionVersion");
        byte[] b = extension.clone();
        b[0] = (byte) ((b[0] & 0x0f) | version << 4);
        return extension(b);
    }

    /** <b>With the extension structure's checksum forced to {@code checksum}, 0..65535 (wrong on purpose).</b> */
    public ExtendedEchoMessage extensionChecksum(int checksum) {
        QueryWire.check("extension checksum", checksum, 0xffff);
        requireExtension("extensionChecksum");
        byte[] b = extension.clone();
        b[2] = (byte) (checksum >>> 8);
        b[3] = (byte) checksum;
        return extension(b);
    }

    private void requireExtension(String what) {
        if (extension.length < IcmpExtension.HEADER) {
            throw new IllegalArgumentException(what + " needs an extension structure of 4 bytes at least, got "
                    + IcmpFieldView.bytes(extension.length));
        }
    }

    /** <b>With the ICMP checksum forced to {@code checksum}, 0..65535.</b> */
    public ExtendedEchoMessage checksum(int checksum) {
        return with(type, code, identifier, sequence, flags, extension, QueryWire.check("checksum", checksum, 0xffff));
    }

    /** <b>With the ICMP checksum computed again.</b> */
    public ExtendedEchoMessage computedChecksum() {
        return with(type, code, identifier, sequence, flags, extension, QueryWire.COMPUTED);
    }

    /** <b>With the IPv6 ends the ICMPv6 checksum covers (both null: unknown, the kernel computes it).</b> */
    public ExtendedEchoMessage pseudoHeader(InetAddress source, InetAddress destination) {
        return new ExtendedEchoMessage(family, type, code, identifier, sequence, flags, extension, forcedChecksum,
                source, destination);
    }

    @Override
    public byte[] extension() {
        return extension.clone();
    }

    /** <b>The extension structure decoded, with its problems; empty when there are no bytes after the header.</b> */
    public Optional<IcmpExtension> decodedExtension() {
        return extension.length == 0 ? Optional.empty()
                : Optional.of(IcmpExtension.parse(extension, 0, extension.length));
    }

    /** <b>The interface the request asks about (a reply's echoed structure names it too), if one is there.</b> */
    public Optional<InterfaceId> interfaceId() {
        return decodedExtension().flatMap(IcmpExtension::interfaceId);
    }

    /** <b>The L bit of a request: the interface is on the probed node.</b> */
    public boolean local() {
        return (flags & L_BIT) != 0;
    }

    /** <b>A reply's state, 0..7 (of a neighbour-table entry; 0 for an interface on the node).</b> */
    public int state() {
        return flags >>> 5;
    }

    /** <b>The name of {@link #state()}: reserved, incomplete, reachable, stale, delay, probe, failed.</b> */
    public String stateName() {
        return STATES[state()];
    }

    /** <b>A reply's A bit: the interface is active.</b> */
    public boolean active() {
        return (flags & A_BIT) != 0;
    }

    /** <b>A reply's 4 bit: IPv4 runs on the interface.</b> */
    public boolean ipv4() {
        return (flags & IPV4_BIT) != 0;
    }

    /** <b>A reply's 6 bit: IPv6 runs on the interface.</b> */
    public boolean ipv6() {
        return (flags & IPV6_BIT) != 0;
    }

    /** <b>True for a reply with code 0 (No Error): the query was answered.</b> */
    public boolean answered() {
        return isReply() && code == 0;
    }

    /** <b>The code as RFC 8335 words it, e.g. "No Such Interface"; "" for a request.</b> */
    public String codeText() {
        if (!isReply()) {
            return "";
        }
        return switch (code) {
            case 0 -> "No Error";
            case 1 -> "Malformed Query";
            case 2 -> "No Such Interface";
            case 3 -> "No Such Table Entry";
            case 4 -> "Multiple Interfaces Satisfy Query";
            default -> "code " + code;
        };
    }

    @Override
    public int checksum() {
        return QueryWire.checksumOf(toBytes());
    }

    @Override
    public boolean checksumForced() {
        return forcedChecksum != QueryWire.COMPUTED;
    }

    /** <b>False only for ICMPv6 without its pseudo-header and without a forced checksum: the kernel computes it.</b> */
    public boolean checksumKnown() {
        return checksumForced() || family == 4 || source != null;
    }

    @Override
    public int length() {
        return 8 + extension.length;
    }

    @Override
    public byte[] toBytes() {
        long rest = ((long) identifier << 16) | (sequence << 8) | flags;
        return QueryWire.bytes(family, type, code, forcedChecksum, rest, extension, source, destination);
    }

    @Override
    public IcmpMessage decoded() {
        return QueryWire.decode(family, toBytes(), source, destination);
    }

    @Override
    public String show() {
        return QueryWire.show(decoded(), checksumForced(), checksumKnown());
    }

    /**
     * <b>One line: {@code ExtendedEchoMessage[type=42 ... identifier=7 sequence=1 L name "lo"]}, or of a reply its
     * code and state: {@code ... No Error active ipv4 ipv6]}.</b>
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ExtendedEchoMessage[type=").append(type).append(" code=").append(code)
                .append(" checksum=").append(QueryWire.checksumText(checksum(), checksumForced(), checksumKnown()))
                .append(" identifier=").append(identifier).append(" sequence=").append(sequence);
        if (isReply()) {
            sb.append(' ').append(codeText()).append(" state=").append(stateName());
            sb.append(active() ? " active" : " inactive").append(ipv4() ? " ipv4" : "").append(ipv6() ? " ipv6" : "");
        } else {
            sb.append(local() ? " L" : " not-L");
            interfaceId().ifPresent(i -> sb.append(' ').append(i.text()));
        }
        return sb.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtendedEchoMessage m && family == m.family && type == m.type && code == m.code
                && identifier == m.identifier && sequence == m.sequence && flags == m.flags
                && forcedChecksum == m.forcedChecksum && Arrays.equals(extension, m.extension)
                && Objects.equals(source, m.source) && Objects.equals(destination, m.destination);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(family, type, code, identifier, sequence, flags, forcedChecksum, source, destination)
                + Arrays.hashCode(extension);
    }
}
