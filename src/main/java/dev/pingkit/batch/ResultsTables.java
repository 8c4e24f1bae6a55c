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
        Map<Object, Map<Object, Object>> cells = new LinkedHashMap<>();
        List<Object> columns = new ArrayList<>();
        for (ProbeResult p : probes) {
            Object r = row.apply(p);
            Object c = column.apply(p);
            if (!columns.contains(c)) {
                columns.add(c);
            }
            cells.computeIfAbsent(r, k -> new LinkedHashMap<>()).put(c, value.apply(p));
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
                line.add(Table.cell(cells.get(r).get(c)));
            }
            lines.add(line);
        }
        return new Table(header, lines);
    }

    static Table byFields(List<ProbeResult> probes, String row, String column, String value,
                          CellStatistic statistic) {
        for (String f : List.of(row, column, value)) {
            checkField(f);
        }
        Map<Object, Map<Object, List<Object>>> cells = new LinkedHashMap<>();
        List<Object> columns = new ArrayList<>();
        for (ProbeResult p : probes) {
            Object c = p.field(column);
            if (!columns.contains(c)) {
                columns.add(c);
            }
            cells.computeIfAbsent(p.field(row), k -> new LinkedHashMap<>())
                    .computeIfAbsent(c, k -> new ArrayList<>()).add(p.field(value));
        }
        List<Object> rows = new ArrayList<>(cells.keySet());
        sortIfNumeric(rows);
        sortIfNumeric(columns);
        List<String> header = new ArrayList<>();
        header.add(row);
        columns.forEach(c -> header.add(Table.cell(c)));
        List<List<String>> lines = new ArrayList<>();
        for (Object r : rows) {
            List<String> line = new ArrayList<>();
            line.add(Table.cell(r));
            for (Object c : columns) {
                List<Object> in = cells.get(r).get(c);
                line.add(Table.cell(in == null ? null : statistic.apply(in)));
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
        List<List<String>> rows = new ArrayList<>();
        for (Object k : keys) {
            List<ProbeResult> g = groups.get(k);
            long[] rtt = g.stream().filter(ProbeResult::answered).mapToLong(ProbeResult::rttNanos).sorted().toArray();
            // a captured message was never a probe: it is counted, never lost
            long lost = g.stream().filter(p -> !p.answered() && p.status() != ProbeResult.Status.CAPTURED).count();
            rows.add(List.of(Table.cell(k), String.valueOf(g.size()), String.valueOf(lost),
                    String.format(Locale.ROOT, "%.0f%%", 100.0 * lost / g.size()),
                    ms(rtt, 0), ms(rtt, 50), ms(rtt, 90), ms(rtt, 100)));
        }
        return new Table(List.of(group, "sent", "lost", "loss", "min", "median", "p90", "max"), rows);
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
