package dev.pingkit.repl;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REPL's experiment language, parsed: {@code for VAR in A..B [step S] { ... }}, {@code for VAR in a,b,c { ... }}
 * and {@code repeat N { ... }} around ordinary command lines. Blocks may span lines or sit on one line with
 * {@code ;} between commands. A line that starts with neither keyword, outside a block, is an ordinary command and
 * is not split at all. Syntax errors name the line and column ({@link SyntaxError}); a block still open at the end
 * of the text is {@link Incomplete}, so the REPL reads on.
 */
final class Loops {
    /** Most blocks one may nest: far beyond any experiment, well short of the parser's and runner's stack. */
    static final int MAX_NESTING = 64;

    private Loops() {
    }

    /** A parsed statement with the line and column (1-based) where it starts. */
    sealed interface Statement {
        int line();

        int column();
    }

    /** One command line as typed (variables and arithmetic not yet expanded). */
    record Command(String text, int line, int column) implements Statement {
    }

    /** {@code for var in values [step step] { body }}: {@code values} is {@code A..B} or {@code a,b,c}. */
    record ForLoop(String variable, String values, String step, List<Statement> body, int line, int column,
                   int valuesColumn) implements Statement {
    }

    /** {@code repeat count { body }}. */
    record Repeat(String count, List<Statement> body, int line, int column, int countColumn) implements Statement {
    }

    /** What {@link #parse} found. */
    sealed interface Parsed {
    }

    /** The text is a whole program. */
    record Complete(List<Statement> statements) implements Parsed {
    }

    /** A block is still open: read another line and parse the lot again. */
    record Incomplete() implements Parsed {
    }

    /** A syntax error at a line and column; the message says where and what. */
    static final class SyntaxError extends Exception {
        SyntaxError(int line, int column, String what) {
            super("line " + line + ", column " + column + ": " + what);
        }
    }

    /** Whether a line begins a loop (so it goes through {@link #parse} rather than straight to the commands). */
    static boolean startsLoop(String line) {
        String s = line.strip();
        return s.startsWith("for ") || s.startsWith("repeat ") || s.equals("}") || s.startsWith("} ");
    }

    private enum Kind { TEXT, OPEN, CLOSE }

    private record Token(Kind kind, String text, int line, int column) {
    }

    /** Parses {@code text} whose first line is line {@code firstLine} of the input. */
    static Parsed parse(String text, int firstLine) throws SyntaxError {
        List<Token> tokens = tokens(text, firstLine);
        int[] at = {0};
        List<Statement> out = block(tokens, at, null, 0);
        return out == null ? new Incomplete() : new Complete(out);
    }

    private static final Pattern FOR = Pattern.compile("for(\\s+)(\\S+)(\\s+)(\\S+)(\\s+)(\\S+)(?:(\\s+)(\\S+)(\\s+)(\\S+))?\\s*");
    private static final Pattern REPEAT = Pattern.compile("repeat(\\s+)(\\S+)\\s*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_]\\w*");

    /** Statements up to the matching close (or the end when {@code opener} is null); null if the text ends first. */
    private static List<Statement> block(List<Token> tokens, int[] at, Token opener, int depth) throws SyntaxError {
        if (depth > MAX_NESTING) {
            throw new SyntaxError(opener.line, opener.column, "too deeply nested (at most " + MAX_NESTING
                    + " blocks inside one another)");
        }
        List<Statement> out = new ArrayList<>();
        while (at[0] < tokens.size()) {
            Token t = tokens.get(at[0]++);
            switch (t.kind) {
                case CLOSE -> {
                    if (opener == null) {
                        throw new SyntaxError(t.line, t.column, "} without a for or repeat to close");
                    }
                    return out;
                }
                case OPEN -> throw new SyntaxError(t.line, t.column, "{ must follow a for or repeat header");
                case TEXT -> {
                    if (t.text.startsWith("for ") || t.text.equals("for")) {
                        out.add(forLoop(t, tokens, at, depth));
                    } else if (t.text.startsWith("repeat ") || t.text.equals("repeat")) {
                        out.add(repeat(t, tokens, at, depth));
                    } else {
                        out.add(new Command(t.text, t.line, t.column));
                    }
                }
            }
            if (out.get(out.size() - 1) == null) {
                return null;
            }
        }
        return opener == null ? out : null;
    }

    private static List<Statement> body(Token header, List<Token> tokens, int[] at, int depth)
            throws SyntaxError {
        if (at[0] >= tokens.size()) {
            return null;
        }
        Token open = tokens.get(at[0]);
        if (open.kind != Kind.OPEN) {
            throw new SyntaxError(open.line, open.column, "{ expected after '" + header.text + "'");
        }
        at[0]++;
        return block(tokens, at, open, depth + 1);
    }

