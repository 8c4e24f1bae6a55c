package dev.pingkit.repl;

import java.util.regex.Pattern;

import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Colours the line being typed: a known command bold blue, an unknown one red, numbers yellow, IPv4/IPv6 addresses
 * green, options cyan, quoted text magenta, a comment dim. Unclosed quotes stay magenta to the end, which is the
 * hint that the quote is open.
 */
final class ReplHighlighter implements Highlighter {
    static final AttributedStyle COMMAND = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
    static final AttributedStyle UNKNOWN = AttributedStyle.BOLD.foreground(AttributedStyle.RED);
    static final AttributedStyle NUMBER = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
    static final AttributedStyle ADDRESS = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    static final AttributedStyle OPTION = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    static final AttributedStyle QUOTED = AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);
    static final AttributedStyle VARIABLE = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN).italic();
    static final AttributedStyle COMMENT = AttributedStyle.DEFAULT.faint();

    private static final Pattern NUMBER_WORD = Pattern.compile("-?(0x[0-9a-fA-F]+|\\d+(\\.\\d+)?)(ms|s)?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}(/\\d+)?");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7}(%\\w+)?");

    private final Commands commands;

    ReplHighlighter(Commands commands) {
        this.commands = commands;
    }

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        AttributedStringBuilder sb = new AttributedStringBuilder(buffer.length() + 16);
        int i = 0;
        int n = buffer.length();
        boolean first = true;
        String command = null;
        int index = 0; // words seen so far; field names sit at odd positions after echo and set
        while (i < n) {
            char c = buffer.charAt(i);
            if (Character.isWhitespace(c)) {
                sb.append(c);
                i++;
            } else if (c == '#') {
                sb.styled(COMMENT, buffer.substring(i));
                i = n;
            } else if (c == '"' || c == '\'') {
                int end = buffer.indexOf(c, i + 1);
                end = end < 0 ? n : end + 1;
                sb.styled(QUOTED, buffer.substring(i, end));
                i = end;
                first = false;
                index++;
            } else {
                int end = i;
                while (end < n && !Character.isWhitespace(buffer.charAt(end))) {
                    end++;
                }
                String word = buffer.substring(i, end);
                // The word still being typed at the end of the line is not a mistake while it can become a right one.
                boolean typing = end == n;
                AttributedStyle style = style(word, first);
                if (first) {
                    command = word;
                    if (typing && style == UNKNOWN && commands.names().stream().anyMatch(name -> name.startsWith(word))) {
                        style = AttributedStyle.DEFAULT;
                    }
                } else if (index % 2 == 1 && ("set".equals(command) || "echo".equals(command))
                        && !commands.isField(word) && !("echo".equals(command) && word.equals("to"))
                        && !(typing && commands.isFieldPrefix(word))) {
                    style = UNKNOWN;
                }
                sb.styled(style, word);
                first = false;
                index++;
                i = end;
            }
        }
        return sb.toAttributedString();
    }

    AttributedStyle style(String word, boolean first) {
        if (first) {
            return commands.isCommand(word) ? COMMAND : UNKNOWN;
        }
        if (word.startsWith("$")) {
            return VARIABLE;
        }
        if (IPV4.matcher(word).matches() || (word.indexOf(':') >= 0 && IPV6.matcher(word).matches())) {
            return ADDRESS;
        }
        if (NUMBER_WORD.matcher(word).matches()) {
            return NUMBER;
        }
        if (word.startsWith("-")) {
            return OPTION;
        }
        return AttributedStyle.DEFAULT;
    }
}
