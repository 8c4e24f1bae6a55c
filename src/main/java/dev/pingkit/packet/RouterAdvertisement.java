package dev.pingkit.packet;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * <b>An ICMPv4 router advertisement (type 9, RFC 1256) as decoded: its routers and their preference levels.</b>
 * (A router solicitation, type 10, has nothing to decode after its reserved bytes.)
 *
 * @param addresses the "Num Addrs" field: how many entries the advertisement says it has
 * @param entrySize "Addr Entry Size" in 32-bit words, 2 in RFC 1256
 * @param lifetime  seconds the addresses may be trusted
 * @param entries   the entries that are there
 */
public record RouterAdvertisement(int addresses, int entrySize, int lifetime, List<Entry> entries) {

    /** Copies the entries. */
    public RouterAdvertisement {
        entries = List.copyOf(entries);
    }

    /**
     * <b>One router: its address and its preference (signed; the lowest, 0x80000000, means "do not use as
     * default").</b>
     */
    public record Entry(Inet4Address router, int preference) {
        @Override
        public String toString() {
            return Addresses.text(router) + " preference " + preference
                    + (preference == Integer.MIN_VALUE ? " (not a default router)" : "");
        }
    }

    /** Reads the advertisement in {@code icmp[off, off+len)}; what does not add up goes to {@code problems}. */
    static RouterAdvertisement read(byte[] icmp, int off, int len, List<String> problems) {
        int count = icmp[off + 4] & 0xff;
        int size = icmp[off + 5] & 0xff;
        int lifetime = QueryWire.u16(icmp, off + 6);
        List<Entry> entries = new ArrayList<>();
        if (size < 2) {
            problems.add("router advertisement entry size " + size + " words: 2 at least (address, preference)");
            return new RouterAdvertisement(count, size, lifetime, entries);
        }
        int have = (len - 8) / (size * 4);
        if (have < count) {
            problems.add("router advertisement of " + count + " addresses but room for " + have + " in "
                    + IcmpFieldView.bytes(len - 8));
        }
        for (int i = 0; i < Math.min(count, have); i++) {
            int p = off + 8 + i * size * 4;
            entries.add(new Entry(Ipv4Header.v4(icmp, p), (int) QueryWire.u32(icmp, p + 4)));
        }
        return new RouterAdvertisement(count, size, lifetime, entries);
    }
}
