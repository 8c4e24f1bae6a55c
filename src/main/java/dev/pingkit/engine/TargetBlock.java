package dev.pingkit.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Targets added at once, as their first index, their count, their plan and family, and their first address: a
 * block of addresses (every target's address is the first plus its offset) or one target added with its address.
 *
 * <p>Immutable and shared by the registry (other threads) and the run's {@link TargetTable}: what changes per target
 * during a run (probes left, numbers, removal) lives in the table's columns. A block of a /16 is then one object
 * instead of 65 534 states and address arrays; a {@link ProbeTarget} or {@code InetAddress} of one of its targets is
 * made only when a send, an event or a caller needs one.
 */
final class TargetBlock {
    private static final byte[] LOOPBACK4 = {127, 0, 0, 1};
    private static final byte[] LOOPBACK6 = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

    /** The index of the first target. */
    final int first;
    /** How many targets, from {@link #first}. */
    final int size;
    final FamilyState family;
    final TargetPlan plan;
    private final ProbeTarget handle; // a single target's, as its caller got it; null for a block
    private final byte[] firstAddress; // the first target's address bytes, never handed out
    private final StatisticsRecorder shared; // every target's when statistics are off, else null
    private final StatisticsRecorder[] stats; // one per target when they are kept, else null
    private final byte[] singleAlsoFrom; // a single target's alsoFrom, found once (its matcher asks per packet)

    private TargetBlock(int first, int size, FamilyState family, TargetPlan plan, ProbeTarget handle,
                        byte[] firstAddress, StatisticsRecorder shared) {
        this.first = first;
        this.size = size;
        this.family = family;
        this.plan = plan;
        this.handle = handle;
        this.firstAddress = firstAddress;
        this.shared = shared;
        this.singleAlsoFrom = handle != null ? alsoFrom(firstAddress) : null;
        if (shared == null) {
            stats = new StatisticsRecorder[size];
            for (int i = 0; i < size; i++) {
                stats[i] = new StatisticsRecorder();
            }
        } else {
            stats = null;
        }
    }

    /** One target added with its address; {@code shared} null: it keeps its own statistics. */
    static TargetBlock single(ProbeTarget handle, FamilyState family, TargetPlan plan, StatisticsRecorder shared) {
        return new TargetBlock(handle.index(), 1, family, plan, handle, handle.address().getAddress(), shared);
    }

    /** Every address of {@code block}, the first numbered {@code first}; {@code shared} as for {@link #single}. */
    static TargetBlock of(int first, AddressBlock block, FamilyState family, TargetPlan plan,
                          StatisticsRecorder shared) {
        return new TargetBlock(first, block.size(), family, plan, null, block.first().getAddress(), shared);
    }

    /** One past the last target's index. */
    int end() {
        return first + size;
    }

    /** The length of its addresses: 4 or 16. */
    int addressLength() {
        return firstAddress.length;
    }

    /**
     * The address bytes of target {@code index}: this block's own array for a single target (not to be written),
     * else {@code scratch} (of at least {@link #addressLength()} bytes) with them in its first bytes. Allocates
     * nothing.
     */
    byte[] address(int index, byte[] scratch) {
        if (handle != null) {
            return firstAddress;
        }
        System.arraycopy(firstAddress, 0, scratch, 0, firstAddress.length);
        // the first address plus the offset, carried from the last byte up (a block never wraps past all-ones)
        int carry = index - first;
        for (int b = firstAddress.length - 1; b >= 0 && carry != 0; b--) {
            int sum = (scratch[b] & 0xff) + (carry & 0xff);
            scratch[b] = (byte) sum;
            carry = (carry >>> 8) + (sum >>> 8);
        }
        return scratch;
    }

    /** A new array of target {@code index}'s address bytes. */
    byte[] address(int index) {
        return handle != null ? firstAddress.clone() : address(index, new byte[firstAddress.length]);
    }

    /** The address to send to {@code index} (the caller's own for a single target). */
    InetAddress inet(int index) {
        if (handle != null) {
            return handle.address();
        }
        try {
            return InetAddress.getByAddress(address(index));
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // 4 or 16 bytes are always an address
        }
    }

    /** The handle callers and events name target {@code index} by (equal each time, made anew in a block). */
    ProbeTarget handle(int index) {
        return handle != null ? handle : new ProbeTarget(index, inet(index));
    }

    /** True when {@code target} names one of these targets. */
    boolean is(ProbeTarget target) {
        if (handle != null) {
            return handle == target || handle.equals(target); // identity first: a record's equals costs a cold start its bootstrap
        }
        int i = target.index();
        return i >= first && i < end() && Arrays.equals(address(i), target.address().getAddress());
    }

    /** The statistics of target {@code index}. */
    StatisticsRecorder stats(int index) {
        return stats != null ? stats[index - first] : shared;
    }

    /**
     * Loopback when target {@code index} is 0.0.0.0 or :: (the kernel answers them from there), else null;
     * {@code address} is its address, as {@link #address(int, byte[])} gave it.
     */
    byte[] alsoFrom(int index, byte[] address) {
        return handle != null ? singleAlsoFrom : alsoFrom(address);
    }

    private static byte[] alsoFrom(byte[] address) {
        for (byte b : address) {
            if (b != 0) {
                return null;
            }
        }
        return address.length == 4 ? LOOPBACK4 : LOOPBACK6;
    }

    /** The block holding target {@code index} in {@code blocks} (ascending, contiguous from 0), by bisection. */
    static TargetBlock find(List<TargetBlock> blocks, int index) {
        int lo = 0;
        int hi = blocks.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (blocks.get(mid).first <= index) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return blocks.get(lo);
    }
}
