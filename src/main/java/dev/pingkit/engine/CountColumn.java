package dev.pingkit.engine;

import java.util.Arrays;

/**
 * A column of non-negative counts indexed by target, in 4 bytes a target while every count fits an int, widened
 * to 8 bytes for all at the first that does not: a /16 sweep's counts (1 to a few probes) never need the long, a
 * run of billions of probes to one target still counts right. Grows by doubling; run thread only.
 */
final class CountColumn {
    private int[] narrow = new int[16];
    private long[] wide; // once a count passed Integer.MAX_VALUE: every count, and narrow is dropped

    long get(int i) {
        return wide != null ? wide[i] : narrow[i];
    }

    void set(int i, long v) {
        if (wide == null && v > Integer.MAX_VALUE) {
            wide = new long[narrow.length];
            for (int k = 0; k < narrow.length; k++) {
                wide[k] = narrow[k];
            }
            narrow = null;
        }
        if (wide != null) {
            wide[i] = v;
        } else {
            narrow[i] = (int) v;
        }
    }

    /** Makes room for indexes below {@code n}, new ones 0. */
    void ensure(int n) {
        int length = wide != null ? wide.length : narrow.length;
        if (n <= length) {
            return;
        }
        int grown = Math.max(n, (int) Math.min(Integer.MAX_VALUE - 8, 2L * length));
        if (wide != null) {
            wide = Arrays.copyOf(wide, grown);
        } else {
            narrow = Arrays.copyOf(narrow, grown);
        }
    }
}
