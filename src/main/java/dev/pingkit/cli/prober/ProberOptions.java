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
        o.addOption(Option.builder().longOpt("native-histogram-factor").hasArg().argName("factor")
                .desc("growth factor between the native RTT histogram's buckets (default 1.05, as smokeping_prober; "
                        + "above 1, at most 65536)").get());
        o.addOption(Option.builder().longOpt("web.config.file").hasArg().argName("file")
                .desc("TLS and basic auth from Prometheus' exporter-toolkit web config file (as smokeping_prober's)")
                .get());
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
        int schema = NATIVE_SCHEMA_DEFAULT;
        if (cmd.hasOption("native-histogram-factor")) {
            schema = nativeSchema(cmd.getOptionValue("native-histogram-factor"));
        }
        boolean json = cmd.hasOption("json");
        for (String web : new String[] {"listen", "web.config.file"}) {
            if (json && cmd.hasOption(web)) {
                throw new UsageException("options --json and --" + web + " exclude each other (--json serves no "
                        + "HTTP)");
            }
        }
        Optional<Path> webConfig = Optional.ofNullable(cmd.getOptionValue("web.config.file")).map(Path::of);
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
        return new Run(new ProberConfig(targets, file, interval, rate, size, family, listen, buckets, json, schema,
                webConfig));
    }

    /** smokeping_prober's default factor, 1.05, gives schema 4 (a factor of 2^(1/16), about 1.044). */
    static final int NATIVE_SCHEMA_DEFAULT = 4;

    /**
     * The native histogram schema for a bucket growth {@code factor}: the coarsest schema whose factor
     * 2^(2^-schema) is at most the one asked (as Prometheus' Go client picks it), within the format's -4..8.
     */
    static int nativeSchema(String value) throws UsageException {
        double f = SECONDS.matcher(value).matches() ? Double.parseDouble(value) : Double.NaN;
        if (!(f > 1) || f > 65536) {
            throw new UsageException("--native-histogram-factor must be a number above 1 and at most 65536 (e.g. "
                    + "1.05, finer 1.01, coarser 1.5), got '" + value + "'");
        }
        int schema = (int) Math.ceil(-Math.log(Math.log(f) / Math.log(2)) / Math.log(2) - 1e-9);
        return Math.max(-4, Math.min(8, schema));
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
        InetAddress a;
        try {
            // A literal only (checked by the pattern), so this never asks a resolver.
            a = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new UsageException(bad);
        }
        if (a.isLinkLocalAddress()) {
            // The kernel refuses it with a bare EINVAL: a link-local address exists once per interface.
            throw new UsageException("--listen " + value + ": a link-local address needs its interface, which "
                    + "--listen does not take; listen on a global or loopback address, or [::]:" + port);
        }
        if (a.isMulticastAddress()) {
            throw new UsageException("--listen " + value + ": a multicast address cannot be listened on");
        }
        return new InetSocketAddress(a, port);
    }
}
