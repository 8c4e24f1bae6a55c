package dev.pingkit.cli;

import java.util.List;
import java.util.Objects;

import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * <b>One option of a command as help and completion show it, without Commons CLI's types</b>: what the REPL lists
 * for its {@code ping} command (only {@code cli} imports Commons CLI).
 *
 * @param name        as typed: {@code -c}, or {@code --json} for an option with only a long name
 * @param argName     the value's name ({@code count}), or null when the option takes no value
 * @param description one line, or null
 */
public record OptionHelp(String name, String argName, String description) {
    public OptionHelp {
        Objects.requireNonNull(name, "name");
    }

    /** <b>Whether the option takes a value.</b> */
    public boolean takesValue() {
        return argName != null;
    }

    /** The options of {@code table}, in its order. */
    public static List<OptionHelp> of(Options table) {
        return table.getOptions().stream().map(OptionHelp::of).toList();
    }

    private static OptionHelp of(Option o) {
        String name = o.getOpt() != null ? "-" + o.getOpt() : "--" + o.getLongOpt();
        return new OptionHelp(name, o.hasArg() ? String.valueOf(o.getArgName()) : null, o.getDescription());
    }
}
