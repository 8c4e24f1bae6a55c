package dev.pingkit.repl;

import dev.pingkit.batch.CellStatistic;
import dev.pingkit.batch.ProbeResult;
import dev.pingkit.batch.Results;
import dev.pingkit.batch.RttChart;
import dev.pingkit.batch.Table;
import dev.pingkit.packet.Pcap;
import dev.pingkit.packet.PcapPacket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The commands of the experiment language that work on what {@code send} collected: {@code results}, {@code save},
 * {@code load}, {@code plot}. Tables are {@link Results}' own, so the REPL prints what JShell prints.
 */
final class ExperimentCommands {
    private final Session session;
    private final Console console;

    ExperimentCommands(Session session, Console console) {
        this.session = session;
        this.console = console;
    }

    /** Now, in nanoseconds since the epoch (the clock's resolution; microseconds on Linux). */
    static long nowEpochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static final List<String> STATISTICS = java.util.Arrays.stream(CellStatistic.values())
            .map(CellStatistic::word).toList();

    void register(Commands commands) {
        commands.add(new CommandSpec("results",
                "results [table <row> <column> <value> [<statistic>] | stats <group> | clear]",
                "the session's collected sends as a table, a make_table, or statistics per group",
                "results alone: one row per send (" + String.join(" ", ProbeResult.FIELDS) + ").\n"
                        + "results table size target rtt: a row per size, a column per target, the median RTT of each\n"
                        + "cell (like Scapy's make_table); a fifth word names another statistic: min p10 median p90\n"
                        + "max mean count last. results stats size: sent, lost, loss and RTT min/median/p90/max\n"
                        + "per size (a trace's time exceeded rows count in a hop column, as answers, not lost).\n"
                        + "results clear forgets them. The same tables as Results.table/stats in JShell.",
                before -> before.isEmpty() ? List.of("table", "stats", "clear")
                        : before.size() <= 3 && !before.get(0).equals("clear") ? ProbeResult.FIELDS
                        : before.size() == 4 && before.get(0).equals("table") ? STATISTICS : List.of(),
                this::results));
        commands.add(new CommandSpec("save", "save <file.csv|file.json|file.pcap|file.pcapng>",
                "write the collected sends to a CSV, JSON, pcap or pcapng file (by its extension)",
                "CSV: a header of the field names and sent_ns, a line per send. JSON: an array of objects.\n"
                        + "pcap: every probe and reply with nanosecond stamps, for Wireshark or tshark -r.\n"
                        + "pcapng: the same, each packet commented with how its probe ended (seq 5: lost).",
                CommandSpec.Completion.words(), this::save));
        commands.add(new CommandSpec("load", "load <file.csv|file.pcap|file.pcapng>",
                "add a saved CSV's sends to the results, or print a capture's packets decoded",
                "A CSV written by save (or Results.csv) joins this session's results. A capture (classic pcap or\n"
                        + "pcapng, as pingkit, tcpdump -w, dumpcap or Wireshark write it) is printed one decoded\n"
                        + "packet per line, with its comment.",
                CommandSpec.Completion.words(), this::load));
        commands.add(new CommandSpec("plot", "plot [file.svg [field]]",
                "RTT histogram and sparkline of the collected sends, or the charts as an SVG file",
                "Alone: one bar per RTT range, one for the lost probes, then a sparkline of the run in send order\n"
                        + "(lost probes marked). Unicode blocks on a UTF-8 terminal, ASCII elsewhere.\n"
                        + "plot run.svg: RTT over time (lost, failed and corrupted probes marked), RTT against the\n"
                        + "varied field (median, p10-p90, each probe a dot; plot run.svg ttl names it) and the\n"
                        + "histogram, as a file to open in a browser.",
                before -> before.size() == 1 ? ProbeResult.FIELDS : List.of(), this::plot));
    }

    /** Prints one send's result in the form {@code send} was asked for: -q, --csv or --json. */
    static void printOne(Console console, ResultLog log, ProbeResult p, String form) {
        switch (form) {
            case "--csv" -> {
                if (log.firstCsvLine()) {
                    console.println(Results.csvHeader().stripTrailing());
                }
                console.println(Results.csvLine(p).stripTrailing());
            }
            case "--json" -> console.println(Results.jsonObject(p));
            default -> console.println(p.toString());
        }
    }

