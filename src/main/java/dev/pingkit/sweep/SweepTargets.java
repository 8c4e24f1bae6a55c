package dev.pingkit.sweep;

import dev.pingkit.engine.AddressBlock;
import dev.pingkit.packet.Addresses;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * <b>A sweep's targets as an immutable list that keeps a block of addresses as its first address and size.</b>
 *
 * <p>A /16 is 65 534 targets; as {@link SweepTarget} values (each with its name and its {@code InetAddress}) they
 * held about 130 bytes each for the whole run. Here a block costs a few words however large it is, and each
 * target of it is made when asked for, named by its address as {@link Sweep#of(String...)} names it. Targets
 * given one by one (resolved names) are kept as they are.
 *
 * <pre>{@code
 * SweepTargets t = SweepTargets.builder().add(AddressBlock.parse("198.19.0.0/16")).build();
 * t.size();     // 65534
 * t.get(1);     // 198.19.0.2
 * }</pre>
 */
public final class SweepTargets extends AbstractList<SweepTarget> implements RandomAccess {
    private static final int MAX_V4_NAME = "255.255.255.255".length();

    private final int[] starts; // each segment's first index, ascending
    private final Object[] segments; // a SweepTarget, or an AddressBlock named by its addresses
    private final int[] firstV4; // a v4 block's first address as an int (its targets need no BigInteger)
    private final int size;

    private SweepTargets(List<Integer> starts, List<Object> segments, int size) {
        this.starts = starts.stream().mapToInt(Integer::intValue).toArray();
        this.segments = segments.toArray();
        this.firstV4 = new int[this.segments.length];
        for (int s = 0; s < this.segments.length; s++) {
            if (this.segments[s] instanceof AddressBlock b && b.first() instanceof Inet4Address) {
                firstV4[s] = toInt(b.first().getAddress());
            }
        }
        this.size = size;
    }

    /** <b>A builder of targets in order</b>, each given one by one or as a block. */
    public static Builder builder() {
        return new Builder();
    }

    /** <b>Targets added in order, their indexes given by their place.</b> */
    public static final class Builder {
        private final List<Integer> starts = new ArrayList<>();
        private final List<Object> segments = new ArrayList<>();
        private int size;

        private Builder() {
        }

        /** <b>Adds one target</b> under {@code name} (as the user gave it), probed at {@code address}. */
        public Builder add(String name, InetAddress address) {
            return push(new SweepTarget(size, name, address), 1);
        }

        /** <b>Adds every address of {@code block}</b>, each named by its address. */
        public Builder add(AddressBlock block) {
            Objects.requireNonNull(block, "block");
            return block.size() == 0 ? this : push(block, block.size());
        }

        /** <b>The targets so far</b>, an immutable list. */
        public SweepTargets build() {
            return new SweepTargets(starts, segments, size);
        }

        /** Targets added so far. */
        public int size() {
            return size;
        }

        private Builder push(Object segment, int n) {
            if ((long) size + n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("targets must be at most " + (Integer.MAX_VALUE - 8) + ", got "
                        + ((long) size + n));
            }
            starts.add(size);
            segments.add(segment);
            size += n;
            return this;
        }
    }

    /** <b>The target at {@code index}</b>, made on access when it belongs to a block. */
    @Override
    public SweepTarget get(int index) {
        Objects.checkIndex(index, size);
        int s = segmentOf(index);
        if (segments[s] instanceof SweepTarget t) {
            return t;
        }
        InetAddress a = address(s, index);
        // a v4 block's name written from its number: getHostAddress' copy and builder cost a /16 sweep two a target
        return new SweepTarget(index, a instanceof Inet4Address ? dotted(firstV4[s] + index - starts[s])
                : Addresses.text(a), a);
    }

    /** The dotted-decimal text of the v4 address {@code v}, as {@code getHostAddress} writes it. */
    static String dotted(int v) {
        byte[] text = new byte[MAX_V4_NAME];
        int n = 0;
        for (int shift = 24; shift >= 0; shift -= 8) {
            int octet = v >>> shift & 0xff;
            if (octet >= 100) {
                text[n++] = (byte) ('0' + octet / 100);
            }
            if (octet >= 10) {
                text[n++] = (byte) ('0' + octet / 10 % 10);
            }
            text[n++] = (byte) ('0' + octet % 10);
            if (shift > 0) {
                text[n++] = '.';
            }
        }
        return new String(text, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** The address of the target at {@code index}, without its name: what the engine needs. */
    InetAddress address(int index) {
        Objects.checkIndex(index, size);
        int s = segmentOf(index);
        return segments[s] instanceof SweepTarget t ? t.address() : address(s, index);
    }

    /**
     * <b>The length of the longest target name</b> (fping pads its columns to it), 0 for no targets. A v4 block's
     * names are measured from their numbers without being made: making each target costs a /16 65 534 addresses
     * and names only to count characters.
     */
    public int longestName() {
        int longest = 0;
        for (int s = 0; s < segments.length; s++) {
            if (segments[s] instanceof SweepTarget t) {
                longest = Math.max(longest, t.name().length());
            } else if (((AddressBlock) segments[s]).first() instanceof Inet4Address) {
                int n = ((AddressBlock) segments[s]).size();
                for (int k = 0; k < n && longest < MAX_V4_NAME; k++) {
                    longest = Math.max(longest, dottedLength(firstV4[s] + k));
                }
            } else {
                int end = s + 1 < segments.length ? starts[s + 1] : size;
                for (int i = starts[s]; i < end; i++) {
                    longest = Math.max(longest, get(i).name().length());
                }
            }
        }
        return longest;
    }

    /** The length of the dotted-decimal text of the v4 address {@code v}, as {@code getHostAddress} writes it. */
    private static int dottedLength(int v) {
        return 3 + digits(v >>> 24) + digits(v >>> 16 & 0xff) + digits(v >>> 8 & 0xff) + digits(v & 0xff);
    }

    private static int digits(int octet) {
        return octet < 10 ? 1 : octet < 100 ? 2 : 3;
    }

    /** How many runs of targets this list keeps: single targets and blocks, in order. */
    int segments() {
        return segments.length;
    }

    /** Segment {@code s}: a {@link SweepTarget} or an {@link AddressBlock} of that many targets. */
    Object segment(int s) {
        return segments[s];
    }

    @Override
    public int size() {
        return size;
    }

    private int segmentOf(int index) {
        int s = Arrays.binarySearch(starts, index);
        return s >= 0 ? s : -s - 2;
    }

    private InetAddress address(int s, int index) {
        AddressBlock b = (AddressBlock) segments[s];
        int offset = index - starts[s];
        if (!(b.first() instanceof Inet4Address)) {
            return b.hosts().get(offset);
        }
        int v = firstV4[s] + offset;
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8),
                    (byte) v});
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // four bytes are always an address
        }
    }

    private static int toInt(byte[] b) {
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | b[3] & 0xff;
    }
}
