package dev.pingkit.packet;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * <b>The IPv4 record route option (type 7, RFC 791 section 3.1): a pointer and slots that each router fills with
 * its address on the way.</b> The slots before the pointer are recorded, the rest empty; a pointer past the last
 * slot means the option is full. {@link #problems()} says when the pointer lies.
 *
 * <pre>{@code RecordRouteOption.slots(9)   // what ping -R sends: 39 bytes, pointer 4, nine empty slots}</pre>
 *
 * @param pointer the pointer field: the byte (from 1, the type byte) of the next empty slot; 4 when none is filled
 * @param slots   the slots' addresses as on the wire (0.0.0.0 when never filled)
 */
public record RecordRouteOption(int pointer, List<Inet4Address> slots) implements Ipv4Option {
    /** The option type. */
    public static final int TYPE = 7;
    /** The pointer of an option with no slot filled. */
    public static final int FIRST = 4;
    /** The most slots 40 bytes of options hold. */
    public static final int MAX_SLOTS = 9;

    /** Checks the pointer and slot count and copies the slots. */
    public RecordRouteOption {
        QueryWire.check("pointer", pointer, 0xff);
        slots = List.copyOf(slots);
        if (slots.size() > MAX_SLOTS) {
            throw new IllegalArgumentException("record route must have 0..9 slots, got " + slots.size());
        }
    }

    /** <b>An empty record route of {@code n} slots, 1..9, pointer 4.</b> */
    public static RecordRouteOption slots(int n) {
        if (n < 1 || n > MAX_SLOTS) {
            throw new IllegalArgumentException("record route slots must be 1..9, got " + n);
        }
        List<Inet4Address> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            s.add(Ipv4Header.v4(new byte[4], 0));
        }
        return new RecordRouteOption(FIRST, s);
    }

    /** <b>This option with another pointer, 0..255 (a lie on purpose, or to skip slots).</b> */
    public RecordRouteOption pointer(int pointer) {
        return new RecordRouteOption(pointer, slots);
    }

    @Override
    public int type() {
        return TYPE;
    }

    /** <b>The length field: 3 + 4 per slot.</b> */
    public int length() {
        return 3 + 4 * slots.size();
    }

    /** <b>How many slots the pointer says are filled (0 when it points before the first).</b> */
    public int filled() {
        return Math.max(0, Math.min(slots.size(), (pointer - FIRST) / 4));
    }

    /** <b>The addresses recorded so far, in the order the routers wrote them.</b> */
    public List<Inet4Address> recorded() {
        return slots.subList(0, filled());
    }

    /** <b>True when every slot is filled (the pointer is past the last).</b> */
    public boolean full() {
        return pointer > length();
    }

    /** <b>What is wrong with the pointer, in words; empty when nothing is.</b> */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (pointer < FIRST) {
            p.add("record route pointer " + pointer + " is below 4, the first slot");
        } else if ((pointer - FIRST) % 4 != 0) {
            p.add("record route pointer " + pointer + " is not at a slot (4, 8, 12, ...)");
        } else if (pointer > length() + 1) {
            p.add("record route pointer " + pointer + " is past the end of its " + length() + " bytes");
        }
        return p;
    }

    @Override
    public byte[] toBytes() {
        byte[] b = new byte[length()];
        b[0] = TYPE;
        b[1] = (byte) length();
        b[2] = (byte) pointer;
        for (int i = 0; i < slots.size(); i++) {
            System.arraycopy(slots.get(i).getAddress(), 0, b, 3 + 4 * i, 4);
        }
        return b;
    }

    /** Reads the option at {@code b[off]}, whose length byte the caller checked against the options area. */
    static Ipv4Option read(byte[] b, int off, int len, List<String> problems) {
        if (len < 3 || (len - 3) % 4 != 0) {
            problems.add("record route length " + len + " is not 3 + 4 per slot");
            return new Unknown(TYPE, len, java.util.Arrays.copyOfRange(b, off + 2, off + len));
        }
        List<Inet4Address> s = new ArrayList<>();
        for (int p = off + 3; p < off + len; p += 4) {
            s.add(Ipv4Header.v4(b, p));
        }
        RecordRouteOption rr = new RecordRouteOption(b[off + 2] & 0xff, s);
        problems.addAll(rr.problems());
        return rr;
    }

    @Override
    public String text() {
        return "record-route len=" + length() + " ptr=" + pointer + " (" + filled() + " of " + slots.size()
                + " recorded" + (full() ? ", full" : "") + ")";
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RR[");
        for (int i = 0; i < slots.size(); i++) {
            sb.append(i == 0 ? "" : " ").append(i < filled() ? Addresses.text(slots.get(i)) : "-");
        }
        return sb.append(']').toString();
    }
}
