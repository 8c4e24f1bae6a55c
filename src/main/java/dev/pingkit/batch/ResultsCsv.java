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

    /** Longest line read: a line {@link #line} writes is under 200 characters. */
    static final int MAX_LINE = 1024;
    /** Most results one file may hold (about 70 MB of CSV), so an endless file ends in an error, not in memory. */
    static final int MAX_RESULTS = 1_000_000;

    /**
     * Reads a file {@link Results#csv} wrote. A line that does not fit names the file, the line, the column and
     * the value ({@code run.csv line 3: size must be 0..65527, got -4}); so does a line longer than
     * {@link #MAX_LINE}, a file of more than {@link #MAX_RESULTS} results (a link to {@code /dev/zero} is one) and
     * bytes that are not UTF-8 text.
     */
    static Results read(Path file) throws IOException {
        List<ProbeResult> out = new ArrayList<>();
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder))) {
            int n = 1;
            try {
                String head = line(r, file, n);
                if (head == null || !head.equals(String.join(",", COLUMNS))) {
                    throw new IllegalArgumentException(file + " line 1: header must be " + String.join(",", COLUMNS)
                            + ", got " + (head == null ? "an empty file" : shortened(head)));
                }
                for (String line = line(r, file, ++n); line != null; line = line(r, file, ++n)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    if (out.size() == MAX_RESULTS) {
                        throw new IllegalArgumentException(file + " line " + n + ": more than " + MAX_RESULTS
                                + " results in one file");
                    }
                    try {
                        out.add(parse(line));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(file + " line " + n + ": " + e.getMessage());
                    }
                }
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new IllegalArgumentException(file + " line " + n + ": not UTF-8 text (a results CSV is)");
            }
        }
        return Results.of(out);
    }

    private static String shortened(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "... (" + s.length() + " characters)";
    }

    /** The next line, at most {@link #MAX_LINE} characters; null at the end. */
    private static String line(BufferedReader r, Path file, int n) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = r.read(); c >= 0; c = r.read()) {
            if (c == '\n') {
                return b.toString();
            }
            if (b.length() == MAX_LINE) {
                throw new IllegalArgumentException(file + " line " + n + ": longer than " + MAX_LINE
                        + " characters (not a results CSV)");
            }
            b.append((char) c);
        }
        return b.length() == 0 ? null : b.toString();
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
            throw new IllegalArgumentException("status must be " + statusWords() + ", got " + v.get(6));
        }
        InetAddress from = v.get(7).isEmpty() ? null : address("from", v.get(7));
        long rtt = v.get(8).isEmpty() ? -1 : rttNanos(v.get(8));
        int replyTtl = v.get(9).isEmpty() ? -1 : integer("reply_ttl", v.get(9));
        int type = v.get(10).isEmpty() ? -1 : byteValue("type", v.get(10));
        int code = v.get(11).isEmpty() ? -1 : byteValue("code", v.get(11));
        if ((type < 0) != (code < 0)) {
            throw new IllegalArgumentException("type and code go together, got type '" + v.get(10) + "' and code '"
                    + v.get(11) + "'");
        }
        long sent;
        try {
            sent = Long.parseLong(v.get(12));
        } catch (NumberFormatException x) {
            throw new IllegalArgumentException("sent_ns must be an integer, got " + v.get(12));
        }
        return new ProbeResult(e, sent, status, from, rtt, replyTtl, null, type, code);
    }

    /** Longest RTT a file may give: an hour, far beyond any probe's timeout. */
    private static final double MAX_RTT_MILLIS = 3_600_000;

    private static long rttNanos(String s) {
        double ms = number("rtt", s);
        if (!(ms >= 0 && ms <= MAX_RTT_MILLIS)) { // NaN fails both
            throw new IllegalArgumentException("rtt must be 0.." + (long) MAX_RTT_MILLIS + " ms, got " + s);
        }
        return Math.round(ms * 1e6);
    }

    private static int byteValue(String field, String s) {
        int v = integer(field, s);
        if (v < 0 || v > 255) {
            throw new IllegalArgumentException(field + " must be 0..255, got " + s);
        }
        return v;
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

    // From the enum itself, so a status added later (captured was) is never missing from the error.
    private static String statusWords() {
        List<String> words = new ArrayList<>();
        for (ProbeResult.Status s : ProbeResult.Status.values()) {
            words.add(s.word());
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }
}
