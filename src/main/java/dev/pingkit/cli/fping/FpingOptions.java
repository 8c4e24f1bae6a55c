package dev.pingkit.cli.fping;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

import org.apache.commons.cli.AlreadySelectedException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/**
 * <b>fping 5.1's options as Commons CLI options, and their checks in fping's order and words.</b> A number fping
 * reads with {@code atoi} or {@code sscanf} is read the same lenient way here ({@code -c 3x} is 3), so the same
 * command lines pass and fail.
 */
final class FpingOptions {
    /** fping's MAX_PING_DATA: 65536 - 40 - 8. */
    static final int MAX_PING_DATA = 65488;

    /** What the command line asks for. */
    sealed interface Parsed permits Run, Help, Version { }

    /** A sweep. */
    record Run(FpingInvocation invocation) implements Parsed { }

    /** {@code -h}. */
    record Help() implements Parsed { }

    /** {@code -v}. */
    record Version() implements Parsed { }

    private static final Options OPTIONS = build();

    private FpingOptions() {
    }

    /** The option table (for the man page and completion, {@link FpingDoc}). */
    static Options options() {
        return OPTIONS;
    }

    private static Options build() {
        Options o = new Options();
        flag(o, "4", "ipv4");
        flag(o, "6", "ipv6");
        valued(o, "b", "size");
        valued(o, "B", "backoff");
        valued(o, "c", "count");
        valued(o, "C", "vcount");
        valued(o, "f", "file");
        flag(o, "g", "generate");
        valued(o, "H", "ttl");
        valued(o, "I", "iface");
        flag(o, "l", "loop");
        flag(o, "m", "all");
        flag(o, "M", "dontfrag");
        valued(o, "O", "tos");
        valued(o, "p", "period");
        valued(o, "r", "retry");
        flag(o, "R", "random");
        valued(o, "S", "src");
        valued(o, "t", "timeout");
        valued(o, "T", null);
        flag(o, "a", "alive");
        flag(o, "A", "addr");
        flag(o, "d", "rdns");
        flag(o, "D", "timestamp");
        flag(o, "e", "elapsed");
        flag(o, "h", "help");
        valued(o, "i", "interval");
        flag(o, "n", "name");
        flag(o, "N", "netdata");
        flag(o, "o", "outage");
        flag(o, "q", "quiet");
        valued(o, "Q", "squiet");
        flag(o, "s", "stats");
        flag(o, "u", "unreach");
        flag(o, "v", "version");
        valued(o, "x", "reachable");
        o.addOption(Option.builder().longOpt("json").build());
        return o;
    }

    private static void flag(Options o, String opt, String longOpt) {
        o.addOption(Option.builder(opt).longOpt(longOpt).build());
    }

    private static void valued(Options o, String opt, String longOpt) {
        o.addOption(Option.builder(opt).longOpt(longOpt).hasArg().build());
    }

