package dev.pingkit.engine;

import java.util.Arrays;

/**
 * <b>A binary min-heap of int values ordered by long keys (then by value), in two arrays that grow by doubling</b>: the engine's
 * probe deadlines (value: sequence number) and targets' due times (value: target index), with no allocation per
 * push or pop once grown. Stale entries are the caller's business (it checks on pop).
 */
final class LongHeap {
    private long[] keys;
    private int[] values;
    private int size;

    LongHeap(int capacity) {
        keys = new long[Math.max(4, capacity)];
        values = new int[keys.length];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The smallest key; only when not empty. */
    long peekKey() {
        return keys[0];
    }

    /** The value of the smallest key; only when not empty. */
    int peekValue() {
        return values[0];
    }

    // Equal keys go by value, so targets due at the same time go in the order they were added.
    private static boolean less(long k1, int v1, long k2, int v2) {
        return k1 < k2 || k1 == k2 && v1 < v2;
    }

    /** Says whether an entry is still wanted. */
    @FunctionalInterface
    interface Live {
        boolean test(long key, int value);
    }

    void push(long key, int value) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        siftUp(size++, key, value);
    }

    /**
     * As {@link #push}, but when the arrays are full it first drops the entries {@code live} rejects, and grows only
     * if that frees less than half: a heap of deadlines whose probes mostly ended early (a sweep's answered probes)
     * stays the size of what is really pending, at an amortized constant cost a push.
     */
    void push(long key, int value, Live live) {
        if (size == keys.length) {
            int kept = 0;
            for (int i = 0; i < size; i++) {
                if (live.test(keys[i], values[i])) {
                    keys[kept] = keys[i];
                    values[kept] = values[i];
                    kept++;
                }
            }
            size = kept;
            for (int i = (size >>> 1) - 1; i >= 0; i--) {
                siftDown(i, keys[i], values[i], size);
            }
            if (size > keys.length >>> 1) {
                keys = Arrays.copyOf(keys, keys.length * 2);
                values = Arrays.copyOf(values, values.length * 2);
            }
        }
        siftUp(size++, key, value);
    }

    private void siftUp(int i, long key, int value) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(key, value, keys[parent], values[parent])) {
                break;
            }
            keys[i] = keys[parent];
            values[i] = values[parent];
            i = parent;
        }
        keys[i] = key;
        values[i] = value;
    }

    /** Removes the smallest entry; only when not empty. */
    void pop() {
        int n = --size;
        if (n == 0) {
            return;
        }
        siftDown(0, keys[n], values[n], n);
    }

    private void siftDown(int i, long key, int value, int n) {
        while (true) {
            int child = 2 * i + 1;
            if (child >= n) {
                break;
            }
            if (child + 1 < n && less(keys[child + 1], values[child + 1], keys[child], values[child])) {
                child++;
            }
            if (!less(keys[child], values[child], key, value)) {
                break;
            }
            keys[i] = keys[child];
            values[i] = values[child];
            i = child;
        }
        keys[i] = key;
        values[i] = value;
    }
}
