package dev.pingkit.batch;

import java.util.Arrays;
import java.util.stream.IntStream;

/** The values a {@link Probes} batch ranges over: each field's range or list, checked, and how it reads in a line. */
final class Axis {
    private Axis() {
    }

    /** {@code from, from+step, ... <= to}, every value in {@code min..max}; a one-line error naming the field. */
    static int[] range(String field, int from, int to, int step, int min, int max) {
        if (step <= 0) {
            throw new IllegalArgumentException(field + " step must be 1 or more, got " + step);
        }
        if (from < min || from > max || to < min || to > max) {
            throw new IllegalArgumentException(field + " must be " + min + ".." + max + ", got " + from + ".." + to);
        }
        if (to < from) {
            throw new IllegalArgumentException(field + " range must go up, got " + from + ".." + to);
        }
        return IntStream.iterate(from, v -> v <= to, v -> v + step).toArray();
    }

    /** These values, at least one, every one in {@code min..max}. */
    static int[] values(String field, int[] vs, int min, int max) {
        if (vs.length == 0) {
            throw new IllegalArgumentException(field + " needs at least one value");
        }
        for (int v : vs) {
            if (v < min || v > max) {
                throw new IllegalArgumentException(field + " must be " + min + ".." + max + ", got " + v);
            }
        }
        return vs.clone();
    }

    /** Appends {@code name} and its values ({@code 0..1400 step 200}, {@code [1,5,9]}); nothing for one value. */
    static void describe(StringBuilder sb, String name, int[] v) {
        if (v.length == 1) {
            return; // a single value is the echo's own, shown by the echo
        }
        sb.append(' ').append(name).append(' ');
        if (v.length > 2 && isArithmetic(v)) {
            sb.append(v[0]).append("..").append(v[v.length - 1]);
            if (v[1] - v[0] != 1) {
                sb.append(" step ").append(v[1] - v[0]);
            }
        } else {
            sb.append(Arrays.toString(v).replace(" ", ""));
        }
    }

    private static boolean isArithmetic(int[] v) {
        for (int i = 2; i < v.length; i++) {
            if (v[i] - v[i - 1] != v[1] - v[0]) {
                return false;
            }
        }
        return true;
    }
}