    /** Parses {@code args} as fping 5.1 does; every mistake is an {@link FpingUsageException}. */
    static Parsed parse(String... args) throws FpingUsageException {
        if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
            return new Help();
        }
        CommandLine cl;
        try {
            cl = DefaultParser.builder().setStripLeadingAndTrailingQuotes(false).setAllowPartialMatching(false)
                    .build().parse(OPTIONS, args, false);
        } catch (UnrecognizedOptionException e) {
            String opt = e.getOption().replaceFirst("^--?", "");
            throw new FpingUsageException(FpingWords.invalidOption(opt.contains("=") ? opt.substring(0,
                    opt.indexOf('=')) : opt));
        } catch (MissingArgumentException e) {
            Option o = e.getOption();
            throw new FpingUsageException(FpingWords.missingArgument(o.getOpt() != null ? o.getOpt()
                    : o.getLongOpt()));
        } catch (AlreadySelectedException e) {
            throw FpingUsageException.usage();
        } catch (ParseException e) {
            throw FpingUsageException.usage();
        }
        // fping acts on options in order; the first that decides the outcome wins.
        int family = 0;
        boolean name = false, rdns = false;
        for (Option o : cl.getOptions()) {
            switch (o.getOpt() == null ? "" : o.getOpt()) {
                case "4", "6" -> {
                    int f = o.getOpt().equals("4") ? 4 : 6;
                    if (family != 0 && family != f) {
                        throw new FpingUsageException(FpingWords.bothFamilies());
                    }
                    family = f;
                }
                case "n" -> {
                    if (rdns) {
                        throw new FpingUsageException(FpingWords.nameAndRdns());
                    }
                    name = true;
                }
                case "d" -> {
                    if (name) {
                        throw new FpingUsageException(FpingWords.nameAndRdns());
                    }
                    rdns = true;
                }
                case "h" -> {
                    return new Help();
                }
                case "v" -> {
                    return new Version();
                }
                default -> { }
            }
        }
        long timeout = cl.hasOption("t") ? millisToNanos(cl.getOptionValue("t")) : -1;
        int retry = cl.hasOption("r") ? unsigned(cl.getOptionValue("r")) : 3;
        // fping's -i ("interval") is the gap between any two sends, -p ("period") one target's interval
        long gap = cl.hasOption("i") ? millisToNanos(cl.getOptionValue("i")) : 10_000_000L;
        long interval = cl.hasOption("p") ? millisToNanos(cl.getOptionValue("p")) : 1_000_000_000L;
        int count = 0;
        boolean verboseCount = false;
        for (String c : new String[] {"c", "C"}) {
            if (cl.hasOption(c)) {
                count = atoi(cl.getOptionValue(c));
                if (count <= 0) {
                    throw FpingUsageException.usage();
                }
                if (count == Integer.MAX_VALUE) { // atoi's clamp: name what was typed, not the clamp
                    throw new FpingUsageException(FpingWords.PROG + ": count must be 1..100000, got "
                            + leadingNumber(cl.getOptionValue(c), false));
                }
                verboseCount = c.equals("C");
            }
        }
        int size = cl.hasOption("b") ? unsigned(cl.getOptionValue("b")) : 56;
        // checked like fping: a number >= 0, in seconds
        long report = cl.hasOption("Q") ? millisToNanos(cl.getOptionValue("Q")) * 1000 : 0;
        double backoff = 1.5;
        if (cl.hasOption("B")) {
            backoff = atof(cl.getOptionValue("B"));
            if (backoff == 0) {
                throw FpingUsageException.usage();
            }
        }
        int ttl = 0;
        if (cl.hasOption("H")) {
            ttl = atoi(cl.getOptionValue("H"));
            if (ttl == 0) {
                throw FpingUsageException.usage();
            }
        }
        int reachable = 0;
        if (cl.hasOption("x")) {
            reachable = atoi(cl.getOptionValue("x"));
            if (reachable == 0) {
                throw FpingUsageException.usage();
            }
        }
        int tos = -1;
        if (cl.hasOption("O")) {
            tos = cInt(cl.getOptionValue("O"));
        }
        String source = cl.getOptionValue("S");
        if (source != null && !isAddressLiteral(source)) {
            throw new FpingUsageException(FpingWords.sourceAddress(source));
        }
        if (ttl > 255 || ttl < 0) {
            throw new FpingUsageException(FpingWords.ttlOutOfRange(ttl & 0xffffffffL));
        }
        if (cl.hasOption("a") && cl.hasOption("u")) {
            throw new FpingUsageException(FpingWords.aliveAndUnreachable());
        }
        if (count > 0 && cl.hasOption("l")) {
            throw new FpingUsageException(FpingWords.countAndLoop());
        }
        if (size > MAX_PING_DATA) {
            // the size as fping's %u read it: a negative one wraps (-b -1 is 4294967295), a larger one is as typed
            long typed;
            try {
                typed = Long.parseLong(leadingNumber(cl.getOptionValue("b"), false));
            } catch (NumberFormatException e) {
                typed = size; // beyond a long: the clamp says enough
            }
            throw new FpingUsageException(FpingWords.dataSize(typed < 0 ? typed & 0xffffffffL : typed,
                    MAX_PING_DATA));
        }
        if (backoff > 5.0 || backoff < 1.0) {
            throw new FpingUsageException(FpingWords.backoff(backoff));
        }
        List<String> targets = cl.getArgList();
        String file = cl.getOptionValue("f");
        boolean generate = cl.hasOption("g");
        if ((!targets.isEmpty() && file != null) || (file != null && generate) || (generate && targets.isEmpty())) {
            throw FpingUsageException.usage();
        }
        if (targets.isEmpty() && file == null && !generate) {
            file = "-";
        }
        return new Run(new FpingInvocation(family, size, backoff, count, verboseCount, cl.hasOption("l"), file,
                generate, ttl, cl.getOptionValue("I"), cl.hasOption("M"), tos, interval, Math.min(retry, 1000),
                cl.hasOption("R"), source, timeout, cl.hasOption("a"), cl.hasOption("A"), rdns, cl.hasOption("D"),
                cl.hasOption("e"), gap, name, cl.hasOption("o"), cl.hasOption("q") || cl.hasOption("Q"),
                cl.hasOption("s"), cl.hasOption("u"), reachable, cl.hasOption("json"), report, cl.hasOption("N"),
                cl.hasOption("m"), targets));
    }

    /** sscanf("%f") then a check for >= 0, as fping reads -t -i -p -Q; in milliseconds. */
    private static long millisToNanos(String s) throws FpingUsageException {
        String n = leadingNumber(s, true);
        if (n == null) {
            throw FpingUsageException.usage();
        }
        double v = Double.parseDouble(n);
        if (v < 0) {
            throw FpingUsageException.usage();
        }
        return (long) (v * 1_000_000);
    }

    /** sscanf("%u"): a leading (possibly signed) whole number, else a usage error; negative wraps, as in C. */
    private static int unsigned(String s) throws FpingUsageException {
        String n = leadingNumber(s, false);
        if (n == null) {
            throw FpingUsageException.usage();
        }
        long v = Long.parseLong(n);
        return v < 0 || v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
    }

    /** atoi: a leading whole number, 0 when there is none. */
    private static int atoi(String s) {
        String n = leadingNumber(s, false);
        if (n == null) {
            return 0;
        }
        long v = Long.parseLong(n);
        return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : v < Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) v;
    }

    private static double atof(String s) {
        String n = leadingNumber(s, true);
        return n == null ? 0 : Double.parseDouble(n);
    }

    /** sscanf("%i"): decimal, 0x hex or 0 octal. */
    private static int cInt(String s) throws FpingUsageException {
        String t = s.strip();
        try {
            if (t.matches("[+-]?0[xX][0-9a-fA-F]+.*")) {
                return Integer.parseInt(t.replaceFirst("^([+-]?)0[xX]([0-9a-fA-F]+).*$", "$1$2"), 16);
            }
            if (t.matches("[+-]?0[0-7]+.*")) {
                return Integer.parseInt(t.replaceFirst("^([+-]?)0([0-7]+).*$", "$1$2"), 8);
            }
            String n = leadingNumber(t, false);
            if (n != null) {
                return Integer.parseInt(n);
            }
        } catch (NumberFormatException e) {
            // falls through to fping's usage error
        }
        throw FpingUsageException.usage();
    }

    private static String leadingNumber(String s, boolean decimal) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile(decimal ? "^\\s*([+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?)" : "^\\s*([+-]?\\d{1,18})")
                .matcher(s);
        return m.find() ? m.group(1) : null;
    }

    static boolean isAddressLiteral(String s) {
        if (!s.matches("[0-9a-fA-F.:]+") || (!s.contains(":") && !s.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
            return false;
        }
        try {
            InetAddress a = InetAddress.getByName(s);
            return a instanceof Inet6Address || s.split("\\.").length == 4;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
