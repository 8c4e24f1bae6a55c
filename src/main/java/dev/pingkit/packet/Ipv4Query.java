package dev.pingkit.packet;

/**
 * What the fixed-size ICMPv4 queries (timestamp, information, address mask) share: family 4, the checksum computed
 * over their bytes unless one is forced, decoded and shown by the one decoder.
 */
sealed interface Ipv4Query extends IcmpQuery permits TimestampMessage, InformationMessage, AddressMaskMessage {
    /** The checksum to send as given, or {@link QueryWire#COMPUTED}. */
    int forcedChecksum();

    @Override
    default int family() {
        return 4;
    }

    @Override
    default int checksum() {
        return QueryWire.checksumOf(toBytes());
    }

    @Override
    default boolean checksumForced() {
        return forcedChecksum() != QueryWire.COMPUTED;
    }

    @Override
    default IcmpMessage decoded() {
        return QueryWire.decode(4, toBytes(), null, null);
    }

    @Override
    default String show() {
        return QueryWire.show(decoded(), checksumForced(), true);
    }
}
