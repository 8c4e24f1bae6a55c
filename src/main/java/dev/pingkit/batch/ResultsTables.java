package dev.pingkit.batch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The tables of {@link Results}: make_table by functions or by field names, and the statistics per group. */
final class ResultsTables {
    private ResultsTables() {
    }

    static Table byFunctions(List<ProbeResult> probes, Function<ProbeResult, ?> row, Function<ProbeResult, ?> column,
                             Function<ProbeResult, ?> value, String rowName) {
        // make_table's rule: when several probes fall in one cell, the last one's value shows
        return grid(probes, row, column, value, rowName, in -> in.get(in.size() - 1));
    }

    static Table byFields(List<ProbeResult> probes, String row, String column, String value,
                          CellStatistic statistic) {
        for (String f : List.of(row, column, value)) {
            checkField(f);
        }
        return grid(probes, p -> p.field(row), p -> p.field(column), p -> p.field(value), row, statistic::apply);
    }

    /** Rows by {@code row}, columns by {@code column}, each cell what {@code cell} makes of its probes' values. */
    private static Table grid(List<ProbeResult> probes, Function<ProbeResult, ?> row, Function<ProbeResult, ?> column,
                              Function<ProbeResult, ?> value, String rowName, Function<List<Object>, ?> cell) {
        Map<Object, Map<Object, List<Object>>> cells = new LinkedHashMap<>();
        List<Object> columns = new ArrayList<>();
        for (ProbeResult p : probes) {
            Object c = column.apply(p);
            if (!columns.contains(c)) {
                columns.add(c);
            }
            cells.computeIfAbsent(row.apply(p), k -> new LinkedHashMap<>())
                    .computeIfAbsent(c, k -> new ArrayList<>()).add(value.apply(p));
        }
        List<Object> rows = new ArrayList<>(cells.keySet());
        sortIfNumeric(rows);
        sortIfNumeric(columns);
        List<String> header = new ArrayList<>();
        header.add(rowName);
        columns.forEach(c -> header.add(Table.cell(c)));
        List<List<String>> lines = new ArrayList<>();
        for (Object r : rows) {
            List<String> line = new ArrayList<>();
            line.add(Table.cell(r));
            for (Object c : columns) {
                List<Object> in = cells.get(r).get(c);
                line.add(Table.cell(in == null ? null : cell.apply(in)));
            }
            lines.add(line);
        }
        return new Table(header, lines);
    }

    static Table stats(List<ProbeResult> probes, String group) {
        checkField(group);
        Map<Object, List<ProbeResult>> groups = new LinkedHashMap<>();
        for (ProbeResult p : probes) {
            groups.computeIfAbsent(p.field(group), k -> new ArrayList<>()).add(p);
        }
        List<Object> keys = new ArrayList<>(groups.keySet());
        sortIfNumeric(keys);
        // The hop column only where a trace's rows are among the results: other tables read as they always did.
        boolean hops = probes.stream().anyMatch(ResultsTables::hopAnswer);
        List<List<String>> rows = new ArrayList<>();
        for (Object k : keys) {
            List<ProbeResult> g = groups.get(k);
            long[] rtt = g.stream().filter(p -> p.answered() || hopAnswer(p) && p.rttNanos() >= 0)
                    .mapToLong(ProbeResult::rttNanos).sorted().toArray();
            long hop = g.stream().filter(ResultsTables::hopAnswer).count();
            // a captured message was never a probe, and a hop's time exceeded answers a trace's: neither is lost
            long lost = g.stream().filter(p -> !p.answered() && p.status() != ProbeResult.Status.CAPTURED
                    && !hopAnswer(p)).count();
            List<String> row = new ArrayList<>(List.of(Table.cell(k), String.valueOf(g.size())));
            if (hops) {
                row.add(String.valueOf(hop));
            }
            row.addAll(List.of(String.valueOf(lost), String.format(Locale.ROOT, "%.0f%%", 100.0 * lost / g.size()),
                    ms(rtt, 0), ms(rtt, 50), ms(rtt, 90), ms(rtt, 100)));
            rows.add(row);
        }
        List<String> header = new ArrayList<>(List.of(group, "sent"));
        if (hops) {
            header.add(HOP_COLUMN);
        }
        header.addAll(List.of("lost", "loss", "min", "median", "p90", "max"));
        return new Table(header, rows);
    }

    /** The column of {@link #stats} counting time exceeded from a router: a trace's hop answering its probe. */
    static final String HOP_COLUMN = "hop";

    /** True when a router's time exceeded ended the probe: in a trace, that hop's answer. */
    static boolean hopAnswer(ProbeResult p) {
        return p.status() == ProbeResult.Status.ERROR
                && p.replyType() == (p.request().family() == 6 ? 3 : 11); // RFC 4443's and RFC 792's time exceeded
    }

    static void checkField(String f) {
        if (!ProbeResult.FIELDS.contains(f)) {
            throw new IllegalArgumentException("field must be one of " + String.join(" ", ProbeResult.FIELDS)
                    + ", got " + f);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void sortIfNumeric(List<Object> values) {
        if (values.stream().allMatch(v -> v instanceof Number)) {
            values.sort(Comparator.comparingDouble(v -> ((Number) v).doubleValue()));
        }
    }

    /** Nearest-rank percentile {@code p} (0 = min) of sorted {@code v}, as milliseconds text, "-" when empty. */
    private static String ms(long[] v, int p) {
        if (v.length == 0) {
            return "-";
        }
        int rank = p == 0 ? 1 : (int) Math.ceil(p / 100.0 * v.length);
        return Table.cell(v[Math.max(1, rank) - 1] / 1e6);
    }
}
