package dev.pingkit.cli.traceroute;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/**
 * Debian {@code traceroute -I}'s options as Commons CLI options, checked in traceroute's order and with its
 * wording ({@code first hop out of range}, {@code no more than 10 probes per hop}, ...); beyond it {@code --json}
 * and {@code --report -c N} (mtr's report). Every mistake is a {@link Mistake}: one line on stderr, exit 2.
 */
final class TracerouteOptions {

    /** traceroute's MAX_HOPS, MAX_PROBES and MAX_PACKET_LEN. */
    static final int MAX_HOPS = 255, MAX_PROBES = 10, MAX_PACKET_LEN = 65000;

    /** A command-line mistake: traceroute's line, exit code 2. */
    static final class Mistake extends Exception {
        private static final long serialVersionUID = 1L;

        Mistake(String line) {
            super(line, null, false, false);
        }
    }

    /**
     * What was asked for.
     *
     * @param host         the destination as typed
     * @param family       0, 4 or 6
     * @param firstTtl     -f
     * @param maxTtl       -m
     * @param simultaneous -N
     * @param numeric      -n
     * @param probes       -q (mtr's report: 1 per round)
     * @param waitMax      -w MAX
     * @param here         -w ,HERE
     * @param near         -w ,,NEAR
     * @param sendWait     -z
     * @param tos          -t, -1 for none
     * @param dontFragment -F
     * @param device       -i
     * @param source       -s
     * @param packetLength the packetlen argument, -1 for the default
     * @param json         --json
     * @param report       --report
     * @param rounds       -c (with --report)
     * @param help         --help
     */
    record Invocation(String host, int family, int firstTtl, int maxTtl, int simultaneous, boolean numeric,
                      int probes, Duration waitMax, double here, double near, Duration sendWait, int tos,
                      boolean dontFragment, Optional<String> device, Optional<String> source, int packetLength,
                      boolean json, boolean report, int rounds, boolean help) {
    }

    private static final Options OPTIONS = build();

    private TracerouteOptions() {
    }

    private static Option flag(String opt, String desc) {
        return Option.builder(opt).desc(desc).get();
    }

    private static Option valued(String opt, String arg, String desc) {
        return Option.builder(opt).hasArg().argName(arg).desc(desc).get();
    }

    private static Options build() {
        Options o = new Options();
        o.addOption(flag("4", "use IPv4"));
        o.addOption(flag("6", "use IPv6"));
        o.addOption(flag("I", "use ICMP ECHO for tracerouting (always: pingkit traces with ICMP)"));
        o.addOption(flag("F", "do not fragment packets"));
        o.addOption(valued("f", "first_ttl", "start from the first_ttl hop (instead from 1)"));
        o.addOption(valued("i", "device", "specify a network interface to operate with"));
        o.addOption(valued("m", "max_ttl", "set the max number of hops (max TTL to be reached). Default is 30"));
        o.addOption(valued("N", "squeries", "set the number of probes to be tried simultaneously (default is 16)"));
        o.addOption(flag("n", "do not resolve IP addresses to their domain names"));
        o.addOption(valued("q", "nqueries", "set the number of probes per each hop. Default is 3"));
        o.addOption(valued("s", "src_addr", "use source src_addr for outgoing packets"));
        o.addOption(valued("t", "tos", "set the TOS (IPv4 type of service) or TC (IPv6 traffic class) value"));
        o.addOption(valued("w", "MAX,HERE,NEAR", "wait for a probe no more than HERE (default 3) times longer than"
                + " a response from the same hop, or no more than NEAR (default 10) times than some next hop,"
                + " or MAX (default 5.0) seconds"));
        o.addOption(valued("z", "sendwait", "minimal time interval between probes (default 0); more than 10 means"
                + " milliseconds, else seconds"));
        o.addOption(Option.builder().longOpt("json").desc("one JSON object per probe and per hop").get());
        o.addOption(Option.builder().longOpt("report").desc("mtr --report: -c rounds, per-hop loss and RTTs").get());
        o.addOption(valued("c", "count", "rounds of --report (default 10)"));
        o.addOption(Option.builder().longOpt("help").desc("print this help").get());
        return o;
    }

    /** The option table (help text, tests). */
    static Options options() {
        return OPTIONS;
    }

