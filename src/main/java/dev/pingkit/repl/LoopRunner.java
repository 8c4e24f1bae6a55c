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
        List<String> values;
        try {
            values = values(f);
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

    private List<String> values(Loops.ForLoop f) {
        List<String> out = new ArrayList<>();
        int dots = f.values().indexOf("..");
        if (dots < 0) {
            for (String v : f.values().split(",", -1)) {
                if (v.isEmpty()) {
                    throw new UserError("empty item in the list " + f.values());
                }
                out.add(session.expand(List.of(Arithmetic.expand(v, session.variables()))).get(0));
            }
            return out;
        }
        long from = number(f.values().substring(0, dots), "range start");
        long to = number(f.values().substring(dots + 2), "range end");
        long step = f.step() == null ? (from <= to ? 1 : -1) : number(f.step(), "step");
        if (step == 0 || (step > 0) != (from <= to) && from != to) {
            throw new UserError("step " + step + " never gets from " + from + " to " + to);
        }
        long passes = (to - from) / step + 1;
        if (passes > MAX_PASSES) {
            throw new UserError("range " + from + ".." + to + " step " + step + " makes " + passes + " passes, at most "
                    + MAX_PASSES + " allowed");
        }
        for (long v = from; step > 0 ? v <= to : v >= to; v += step) {
            out.add(Long.toString(v));
        }
        return out;
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
