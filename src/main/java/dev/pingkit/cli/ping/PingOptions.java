package dev.pingkit.cli.ping;

import dev.pingkit.cli.CommandDoc;
import dev.pingkit.cli.Invocation;
import dev.pingkit.cli.Literals;
import dev.pingkit.cli.OptionHelp;
import dev.pingkit.cli.UsageException;
import dev.pingkit.packet.EchoPayload;
import dev.pingkit.packet.InterfaceId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Converter;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;
import org.apache.commons.cli.help.HelpFormatter;

/**
 * The iputils {@code ping} options as Commons CLI options with typed converters, and their conversion into an
 * {@link Invocation}. Limits, defaults and error wordings follow iputils (Debian's 20221126, the version the
 * comparison tests run against); every mistake becomes a {@link UsageException} (exit 2, one line).
 */
public final class PingOptions {

    /** The largest ICMP data after IPv4 (65535 - 20 - 8) and IPv6 (65535 - 8) headers, as iputils limits -s. */
    static final int MAX_DATA_V4 = EchoPayload.MAX_V4;
    static final int MAX_DATA_V6 = EchoPayload.MAX_V6;
    /** iputils' MIN_USER_INTERVAL_MS: below this only root may go. */
    static final int MIN_USER_INTERVAL_MS = 2;
    /** iputils' MAX_DUP_CHK: the largest preload. */
    static final int MAX_PRELOAD = 0x10000;

    /** What the command line asks for: a run, the help text or the version. */
    public sealed interface Parsed permits Run, Help, Version, NodeInfoHelp { }

    /**
     * {@code -N help} ({@code requested}: stdout, exit 0) or a word {@code -N} does not know (stderr, exit 2):
     * iputils' list of node information query words; {@code conflict} is the line iputils prints on stdout first
     * when two words ask different query or subject types ("Qtype conflict"), or null.
     */
    public record NodeInfoHelp(boolean requested, String conflict) implements Parsed { }

    /**
     * The words of {@code -N} that ask a query type (RFC 4620); the subject-* words only name what is asked about.
     * iputils takes "fqdn" for "name" too, though its help does not list it.
     */
    static final List<String> NODEINFO_QUERIES = List.of("name", "fqdn", "ipv6", "ipv6-all", "ipv6-compatible",
            "ipv6-global", "ipv6-linklocal", "ipv6-sitelocal", "ipv4", "ipv4-all");

    /** A ping run. */
    public record Run(Invocation invocation) implements Parsed { }

    /**
     * {@code -h} or {@code --help}.
     *
     * @param requested {@code --help}: the help goes to stdout with exit 0, as GNU tools do; {@code -h} is iputils'
     *                  usage, on stderr with exit 2
     */
    public record Help(boolean requested) implements Parsed { }

    /** {@code -V} or {@code --version}. */
    public record Version() implements Parsed { }

