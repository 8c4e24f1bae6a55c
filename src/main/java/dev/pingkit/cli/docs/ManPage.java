package dev.pingkit.cli.docs;

import java.util.Locale;

import org.apache.commons.cli.Option;

import dev.pingkit.cli.CommandDoc;

/**
 * <b>A man page in roff ({@code man -l docs/man/pingkit-ping.1}), written from a command's option table.</b> The
 * page is named {@code pingkit-NAME} so it never shadows the system's {@code ping(8)} once installed.
 */
public final class ManPage {

    private ManPage() {
    }

    /** The page's file name, {@code pingkit-ping.1}. */
    public static String fileName(CommandDoc c) {
        return "pingkit-" + c.name() + ".1";
    }

    /** The roff source of the page. */
    public static String roff(CommandDoc c) {
        String title = "pingkit-" + c.name();
        StringBuilder b = new StringBuilder();
        b.append(".\\\" Generated from the option table by scripts/gen-docs (dev.pingkit.cli.docs.DocsGenerator).\n")
                .append(".TH ").append(title.toUpperCase(Locale.ROOT)).append(" 1 \"\" \"pingkit\" \"pingkit manual\"\n")
                .append(".SH NAME\n").append(title).append(" \\- ").append(text(c.summary())).append('\n')
                .append(".SH SYNOPSIS\n.B scripts/").append(c.name()).append('\n').append(text(c.synopsis()))
                .append('\n')
                .append(".SH DESCRIPTION\n");
        boolean first = true;
        for (String paragraph : c.description()) {
            if (!first) {
                b.append(".PP\n");
            }
            b.append(text(paragraph)).append('\n');
            first = false;
        }
        b.append(".SH OPTIONS\n");
        for (Option o : c.options().getOptions()) {
            b.append(".TP\n");
            StringBuilder head = new StringBuilder();
            if (o.getOpt() != null) {
                head.append("\\fB\\-").append(text(o.getOpt())).append("\\fR");
            }
            if (o.getLongOpt() != null) {
                head.append(head.length() > 0 ? ", " : "").append("\\fB\\-\\-").append(text(o.getLongOpt()))
                        .append("\\fR");
            }
            if (o.hasArg()) {
                head.append(" \\fI").append(text(o.getArgName() != null ? o.getArgName() : "value")).append("\\fR");
            }
            b.append(head).append('\n');
            if (o.getDescription() != null) {
                b.append(text(o.getDescription())).append('\n');
            }
        }
        if (!c.additions().isEmpty()) {
            b.append(".SH PINGKIT ADDITIONS\n");
            for (String item : c.additions()) {
                b.append(".IP \\(bu 2\n").append(text(item)).append('\n');
            }
        }
        b.append(".SH EXIT STATUS\n").append(text(c.exitStatus())).append('\n')
                .append(".SH SEE ALSO\n").append(text(String.join(", ", c.seeAlso()))).append('\n');
        return b.toString();
    }

    /** Text as roff reads it literally: backslashes and hyphens escaped, no line starting with a control dot. */
    static String text(String s) {
        String t = s.replace("\\", "\\e").replace("-", "\\-");
        return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
    }
}
