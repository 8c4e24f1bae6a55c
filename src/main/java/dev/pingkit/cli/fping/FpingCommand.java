package dev.pingkit.cli.fping;

import dev.pingkit.engine.Hosts;
import dev.pingkit.engine.SocketAccess;
import dev.pingkit.sweep.Sweep;
import dev.pingkit.sweep.SweepListener;
import dev.pingkit.sweep.SweepResult;
import dev.pingkit.engine.Stop;
import dev.pingkit.cli.ProcessExit;
import dev.pingkit.cli.GuardedOutput;
import dev.pingkit.cli.Signals;
import dev.pingkit.packet.EchoPayload;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;

/**
 * <b>{@code scripts/fping}: fping 5.1's options, output and exit codes over pingkit's sweep.</b>
 * Exit codes as Debian's fping 5.1 really gives them: 0 all alive, 1 some unreachable (and every argument
 * mistake, where fping's man page says 3), 2 a name that did not resolve, 4 a system call failed.
 */
public final class FpingCommand {
    private FpingCommand() {
    }

    /** The command; exits the JVM with fping's code. */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(GuardedOutput.stdoutEndingOnBrokenPipe(), true);
        int code = run(args, System.in, out, System.err, new StopHook() {
            @Override
            public void onStop(Runnable stop) {
                Signals.PROCESS.onStop(stop);
            }

            @Override
            public void onStatus(Runnable status) {
                // fping's SIGQUIT; HotSpot keeps SIGQUIT, so scripts/fping turns it into SIGUSR1
                Signals.PROCESS.onStatus(status);
            }
        });
        out.flush();
        ProcessExit.now(code);
    }

    /** Hooks the run's stop to an outside signal (Ctrl-C for the command, nothing in tests). */
    interface StopHook {
        void onStop(Runnable stop);

        /** Receives the action that prints fping's interim report (its SIGQUIT); ignored by default. */
        default void onStatus(Runnable status) {
        }
    }

    /** Runs one fping command line; returns the exit code. */
    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err, StopHook hook) {
        FpingInvocation inv;
        try {
            FpingOptions.Parsed parsed;
            try {
                parsed = FpingOptions.parse(args);
            } catch (FpingUsageException e) {
                // fping opens its socket first, reads its options (a malformed one is the usage text), checks the
                // socket, and only then the options' values: without a socket, "-H 300" is the socket's error.
                if (!e.getMessage().startsWith("Usage:") && !SocketAccess.mayOpen()) {
                    err.println(FpingWords.cannotCreateSocket());
                    return 4;
                }
                throw e;
            }
            if (parsed instanceof FpingOptions.Help) {
                out.print(FpingWords.usage());
                return 0;
            }
            if (parsed instanceof FpingOptions.Version) {
                out.println(FpingWords.version());
                return 0;
            }
            if (!SocketAccess.mayOpen()) {
                err.println(FpingWords.cannotCreateSocket());
                return 4;
            }
            inv = ((FpingOptions.Run) parsed).invocation();
            FpingTargets targets = FpingTargets.of(inv, stdin, err);
            if (targets.targets.isEmpty()) {
                return targets.unknown > 0 ? 2 : 1;
            }
            Sweep sweep = sweep(inv, targets);
            FpingPrinter printer = new FpingPrinter(inv, targets.targets, out, err);
            FpingJson json = inv.json() ? new FpingJson(out) : null;
            SweepListener listener = json != null ? json : printer;
            Stop stop = new Stop();
            hook.onStop(stop::stop);
            if (json == null) {
                hook.onStatus(printer.reports()::snapshot);
            }
            SweepResult result;
            FpingReports reports = json == null ? printer.reports() : null; // started by the printer's onStart
            try {
                result = sweep.run(listener, stop);
            } finally {
                if (reports != null) {
                    reports.close();
                }
            }
            if (json != null) {
                json.finish(result);
                int alive = result.alive().size();
                return targets.unknown > 0 ? 2 : alive != result.targets().size() ? 1 : 0;
            }
            return printer.finish(result, targets.unknown);
        } catch (FpingUsageException e) {
            err.println(e.getMessage());
            return e.exitCode();
        } catch (IOException e) {
            // fping's words for a socket it may not open; pingkit's advice on how to get one is for its own commands
            err.println(SocketAccess.denied(e) ? FpingWords.cannotCreateSocket() : FpingWords.PROG + ": "
                    + e.getMessage());
            return 4;
        } catch (IllegalArgumentException e) {
            err.println(FpingWords.PROG + ": " + e.getMessage());
            return 1;
        }
    }

    private static Sweep sweep(FpingInvocation inv, FpingTargets targets) {
        // -l runs until a signal stops it, as fping's does (no round limit), in memory that does not grow.
        Sweep s = Sweep.of(targets.targets).count(inv.loop() ? 0 : inv.count()).loop(inv.loop())
                .retries(inv.retry()).backoff(inv.backoff())
                .gap(Duration.ofNanos(inv.gapNanos())).interval(Duration.ofNanos(inv.intervalNanos()))
                .size(Math.min(inv.size(), EchoPayload.MAX_V4));
        if (inv.timeoutNanos() >= 0) {
            s = s.timeout(Duration.ofNanos(inv.timeoutNanos()));
        }
        if (inv.ttl() > 0) {
            s = s.ttl(inv.ttl());
        }
        if (inv.iface() != null) {
            s = s.device(inv.iface());
        }
        if (inv.source() != null) {
            s = s.source(Hosts.resolve(inv.source(), 0)); // an address literal, checked by FpingOptions
        }
        if (inv.tos() >= 0) {
            s = s.tos(inv.tos() & 0xff);
        }
        return s.dontFragment(inv.dontFragment()).random(inv.random());
    }
}
