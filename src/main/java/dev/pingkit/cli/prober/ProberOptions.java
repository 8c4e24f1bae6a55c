package dev.pingkit.cli.prober;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

import dev.pingkit.cli.Literals;
import dev.pingkit.cli.UsageException;

/**
 * <b>{@code scripts/prober}'s options as Commons CLI options, and their conversion into a {@link ProberConfig}.</b>
 * Every mistake becomes a {@link UsageException} (exit 2) whose message names the option, the value and what is
 * allowed.
 */
public final class ProberOptions {
    /** smokeping_prober's port, on loopback only unless asked otherwise. */
    static final String DEFAULT_LISTEN = "127.0.0.1:9374";
    private static final Pattern LISTEN = Pattern.compile("(?:\\[([0-9a-fA-F:.]+)]|([0-9.]+)):(\\d{1,5})");
    private static final Pattern SECONDS = Pattern.compile("\\d+(\\.\\d+)?|\\.\\d+");

    private static final Options OPTIONS = build();

    private ProberOptions() {
    }

    /** The option table, for the help text and tests. */
    public static Options options() {
        return OPTIONS;
    }

    private static Options build() {
        Options o = new Options();
        o.addOption(Option.builder("f").longOpt("targets-file").hasArg().argName("file")
                .desc("more targets, one a line ('#' starts a comment); reread on SIGHUP").get());
        o.addOption(Option.builder("i").longOpt("interval").hasArg().argName("seconds")
                .desc("time between probes to one target (default 1, at least 0.01)").get());
        o.addOption(Option.builder("r").longOpt("rate").hasArg().argName("probes/s")
                .desc("most probes a second, all targets together (default: no limit; 1..1000000)").get());
        o.addOption(Option.builder("s").longOpt("size").hasArg().argName("bytes")
                .desc("ICMP data bytes (default 56, 0..1472)").get());
        o.addOption(Option.builder("4").desc("resolve host names to IPv4 addresses").get());
        o.addOption(Option.builder("6").desc("resolve host names to IPv6 addresses").get());
        o.addOption(Option.builder().longOpt("listen").hasArg().argName("address:port")
                .desc("serve /metrics here (default " + DEFAULT_LISTEN + "; an IP literal, [v6]:port; port 0 picks one)")
                .get());
        o.addOption(Option.builder().longOpt("buckets").hasArg().argName("seconds,...")
                .desc("RTT histogram bounds (default smokeping_prober's: 5e-05 doubling to 26.2144)").get());
        o.addOption(Option.builder().longOpt("json").desc("print one JSON line per probe outcome instead of serving HTTP")
                .get());
        o.addOption(Option.builder("h").longOpt("help").desc("print this help and exit").get());
        o.addOption(Option.builder("V").longOpt("version").desc("print the version and exit").get());
        return o;
    }

    /** What the command line asks for: a run, the help text or the version. */
    public sealed interface Parsed permits Run, Help, Version { }

    /** A prober run. */
    public record Run(ProberConfig config) implements Parsed { }

    /** {@code -h} or {@code --help}. */
    public record Help() implements Parsed { }

    /** {@code -V} or {@code --version}. */
    public record Version() implements Parsed { }

    /** <b>Parses {@code args}.</b> */
    public static Parsed parse(String[] args) throws UsageException {
        CommandLine cmd;
        try {
            cmd = DefaultParser.builder().setAllowPartialMatching(false).get().parse(OPTIONS, args);
        } catch (MissingArgumentException e) {
            throw new UsageException("option " + name(e.getOption()) + " needs a value");
        } catch (UnrecognizedOptionException e) {
            throw new UsageException("unknown option '" + e.getOption() + "' (see --help)");
        } catch (ParseException e) {
            throw new UsageException(e.getMessage());
        }
        if (cmd.hasOption("h")) {
            return new Help();
        }
        if (cmd.hasOption("V")) {
            return new Version();
        }
        if (cmd.hasOption("4") && cmd.hasOption("6")) {
            throw new UsageException("options -4 and -6 exclude each other");
        }
        int family = cmd.hasOption("4") ? 4 : cmd.hasOption("6") ? 6 : 0;
        Duration interval = Duration.ofSeconds(1);
        if (cmd.hasOption("i")) {
            interval = seconds("-i/--interval", cmd.getOptionValue("i"), 0.01, 3600);
        }
        long rate = 0;
        if (cmd.hasOption("r")) {
            rate = integer("-r/--rate", cmd.getOptionValue("r"), 1, 1_000_000);
        }
        int size = 56;
        if (cmd.hasOption("s")) {
            size = (int) integer("-s/--size", cmd.getOptionValue("s"), 0, 1472);
        }
        Buckets buckets = Buckets.SMOKEPING;
        if (cmd.hasOption("buckets")) {
            try {
                buckets = Buckets.parse(cmd.getOptionValue("buckets"));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        boolean json = cmd.hasOption("json");
        if (json && cmd.hasOption("listen")) {
            throw new UsageException("options --json and --listen exclude each other (--json serves no HTTP)");
        }
        Optional<InetSocketAddress> listen = json ? Optional.empty()
                : Optional.of(listen(cmd.getOptionValue("listen", DEFAULT_LISTEN)));
        Optional<Path> file = Optional.ofNullable(cmd.getOptionValue("f")).map(Path::of);
        List<String> targets = cmd.getArgList();
        for (String t : targets) {
            if (t.isBlank()) {
                throw new UsageException("a target must not be empty");
            }
        }
        if (targets.isEmpty() && file.isEmpty()) {
            throw new UsageException("no targets: name some, or a targets file with -f (see --help)");
        }
        return new Run(new ProberConfig(targets, file, interval, rate, size, family, listen, buckets, json));
    }

    private static String name(Option o) {
        return o.getOpt() != null ? "-" + o.getOpt() : "--" + o.getLongOpt();
    }

    private static Duration seconds(String option, String value, double min, double max) throws UsageException {
        if (!SECONDS.matcher(value).matches()) {
            throw new UsageException(option + " must be seconds from " + min + " to " + (long) max + ", got '"
                    + value + "'");
        }
        double s = Double.parseDouble(value);
        if (s < min || s > max) {
            throw new UsageException(option + " must be seconds from " + min + " to " + (long) max + ", got '"
                    + value + "'");
        }
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    private static long integer(String option, String value, long min, long max) throws UsageException {
        long v;
        try {
            v = Long.parseLong(value);
        } catch (NumberFormatException e) {
            v = Long.MIN_VALUE;
        }
        if (v < min || v > max) {
            throw new UsageException(option + " must be a whole number from " + min + " to " + max + ", got '"
                    + value + "'");
        }
        return v;
    }

    /** {@code address:port} with an IP literal (no name: a listener must not depend on a resolver). */
    static InetSocketAddress listen(String value) throws UsageException {
        Matcher m = LISTEN.matcher(value);
        String bad = "--listen must be address:port with an IP literal and a port 0..65535 (e.g. "
                + DEFAULT_LISTEN + " or [::1]:9374), got '" + value + "'";
        if (!m.matches()) {
            throw new UsageException(bad);
        }
        int port = Integer.parseInt(m.group(3));
        if (port > 65535) {
            throw new UsageException(bad);
        }
        String host = m.group(1) != null ? m.group(1) : m.group(2);
        if (!(m.group(1) != null ? Literals.isIPv6(host) : Literals.isIPv4(host))) {
            throw new UsageException(bad);
        }
        try {
            // A literal only (checked by the pattern), so this never asks a resolver.
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new UsageException(bad);
        }
    }
}