    /** Parses and checks {@code args}. */
    static Invocation parse(String[] args) throws Mistake {
        CommandLine cl;
        try {
            cl = new DefaultParser().parse(OPTIONS, args);
        } catch (UnrecognizedOptionException e) {
            throw new Mistake("Bad option `" + e.getOption() + "' (argc " + argc(args, e.getOption()) + ")");
        } catch (MissingArgumentException e) {
            throw new Mistake("Option `-" + e.getOption().getOpt() + "' (argc " + args.length + ") requires an argument: `-"
                    + e.getOption().getOpt() + " " + e.getOption().getArgName() + "'");
        } catch (ParseException e) {
            throw new Mistake(e.getMessage());
        }
        if (cl.hasOption("help")) {
            return new Invocation("", 0, 1, 30, 16, false, 3, Duration.ofSeconds(5), 3, 10, Duration.ZERO, -1, false,
                    Optional.empty(), Optional.empty(), -1, false, false, 10, true);
        }
        List<String> rest = cl.getArgList();
        if (rest.isEmpty()) {
            throw new Mistake("Specify \"host\" missing argument.");
        }
        if (rest.size() > 2) {
            throw new Mistake("Extra arg `" + rest.get(2) + "' (position 3, argc " + args.length + ")");
        }
        String host = rest.get(0);
        int packetLength = -1;
        if (rest.size() == 2) {
            packetLength = (int) Math.min(Integer.MAX_VALUE, number(rest.get(1), "packetlen", args));
        }
        int family = cl.hasOption("6") ? 6 : cl.hasOption("4") ? 4 : 0;
        int first = integer(cl, "f", 1, args);
        int max = integer(cl, "m", 30, args);
        int probes = integer(cl, "q", 3, args);
        int sim = integer(cl, "N", 16, args);
        double[] wait = {5.0, 3.0, 10.0};
        if (cl.hasOption("w")) {
            String[] parts = cl.getOptionValue("w").split(",", -1);
            if (parts.length > 3) {
                throw bad("w", cl.getOptionValue("w"), args);
            }
            for (int i = 0; i < parts.length; i++) {
                if (!parts[i].isEmpty()) {
                    wait[i] = real(parts[i], "w", cl.getOptionValue("w"), args);
                }
            }
        }
        double sendWait = cl.hasOption("z") ? real(cl.getOptionValue("z"), "z", cl.getOptionValue("z"), args) : 0;
        int tos = cl.hasOption("t") ? integer(cl, "t", 0, args) : -1;
        int rounds = integer(cl, "c", 10, args);
        // traceroute's checks, in its order and words
        if (first < 1 || first > max) {
            throw new Mistake("first hop out of range");
        }
        if (max > MAX_HOPS) {
            throw new Mistake("max hops cannot be more than " + MAX_HOPS);
        }
        if (probes < 1 || probes > MAX_PROBES) {
            throw new Mistake("no more than " + MAX_PROBES + " probes per hop");
        }
        if (wait[0] < 0 || wait[1] < 0 || wait[2] < 0) {
            throw new Mistake("bad wait specifications `" + g(wait[0]) + "," + g(wait[1]) + "," + g(wait[2])
                    + "' used");
        }
        if (packetLength > MAX_PACKET_LEN) {
            throw new Mistake("too big packetlen " + packetLength + " specified");
        }
        if (sendWait < 0) {
            throw new Mistake("bad sendtime `" + g(sendWait) + "' specified");
        }
        if (sendWait >= 10) {
            sendWait /= 1000; // milliseconds
        }
        if (tos > 255) {
            throw new Mistake("tos must be 0..255, got " + tos);
        }
        if (sim < 1) {
            sim = 1; // traceroute takes -N 0 as 1
        }
        if (rounds < 1) {
            throw new Mistake("count must be >= 1, got " + rounds);
        }
        boolean report = cl.hasOption("report");
        if (report && cl.hasOption("json")) {
            throw new Mistake("--report and --json cannot be combined");
        }
        return new Invocation(host, family, first, max, sim, cl.hasOption("n"), report ? 1 : probes,
                Duration.ofNanos((long) (wait[0] * 1e9)), wait[1], wait[2], Duration.ofNanos((long) (sendWait * 1e9)),
                tos, cl.hasOption("F"), Optional.ofNullable(cl.getOptionValue("i")),
                Optional.ofNullable(cl.getOptionValue("s")), packetLength, cl.hasOption("json"), report, rounds, false);
    }

    private static int integer(CommandLine cl, String opt, int dflt, String[] args) throws Mistake {
        if (!cl.hasOption(opt)) {
            return dflt;
        }
        long v = number(cl.getOptionValue(opt), "-" + opt, args);
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    private static long number(String s, String what, String[] args) throws Mistake {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            if (what.startsWith("-")) {
                throw new Mistake("Cannot handle `" + what + "' option with arg `" + s + "' (argc " + argc(args, s)
                        + ")");
            }
            throw new Mistake("Cannot handle \"" + what + "\" cmdline arg `" + s + "' on position 2 (argc "
                    + args.length + ")");
        }
    }

    private static double real(String s, String opt, String whole, String[] args) throws Mistake {
        try {
            double d = Double.parseDouble(s.strip());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw bad(opt, whole, args);
        }
    }

    private static Mistake bad(String opt, String value, String[] args) {
        return new Mistake("Cannot handle `-" + opt + "' option with arg `" + value + "' (argc " + argc(args, value)
                + ")");
    }

    // traceroute counts arguments from 1 and names the one it stopped at.
    private static int argc(String[] args, String at) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(at) || args[i].endsWith(at)) {
                return i + 1;
            }
        }
        return args.length;
    }

    private static String g(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
