package dev.pingkit.batch;

import dev.pingkit.engine.Query;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * <b>The outcome of an experiment as a value: every probe with what came back, in send order.</b>
 *
 * <pre>{@code
 * var r = Query.to("198.51.100.2").size(0, 1400, 200).sendAll();
 * r                                   // Results: 8 probes, 8 answered, 0 errors, 0 lost
 * r.summary()                         // one line per probe
 * r.table("size", "target", "rtt")    // like Scapy's make_table
 * r.stats("size")                     // min/median/p90/max RTT and loss per size
 * r.csv(Path.of("run.csv")); r.json(Path.of("run.json")); r.pcap(Path.of("run.pcap"));
 * System.out.print(r.histogram());
 * }</pre>
 * Field names are those of {@link ProbeResult#field(String)}.
 */
public final class Results {
    private final List<ProbeResult> probes;
    private final String numbering; // empty: every id and seq went on the wire as asked

    private Results(List<ProbeResult> probes, String numbering) {
        this.probes = List.copyOf(probes);
        this.numbering = numbering;
    }

    /** <b>Results of these probes, in this order.</b> */
    public static Results of(List<ProbeResult> probes) {
        return new Results(probes, "");
    }

    /** These results with a note on how their probes were numbered (empty: as asked). */
    Results numbered(String note) {
        return new Results(probes, note);
    }

    /**
     * <b>Whose identifiers and sequence numbers went on the wire:</b> {@code as asked}, or what the engine or the
     * kernel chose instead and why ({@code seq by the engine, 1..8 in send order (no seq was set)}).
     * The requests in {@link #all()} always carry the numbers the wire carried.
     */
    public String numbering() {
        return numbering.isEmpty() ? "as asked" : numbering;
    }

    /** <b>Every probe, in send order.</b> */
    public List<ProbeResult> all() {
        return probes;
    }

    /** <b>How many probes.</b> */
    public int size() {
        return probes.size();
    }

    /** <b>The probes an echo reply answered (request, reply, RTT, TTL), corrupted ones included.</b> */
    public List<ProbeResult> answered() {
        return probes.stream().filter(ProbeResult::answered).toList();
    }

    /** <b>The requests nothing came back for.</b> */
    public List<Query> unanswered() {
        return probes.stream().filter(p -> p.status() == ProbeResult.Status.LOST).map(ProbeResult::request).toList();
    }

    /** <b>The probes an ICMP error came back for (time exceeded, unreachable, ...).</b> */
    public List<ProbeResult> errors() {
        return probes.stream().filter(p -> p.status() == ProbeResult.Status.ERROR).toList();
    }

    /** <b>These results followed by {@code more}.</b> */
    public Results plus(Results more) {
        List<ProbeResult> all = new ArrayList<>(probes);
        all.addAll(more.probes);
        return new Results(all, numbering.isEmpty() ? more.numbering : numbering);
    }

    /** <b>One line per probe, as {@link ProbeResult#toString()}.</b> */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        probes.forEach(p -> sb.append(p).append('\n'));
        return sb.toString();
    }

    /**
     * <b>A table with a row per value of {@code row}, a column per value of {@code column}, and {@code value} in the
     * cells, like Scapy's {@code make_table}.</b> Numeric rows and columns are sorted, others keep their first
     * appearance; when several probes fall in one cell the last one's value shows.
     * <pre>{@code r.table(p -> p.request().payloadLength(), p -> p.request().ttl(), ProbeResult::rttMillis)}</pre>
     */
    public Table table(Function<ProbeResult, ?> row, Function<ProbeResult, ?> column, Function<ProbeResult, ?> value,
                       String rowName) {
        return ResultsTables.byFunctions(probes, row, column, value, rowName);
    }

    /** <b>{@link #table(Function, Function, Function, String)} with functions as lambdas, the row column unnamed.</b> */
    public Table table(Function<ProbeResult, ?> row, Function<ProbeResult, ?> column,
                       Function<ProbeResult, ?> value) {
        return table(row, column, value, "");
    }

    /**
     * <b>{@link #table(Function, Function, Function, String)} by field names, each cell the median of its probes'
     * values:</b> {@code r.table("size", "target", "rtt")}. {@link #table(String, String, String, CellStatistic)}
     * names another statistic.
     *
     * @throws IllegalArgumentException if a name is not a field (the message lists them)
     */
    public Table table(String row, String column, String value) {
        return table(row, column, value, CellStatistic.MEDIAN);
    }

    /**
     * <b>A table by field names, each cell {@code statistic} of the values of the probes that fall into it</b>:
     * {@code r.table("size", "target", "rtt", CellStatistic.P90)}. Probes without a value (a lost probe's rtt) do
     * not count; a cell of words shows its distinct values joined by {@code /}.
     *
     * @throws IllegalArgumentException if a name is not a field (the message lists them)
     */
    public Table table(String row, String column, String value, CellStatistic statistic) {
        return ResultsTables.byFields(probes, row, column, value, statistic);
    }



    /**
     * <b>Per value of the field {@code group}: probes sent, lost (no reply), and the RTT's min, median, p90 and max
     * in milliseconds.</b> Medians and p90 are nearest-rank over the answered probes. A router's time exceeded
     * (a trace's hop answering) is no loss: where the results hold one, a {@code hop} column after {@code sent}
     * counts them and their RTTs join the figures.
     */
    public Table stats(String group) {
        return ResultsTables.stats(probes, group);
    }


    /** <b>Every probe's RTT in nanoseconds in send order, -1 where none came back.</b> */
    public long[] rtts() {
        return probes.stream().mapToLong(p -> p.answered() ? p.rttNanos() : -1).toArray();
    }

    /** <b>The RTT histogram with a sparkline of the run, drawn as the terminal and locale allow.</b> */
    public String histogram() {
        return RttChart.histogram(rtts(), RttChart.Glyphs.current());
    }

    /** <b>The RTT histogram with a sparkline of the run, drawn with these glyphs.</b> */
    public String histogram(RttChart.Glyphs glyphs) {
        return RttChart.histogram(rtts(), glyphs);
    }

    /** <b>The run as a sparkline, one character per probe, lost probes marked.</b> */
    public String sparkline() {
        return RttChart.sparkline(rtts(), RttChart.Glyphs.current());
    }

    /**
     * <b>The run's pictures as one SVG document:</b> RTT over time in send order, each lost, failed and corrupted
     * probe marked by colour; RTT against the varied field (the first of size, ttl, tos, target, id, seq that takes
     * more than one value; left out when none does) with the median, the p10-p90 band and each probe as a dot; and
     * the RTT histogram. Axes carry their units and each chart a legend.
     */
    public String svg() {
        return ResultsSvg.document(probes, java.util.Optional.empty());
    }

    /**
     * <b>As {@link #svg()}, RTT plotted against {@code field}.</b>
     *
     * @throws IllegalArgumentException if {@code field} is not a field (the message lists them)
     */
    public String svg(String field) {
        ResultsTables.checkField(field);
        return ResultsSvg.document(probes, java.util.Optional.of(field));
    }

    /** <b>Writes {@link #svg()} to {@code file} (open it in a browser); returns the file.</b> */
    public Path svg(Path file) throws IOException {
        Files.writeString(file, svg(), StandardCharsets.UTF_8);
        return file;
    }

    /** <b>Writes {@link #svg(String)} to {@code file}; returns the file.</b> */
    public Path svg(Path file, String field) throws IOException {
        Files.writeString(file, svg(field), StandardCharsets.UTF_8);
        return file;
    }

    /** <b>The same results as a table with a row per probe and a column per field.</b> */
    public Table toTable() {
        List<List<String>> rows = new ArrayList<>();
        for (ProbeResult p : probes) {
            List<String> r = new ArrayList<>();
            for (String f : ProbeResult.FIELDS) {
                r.add(Table.cell(p.field(f)));
            }
            rows.add(r);
        }
        return new Table(ProbeResult.FIELDS, rows);
    }

    /** <b>Writes one CSV line per probe under a header of the field names plus {@code sent_ns}; returns the file.</b> */
    public Path csv(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(ResultsCsv.header());
            for (ProbeResult p : probes) {
                w.write(ResultsCsv.line(p));
            }
        }
        return file;
    }

    /** <b>The CSV header line {@link #csv} writes, newline included.</b> */
    public static String csvHeader() {
        return ResultsCsv.header();
    }

    /** <b>One probe as the CSV line {@link #csv} writes, newline included.</b> */
    public static String csvLine(ProbeResult p) {
        return ResultsCsv.line(p);
    }

    /**
     * <b>Reads a file {@link #csv} wrote back into results (requests and outcomes; no reply bytes).</b>
     *
     * @throws IllegalArgumentException naming the file, line, field and value of the first line that does not fit
     */
    public static Results readCsv(Path file) throws IOException {
        return ResultsCsv.read(file);
    }

    /** <b>Writes a JSON array, one object per probe (fields as in CSV; numbers as numbers, null where none).</b> */
    public Path json(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("[\n");
            for (int i = 0; i < probes.size(); i++) {
                w.write("  " + jsonObject(probes.get(i)) + (i + 1 < probes.size() ? ",\n" : "\n"));
            }
            w.write("]\n");
        }
        return file;
    }

    /** <b>One probe as a one-line JSON object.</b> */
    public static String jsonObject(ProbeResult p) {
        StringBuilder sb = new StringBuilder("{");
        for (String f : ProbeResult.FIELDS) {
            Object v = p.field(f);
            sb.append('"').append(f).append("\":");
            if (v == null) {
                sb.append("null");
            } else if (v instanceof Number) {
                sb.append(v instanceof Double ? Table.cell(v) : v.toString());
            } else {
                sb.append('"').append(v.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
            sb.append(',');
        }
        return sb.append("\"sent_ns\":").append(p.sentEpochNanos()).append('}').toString();
    }

    /**
     * <b>Writes every probe and every reply or error as a pcap capture (raw IP, nanosecond stamps) Wireshark and
     * {@code tshark -r} read; returns the file.</b> A request is stamped when it left, a reply at that time plus its
     * RTT. Where the kernel wrote the IP header and the socket did not show it (every request, ICMPv6 replies),
     * the capture gets the header the wire carried: the probe's TTL / hop limit and TOS, the source address the
     * route to the target uses, and for ICMPv6 the checksum the kernel fills in. Results loaded from CSV have no
     * reply bytes; only their requests are written.
     */
    public Path pcap(Path file) throws IOException {
        ResultsCapture.pcap(probes, file);
        return file;
    }

    /**
     * <b>As {@link #pcap}, as pcapng, each packet with a comment saying how its probe ended; returns the file.</b>
     * A request says {@code seq 5: lost}, {@code seq 4: answered in 0.061 ms} or the error that came; a reply
     * {@code answers seq 4}, or {@code corrupted: byte 12 differs; answers seq 4} (offsets within the ICMP
     * message). Wireshark shows them; {@code tshark -T fields -e frame.comment} prints them.
     */
    public Path pcapng(Path file) throws IOException {
        ResultsCapture.pcapng(probes, file);
        return file;
    }

    /**
     * <b>One line: {@code Results: 8 probes, 7 answered, 0 errors, 1 lost}</b>, then {@code , 5 captured} when a
     * capture's messages are among them.
     */
    @Override
    public String toString() {
        long corrupted = probes.stream().filter(p -> p.status() == ProbeResult.Status.CORRUPTED).count();
        long captured = probes.stream().filter(p -> p.status() == ProbeResult.Status.CAPTURED).count();
        return "Results: " + probes.size() + " probe" + (probes.size() == 1 ? "" : "s") + ", " + answered().size()
                + " answered" + (corrupted > 0 ? " (" + corrupted + " corrupted)" : "") + ", " + errors().size()
                + " error" + (errors().size() == 1 ? "" : "s") + ", " + unanswered().size() + " lost"
                + (captured > 0 ? ", " + captured + " captured" : "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Results r && probes.equals(r.probes) && numbering.equals(r.numbering);
    }

    @Override
    public int hashCode() {
        return probes.hashCode();
    }
}
