package dev.pingkit.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One chart as SVG: a frame of fixed size, a plot area with linear axes, ticks, labels with units, a title and a
 * legend above the plot area (so nothing of the legend covers the data). Coordinates passed in are data values;
 * this class maps them to pixels. Text is escaped; numbers are written with a dot whatever the locale.
 */
final class SvgPlot {
    static final int WIDTH = 800;
    static final int HEIGHT = 380;
    /** The plot area inside the frame. */
    static final int LEFT = 80;
    static final int RIGHT = WIDTH - 24;
    static final int TOP = 80;
    static final int BOTTOM = HEIGHT - 56;

    private final StringBuilder body = new StringBuilder();
    private final List<String[]> legend = new ArrayList<>();
    private final int originY;
    private double x0;
    private double x1 = 1;
    private double y0;
    private double y1 = 1;

    /** A chart drawn {@code originY} pixels down the page. */
    SvgPlot(int originY) {
        this.originY = originY;
    }

    /** Sets the x range; equal ends are widened so that a single value still has a place. */
    SvgPlot xRange(double lo, double hi) {
        double[] r = widen(lo, hi);
        x0 = r[0];
        x1 = r[1];
        return this;
    }

    SvgPlot yRange(double lo, double hi) {
        double[] r = widen(lo, hi);
        y0 = r[0];
        y1 = r[1];
        return this;
    }

