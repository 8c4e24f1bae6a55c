package dev.pingkit.batch;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * <b>Pictures of round-trip times for a terminal: a histogram and a sparkline, in Unicode block characters or plain
 * ASCII.</b>
 *
 * <p>Input is one entry per probe in send order: its RTT in nanoseconds, or a negative value for a probe that got no
 * reply. Lost probes are a bar of their own in the histogram and a mark of their own in the sparkline
 * ({@code ×}, ASCII {@code !}), so a run's gaps show where they happened.
 * <pre>{@code
 * RttChart.sparkline(new long[] {41_000, 52_000, -1, 90_000}, RttChart.Glyphs.UNICODE)  // "▁▂×█"
 * }</pre>
 */
public final class RttChart {
    /** <b>The characters a picture is drawn with.</b> */
    public enum Glyphs {
        /** Block elements U+2581..U+2588 and eighth-width bars; {@code ×} for a lost probe. */
        UNICODE("▁▂▃▄▅▆▇█", "▏▎▍▌▋▊▉█", '×'),
        /** Seven-bit ASCII only, for a terminal or locale that cannot show the blocks; {@code !} for a lost probe. */
        ASCII("_.-=+*%#", "########", '!');

        private final String levels;
        private final String eighths;
        private final char lost;

        Glyphs(String levels, String eighths, char lost) {
            this.levels = levels;
            this.eighths = eighths;
            this.lost = lost;
        }

        /** <b>The mark of a lost probe in a sparkline.</b> */
        public char lost() {
            return lost;
        }

        /**
         * <b>ASCII when the terminal or locale says so, else Unicode:</b> {@code TERM=dumb}, or a locale
         * ({@code LC_ALL}, else {@code LC_CTYPE}, else {@code LANG}) that is unset, {@code C}/{@code POSIX} or
         * names a charset other than UTF-8.
         */
        public static Glyphs forEnvironment(Map<String, String> env) {
            if ("dumb".equals(env.get("TERM"))) {
                return ASCII;
            }
            String locale = null;
            for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
                String v = env.get(name);
                if (v != null && !v.isEmpty()) {
                    locale = v;
                    break;
                }
            }
            if (locale == null) {
                return ASCII;
            }
            String l = locale.toLowerCase(Locale.ROOT).replace("-", "");
            return l.contains("utf8") ? UNICODE : ASCII;
        }

        /** <b>{@link #forEnvironment} of this process's environment.</b> */
        public static Glyphs current() {
            return forEnvironment(System.getenv());
        }
    }

    /** <b>Columns of the longest histogram bar.</b> */
    public static final int BAR_WIDTH = 40;
    private static final int MAX_BINS = 10;

    private RttChart() {
    }

    /**
     * <b>One character per probe, scaled from the fastest (lowest block) to the slowest (full block); lost probes
     * as {@link Glyphs#lost()}; lines of at most {@code width} characters.</b> Empty input gives an empty string.
     */
    public static String sparkline(long[] rttNanos, Glyphs g, int width) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be 1 or more, got " + width);
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long r : rttNanos) {
            if (r >= 0) {
                min = Math.min(min, r);
                max = Math.max(max, r);
            }
        }
        StringBuilder sb = new StringBuilder(rttNanos.length + rttNanos.length / width);
        for (int i = 0; i < rttNanos.length; i++) {
            if (i > 0 && i % width == 0) {
                sb.append('\n');
            }
            long r = rttNanos[i];
            if (r < 0) {
                sb.append(g.lost);
            } else {
                int level = max == min ? 0 : (int) Math.round((double) (r - min) * 7 / (max - min));
                sb.append(g.levels.charAt(level));
            }
        }
        return sb.toString();
    }

    /** <b>{@link #sparkline(long[], Glyphs, int)} on one line however long.</b> */
    public static String sparkline(long[] rttNanos, Glyphs g) {
        return sparkline(rttNanos, g, Math.max(1, rttNanos.length));
    }

    /**
     * <b>A histogram of the answered probes' RTTs in at most ten equal bins of a round width (1, 2 or 5 times a
     * power of ten, 1 µs at least), a bar for the lost ones, and a sparkline of the run below it.</b>
     * Each line: the bin's range in ms, a bar scaled to the largest count ({@link #BAR_WIDTH} columns) and the count.
     */
    public static String histogram(long[] rttNanos, Glyphs g) {
        long[] answered = Arrays.stream(rttNanos).filter(r -> r >= 0).sorted().toArray();
        int lost = rttNanos.length - answered.length;
        StringBuilder sb = new StringBuilder();
        sb.append("rtt histogram: ").append(answered.length).append(" answered, ").append(lost).append(" lost\n");
        long[] counts;
        long start;
        long binWidth;
        if (answered.length == 0) {
            counts = new long[0];
            start = 0;
            binWidth = 1;
        } else {
            long min = answered[0];
            long max = answered[answered.length - 1];
            binWidth = roundWidth(Math.max(1_000, (max - min + MAX_BINS - 1) / MAX_BINS)); // 1 µs: the finest ping prints
            start = min / binWidth * binWidth;
            int bins = (int) ((max - start) / binWidth) + 1;
            counts = new long[bins];
            for (long r : answered) {
                counts[(int) ((r - start) / binWidth)]++;
            }
        }
        long top = lost;
        for (long c : counts) {
            top = Math.max(top, c);
        }
        int decimals = decimals(binWidth);
        String[] labels = new String[counts.length];
        int labelWidth = "lost".length();
        for (int i = 0; i < counts.length; i++) {
            labels[i] = ms(start + i * binWidth, decimals) + " .. " + ms(start + (i + 1) * binWidth, decimals);
            labelWidth = Math.max(labelWidth, labels[i].length());
        }
        for (int i = 0; i < counts.length; i++) {
            row(sb, labels[i], labelWidth, counts[i], top, g);
        }
        if (lost > 0) {
            row(sb, "lost", labelWidth, lost, top, g);
        }
        if (rttNanos.length > 0) {
            sb.append(" ".repeat(labelWidth)).append("  ").append(sparkline(rttNanos, g, BAR_WIDTH)
                    .replace("\n", "\n" + " ".repeat(labelWidth + 2))).append('\n');
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String label, int labelWidth, long count, long top, Glyphs g) {
        sb.append(" ".repeat(labelWidth - label.length())).append(label).append(g == Glyphs.UNICODE ? " │" : " |");
        int eighths = top == 0 ? 0 : (int) Math.round((double) count * BAR_WIDTH * 8 / top);
        if (count > 0 && eighths == 0) {
            eighths = 1; // a bin that has something never looks empty
        }
        String bar = String.valueOf(g.eighths.charAt(7)).repeat(eighths / 8)
                + (eighths % 8 > 0 ? String.valueOf(g.eighths.charAt(eighths % 8 - 1)) : "");
        sb.append(bar).append(" ".repeat(BAR_WIDTH + 1 - bar.length())).append(count).append('\n');
    }

    /** The smallest 1, 2 or 5 times a power of ten (ns) that is at least {@code w}. */
    static long roundWidth(long w) {
        long p = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * p >= w) {
                    return m * p;
                }
            }
            p *= 10;
        }
    }

    /** Decimals of a millisecond that tell bins of this width apart (3 at most: microseconds, as ping prints). */
    private static int decimals(long binWidthNanos) {
        int d = 3;
        long unit = 1_000; // ns per 0.001 ms
        while (d > 0 && binWidthNanos % (unit * 10) == 0) {
            unit *= 10;
            d--;
        }
        return d;
    }

    private static String ms(long nanos, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", nanos / 1e6);
    }
}
