package dev.pingkit.cli.prober;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * <b>The upper bounds of the RTT histogram, ascending, in seconds, as Prometheus {@code le} labels.</b> The
 * {@code +Inf} bucket is implied. The default is smokeping_prober's (50 us doubling to 26.2 s), so dashboards built
 * for it read ours unchanged.
 */
public final class Buckets {
    private static final Pattern DECIMAL = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    /** smokeping_prober's default {@code --buckets}. */
    public static final Buckets SMOKEPING = parse("5e-05,0.0001,0.0002,0.0004,0.0008,0.0016,0.0032,0.0064,0.0128,"
            + "0.0256,0.0512,0.1024,0.2048,0.4096,0.8192,1.6384,3.2768,6.5536,13.1072,26.2144");

    private final long[] boundsNanos;
    private final double[] seconds;
    private final String[] labels;

    private Buckets(double[] seconds) {
        this.seconds = seconds.clone();
        boundsNanos = new long[seconds.length];
        labels = new String[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            boundsNanos[i] = Math.round(seconds[i] * 1e9);
            labels[i] = BigDecimal.valueOf(seconds[i]).stripTrailingZeros().toPlainString();
        }
    }

    /**
     * <b>Parses a comma-separated list of bounds in seconds.</b>
     *
     * @throws IllegalArgumentException naming the bad value and what is allowed (positive, finite, ascending,
     *                                  at least one, at most 100, at least 1 ns apart)
     */
    public static Buckets parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length > 100) {
            throw new IllegalArgumentException("--buckets must list 1 to 100 bounds, got " + parts.length);
        }
        double[] s = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            s[i] = DECIMAL.matcher(p).matches() ? Double.parseDouble(p) : Double.NaN;
            if (!(s[i] > 0) || Double.isInfinite(s[i])) {
                throw new IllegalArgumentException("--buckets must be positive numbers of seconds, got '" + p + "'");
            }
            if (i > 0 && Math.round(s[i] * 1e9) <= Math.round(s[i - 1] * 1e9)) {
                throw new IllegalArgumentException("--buckets must ascend (at least 1 ns apart), got '" + p
                        + "' after '" + parts[i - 1].strip() + "'");
            }
        }
        return new Buckets(s);
    }

    /** The number of finite bounds ({@code +Inf} not counted). */
    public int size() {
        return boundsNanos.length;
    }

    /** The bounds in seconds, ascending (a copy). */
    double[] seconds() {
        return seconds.clone();
    }

    /** The {@code le} label of bucket {@code i} (a plain decimal, e.g. {@code 0.0001}). */
    String label(int i) {
        return labels[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Buckets b && Arrays.equals(boundsNanos, b.boundsNanos);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(boundsNanos);
    }

    /** The bounds as given to {@code --buckets}. */
    @Override
    public String toString() {
        return String.join(",", labels);
    }
}
