package dev.pingkit.batch;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How a table cell that several probes fall into shows their values: a statistic of the numbers (percentiles are
 * nearest-rank, as in {@link Results#stats}), the count, or the last probe's value. A cell of words (status,
 * from) shows its distinct values in order of appearance, joined by {@code /}, whatever the statistic.
 */
public enum CellStatistic {
    /** The smallest value. */
    MIN,
    /** The 10th percentile. */
    P10,
    /** The median (the default). */
    MEDIAN,
    /** The 90th percentile. */
    P90,
    /** The largest value. */
    MAX,
    /** The arithmetic mean. */
    MEAN,
    /** How many probes have a value in the cell. */
    COUNT,
    /** The last probe's value, in send order. */
    LAST;

    /** The statistic's name as tables and the REPL write it: {@code median}, {@code p90}, ... */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The statistic called {@code name}.
     *
     * @throws IllegalArgumentException naming the statistics there are
     */
    public static CellStatistic of(String name) {
        for (CellStatistic s : values()) {
            if (s.word().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("statistic must be one of " + String.join(" ", Arrays.stream(values())
                .map(CellStatistic::word).toList()) + ", got " + name);
    }

    /** The cell for these values (nulls are probes without a value, such as a lost probe's rtt); null if none. */
    Object apply(List<Object> values) {
        List<Object> present = values.stream().filter(v -> v != null).toList();
        if (this == COUNT) {
            return present.size();
        }
        if (present.isEmpty()) {
            return null;
        }
        if (this == LAST) {
            return present.get(present.size() - 1);
        }
        if (!present.stream().allMatch(v -> v instanceof Number)) {
            return String.join("/", present.stream().map(Table::cell).distinct().toList());
        }
        double[] v = present.stream().mapToDouble(x -> ((Number) x).doubleValue()).sorted().toArray();
        boolean integers = present.stream().allMatch(x -> x instanceof Integer || x instanceof Long);
        double r = switch (this) {
            case MIN -> v[0];
            case MAX -> v[v.length - 1];
            case MEAN -> Arrays.stream(v).average().orElseThrow();
            case P10 -> rank(v, 10);
            case P90 -> rank(v, 90);
            default -> rank(v, 50);
        };
        return integers && this != MEAN ? (Object) (long) r : (Object) r;
    }

    private static double rank(double[] sorted, int p) {
        return sorted[Math.max(1, (int) Math.ceil(p / 100.0 * sorted.length)) - 1];
    }
}
