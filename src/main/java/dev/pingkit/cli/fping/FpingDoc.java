package dev.pingkit.cli.fping;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import dev.pingkit.cli.CommandDoc;

/**
 * <b>The man page and completion words of {@code scripts/fping}: its option table, each option described with the
 * line fping's own usage text gives it</b> ({@link FpingWords#usage()}, so the wording exists once).
 */
public final class FpingDoc {
    /** {@code   -b, --size=BYTES   amount of ...}: the option letter, its value's name, the description. */
    private static final Pattern USAGE_LINE =
            Pattern.compile("^\\s{2,4}-(\\w), --[\\w-]+(?:=(\\w+))?\\s+(.*)$");
    /** A continuation line of the description column. */
    private static final Pattern CONTINUATION = Pattern.compile("^\\s{20,}(\\S.*)$");

    private FpingDoc() {
    }

    /** The page's words and the option table with fping's descriptions. */
    public static CommandDoc doc() {
        Map<String, String[]> usage = usage();
        Options described = new Options();
        for (Option o : FpingOptions.options().getOptions()) {
            String key = o.getOpt() != null ? o.getOpt() : o.getLongOpt();
            String[] u = usage.get(key);
            String desc = u != null ? u[1] : switch (key) {
                case "T" -> "ignored, as fping ignores it (kept for old scripts)";
                case "json" -> "one JSON object per reply, error and summary (pingkit; docs/json.md)";
                default -> null;
            };
            Option.Builder b = (o.getOpt() != null ? Option.builder(o.getOpt()) : Option.builder())
                    .longOpt(o.getLongOpt()).desc(desc);
            if (o.hasArg()) {
                b.hasArg().argName(u != null && u[0] != null ? u[0].toLowerCase(Locale.ROOT) : "value");
            }
            described.addOption(b.get());
        }
        return new CommandDoc("fping", "send ICMP echo probes to many hosts, as fping 5.1 does",
                "[options] [targets...]",
                List.of("scripts/fping is fping 5.1 over the pingkit engine: the same options, defaults, output "
                        + "lines and exit codes as 5.1 gives them. Targets come from the arguments, -f FILE, "
                        + "standard input, and -g ranges or CIDR blocks (IPv6 blocks too)."),
                described,
                Map.of("-f", CommandDoc.Values.of(CommandDoc.Kind.FILE),
                        "--file", CommandDoc.Values.of(CommandDoc.Kind.FILE),
                        "-I", CommandDoc.Values.of(CommandDoc.Kind.INTERFACE),
                        "--iface", CommandDoc.Values.of(CommandDoc.Kind.INTERFACE)),
                CommandDoc.Values.of(CommandDoc.Kind.HOST),
                List.of("--json: one JSON object per reply, error and summary, with percentiles (not with -l), "
                                + "duplicate and damaged counts per target (docs/json.md).",
                        "The ICMP error that made a target unreachable is given as the reason.",
                        "-g takes IPv6 blocks too."),
                "0 when all targets are alive; 1 when some are unreachable, and for every argument mistake (as fping "
                        + "5.1 really exits); 2 when a name did not resolve; 4 when a system call failed.",
                List.of("fping(8)", "pingkit-ping(1)"));
    }

    /** Option letter to {value name or null, description} from fping's usage text. */
    private static Map<String, String[]> usage() {
        Map<String, String[]> byOption = new HashMap<>();
        String[] last = null;
        for (String line : FpingWords.usage().split("\n")) {
            Matcher m = USAGE_LINE.matcher(line);
            Matcher c = CONTINUATION.matcher(line);
            if (m.matches()) {
                last = new String[] {m.group(2), m.group(3).strip()};
                byOption.put(m.group(1), last);
            } else if (last != null && c.matches()) {
                // fping's own examples use private addresses; the page shows none (the project's address rule).
                if (!c.group(1).startsWith("(ex.")) {
                    last[1] = last[1] + " " + c.group(1).strip();
                }
            } else {
                last = null;
            }
        }
        return byOption;
    }
}
