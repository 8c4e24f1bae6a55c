package dev.pingkit.packet;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * <b>The IPv4 internet timestamp option (type 68, RFC 791 section 3.1)</b>: a pointer, an overflow count (hops that
 * found no room) and a flag: 0 timestamps only, 1 each hop's address and timestamp, 3 timestamps of prespecified
 * addresses. Timestamps are milliseconds since midnight UT (high bit: non-standard). Entries before the pointer
 * are filled, the rest empty. {@link #problems()} says when the pointer or flag lies.
 *
 * <pre>{@code TimestampOption.timestampsOnly(9)   // ping -T tsonly: 40 bytes}</pre>
 *
 * @param flag     0 tsonly, 1 tsandaddr, 3 tsprespec (4 bits)
 * @param pointer  the byte (from 1) of the next empty entry; 5 when none is filled
 * @param overflow hops that could not record for lack of room, 0..15
 * @param entries  the entries as on the wire
 */
public record TimestampOption(int flag, int pointer, int overflow, List<Entry> entries) implements Ipv4Option {
    /** The option type. */
    public static final int TYPE = 68;
    /** The pointer of an option with no entry filled. */
    public static final int FIRST = 5;
    /** Flag: timestamps only. */
    public static final int TSONLY = 0;
    /** Flag: each hop's address and timestamp. */
    public static final int TSANDADDR = 1;
    /** Flag: timestamps of the prespecified addresses. */
    public static final int TSPRESPEC = 3;

    /**
     * <b>One entry: the address (null for timestamps only) and the timestamp.</b>
     *
     * @param address   the hop's or prespecified address; null under flag 0
     * @param timestamp 32 bits, ms since midnight UT
     */
    public record Entry(Inet4Address address, long timestamp) {
        /** Checks the timestamp. */
        public Entry {
            QueryWire.check32("timestamp", timestamp);
        }
    }

    /** Checks the fields and that the entries fit 40 bytes; copies the entries. */
    public TimestampOption {
        QueryWire.check("flag", flag, 15);
        QueryWire.check("pointer", pointer, 0xff);
        QueryWire.check("overflow", overflow, 15);
        entries = List.copyOf(entries);
        int size = flag == TSONLY ? 4 : 8;
        if (4 + size * entries.size() > Ipv4Options.MAX) {
            throw new IllegalArgumentException("timestamp option with flag " + flag + " holds 0.." + (36 / size)
                    + " entries, got " + entries.size());
        }
        for (Entry e : entries) {
            if ((e.address() == null) != (flag == TSONLY)) {
                throw new IllegalArgumentException("timestamp entries have an address exactly when flag is not 0,"
                        + " got flag " + flag + " and " + e);
            }
        }
    }

    /** <b>{@code ping -T tsonly}: {@code n} empty timestamps, 1..9.</b> */
    public static TimestampOption timestampsOnly(int n) {
        check("timestamps", n, 9);
        List<Entry> e = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            e.add(new Entry(null, 0));
        }
        return new TimestampOption(TSONLY, FIRST, 0, e);
    }

    /** <b>{@code ping -T tsandaddr}: {@code n} empty address-and-timestamp pairs, 1..4.</b> */
    public static TimestampOption addressesAndTimestamps(int n) {
        check("address and timestamp pairs", n, 4);
        List<Entry> e = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            e.add(new Entry(Ipv4Header.v4(new byte[4], 0), 0));
        }
        return new TimestampOption(TSANDADDR, FIRST, 0, e);
    }

    /** <b>{@code ping -T tsprespec host...}: timestamps of these 1..4 addresses only, in this order.</b> */
    public static TimestampOption prespecified(List<Inet4Address> hops) {
        check("prespecified addresses", hops.size(), 4);
        List<Entry> e = new ArrayList<>();
        for (Inet4Address a : hops) {
            e.add(new Entry(java.util.Objects.requireNonNull(a, "address"), 0));
        }
        return new TimestampOption(TSPRESPEC, FIRST, 0, e);
    }

    private static void check(String what, int n, int max) {
        if (n < 1 || n > max) {
            throw new IllegalArgumentException(what + " must be 1.." + max + ", got " + n);
        }
    }

    /** <b>This option with another pointer, 0..255.</b> */
    public TimestampOption pointer(int pointer) {
        return new TimestampOption(flag, pointer, overflow, entries);
    }

    @Override
    public int type() {
        return TYPE;
    }

    /** <b>Bytes per entry: 4, or 8 with an address.</b> */
    public int entrySize() {
        return flag == TSONLY ? 4 : 8;
    }

    /** <b>The length field: 4 + the entries.</b> */
    public int length() {
        return 4 + entrySize() * entries.size();
    }

    /** <b>How many entries the pointer says are filled.</b> */
    public int filled() {
        return Math.max(0, Math.min(entries.size(), (pointer - FIRST) / entrySize()));
    }

    /** <b>The filled entries, in order.</b> */
    public List<Entry> recorded() {
        return entries.subList(0, filled());
    }

    /** <b>True when every entry is filled.</b> */
    public boolean full() {
        return pointer > length();
    }

    /** <b>The flag's name: tsonly, tsandaddr, tsprespec, or unknown.</b> */
    public String flagName() {
        return switch (flag) {
            case TSONLY -> "tsonly";
            case TSANDADDR -> "tsandaddr";
            case TSPRESPEC -> "tsprespec";
            default -> "unknown";
        };
    }

    /** <b>What is wrong with the pointer or the flag, in words; empty when nothing is.</b> */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (flag != TSONLY && flag != TSANDADDR && flag != TSPRESPEC) {
            p.add("timestamp option flag " + flag + " is not 0 (tsonly), 1 (tsandaddr) or 3 (tsprespec)");
        }
        if (pointer < FIRST) {
            p.add("timestamp option pointer " + pointer + " is below 5, the first entry");
        } else if ((pointer - FIRST) % entrySize() != 0) {
            p.add("timestamp option pointer " + pointer + " is not at an entry (5, " + (FIRST + entrySize())
                    + ", ...)");
        } else if (pointer > length() + 1) {
            p.add("timestamp option pointer " + pointer + " is past the end of its " + length() + " bytes");
        }
        return p;
    }

    @Override
    public byte[] toBytes() {
        byte[] b = new byte[length()];
        b[0] = TYPE;
        b[1] = (byte) length();
        b[2] = (byte) pointer;
        b[3] = (byte) (overflow << 4 | flag);
        int p = 4;
        for (Entry e : entries) {
            if (e.address() != null) {
                System.arraycopy(e.address().getAddress(), 0, b, p, 4);
                p += 4;
            }
            QueryWire.put32(b, p, e.timestamp());
            p += 4;
        }
        return b;
    }

    /** Reads the option at {@code b[off]}, whose length byte the caller checked against the options area. */
    static Ipv4Option read(byte[] b, int off, int len, List<String> problems) {
        int flag = len >= 4 ? b[off + 3] & 0x0f : 0;
        int size = flag == TSONLY ? 4 : 8;
        if (len < 4 || (len - 4) % size != 0) {
            problems.add("timestamp option length " + len + " is not 4 + " + size + " per entry (flag " + flag + ")");
            return new Unknown(TYPE, len, java.util.Arrays.copyOfRange(b, off + 2, off + len));
        }
        List<Entry> e = new ArrayList<>();
        for (int p = off + 4; p < off + len; p += size) {
            e.add(size == 4 ? new Entry(null, QueryWire.u32(b, p))
                    : new Entry(Ipv4Header.v4(b, p), QueryWire.u32(b, p + 4)));
        }
        TimestampOption ts = new TimestampOption(flag, b[off + 2] & 0xff, (b[off + 3] & 0xf0) >>> 4, e);
        problems.addAll(ts.problems());
        return ts;
    }

    @Override
    public String text() {
        return "timestamp " + flagName() + " (flag " + flag + ") len=" + length() + " ptr=" + pointer + " overflow="
                + overflow + " (" + filled() + " of " + entries.size() + " recorded" + (full() ? ", full" : "") + ")";
    }

    /** The entry as the field view shows it: address and timestamp with its meaning, or "(empty)". */
    String entryText(int i) {
        Entry e = entries.get(i);
        String a = e.address() == null ? "" : Addresses.text(e.address()) + " ";
        if (i >= filled()) {
            return flag == TSPRESPEC ? a + "(not yet recorded)" : "(empty)";
        }
        return a + e.timestamp() + " (" + UtClock.meaning(e.timestamp()) + ")";
    }

    @Override
    public String toString() {
        return "TS[" + flagName() + " " + filled() + "/" + entries.size() + " overflow=" + overflow + "]";
    }
}
