package dev.pingkit.repl;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs parsed {@link Loops} statements: a loop sets its variable (a session variable, as {@code let} would, still
 * set after the loop) before each pass over its body; each command has its {@code $((...))} arithmetic expanded and
 * then goes to the REPL as if typed. The first failing command stops the loops around it, as a failing line stops a
 * script; so does Ctrl-C.
 */
final class LoopRunner {
    /** Most passes one loop may make, so a typo like {@code 0..1000000000} ends in an error, not a hang. */
    static final long MAX_PASSES = 100_000;

    private final Session session;
    private final Host host;

    /** Where commands run and errors go: the REPL. */
    interface Host {
        /** Runs one command line as if typed; whether it succeeded. */
        boolean execute(String line);

        /** Reports a mistake of the loop itself (one line) and counts it as a failed command. */
        void error(String message);
    }

    LoopRunner(Session session, Host host) {
        this.session = session;
        this.host = host;
    }

    /** Runs the statements; false if one failed or Ctrl-C stopped them. */
    boolean run(List<Loops.Statement> statements) {
        session.clearStop();
        return block(statements);
    }

    private boolean block(List<Loops.Statement> statements) {
        for (Loops.Statement s : statements) {
            if (session.stopRequested()) {
                return false;
            }
            if (!statement(s)) {
                return false;
            }
        }
        return true;
    }

    private boolean statement(Loops.Statement s) {
        if (s instanceof Loops.Command c) {
            String line;
            try {
                line = Arithmetic.expand(c.text(), session.variables());
            } catch (UserError e) {
                return fail(c.line(), c.column(), e.getMessage());
            }
            return host.execute(line);
        }
        if (s instanceof Loops.Repeat r) {
            long n;
            try {
                n = number(r.count(), "repeat count");
            } catch (UserError e) {
                return fail(r.line(), r.countColumn(), e.getMessage());
            }
            if (n < 0 || n > MAX_PASSES) {
                return fail(r.line(), r.countColumn(), "repeat count must be 0.." + MAX_PASSES + ", got " + n);
            }
            for (long i = 0; i < n; i++) {
                if (!block(r.body())) {
                    return false;
                }
            }
            return true;
        }
        Loops.ForLoop f = (Loops.ForLoop) s;
        if (!f.values().contains("..")) {
            List<String> values;
            try {
                values = list(f);
            } catch (UserError e) {
                return fail(f.line(), f.valuesColumn(), e.getMessage());
            }
            for (String v : values) {
                session.variable(f.variable(), v);
                if (!block(f.body())) {
                    return false;
                }
            }
            return true;
        }
        Range range;
        try {
            range = range(f);
        } catch (UserError e) {
            return fail(f.line(), f.valuesColumn(), e.getMessage());
        }
        // Counted passes, each value computed from the start: a value stepped past Long.MAX_VALUE would wrap
        // around and the loop would never meet its end.
        for (long i = 0; i < range.passes(); i++) {
            session.variable(f.variable(), Long.toString(range.from() + i * range.step()));
            if (!block(f.body())) {
                return false;
            }
        }
        return true;
    }

    /** A range's start, step and number of passes (at most {@link #MAX_PASSES}, so nothing here overflows). */
    private record Range(long from, long step, long passes) {
    }

    private List<String> list(Loops.ForLoop f) {
        List<String> out = new ArrayList<>();
        for (String v : f.values().split(",", -1)) {
            if (v.isEmpty()) {
                throw new UserError("empty item in the list " + f.values());
            }
            out.add(session.expand(List.of(Arithmetic.expand(v, session.variables()))).get(0));
        }
        return out;
    }

    private Range range(Loops.ForLoop f) {
        int dots = f.values().indexOf("..");
        long from = number(f.values().substring(0, dots), "range start");
        long to = number(f.values().substring(dots + 2), "range end");
        long step = f.step() == null ? (from <= to ? 1 : -1) : number(f.step(), "step");
        if (step == 0 || (step > 0) != (from <= to) && from != to) {
            throw new UserError("step " + step + " never gets from " + from + " to " + to);
        }
        // The distance and the step as unsigned 64-bit numbers: to - from of -2^63..2^63-1 does not fit a long,
        // and neither does -step of -2^63; both do unsigned, so the count of passes is exact for every range.
        long distance = step > 0 ? to - from : from - to;
        long stride = step > 0 ? step : -step;
        long steps = Long.divideUnsigned(distance, stride);
        if (Long.compareUnsigned(steps, MAX_PASSES - 1) > 0) {
            throw new UserError("range " + from + ".." + to + " step " + step + " makes "
                    + new java.math.BigInteger(Long.toUnsignedString(steps)).add(java.math.BigInteger.ONE)
                    + " passes, at most " + MAX_PASSES + " allowed");
        }
        return new Range(from, step, steps + 1);
    }

    private long number(String text, String what) {
        String s = session.expand(List.of(Arithmetic.expand(text, session.variables()))).get(0);
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new UserError(what + " must be an integer, got " + s);
        }
    }

    private boolean fail(int line, int column, String message) {
        host.error("line " + line + ", column " + column + ": " + message);
        return false;
    }
}
