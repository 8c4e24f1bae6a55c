package dev.pingkit.engine;

import java.util.ArrayList;
import java.util.Arrays;

/**
 * The run's targets, in index order as started, in a packed per-target table: each {@link TargetBlock} once, and
 * per target only columns of primitives (scheduled probes sent, probe numbers, removed), a few bytes each, so a
 * /16 holds no object per target.
 *
 * <p>Run thread only (the registry hands each block over through the engine's commands): no lock, and the columns
 * grow only here, so no other thread ever writes an array this thread replaced.
 */
final class TargetTable {
    private final ArrayList<TargetBlock> blocks = new ArrayList<>();
    private final CountColumn planned = new CountColumn(); // scheduled probes sent (counted while the plan has an end)
    private final CountColumn numbers = new CountColumn(); // the last probe's number (1, 2, ...; 0: none yet)
    private long[] removed = new long[1]; // one bit a target
    private int size;
    private TargetBlock last; // the block found last: a sweep's replies come block by block

    /** Takes {@code b}'s targets in, after those already here (its first index must be {@link #size()}). */
    void add(TargetBlock b) {
        if (b.first != size) {
            throw new IllegalStateException("targets are started in index order: expected " + size + ", got "
                    + b.first);
        }
        blocks.add(b);
        size = b.end();
        planned.ensure(size);
        numbers.ensure(size);
        if ((size + 63) >>> 6 > removed.length) {
            removed = Arrays.copyOf(removed, Math.max((size + 63) >>> 6, 2 * removed.length));
        }
    }

    /** Targets started so far. */
    int size() {
        return size;
    }

    /** The block of target {@code index}, which must be below {@link #size()}. */
    TargetBlock block(int index) {
        TargetBlock b = last;
        if (b != null && index >= b.first && index < b.end()) {
            return b;
        }
        b = TargetBlock.find(blocks, index);
        last = b;
        return b;
    }

    /** Scheduled probes target {@code index} has left: its plan's count less those sent, 0 once removed. */
    long left(int index) {
        if (removed(index)) {
            return 0;
        }
        long count = block(index).plan.count();
        return count == TargetPlan.UNBOUNDED ? count : count - planned.get(index);
    }

    /** One scheduled probe of target {@code index} goes out. */
    void plannedSent(int index) {
        if (block(index).plan.count() != TargetPlan.UNBOUNDED) {
            planned.set(index, planned.get(index) + 1);
        }
    }

    /** The number of the next probe to target {@code index} (1 for its first), counted from here. */
    long nextNumber(int index) {
        long n = numbers.get(index) + 1;
        numbers.set(index, n);
        return n;
    }

    boolean removed(int index) {
        return (removed[index >>> 6] & 1L << index) != 0;
    }

    void remove(int index) {
        removed[index >>> 6] |= 1L << index;
    }
}