    private void results(List<String> args) {
        Results r = session.results().snapshot();
        if (args.isEmpty()) {
            console.println(r.toString());
            if (r.size() > 0) {
                print(r.toTable().toString());
            }
            return;
        }
        switch (args.get(0)) {
            case "clear" -> {
                Commands.noArguments("results clear", args.subList(1, args.size()));
                session.results().clear();
                console.println("results cleared");
            }
            case "table" -> {
                if (args.size() != 4 && args.size() != 5) {
                    throw new UserError("results table needs <row> <column> <value> fields and an optional "
                            + "statistic, got " + String.join(" ", args.subList(1, args.size())));
                }
                needSome(r);
                CellStatistic stat;
                Table t;
                try {
                    stat = args.size() == 5 ? CellStatistic.of(args.get(4)) : CellStatistic.MEDIAN;
                    t = r.table(args.get(1), args.get(2), args.get(3), stat);
                } catch (IllegalArgumentException e) {
                    throw new UserError(e.getMessage());
                }
                // a cell may hold many probes: say what it shows
                String value = args.get(3);
                boolean words = r.all().stream().map(p -> p.field(value)).filter(v -> v != null).findFirst()
                        .map(v -> !(v instanceof Number)).orElse(false);
                console.println(stat == CellStatistic.COUNT ? "each cell: how many of its probes have a " + value
                        : stat == CellStatistic.LAST ? "each cell: the " + value + " of its last probe"
                        : words ? "each cell: every " + value + " of its probes, once each, /-separated"
                        : "each cell: the " + stat.word() + " " + value + " of its probes", Console.NOTE);
                print(t.toString());
            }
            case "stats" -> {
                if (args.size() != 2) {
                    throw new UserError("results stats needs one <group> field, got "
                            + String.join(" ", args.subList(1, args.size())));
                }
                needSome(r);
                Table t;
                try {
                    t = r.stats(args.get(1));
                } catch (IllegalArgumentException e) {
                    throw new UserError(e.getMessage());
                }
                if (t.header().contains("hop")) {
                    console.println("hop: time exceeded from a router, a trace's hop answering: not lost, its RTT "
                            + "counts", Console.NOTE);
                }
                print(t.toString());
            }
            default -> throw new UserError("results takes table, stats or clear, got " + args.get(0));
        }
    }

    private static void needSome(Results r) {
        if (r.size() == 0) {
            throw new UserError("no results yet: send collects them");
        }
    }

    private void print(String text) {
        console.println(text.stripTrailing());
    }

    private static String extension(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private void save(List<String> args) throws IOException {
        if (args.size() != 1) {
            throw new UserError("save takes one file name, got " + String.join(" ", args));
        }
        Results r = session.results().snapshot();
        Path file = Path.of(args.get(0));
        try {
            switch (extension(args.get(0))) {
                case "csv" -> r.csv(file);
                case "json" -> r.json(file);
                case "pcap" -> r.pcap(file);
                case "pcapng" -> r.pcapng(file);
                default -> throw new UserError("file must end in .csv, .json, .pcap or .pcapng, got " + args.get(0));
            }
        } catch (NoSuchFileException e) {
            Path dir = file.toAbsolutePath().getParent();
            throw new UserError("cannot save " + file + ": no such directory " + dir);
        } catch (IOException e) {
            throw new UserError("cannot save " + file + ": " + HistoryFile.reason(e));
        }
        console.println("saved " + r.size() + " result" + (r.size() == 1 ? "" : "s") + " to " + file);
    }

    private void load(List<String> args) throws IOException {
        if (args.size() != 1) {
            throw new UserError("load takes one file name, got " + String.join(" ", args));
        }
        Path file = Path.of(args.get(0));
        try {
            switch (extension(args.get(0))) {
                case "csv" -> {
                    Results r = Results.readCsv(file);
                    session.results().addAll(r);
                    console.println("loaded " + r.size() + " result" + (r.size() == 1 ? "" : "s") + " from " + file);
                }
                case "pcap", "pcapng" -> { // either format under either name: Pcap.read knows them by content
                    List<PcapPacket> packets = Pcap.read(file);
                    for (PcapPacket p : packets) {
                        console.println(p.toString());
                    }
                    console.println(packets.size() + " packet" + (packets.size() == 1 ? "" : "s") + " in " + file,
                            Console.NOTE);
                }
                default -> throw new UserError("file must end in .csv, .pcap or .pcapng, got " + args.get(0));
            }
        } catch (NoSuchFileException e) {
            throw new UserError("no such file: " + file);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UserError("cannot load " + file + ": not UTF-8 text (a results CSV is)");
        } catch (dev.pingkit.packet.PcapFormatException e) {
            throw e; // names the file and the offset already
        } catch (IOException e) {
            throw new UserError("cannot load " + file + ": " + HistoryFile.reason(e));
        }
    }

    private void plot(List<String> args) throws IOException {
        Results r = session.results().snapshot();
        if (!args.isEmpty()) {
            if (args.size() > 2 || !extension(args.get(0)).equals("svg")) {
                throw new UserError("plot takes nothing, or a file ending in .svg and a field, got "
                        + String.join(" ", args));
            }
            needSome(r);
            Path file = Path.of(args.get(0));
            if (args.size() == 2) {
                try {
                    r.svg(file, args.get(1));
                } catch (IllegalArgumentException e) {
                    throw new UserError(e.getMessage());
                }
            } else {
                r.svg(file);
            }
            console.println("plotted " + r.size() + " result" + (r.size() == 1 ? "" : "s") + " to " + file);
            return;
        }
        needSome(r);
        boolean utf8 = StandardCharsets.UTF_8.equals(console.terminal().encoding());
        RttChart.Glyphs g = utf8 ? RttChart.Glyphs.current() : RttChart.Glyphs.ASCII;
        print(r.histogram(g));
    }
}