    private static Statement forLoop(Token t, List<Token> tokens, int[] at, int depth) throws SyntaxError {
        Matcher m = FOR.matcher(t.text);
        if (!m.matches()) {
            throw new SyntaxError(t.line, t.column + t.text.length(), "for needs 'for VAR in A..B [step S] {' or "
                    + "'for VAR in a,b,c {', got '" + t.text + "'");
        }
        int col = t.column;
        String var = m.group(2);
        if (!NAME.matcher(var).matches()) {
            throw new SyntaxError(t.line, col + m.start(2), "loop variable must be a name (letters, digits, _), got "
                    + var);
        }
        if (!m.group(4).equals("in")) {
            throw new SyntaxError(t.line, col + m.start(4), "'in' expected after 'for " + var + "', got "
                    + m.group(4));
        }
        String values = m.group(6);
        String step = null;
        if (m.group(8) != null) {
            if (!m.group(8).equals("step")) {
                throw new SyntaxError(t.line, col + m.start(8), "'step' or '{' expected after the values, got "
                        + m.group(8));
            }
            if (!values.contains("..")) {
                throw new SyntaxError(t.line, col + m.start(8), "step goes with a range A..B, not a list");
            }
            step = m.group(10);
        }
        List<Statement> body = body(t, tokens, at, depth);
        return body == null ? null : new ForLoop(var, values, step, body, t.line, t.column, col + m.start(6));
    }

    private static Statement repeat(Token t, List<Token> tokens, int[] at, int depth) throws SyntaxError {
        Matcher m = REPEAT.matcher(t.text);
        if (!m.matches()) {
            throw new SyntaxError(t.line, t.column + t.text.length(), "repeat needs 'repeat N {', got '" + t.text
                    + "'");
        }
        List<Statement> body = body(t, tokens, at, depth);
        return body == null ? null : new Repeat(m.group(2), body, t.line, t.column, t.column + m.start(2));
    }

    /**
     * Splits the text into commands at newlines and unquoted {@code ;}, and takes out {@code {} and {@code }} where
     * they stand as words of their own (so {@code ${name}} and quoted braces stay text). A {@code #} outside
     * quotes starts a comment to the end of the line.
     */
    private static List<Token> tokens(String text, int firstLine) throws SyntaxError {
        List<Token> out = new ArrayList<>();
        int line = firstLine;
        int col = 1;
        StringBuilder cur = new StringBuilder();
        int curLine = line;
        int curCol = col;
        char quote = 0;
        int quoteLine = 0;
        int quoteCol = 0;
        boolean comment = false;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '\n';
            boolean end = i == text.length();
            if (comment && c != '\n') {
                col++;
                continue;
            }
            if (quote != 0 && !end && c != '\n') {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && i + 1 < text.length()) {
                    cur.append(c);
                    c = text.charAt(++i);
                    col++;
                }
                cur.append(c);
                col++;
                continue;
            }
            if (quote != 0) {
                throw new SyntaxError(quoteLine, quoteCol, "unclosed " + quote + " quote");
            }
            if (c == '"' || c == '\'') {
                if (cur.toString().isBlank()) {
                    curLine = line;
                    curCol = col;
                }
                quote = c;
                quoteLine = line;
                quoteCol = col;
                cur.append(c);
                col++;
                continue;
            }
            if (c == '#' && (cur.length() == 0 || Character.isWhitespace(cur.charAt(cur.length() - 1)))) {
                comment = true;
                col++;
                continue;
            }
            if (c == '\n' || c == ';') {
                flush(out, cur, curLine, curCol);
                comment = false;
                if (c == '\n') {
                    line++;
                    col = 1;
                } else {
                    col++;
                }
                continue;
            }
            boolean wordStart = cur.length() == 0 || Character.isWhitespace(cur.charAt(cur.length() - 1));
            char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
            // "}}" is two closes: read as one word it left both blocks open and a surplus } looked like a missing one
            if ((c == '{' || c == '}') && wordStart
                    && (Character.isWhitespace(next) || next == ';' || c == '}' && next == '}')) {
                flush(out, cur, curLine, curCol);
                out.add(new Token(c == '{' ? Kind.OPEN : Kind.CLOSE, String.valueOf(c), line, col));
                col++;
                continue;
            }
            if (cur.toString().isBlank() && !Character.isWhitespace(c)) {
                cur.setLength(0);
                curLine = line;
                curCol = col;
            }
            cur.append(c);
            col++;
        }
        return out;
    }

    private static void flush(List<Token> out, StringBuilder cur, int line, int col) {
        String s = cur.toString().strip();
        if (!s.isEmpty()) {
            out.add(new Token(Kind.TEXT, s, line, col));
        }
        cur.setLength(0);
    }
}
