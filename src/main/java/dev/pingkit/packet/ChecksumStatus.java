package dev.pingkit.packet;

/** <b>Whether a received checksum verified.</b> */
public enum ChecksumStatus {
    /** The checksum verifies. */
    VALID,
    /** The checksum does not verify. */
    INVALID,
    /** Not checked: an ICMPv6 message without its source and destination, or too few bytes to hold a checksum. */
    UNKNOWN
}