    private static double[] widen(double lo, double hi) {
        if (!(hi > lo)) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            return new double[] {lo - pad, hi + pad};
        }
        return new double[] {lo, hi};
    }

    double px(double x) {
        return LEFT + (x - x0) / (x1 - x0) * (RIGHT - LEFT);
    }

    double py(double y) {
        return originY + BOTTOM - (y - y0) / (y1 - y0) * (BOTTOM - TOP);
    }

    /** The pixel row of the plot area's top edge, where out-of-range marks (lost probes) go. */
    double top() {
        return originY + TOP;
    }

    double bottom() {
        return originY + BOTTOM;
    }

    /** A tick step near a fifth of the range: 1, 2 or 5 times a power of ten. */
    static double step(double range) {
        double raw = range / 5;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
    }

    /** Frame, title, axes, ticks with their numbers, grid lines and the axis labels. */
    SvgPlot axes(String title, String xLabel, String yLabel, boolean integerX) {
        raw("<rect x=\"0\" y=\"" + originY + "\" width=\"" + WIDTH + "\" height=\"" + HEIGHT
                + "\" fill=\"#ffffff\"/>");
        text(WIDTH / 2.0, originY + 24, title, "middle", 17, "bold");
        double sx = integerX ? Math.max(1, Math.ceil(step(x1 - x0))) : step(x1 - x0);
        for (double t = Math.ceil(x0 / sx) * sx; t <= x1 + 1e-9; t += sx) {
            raw(line(px(t), bottom(), px(t), bottom() + 5, "#333333", 1));
            text(px(t), bottom() + 20, num(t), "middle", 12, "normal");
        }
        double sy = step(y1 - y0);
        for (double t = Math.ceil(y0 / sy) * sy; t <= y1 + 1e-9; t += sy) {
            raw(line(LEFT, py(t), RIGHT, py(t), "#e6e6e6", 1));
            raw(line(LEFT - 5, py(t), LEFT, py(t), "#333333", 1));
            text(LEFT - 8, py(t) + 4, num(t), "end", 12, "normal");
        }
        raw(line(LEFT, top(), LEFT, bottom(), "#333333", 1));
        raw(line(LEFT, bottom(), RIGHT, bottom(), "#333333", 1));
        text((LEFT + RIGHT) / 2.0, originY + HEIGHT - 12, xLabel, "middle", 13, "normal");
        double cy = (top() + bottom()) / 2;
        raw(String.format(Locale.ROOT, "<text x=\"18\" y=\"%.1f\" transform=\"rotate(-90 18 %.1f)\" "
                + "text-anchor=\"middle\" font-size=\"13\">%s</text>", cy, cy, escape(yLabel)));
        return this;
    }

    /** Adds a legend entry: a swatch of {@code colour} in {@code shape} (dot, bar, line, band, cross) and its text. */
    SvgPlot legend(String shape, String colour, String text) {
        legend.add(new String[] {shape, colour, text});
        return this;
    }

    void dot(double x, double y, String colour, double r) {
        raw(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>", px(x), py(y), r,
                colour));
    }

    /** A mark for a probe with no RTT: a vertical stripe over the plot's height and a cross at its top. */
    void stripe(double x, String colour) {
        double p = px(x);
        raw(line(p, top(), p, bottom(), colour, 2));
        raw(cross(p, top() - 7, colour));
    }

    private static String cross(double cx, double cy, String colour) {
        return line(cx - 5, cy - 5, cx + 5, cy + 5, colour, 3) + "\n" + line(cx - 5, cy + 5, cx + 5, cy - 5, colour, 3);
    }

    void bar(double xLo, double xHi, double y, String colour) {
        double left = px(xLo);
        double right = px(xHi);
        raw(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
                + "stroke=\"#ffffff\"/>", left, py(y), Math.max(1, right - left), bottom() - py(y), colour));
    }

    void polyline(double[] xs, double[] ys, String colour, double width) {
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(xs[i]), py(ys[i])));
        }
        raw("<polyline points=\"" + pts.toString().strip() + "\" fill=\"none\" stroke=\"" + colour
                + "\" stroke-width=\"" + width + "\"/>");
    }

    /** The area between {@code lo} and {@code hi} over {@code xs}. */
    void band(double[] xs, double[] lo, double[] hi, String colour) {
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(xs[i]), py(hi[i])));
        }
        for (int i = xs.length - 1; i >= 0; i--) {
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(xs[i]), py(lo[i])));
        }
        raw("<polygon points=\"" + pts.toString().strip() + "\" fill=\"" + colour + "\" stroke=\"none\"/>");
    }

    /** A text at a pixel position below the x axis, for category names. */
    void xCategory(double x, String name) {
        text(px(x), bottom() + 36, name, "middle", 12, "normal");
    }

    /** The chart as an SVG group, legend included. */
    String group() {
        StringBuilder g = new StringBuilder("<g>\n").append(body);
        double x = LEFT;
        double y = originY + 50;
        for (String[] e : legend) {
            switch (e[0]) {
                case "dot" -> g.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>"
                        + "\n", x + 6, y - 4, e[1]));
                case "cross" -> g.append(cross(x + 6, y - 4, e[1])).append('\n');
                case "line" -> g.append(line(x, y - 4, x + 14, y - 4, e[1], 3)).append('\n');
                default -> g.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" "
                        + "height=\"10\" fill=\"%s\"/>\n", x, y - 9, e[1]));
            }
            g.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\">%s</text>\n", x + 18,
                    y, escape(e[2])));
            x += 30 + 6.6 * e[2].length();
        }
        return g.append("</g>\n").toString();
    }

    private void raw(String element) {
        body.append(element).append('\n');
    }

    private void text(double x, double y, String s, String anchor, int size, String weight) {
        raw(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" "
                + "font-weight=\"%s\">%s</text>", x, y, anchor, size, weight, escape(s)));
    }

    private static String line(double xa, double ya, double xb, double yb, String colour, double width) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                + "stroke-width=\"%s\"/>", xa, ya, xb, yb, colour, num(width));
    }

    /** A tick number: as few digits as it needs. */
    static String num(double v) {
        if (Math.abs(v) < 1e-12) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.6f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A whole SVG document of these charts, one under the other. */
    static String document(List<SvgPlot> charts) {
        int height = HEIGHT * Math.max(1, charts.size());
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n");
        charts.forEach(c -> sb.append(c.group()));
        return sb.append("</svg>\n").toString();
    }
}
