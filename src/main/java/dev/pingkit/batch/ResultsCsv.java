package dev.pingkit.batch;

import dev.pingkit.engine.Query;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The CSV form of {@link Results}: the header, a line per probe, and reading a file back. */
final class ResultsCsv {
    private static final List<String> COLUMNS;

    static {
        List<String> c = new ArrayList<>(ProbeResult.FIELDS);
        c.add("sent_ns");
        COLUMNS = List.copyOf(c);
    }

    private ResultsCsv() {
    }

    static String header() {
        return String.join(",", COLUMNS) + "\n";
    }

    static String line(ProbeResult p) {
        StringBuilder sb = new StringBuilder();
        for (String f : ProbeResult.FIELDS) {
            Object v = p.field(f);
            sb.append(v == null ? "" : Table.cell(v)).append(',');
        }
        return sb.append(p.sentEpochNanos()).append('\n').toString();
    }

    /**
     * Reads a file {@link Results#csv} wrote. A line that does not fit names the file, the line, the column and
     * the value ({@code run.csv line 3: size must be 0..65527, got -4}).
     */
    static Results read(Path file) throws IOException {
        List<ProbeResult> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String head = r.readLine();
            if (head == null || !head.equals(String.join(",", COLUMNS))) {
                throw new IllegalArgumentException(file + " line 1: header must be " + String.join(",", COLUMNS)
                        + ", got " + (head == null ? "an empty file" : head));
            }
            int n = 1;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(parse(line));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + " line " + n + ": " + e.getMessage());
                }
            }
        }
        return Results.of(out);
    }

    private static ProbeResult parse(String line) {
        List<String> v = Arrays.asList(line.split(",", -1));
        if (v.size() != COLUMNS.size()) {
            throw new IllegalArgumentException(COLUMNS.size() + " columns expected, got " + v.size());
        }
        Query e = Query.to(address("target", v.get(0)));
        e = e.id(integer("id", v.get(1))).seq(integer("seq", v.get(2))).size(integer("size", v.get(3)));
        if (!v.get(4).isEmpty()) {
            e = e.ttl(integer("ttl", v.get(4)));
        }
        if (!v.get(5).isEmpty()) {
            e = e.tos(integer("tos", v.get(5)));
        }
        ProbeResult.Status status = null;
        for (ProbeResult.Status s : ProbeResult.Status.values()) {
            if (s.word().equals(v.get(6))) {
                status = s;
            }
        }
        if (status == null) {
            throw new IllegalArgumentException("status must be answered, corrupted, error, lost or send-failed, got " + v.get(6));
        }
        InetAddress from = v.get(7).isEmpty() ? null : address("from", v.get(7));
        long rtt = v.get(8).isEmpty() ? -1 : Math.round(number("rtt", v.get(8)) * 1e6);
        int replyTtl = v.get(9).isEmpty() ? -1 : integer("reply_ttl", v.get(9));
        long sent;
        try {
            sent = Long.parseLong(v.get(12));
        } catch (NumberFormatException x) {
            throw new IllegalArgumentException("sent_ns must be an integer, got " + v.get(12));
        }
        return new ProbeResult(e, sent, status, from, rtt, replyTtl, null);
    }

    private static InetAddress address(String field, String s) {
        if (!s.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException(field + " must be an IPv4 or IPv6 address, got " + s);
        }
        try {
            return InetAddress.getByName(s); // a literal: no lookup
        } catch (java.net.UnknownHostException x) {
            throw new IllegalArgumentException(field + " must be an IPv4 or IPv6 address, got " + s);
        }
    }

    private static int integer(String field, String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException x) {
            throw new IllegalArgumentException(field + " must be an integer, got " + s);
        }
    }

    private static double number(String field, String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException x) {
            throw new IllegalArgumentException(field + " must be a number, got " + s);
        }
    }
}
