package dev.pingkit.repl;

import java.util.Map;

/**
 * Shell-style integer arithmetic for the REPL: every {@code $((expr))} in a line becomes its value. {@code expr}
 * has {@code + - * / %}, unary minus, parentheses, decimal integers and variables ({@code $s} or {@code s}).
 * A mistake is a {@link UserError} naming the expression and what is wrong; overflow and division by zero are
 * mistakes too, never a wrapped number.
 */
final class Arithmetic {
    /** Most parentheses and signs one may nest, far beyond any real expression, well short of the thread's stack. */
    static final int MAX_NESTING = 64;

    private final String expr;
    private final Map<String, String> variables;
    private int pos;
    private int depth;

    private Arithmetic(String expr, Map<String, String> variables) {
        this.expr = expr;
        this.variables = variables;
    }

    /** {@code line} with each {@code $((...))} replaced by its value. */
    static String expand(String line, Map<String, String> variables) {
        int start = line.indexOf("$((");
        if (start < 0) {
            return line;
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (start >= 0) {
            int depth = 0;
            int end = -1;
            for (int i = start + 1; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    end = i;
                    break;
                }
            }
            if (end < 0 || line.charAt(end - 1) != ')') {
                throw new UserError("arithmetic: $(( at column " + (start + 1) + " has no closing ))");
            }
            out.append(line, from, start);
            String expr = line.substring(start + 3, end - 1);
            out.append(new Arithmetic(expr, variables).evaluate());
            from = end + 1;
            start = line.indexOf("$((", from);
        }
        return out.append(line.substring(from)).toString();
    }

    /** The value of one expression (no {@code $(( ))} around it). */
    static long evaluate(String expr, Map<String, String> variables) {
        return new Arithmetic(expr, variables).evaluate();
    }

    private long evaluate() {
        long v = sum();
        skip();
        if (pos < expr.length()) {
            throw error("unexpected '" + expr.charAt(pos) + "'");
        }
        return v;
    }

    private UserError error(String what) {
        return new UserError("arithmetic: " + what + " at position " + (pos + 1) + " of $((" + expr + "))");
    }

    private void skip() {
        while (pos < expr.length() && Character.isWhitespace(expr.charAt(pos))) {
            pos++;
        }
    }

    private long sum() {
        long v = product();
        while (true) {
            skip();
            if (pos < expr.length() && (expr.charAt(pos) == '+' || expr.charAt(pos) == '-')) {
                int opAt = pos;
                char op = expr.charAt(pos++);
                long r = product();
                try {
                    v = op == '+' ? Math.addExact(v, r) : Math.subtractExact(v, r);
                } catch (ArithmeticException e) {
                    pos = opAt;
                    throw error("overflow");
                }
            } else {
                return v;
            }
        }
    }

    private long product() {
        long v = unary();
        while (true) {
            skip();
            if (pos < expr.length() && "*/%".indexOf(expr.charAt(pos)) >= 0) {
                int opAt = pos;
                char op = expr.charAt(pos++);
                skip();
                int at = pos;
                long r = unary();
                if (op != '*' && r == 0) {
                    pos = at;
                    throw error("division by zero");
                }
                try {
                    v = op == '*' ? Math.multiplyExact(v, r) : op == '/' ? v / r : v % r;
                } catch (ArithmeticException e) {
                    pos = opAt;
                    throw error("overflow");
                }
            } else {
                return v;
            }
        }
    }

    private long unary() {
        skip();
        if (pos < expr.length() && (expr.charAt(pos) == '-' || expr.charAt(pos) == '+')) {
            int opAt = pos;
            boolean minus = expr.charAt(pos++) == '-';
            long v = nested(this::unary);
            if (!minus) {
                return v;
            }
            if (v == Long.MIN_VALUE) {
                pos = opAt;
                throw error("overflow");
            }
            return -v;
        }
        return atom();
    }

    /** Parses one nesting level down, refusing in one line what would otherwise end in a StackOverflowError. */
    private long nested(java.util.function.LongSupplier inner) {
        if (++depth > MAX_NESTING) {
            throw error("too deeply nested (at most " + MAX_NESTING + " parentheses and signs)");
        }
        long v = inner.getAsLong();
        depth--;
        return v;
    }

    private long atom() {
        skip();
        if (pos >= expr.length()) {
            throw error("a number or variable expected");
        }
        char c = expr.charAt(pos);
        if (c == '(') {
            pos++;
            long v = nested(this::sum);
            skip();
            if (pos >= expr.length() || expr.charAt(pos) != ')') {
                throw error("')' expected");
            }
            pos++;
            return v;
        }
        int start = pos;
        if (Character.isDigit(c)) {
            while (pos < expr.length() && Character.isDigit(expr.charAt(pos))) {
                pos++;
            }
            try {
                return Long.parseLong(expr.substring(start, pos));
            } catch (NumberFormatException e) {
                pos = start;
                throw error("number too large");
            }
        }
        if (c == '$') {
            pos++;
        }
        int nameStart = pos;
        while (pos < expr.length() && (Character.isLetterOrDigit(expr.charAt(pos)) || expr.charAt(pos) == '_')) {
            pos++;
        }
        if (pos == nameStart) {
            pos = start;
            throw error("unexpected '" + c + "'");
        }
        String name = expr.substring(nameStart, pos);
        String value = variables.get(name);
        if (value == null) {
            pos = start;
            throw error("unknown variable " + name);
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            pos = start;
            throw error("variable " + name + " is " + value + ", not an integer");
        }
    }
}
