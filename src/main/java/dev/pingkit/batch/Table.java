package dev.pingkit.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * <b>A small table of text cells that prints itself aligned: the first column left, the others right.</b>
 * {@link Results#table} and {@link Results#stats} make them; the REPL prints the same value, so an experiment
 * gives the same table in JShell and in the REPL.
 *
 * @param header the column names
 * @param rows   the cells, each row as long as the header
 */
public record Table(List<String> header, List<List<String>> rows) {
    public Table {
        header = List.copyOf(header);
        List<List<String>> copy = new ArrayList<>();
        for (List<String> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException("row must have " + header.size() + " cells, got " + r.size());
            }
            copy.add(List.copyOf(r));
        }
        rows = List.copyOf(copy);
    }

    /** <b>A cell's text: {@code -} for nothing, three decimals for a fraction, else the value's own text.</b> */
    static String cell(Object v) {
        if (v == null || (v instanceof Double d && d.isNaN())) {
            return "-";
        }
        if (v instanceof Double || v instanceof Float) {
            return String.format(Locale.ROOT, "%.3f", ((Number) v).doubleValue());
        }
        return v.toString();
    }

    /** <b>The table as aligned lines, two spaces between columns, no trailing spaces.</b> */
    @Override
    public String toString() {
        int[] w = new int[header.size()];
        for (int c = 0; c < w.length; c++) {
            w[c] = header.get(c).length();
            for (List<String> r : rows) {
                w[c] = Math.max(w[c], r.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, w);
        for (List<String> r : rows) {
            line(sb, r, w);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] w) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String s = cells.get(c);
            if (c == 0) {
                l.append(s).append(" ".repeat(w[0] - s.length()));
            } else {
                l.append("  ").append(" ".repeat(w[c] - s.length())).append(s);
            }
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
