package dev.pingkit.packet;

/**
 * <b>An ICMPv4 information request (15) or reply (16) as a wire value (RFC 792)</b>: identifier and sequence number,
 * nothing after them. Obsolete (RFC 6918) and ignored by Linux, kept so an experiment can send one and see that.
 *
 * @param type           15 or 16 (any 0..255 for experiments)
 * @param code           0..255, normally 0
 * @param identifier     0..65535
 * @param sequence       0..65535
 * @param forcedChecksum the checksum written instead of the computed one, or -1 to compute it
 */
public record InformationMessage(int type, int code, int identifier, int sequence, int forcedChecksum)
        implements Ipv4Query {

    /** Checks every field. */
    public InformationMessage {
        QueryWire.check("type", type, 0xff);
        QueryWire.check("code", code, 0xff);
        QueryWire.check("identifier", identifier, 0xffff);
        QueryWire.check("sequence", sequence, 0xffff);
        QueryWire.checkForced(forcedChecksum);
    }

    /** <b>An information request (15), checksum computed.</b> */
    public static InformationMessage request() {
        return new InformationMessage(IcmpTypes.INFORMATION_REQUEST, 0, 0, 0, QueryWire.COMPUTED);
    }

    /** <b>An information reply (16), checksum computed.</b> */
    public static InformationMessage reply() {
        return new InformationMessage(IcmpTypes.INFORMATION_REPLY, 0, 0, 0, QueryWire.COMPUTED);
    }

    /** <b>With another type, 0..255.</b> */
    public InformationMessage type(int type) {
        return new InformationMessage(type, code, identifier, sequence, forcedChecksum);
    }

    /** <b>With another code, 0..255.</b> */
    public InformationMessage code(int code) {
        return new InformationMessage(type, code, identifier, sequence, forcedChecksum);
    }

    /** <b>With another identifier, 0..65535.</b> */
    public InformationMessage identifier(int identifier) {
        return new InformationMessage(type, code, identifier, sequence, forcedChecksum);
    }

    /** <b>With another sequence number, 0..65535.</b> */
    public InformationMessage sequence(int sequence) {
        return new InformationMessage(type, code, identifier, sequence, forcedChecksum);
    }

    /** <b>With the checksum forced to {@code checksum}, 0..65535.</b> */
    public InformationMessage checksum(int checksum) {
        return new InformationMessage(type, code, identifier, sequence, QueryWire.check("checksum", checksum, 0xffff));
    }

    /** <b>With the checksum computed again.</b> */
    public InformationMessage computedChecksum() {
        return new InformationMessage(type, code, identifier, sequence, QueryWire.COMPUTED);
    }

    @Override
    public int length() {
        return 8;
    }

    @Override
    public byte[] toBytes() {
        return QueryWire.bytes(4, type, code, forcedChecksum, ((long) identifier << 16) | sequence, new byte[0],
                null, null);
    }

    /** <b>One line: {@code InformationMessage[type=15 code=0 checksum=0x... identifier=7 sequence=1]}.</b> */
    @Override
    public String toString() {
        return "InformationMessage[type=" + type + " code=" + code + " checksum="
                + QueryWire.checksumText(checksum(), checksumForced(), true) + " identifier=" + identifier
                + " sequence=" + sequence + "]";
    }
}
