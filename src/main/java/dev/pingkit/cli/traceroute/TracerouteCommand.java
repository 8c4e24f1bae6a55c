package dev.pingkit.cli.traceroute;

import dev.pingkit.cli.ProcessExit;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import org.apache.commons.cli.help.HelpFormatter;

import dev.pingkit.cli.GuardedOutput;
import dev.pingkit.engine.HostNotFoundException;
import dev.pingkit.engine.NoAddressInFamilyException;
import dev.pingkit.packet.Addresses;
import dev.pingkit.trace.Route;
import dev.pingkit.trace.Trace;

/**
 * {@code scripts/traceroute}: Debian's {@code traceroute -I} over pingkit's {@link Trace}. The same header and hop
 * lines ({@code  3  198.18.10.2  0.123 ms !H *}), the same checks and exit codes (2 for a command-line mistake, 1
 * when the socket cannot be set up, else 0, reached or not); beyond it {@code --json} and {@code --report}.
 */
public final class TracerouteCommand {

    private TracerouteCommand() {
    }

    /** Loads the native layer on a spare thread while the main one parses and resolves (a class, not a lambda:
     * a lambda's first use costs start-up time). */
    private static final class NativeWarmUp implements Runnable {
        @Override
        public void run() {
            Trace.prepare();
        }
    }

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        Thread warmUp = new Thread(new NativeWarmUp(), "pingkit-native-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        PrintStream out = new PrintStream(new BufferedOutputStream(GuardedOutput.stdoutEndingOnBrokenPipe(), 1 << 14),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code;
        try {
            code = run(args, out, err);
        } catch (RuntimeException e) {
            out.flush();
            err.println("traceroute: internal error: " + e);
            if (System.getenv("PINGKIT_DEBUG") != null) {
                e.printStackTrace(err);
            }
            code = 2;
        }
        out.flush();
        err.flush();
        ProcessExit.now(code);
    }

    /** The whole command with its streams passed in (tests call this); returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        TracerouteOptions.Invocation inv;
        Trace trace;
        try {
            inv = TracerouteOptions.parse(args);
            if (inv.help()) {
                HelpFormatter.builder().setShowSince(false)
                        .setHelpAppendable(new org.apache.commons.cli.help.TextHelpAppendable(out)).get()
                        .printHelp("traceroute [options] host [packetlen]", "Trace the path to a host with ICMP echo"
                                + " (pingkit; as traceroute -I).", TracerouteOptions.options(),
                                "Output, options and exit codes as Debian's traceroute -I; see traceroute(8).", false);
                out.flush();
                return 0;
            }
            trace = resolved(traceOf(inv), inv.host());
        } catch (TracerouteOptions.Mistake e) {
            err.println(e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println(e.getMessage()); // the help could not be written
            return 2;
        }
        try {
            if (inv.report()) {
                new MtrReport(out).run(trace, inv.rounds());
                return 0;
            }
            Route empty = Route.of(trace, java.util.List.of());
            if (inv.json()) {
                JsonTrace json = new JsonTrace(out);
                json.start(empty, trace);
                Route route = trace.run(json::hop);
                json.end(route);
            } else {
                Function<InetAddress, String> name = inv.numeric() ? Addresses::text : TracerouteCommand::named;
                out.println(empty.header());
                out.flush();
                trace.run(hop -> {
                    out.println(hop.line(name));
                    out.flush();
                });
            }
            out.flush();
            return 0;
        } catch (IOException e) {
            out.flush();
            err.println(e.getMessage());
            return 1;
        }
    }

    private static Trace traceOf(TracerouteOptions.Invocation inv) throws TracerouteOptions.Mistake {
        Trace t = Trace.to(inv.host()).family(inv.family()).maxHops(inv.maxTtl()).firstHop(inv.firstTtl())
                .probes(inv.probes()).simultaneous(inv.simultaneous())
                .waitMax(inv.waitMax()).waitHere(inv.here()).waitNear(inv.near()).gap(inv.sendWait())
                .dontFragment(inv.dontFragment());
        if (inv.tos() >= 0) {
            t = t.tos(inv.tos());
        }
        if (inv.packetLength() >= 0) {
            t = t.packetLength(inv.packetLength());
        }
        if (inv.device().isPresent()) {
            t = t.device(inv.device().get());
        }
        if (inv.source().isPresent()) {
            String s = inv.source().get();
            if (!s.matches("[0-9a-fA-F.:]+")) {
                throw new TracerouteOptions.Mistake("Cannot handle `-s' option with arg `" + s + "'");
            }
            try {
                t = t.source(InetAddress.getByName(s));
            } catch (UnknownHostException e) {
                throw new TracerouteOptions.Mistake("Cannot handle `-s' option with arg `" + s + "'");
            }
        }
        return t;
    }

    /** Resolves the host now (once: the run does not resolve again), in traceroute's words when it cannot. */
    private static Trace resolved(Trace trace, String host) throws TracerouteOptions.Mistake {
        Trace t;
        try {
            t = trace.resolve();
        } catch (HostNotFoundException e) {
            throw new TracerouteOptions.Mistake(host + ": Name or service not known");
        } catch (NoAddressInFamilyException e) {
            throw new TracerouteOptions.Mistake(host + ": Address family for hostname not supported");
        }
        if (t.source() != null && t.source().getAddress().length != t.target().getAddress().length) {
            throw new TracerouteOptions.Mistake("IP version mismatch in addresses specified");
        }
        return t;
    }

    /** traceroute without -n: {@code name (address)}, the address twice when it has no name. */
    private static String named(InetAddress a) {
        String addr = Addresses.text(a);
        String name = addr;
        try {
            name = InetAddress.getByAddress(a.getAddress()).getHostName();
        } catch (UnknownHostException e) {
            // keep the address
        }
        if (name.equals(a.getHostAddress())) {
            name = addr;
        }
        return name + " (" + addr + ")";
    }

    /** Nanoseconds to whole microseconds, -1 (none) kept. */
    static long micros(long nanos) {
        return nanos < 0 ? -1 : (nanos + 500) / 1000;
    }
}
