package dev.pingkit.packet;

import java.net.Inet4Address;

/**
 * <b>An ICMPv4 address mask request (17) or reply (18) as a wire value (RFC 950)</b>: identifier, sequence number
 * and a 32-bit subnet mask (a request carries 0). Linux does not answer it.
 *
 * @param type           17 or 18 (any 0..255 for experiments)
 * @param code           0..255, normally 0
 * @param identifier     0..65535
 * @param sequence       0..65535
 * @param mask           the subnet mask, 0..2^32-1 (0xffffff00 is 255.255.255.0)
 * @param forcedChecksum the checksum written instead of the computed one, or -1 to compute it
 */
public record AddressMaskMessage(int type, int code, int identifier, int sequence, long mask, int forcedChecksum)
        implements Ipv4Query {
    /** Bytes of an address mask message: the header and the mask. */
    public static final int LENGTH = 12;

    /** Checks every field. */
    public AddressMaskMessage {
        QueryWire.check("type", type, 0xff);
        QueryWire.check("code", code, 0xff);
        QueryWire.check("identifier", identifier, 0xffff);
        QueryWire.check("sequence", sequence, 0xffff);
        QueryWire.check32("mask", mask);
        QueryWire.checkForced(forcedChecksum);
    }

    /** <b>An address mask request (17), mask 0, checksum computed.</b> */
    public static AddressMaskMessage request() {
        return new AddressMaskMessage(IcmpTypes.ADDRESS_MASK_REQUEST, 0, 0, 0, 0, QueryWire.COMPUTED);
    }

    /** <b>An address mask reply (18), mask 0, checksum computed.</b> */
    public static AddressMaskMessage reply() {
        return new AddressMaskMessage(IcmpTypes.ADDRESS_MASK_REPLY, 0, 0, 0, 0, QueryWire.COMPUTED);
    }

    /** <b>With another type, 0..255.</b> */
    public AddressMaskMessage type(int type) {
        return new AddressMaskMessage(type, code, identifier, sequence, mask, forcedChecksum);
    }

    /** <b>With another code, 0..255.</b> */
    public AddressMaskMessage code(int code) {
        return new AddressMaskMessage(type, code, identifier, sequence, mask, forcedChecksum);
    }

    /** <b>With another identifier, 0..65535.</b> */
    public AddressMaskMessage identifier(int identifier) {
        return new AddressMaskMessage(type, code, identifier, sequence, mask, forcedChecksum);
    }

    /** <b>With another sequence number, 0..65535.</b> */
    public AddressMaskMessage sequence(int sequence) {
        return new AddressMaskMessage(type, code, identifier, sequence, mask, forcedChecksum);
    }

    /** <b>With another mask, 0..2^32-1.</b> */
    public AddressMaskMessage mask(long mask) {
        return new AddressMaskMessage(type, code, identifier, sequence, mask, forcedChecksum);
    }

    /** <b>With the mask of a /{@code prefixLength} network, 0..32.</b> */
    public AddressMaskMessage prefixLength(int prefixLength) {
        QueryWire.check("prefixLength", prefixLength, 32);
        return mask(prefixLength == 0 ? 0 : (0xffffffffL << (32 - prefixLength)) & 0xffffffffL);
    }

    /** <b>With the checksum forced to {@code checksum}, 0..65535.</b> */
    public AddressMaskMessage checksum(int checksum) {
        return new AddressMaskMessage(type, code, identifier, sequence, mask,
                QueryWire.check("checksum", checksum, 0xffff));
    }

    /** <b>With the checksum computed again.</b> */
    public AddressMaskMessage computedChecksum() {
        return new AddressMaskMessage(type, code, identifier, sequence, mask, QueryWire.COMPUTED);
    }

    /** <b>The mask as an address, e.g. 255.255.255.0.</b> */
    public Inet4Address maskAddress() {
        byte[] b = new byte[4];
        QueryWire.put32(b, 0, mask);
        return Ipv4Header.v4(b, 0);
    }

    /** <b>The prefix length the mask stands for, or -1 when its ones are not contiguous.</b> */
    public int prefix() {
        return prefixOf(mask);
    }

    static int prefixOf(long mask) {
        int ones = Long.bitCount(mask);
        long contiguous = ones == 0 ? 0 : (0xffffffffL << (32 - ones)) & 0xffffffffL;
        return contiguous == mask ? ones : -1;
    }

    @Override
    public int length() {
        return LENGTH;
    }

    @Override
    public byte[] toBytes() {
        byte[] body = new byte[4];
        QueryWire.put32(body, 0, mask);
        return QueryWire.bytes(4, type, code, forcedChecksum, ((long) identifier << 16) | sequence, body, null, null);
    }

    /** <b>One line: {@code AddressMaskMessage[type=18 ... mask=255.255.255.0]}.</b> */
    @Override
    public String toString() {
        return "AddressMaskMessage[type=" + type + " code=" + code + " checksum="
                + QueryWire.checksumText(checksum(), checksumForced(), true) + " identifier=" + identifier
                + " sequence=" + sequence + " mask=" + Addresses.text(maskAddress()) + "]";
    }
}