    /** Thrown by a converter: the message is the iputils line without {@code ping: }. */
    static final class BadValue extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadValue(String message) {
            super(message, null, false, false);
        }
    }

    private static final Options OPTIONS = build();

    private PingOptions() {
    }

    /** <b>{@code scripts/ping}'s options as help and completion list them</b> (the REPL's {@code ping}). */
    public static List<OptionHelp> help() {
        return OptionHelp.of(options());
    }

    /** The option table, for the help formatter and tests. */
    public static Options options() {
        return OPTIONS;
    }

    private static Option flag(String opt, String desc) {
        return Option.builder(opt).desc(desc).get();
    }

    private static Option valued(String opt, String arg, String desc, Converter<?, ?> converter) {
        return Option.builder(opt).hasArg().argName(arg).desc(desc).converter(converter).get();
    }

    private static Options build() {
        Options o = new Options();
        o.addOption(flag("a", "use audible ping"));
        o.addOption(flag("A", "use adaptive ping"));
        o.addOption(flag("B", "sticky source address"));
        o.addOption(valued("c", "count", "stop after <count> replies", s -> integer(s, 1, Long.MAX_VALUE)));
        o.addOption(valued("e", "identifier", "define identifier for ping session (implies a raw socket)",
                s -> integer(s, 0, 0xFFFF)));
        o.addOption(flag("C", "call connect() syscall on socket creation (pingkit: replies are matched by source "
                + "already)"));
        o.addOption(flag("d", "use SO_DEBUG socket option"));
        o.addOption(flag("L", "suppress loopback of multicast packets (only multicast destinations, as iputils)"));
        o.addOption(flag("r", "bypass the routing table: send only to hosts on a link (SO_DONTROUTE)"));
        o.addOption(valued("S", "size", "use <size> as SO_SNDBUF socket option value",
                s -> integer(s, 1, Integer.MAX_VALUE)));
        o.addOption(flag("U", "print user-to-user latency (pingkit: RTTs always from the kernel's receive "
                + "timestamp)"));
        o.addOption(valued("N", "nodeinfo opt", "use icmp6 node info query, try <help> as argument", s -> s));
        o.addOption(flag("R", "record route"));
        o.addOption(valued("T", "timestamp", "define timestamp, can be one of <tsonly|tsandaddr|tsprespec>",
                PingOptions::timestampType));
        o.addOption(flag("b", "allow pinging broadcast"));
        o.addOption(flag("D", "print timestamps"));
        o.addOption(flag("f", "flood ping"));
        o.addOption(valued("F", "flowlabel", "define flow label, default is random", PingOptions::flow));
        o.addOption(flag("h", "print usage on stderr and exit 2 (as iputils)"));
        o.addOption(Option.builder().longOpt("help").desc("print this help on stdout and exit 0 (pingkit)").get());
        o.addOption(valued("I", "interface", "either interface name or address", PingOptions::sourceOrDevice));
        o.addOption(valued("i", "interval", "seconds between sending each packet", s -> seconds(s, "bad timing interval", Integer.MAX_VALUE / 1000.0)));
        o.addOption(valued("l", "preload", "send <preload> number of packages while waiting replies", s -> integer(s, 1, MAX_PRELOAD)));
        o.addOption(valued("m", "mark", "tag the packets going out", s -> integer(s, 0, 0xFFFF_FFFFL)));
        o.addOption(valued("M", "pmtud opt", "define mtu discovery, can be one of <do|dont|want|probe>", PingOptions::pmtu));
        o.addOption(flag("n", "no dns name resolution"));
        o.addOption(flag("O", "report outstanding replies"));
        o.addOption(valued("p", "pattern", "contents of padding byte", PingOptions::pattern));
        o.addOption(flag("q", "quiet output"));
        o.addOption(valued("Q", "tclass", "use quality of service <tclass> bits", PingOptions::tos));
        o.addOption(valued("s", "size", "use <size> as number of data bytes to be sent", s -> integer(s, 0, Integer.MAX_VALUE)));
        o.addOption(valued("t", "ttl", "define time to live", s -> integer(s, 0, 255)));
        o.addOption(flag("v", "verbose output (pingkit: adds rtt percentiles to the summary)"));
        o.addOption(Option.builder("V").longOpt("version").desc("print version and exit").get());
        o.addOption(valued("w", "deadline", "reply wait <deadline> in seconds", s -> integer(s, 0, Integer.MAX_VALUE)));
        o.addOption(valued("W", "timeout", "time to wait for response", s -> seconds(s, "bad linger time", 0xFFFF_FFFFL / 1_000_000.0)));
        o.addOption(flag("4", "use IPv4"));
        o.addOption(flag("6", "use IPv6"));
        o.addOption(Option.builder("j").longOpt("json")
                .desc("one JSON object per event and one for the summary, schema in docs/json.md (pingkit)").get());
        o.addOption(Option.builder().longOpt("pcap").hasArg().argName("file")
                .desc("write every probe and reply to a pcap capture <file> (pingkit)").get());
        o.addOption(Option.builder().longOpt("probe").hasArg().argName("interface")
                .desc("send RFC 8335 extended echo requests (PROBE) asking about <interface> of the destination: a "
                        + "name, an index or an address (pingkit)").converter(PingOptions::probe).get());
        o.addOption(Option.builder().longOpt("histogram")
                .desc("print an RTT histogram and sparkline after the summary (pingkit)").get());
        return o;
    }

    /**
     * Parses {@code args} as iputils does: options may follow the host, the last value of a repeated option wins, and
     * the first bad value (in command-line order) is the one reported.
     *
     * @param privileged whether the caller is root (iputils lets only root go below 2 ms or preload more than 3)
     */
    public static Parsed parse(String[] args, boolean privileged) throws UsageException {
        CommandLine cmd;
        try {
            cmd = DefaultParser.builder().setAllowPartialMatching(false).get().parse(OPTIONS, args);
        } catch (MissingArgumentException e) {
            if (e.getOption().getOpt() == null) { // a long option: getopt_long's wording
                throw new UsageException("option '--" + e.getOption().getLongOpt() + "' requires an argument");
            }
            throw new UsageException("option requires an argument -- '" + e.getOption().getOpt() + "'");
        } catch (UnrecognizedOptionException e) {
            String token = e.getOption();
            if (token.startsWith("--")) {
                throw new UsageException("unrecognized option '" + token + "'");
            }
            throw new UsageException("invalid option -- '" + firstUnknown(token) + "'");
        } catch (ParseException e) {
            throw new UsageException(e.getMessage());
        }

        String host = null;
        int family = 0;
        long count = 0;
        Duration interval = null;
        int size = 56;
        Integer ttl = null;
        Duration replyTimeout = null;
        Integer deadline = null;
        boolean flood = false;
        String pattern = "";
        Integer tos = null;
        String source = null;
        String device = null;
        String pmtu = null;
        Long mark = null;
        Integer flowLabel = null;
        String probe = null;
        Integer identifier = null;
        String timestamp = null;
        Integer sendBuffer = null;
        List<String> nodeInfo = new java.util.ArrayList<>();
        int nodeInfoQtype = -1;
        String nodeInfoSubject = null;
        int preload = 1;
        Help help = null;
        boolean version = false;

        for (Option option : cmd.getOptions()) {
            Object value;
            try {
                value = option.hasArg() ? option.getConverter().apply(option.getValue()) : Boolean.TRUE;
            } catch (BadValue e) {
                throw new UsageException(e.getMessage());
            } catch (Exception e) {
                // Converters only throw BadValue; anything else is our bug, still not a stack trace for the user.
                throw new UsageException("invalid argument: '" + option.getValue() + "'");
            }
            String key = option.getOpt() != null ? option.getOpt() : option.getLongOpt();
            switch (key) {
                case "4" -> {
                    if (family == 6) {
                        throw new UsageException("only one -4 or -6 option may be specified");
                    }
                    family = 4;
                }
                case "6" -> {
                    if (family == 4) {
                        throw new UsageException("only one -4 or -6 option may be specified");
                    }
                    family = 6;
                }
                case "c" -> count = (Long) value;
                case "i" -> interval = (Duration) value;
                case "s" -> size = ((Long) value).intValue();
                case "t" -> ttl = ((Long) value).intValue();
                case "W" -> replyTimeout = (Duration) value;
                case "w" -> deadline = ((Long) value).intValue();
                case "f" -> flood = true;
                case "p" -> pattern = (String) value;
                case "Q" -> tos = (Integer) value;
                case "I" -> {
                    String[] sd = (String[]) value;
                    source = sd[0];
                    device = sd[1];
                }
                case "M" -> pmtu = (String) value;
                case "m" -> mark = (Long) value;
                case "F" -> flowLabel = (Integer) value;
                case "probe" -> probe = option.getValue();
                case "e" -> identifier = ((Long) value).intValue();
                case "T" -> timestamp = (String) value;
                case "S" -> sendBuffer = ((Long) value).intValue();
                case "N" -> {
                    // iputils answers -N help, or a word it does not know, as soon as it reads it
                    String w = (String) value;
                    if (w.equals("help")) {
                        return new NodeInfoHelp(true, null);
                    }
                    boolean subject = w.matches("subject-(ipv6|ipv4|name|fqdn)=.*");
                    if (!subject && !NODEINFO_QUERIES.contains(w)) {
                        return new NodeInfoHelp(false, null);
                    }
                    if (subject) { // subject-name and subject-fqdn are both a name to iputils
                        String kind = w.startsWith("subject-ipv6") ? "ipv6" : w.startsWith("subject-ipv4") ? "ipv4"
                                : "name";
                        if (nodeInfoSubject != null && !nodeInfoSubject.equals(kind)) {
                            return new NodeInfoHelp(false, "Subject type conflict");
                        }
                        nodeInfoSubject = kind;
                    } else {
                        int q = NodeInfoWords.qtype(w);
                        if (nodeInfoQtype >= 0 && nodeInfoQtype != q) {
                            return new NodeInfoHelp(false, "Qtype conflict");
                        }
                        nodeInfoQtype = q;
                    }
                    nodeInfo.add(w);
                }
                case "l" -> {
                    preload = ((Long) value).intValue();
                    if (!privileged && preload > 3) {
                        throw new UsageException("cannot set preload to value greater than 3: " + preload);
                    }
                }
                case "h" -> help = help != null ? help : new Help(false);
                case "help" -> help = new Help(true);
                case "V" -> version = true;
                default -> { /* flags read below */ }
            }
        }
        if (help != null) {
            return help;
        }
        if (version) {
            return new Version();
        }
        if (cmd.getArgList().isEmpty()) {
            throw new UsageException("usage error: Destination address required");
        }
        if (cmd.hasOption("R") && timestamp != null) {
            throw new UsageException("only one of -T or -R may be used");
        }
        List<String> operands = cmd.getArgList();
        // -T tsprespec takes the operands before the destination as the hosts that stamp (at most 4 fit 40 bytes).
        // iputils takes them as IPv4 source-route hops otherwise (and then fails) or refuses them with its usage;
        // pingkit has no source routes, so a second destination is a mistake, not a silent choice of the last one.
        boolean prespec = "tsprespec".equals(timestamp);
        if (operands.size() > (prespec ? 5 : 1)) {
            throw new UsageException(prespec ? "usage error: -T tsprespec takes at most 4 hosts, got "
                    + (operands.size() - 1) : "usage error: only one destination allowed, got " + operands.size());
        }
        host = operands.get(operands.size() - 1);
        List<String> stamping = List.copyOf(operands.subList(0, operands.size() - 1));

        if (probe != null && (cmd.hasOption("s") || cmd.hasOption("p"))) {
            // a PROBE carries its extension structure, no data: a size or pattern would be silently ignored
            throw new UsageException("--probe sends no data: -" + (cmd.hasOption("s") ? "s" : "p")
                    + " cannot be combined with it");
        }
        if (probe != null && cmd.hasOption("pcap")) {
            throw new UsageException("--pcap writes echo requests only: it cannot be combined with --probe");
        }
        int maxSize = family == 4 || Literals.isIPv4(host) ? MAX_DATA_V4
                : family == 6 || Literals.isIPv6(host) ? MAX_DATA_V6 : Math.max(MAX_DATA_V4, MAX_DATA_V6);
        if (size > maxSize) {
            throw new UsageException("invalid -s value: '" + size + "': out of range: 0 <= value <= " + maxSize);
        }
        Duration effective = interval != null ? interval : flood ? Duration.ZERO : Duration.ofSeconds(1);
        if (!privileged && effective.toMillis() < MIN_USER_INTERVAL_MS) {
            throw new UsageException("cannot flood; minimal interval allowed for user is " + MIN_USER_INTERVAL_MS + "ms");
        }
        return new Run(new Invocation(host, family, count, Optional.ofNullable(interval), size,
                Optional.ofNullable(ttl), Optional.ofNullable(replyTimeout), Optional.ofNullable(deadline), flood,
                pattern, Optional.ofNullable(tos), Optional.ofNullable(source), Optional.ofNullable(device),
                cmd.hasOption("n") || flood, cmd.hasOption("q"), cmd.hasOption("D"), cmd.hasOption("O"),
                Optional.ofNullable(pmtu), Optional.ofNullable(mark), preload, cmd.hasOption("v"),
                cmd.hasOption("json"), cmd.hasOption("histogram"),
                Optional.ofNullable(cmd.getOptionValue("pcap")).map(java.nio.file.Path::of), cmd.hasOption("b"),
                Optional.ofNullable(flowLabel), Optional.ofNullable(probe), cmd.hasOption("a"), cmd.hasOption("A"),
                cmd.hasOption("B"), Optional.ofNullable(identifier), cmd.hasOption("R"), Optional.ofNullable(timestamp),
                stamping, cmd.hasOption("r"), Optional.ofNullable(sendBuffer), cmd.hasOption("d"),
                List.copyOf(nodeInfo)));
    }

    /** {@code -T}'s type, in iputils' words when it is none of them. */
    private static String timestampType(String s) {
        return switch (s) {
            case "tsonly", "tsandaddr", "tsprespec" -> s;
            default -> throw new BadValue("invalid timestamp type: " + s);
        };
    }

    /** {@code --probe}'s interface: refused here, in one line, when it is no name, index or address. */
    private static InterfaceId probe(String s) {
        try {
            return InterfaceId.parse(s);
        } catch (IllegalArgumentException e) {
            throw new BadValue("invalid --probe value: '" + (s.length() > 40 ? s.substring(0, 40) + "..." : s)
                    + "': " + e.getMessage());
        }
    }

    /** The man page, completion and help words of {@code scripts/ping}. */
    public static CommandDoc doc() {
        return new CommandDoc("ping", "send ICMP ECHO_REQUEST to network hosts, as iputils ping does",
                "[options] destination",
                List.of("scripts/ping is iputils ping over the pingkit engine: the same options, output lines and exit "
                        + "codes. It uses a raw ICMP socket when it may (root or CAP_NET_RAW) and a Linux ping "
                        + "socket otherwise (net.ipv4.ping_group_range), and says what is missing when neither works.",
                        "Ctrl-C prints the summary and ends the run; Ctrl-\\ (or SIGUSR1) prints the interim "
                        + "statistics line."),
                OPTIONS,
                Map.of("--pcap", CommandDoc.Values.of(CommandDoc.Kind.FILE),
                        "-I", CommandDoc.Values.of(CommandDoc.Kind.INTERFACE),
                        "-M", CommandDoc.Values.words("do", "dont", "want", "probe")),
                CommandDoc.Values.of(CommandDoc.Kind.HOST),
                List.of("--json (-j): one JSON object per event and one for the summary, with a schema version "
                                + "(docs/json.md).",
                        "--help prints the help on stdout and exits 0; --version is -V. -h stays iputils' usage on "
                                + "stderr with exit 2.",
                        "A reply whose ICMP checksum is wrong is shown with (BAD CHECKSUM!) and counted as corrupted.",
                        "RTTs come from the kernel's receive timestamp and the send time kept in pingkit's probe "
                                + "table, never from the payload.",
                        "-v adds the 50th, 90th and 99th RTT percentiles to the summary."),
                "0 when replies came; 1 when none did (or a -w run fell short of -c); 2 on errors (a bad option, an "
                        + "unknown host, a socket that cannot be opened).",
                List.of("ping(8)", "pingkit-repl(1)"));
    }

    /** Prints the help text with Commons CLI's help formatter (iputils prints its usage and exits 2). */
    public static void printHelp(Appendable out) {
        try {
            HelpFormatter formatter = HelpFormatter.builder()
                    .setShowSince(false)
                    .setHelpAppendable(new org.apache.commons.cli.help.TextHelpAppendable(out))
                    .get();
            formatter.printHelp("ping [options] <destination>", "Send ICMP ECHO_REQUEST to network hosts (pingkit).",
                    OPTIONS, "Output, options and exit codes as iputils ping; see ping(8).", false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first character of a short-option cluster that is not one of ours, as getopt names it. */
    private static char firstUnknown(String token) {
        String body = token.startsWith("-") ? token.substring(1) : token;
        for (int i = 0; i < body.length(); i++) {
            String c = String.valueOf(body.charAt(i));
            if (!OPTIONS.hasShortOption(c)) {
                return body.charAt(i);
            }
            if (OPTIONS.getOption(c).hasArg()) {
                break;
            }
        }
        return body.isEmpty() ? '-' : body.charAt(0);
    }

    // ---- converters: each throws BadValue with iputils' wording ----

    /** strtol_or_err: a whole decimal number within [min, max]. */
    static long integer(String s, long min, long max) {
        if (!s.matches("\\s*[+-]?\\d+")) {
            throw new BadValue("invalid argument: '" + s + "'");
        }
        BigInteger v = new BigInteger(s.strip());
        if (v.bitLength() > 63) {
            throw new BadValue("invalid argument: '" + s + "': Numerical result out of range");
        }
        long n = v.longValue();
        if (n < min || n > max) {
            throw new BadValue("invalid argument: '" + s + "': out of range: " + min + " <= value <= " + max);
        }
        return n;
    }

    private static final Pattern DECIMAL = Pattern.compile("\\s*[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /**
     * ping_strtod for -i and -W: a decimal number of seconds in [0, max]. iputils only warns about trailing garbage
     * ("this will become fatal error in the future"); pingkit makes it fatal now.
     */
    static Duration seconds(String s, String what, double max) {
        Matcher m = DECIMAL.matcher(s);
        if (!m.lookingAt() || m.end() != s.length()) {
            String rest = m.lookingAt() ? s.substring(m.end()) : s;
            throw new BadValue("option argument contains garbage: " + rest);
        }
        double v = Double.parseDouble(s.strip());
        if (!Double.isFinite(v) || v < 0 || v > max) {
            throw new BadValue(what + ": " + s);
        }
        // iputils keeps -i in whole milliseconds and -W in microseconds.
        return "bad timing interval".equals(what) ? Duration.ofMillis((long) (v * 1000))
                : Duration.ofNanos((long) (v * 1_000_000) * 1000L);
    }

    /** fill(): up to 16 bytes of hex, two digits a byte, as sscanf("%2x...") reads them. */
    static String pattern(String s) {
        for (int i = 0; i < s.length(); i++) {
            // ASCII only: Character.digit also reads fullwidth and other scripts' digits, which sscanf does not.
            if (!Literals.isAsciiHexDigit(s.charAt(i))) {
                throw new BadValue("patterns must be specified as hex digits: " + s.substring(i));
            }
        }
        StringBuilder bytes = new StringBuilder();
        for (int i = 0; i < s.length() && bytes.length() < 32; i += 2) {
            int b = Integer.parseInt(s.substring(i, Math.min(i + 2, s.length())), 16);
            bytes.append(HexFormat.of().toHexDigits((byte) b));
        }
        return bytes.toString();
    }

    /** parsetos(): decimal or 0x-prefixed hex, 0..255. */
    static Integer tos(String s) {
        return hexOrDecimal(s, false, 255, "bad TOS value: ", "the decimal value of TOS bits must be in range 0-255: ");
    }

    /** {@code -F} as iputils' parseflow() reads it: decimal or 0x-prefixed hex (empty digits are 0), 20 bits. */
    static Integer flow(String s) {
        return hexOrDecimal(s, true, 0xfffff, "bad value for flowinfo: ", "flow value is greater than 20 bits: ");
    }

    /** A number as strtoul(3) with base 0x-or-10 reads it, 0..max; iputils' words for a bad or too large one. */
    private static int hexOrDecimal(String s, boolean emptyIsZero, int max, String bad, String tooLarge) {
        boolean hex = s.startsWith("0x") || s.startsWith("0X");
        String digits = hex ? s.substring(2) : s;
        if (digits.isEmpty() && emptyIsZero) {
            return 0;
        }
        if (!digits.matches(hex ? "[0-9a-fA-F]+" : "[+-]?\\d+")) {
            throw new BadValue(bad + s);
        }
        BigInteger v = new BigInteger(digits, hex ? 16 : 10);
        if (v.signum() < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new BadValue(tooLarge + s);
        }
        return v.intValue();
    }

    static String pmtu(String s) {
        return switch (s) {
            case "do", "dont", "want", "probe" -> s;
            default -> throw new BadValue("invalid -M argument: " + s);
        };
    }

    /** -I: an IPv6 address (optionally %device), an IPv4 address, or else an interface name. */
    static String[] sourceOrDevice(String s) {
        if (s.indexOf(':') >= 0) {
            int pct = s.indexOf('%');
            String addr = pct >= 0 ? s.substring(0, pct) : s;
            if (!Literals.isIPv6(addr)) {
                throw new BadValue("invalid source address: " + s);
            }
            return new String[] {addr, pct >= 0 ? s.substring(pct + 1) : null};
        }
        if (Literals.isIPv4(s)) {
            return new String[] {s, null};
        }
        return new String[] {null, s};
    }
}
