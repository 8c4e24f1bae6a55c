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

    void push(long key, int value) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        int i = size++;
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
        long key = keys[n];
        int value = values[n];
        int i = 0;
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
