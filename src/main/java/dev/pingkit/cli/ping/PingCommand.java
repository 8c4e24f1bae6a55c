package dev.pingkit.cli.ping;

import dev.pingkit.cli.GuardedOutput;
import dev.pingkit.cli.Invocation;
import dev.pingkit.cli.JsonLine;
import dev.pingkit.cli.ProcessExit;
import dev.pingkit.cli.RunControl;
import dev.pingkit.cli.Signals;
import dev.pingkit.cli.Target;
import dev.pingkit.cli.UsageException;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.pingkit.batch.RttChart;
import dev.pingkit.packet.Addresses;
import dev.pingkit.ping.PingListener;
import dev.pingkit.ping.PingSettings;
import dev.pingkit.ping.PingStatistics;
import dev.pingkit.ping.Pinger;

/**
 * {@code scripts/ping}: iputils {@code ping} over the pingkit engine. Parses the options, resolves the target, runs a
 * {@link Pinger} and prints its events as iputils lines ({@link IputilsFormat}) or JSON lines ({@link JsonLine}).
 * Exit codes as iputils: 0 when replies came, 1 when none did (or a {@code -w} run fell short of {@code -c}),
 * 2 on errors.
 */
public final class PingCommand {

    private PingCommand() {
    }

    /**
     * Loads the native layer on a spare thread: JNA's start-up (its library, libc bindings) is the largest part of a
     * one-packet run, and nothing it does depends on the options, which the main thread parses meanwhile. A daemon,
     * so it never holds the exit up. A class rather than a lambda: a lambda's first use costs start-up time too.
     */
    private static final class NativeWarmUp implements Runnable {
        @Override
        public void run() {
            Pinger.prepare();
        }
    }

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        Thread warmUp = new Thread(new NativeWarmUp(), "pingkit-native-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        GuardedOutput stdout = GuardedOutput.stdout();
        PrintStream out = new PrintStream(new BufferedOutputStream(stdout, 1 << 14), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        RunControl control = new RunControl() {
            @Override
            public void onStop(Runnable stop) {
                Signals.PROCESS.onStop(stop);
                stdout.onBrokenPipe(stop);
            }

            @Override
            public void onStatus(Runnable status) {
                Signals.PROCESS.onStatus(status);
            }
        };
        int code;
        try {
            code = run(args, out, err, isRoot(), control);
        } catch (RuntimeException e) {
            // Our bug, not the user's: still one line, no stack trace (PINGKIT_DEBUG=1 shows it).
            out.flush();
            err.println("ping: internal error: " + e);
            if (System.getenv("PINGKIT_DEBUG") != null) {
                e.printStackTrace(err);
            }
            code = 2;
        }
        out.flush();
        if (stdout.brokenPipe()) {
            code = GuardedOutput.BROKEN_PIPE_EXIT; // silent, as a process SIGPIPE ended
        } else if (stdout.failed()) {
            err.println("ping: write error");
            code = 1;
        }
        err.flush();
        ProcessExit.now(code);
    }

    /**
     * The whole command with its streams passed in (tests call this); returns the exit code. Ctrl-C (SIGINT) stops
     * the run and prints the summary, as in iputils.
     */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean privileged) {
        return run(args, out, err, privileged, Signals.PROCESS);
    }

    /**
     * The command inside a host that owns Ctrl-C itself (the REPL): {@code control} is handed the action that
     * stops the run (and the one that prints interim statistics), once the run exists, and decides when to call
     * them. Returns the exit code.
     */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean privileged, RunControl control) {
        Invocation inv;
        Target target;
        try {
            PingOptions.Parsed parsed = PingOptions.parse(args, privileged);
            if (parsed instanceof PingOptions.Help help) {
                // --help: stdout and 0, as GNU tools; -h: iputils' usage(), on stderr and 2.
                PingOptions.printHelp(help.requested() ? out : err);
                out.flush();
                return help.requested() ? 0 : 2;
            }
            if (parsed instanceof PingOptions.NodeInfoHelp ni) {
                if (ni.conflict() != null) {
                    out.println(ni.conflict());
                }
                (ni.requested() ? out : err).println(IputilsFormat.NODEINFO_HELP);
                out.flush();
                return ni.requested() ? 0 : 2;
            }
            if (parsed instanceof PingOptions.Version) {
                out.println(IputilsFormat.version(version()));
                return 0;
            }
            inv = ((PingOptions.Run) parsed).invocation();
            target = Target.resolve(inv.host(), inv.family());
            if (Broadcasts.isBroadcast(target.address())) {
                if (!inv.broadcast()) { // iputils' words: without -b a broadcast probe is never sent
                    throw new UsageException("Do you want to ping broadcast? Then -b. If not, check your local "
                            + "firewall rules");
                }
                err.println("WARNING: pinging broadcast address"); // iputils' warning, before the PING line
            }
        } catch (UsageException e) {
            err.println(e.line());
            return e.exitCode();
        }

        PingSettings settings;
        try {
            settings = Settings.of(inv, target, privileged);
        } catch (IllegalArgumentException e) {
            err.println("ping: " + e.getMessage());
            return 2;
        } catch (UsageException e) {
            err.println(e.line());
            return e.exitCode();
        }

        if (inv.histogram() && inv.json()) {
            err.println("ping: --histogram draws for a terminal and cannot be combined with --json");
            return 2;
        }
        Pinger pinger;
        try {
            pinger = Pinger.open(settings);
        } catch (IOException e) { // the socket's own message says what failed and what to do
            err.println("ping: " + e.getMessage());
            return 2;
        }
        // made once the socket is open: -v prints the identifier it gave our probes
        Printer printer = inv.json() ? new JsonPrinter(out, inv, target)
                : new IputilsPrinter(out, err, inv, target, pinger.identifier(),
                        pinger.flowLabel());
        RttRecorder recorder = inv.histogram() ? new RttRecorder(printer) : null;
        PingListener listener = recorder != null ? recorder : printer;
        CaptureTap capture = null;
        if (inv.pcap().isPresent()) {
            try {
                capture = new CaptureTap(listener, inv.pcap().get(), target.address(), settings.source(),
                        settings.payload(), settings.ttl(), settings.tos(), pinger.identifier());
            } catch (IOException | RuntimeException e) {
                pinger.close();
                err.println("ping: cannot write capture " + inv.pcap().get() + ": " + CaptureTap.reason(e));
                return 2;
            }
            listener = capture;
        }
        if (control.wantsProbes()) {
            listener = new ResultTap(listener, control::onProbe, target.address(), settings.payload(),
                    settings.ttl(), settings.tos(), pinger.identifier());
        }
        try (pinger) {
            printer.start();
            out.flush();
            control.onStop(pinger::stop);
            control.onStatus(() -> printer.status(pinger.snapshot()));
            PingStatistics stats = pinger.run(listener);
            int code = stats.received() == 0
                    || (inv.deadline().isPresent() && inv.count() > 0 && stats.received() < inv.count()) ? 1 : 0;
            printer.finish(stats, code);
            if (recorder != null) {
                out.print(RttChart.histogram(recorder.rtts(), RttChart.Glyphs.current()));
            }
            if (capture != null) {
                capture.finish();
            }
            out.flush();
            return code;
        } catch (IOException e) {
            out.flush();
            err.println("ping: " + e.getMessage());
            return 2;
        }
    }

    /** Whether this process runs as root: root may go below 2 ms and preload more than 3, as with iputils. */
    public static boolean isRoot() {
        try {
            List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
            for (String line : status) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0"); // effective uid
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: assume unprivileged, the stricter choice
        }
        return false;
    }

    /** The project version from the jar's manifest ({@code Implementation-Version}, the pom's version). */
    static String version() {
        String v = PingCommand.class.getPackage().getImplementationVersion();
        return v != null ? v : "(development classes, no jar)";
    }

    /** The invocation as engine settings. */
    static final class Settings {
        private Settings() {
        }

        static PingSettings of(Invocation inv, Target target) throws UsageException {
            return of(inv, target, true);
        }

        /** @param privileged root: {@code -A} may go below iputils' 2 ms for users */
        static PingSettings of(Invocation inv, Target target, boolean privileged) throws UsageException {
            if (inv.ttl().isPresent() && inv.ttl().get() == 0 && !target.ipv6()) {
                // The parser takes 0..255 as iputils' does; the kernel then refuses IP_TTL 0, in these words.
                throw new UsageException("cannot set unicast time-to-live: Invalid argument");
            }
            PingSettings s = PingSettings.to(target.address(), inv.host())
                    .count(inv.count())
                    .flood(inv.flood()) // before the interval: flood(true) sets 0, -i may set another
                    .interval(inv.effectiveInterval())
                    .preload(inv.preload())
                    .payloadSize(inv.size())
                    .reportOutstanding(inv.outstanding())
                    .broadcast(inv.broadcast() && !target.ipv6()); // IPv6 has no broadcast: -b changes nothing
            if (inv.deadline().isPresent()) {
                s = s.deadline(Duration.ofSeconds(inv.deadline().get()));
            }
            if (inv.replyTimeout().isPresent()) {
                s = s.replyTimeout(inv.replyTimeout().get());
            }
            if (!inv.patternHex().isEmpty()) {
                s = s.pattern(inv.patternHex());
            }
            if (inv.ttl().isPresent()) {
                s = s.ttl(inv.ttl().get());
            }
            if (inv.tos().isPresent()) {
                s = s.tos(inv.tos().get());
            }
            if (inv.pmtu().isPresent()) {
                s = s.pmtu(PingSettings.Pmtu.valueOf(inv.pmtu().get().toUpperCase(java.util.Locale.ROOT)));
            }
            if (inv.flowLabel().isPresent()) {
                s = s.flowLabel(inv.flowLabel().get());
            }
            if (inv.identifier().isPresent()) { // iputils: -e implies a raw socket, where the identifier is ours
                s = s.rawIdentifier(inv.identifier().get());
            }
            s = s.dontRoute(inv.dontRoute()).debug(inv.debug()).sendBuffer(inv.sendBuffer().orElse(null));
            if (inv.adaptive()) {
                s = s.adaptive(privileged ? Duration.ZERO : Duration.ofMillis(PingOptions.MIN_USER_INTERVAL_MS));
            }
            if (inv.ipOptions() && !target.ipv6()) { // iputils ignores -R and -T for IPv6
                s = s.ipOptions(ipOptions(inv));
            }
            if (inv.stickySource() && inv.source().isEmpty()) {
                // -B: bound to the source the kernel would pick now, so a route change cannot move it
                s = s.source(kernelSource(target.address()));
            }
            if (inv.probe().isPresent()) {
                s = s.probe(dev.pingkit.packet.InterfaceId.parse(inv.probe().get())); // checked by the parser
            }
            if (target.ipv6()) { // iputils ignores -N for IPv4; a subject word alone still sends echo requests
                s = s.nodeInfo(NodeInfoWords.query(inv.nodeInfo(), target.address()));
            }
            if (inv.mark().isPresent()) {
                s = s.mark((int) (long) inv.mark().get());
            }
            if (inv.device().isPresent()) {
                s = s.device(inv.device().get());
            }
            if (inv.source().isPresent()) {
                try {
                    s = s.source(InetAddress.getByName(inv.source().get()));
                } catch (java.net.UnknownHostException e) {
                    throw new UsageException("invalid source address: " + inv.source().get());
                }
            }
            return s;
        }
    }

    /** The IPv4 options iputils writes for -R (NOP, record route of 9 slots) and -T (40 or 36 bytes of stamps). */
    static List<dev.pingkit.packet.Ipv4Option> ipOptions(Invocation inv) throws UsageException {
        if (inv.recordRoute()) {
            return List.of(new dev.pingkit.packet.Ipv4Option.NoOperation(),
                    dev.pingkit.packet.RecordRouteOption.slots(dev.pingkit.packet.RecordRouteOption.MAX_SLOTS));
        }
        return List.of(switch (inv.timestamp().orElseThrow()) {
            case "tsonly" -> dev.pingkit.packet.TimestampOption.timestampsOnly(9);
            case "tsandaddr" -> dev.pingkit.packet.TimestampOption.addressesAndTimestamps(4);
            default -> {
                List<java.net.Inet4Address> hosts = new java.util.ArrayList<>();
                for (String h : inv.stamping()) {
                    InetAddress a = Target.resolve(h, 4).address();
                    hosts.add((java.net.Inet4Address) a);
                }
                // iputils sends the option even with no host listed: 4 bytes, nothing for anyone to stamp
                yield hosts.isEmpty() ? new dev.pingkit.packet.TimestampOption(
                        dev.pingkit.packet.TimestampOption.TSPRESPEC, dev.pingkit.packet.TimestampOption.FIRST, 0,
                        List.of()) : dev.pingkit.packet.TimestampOption.prespecified(hosts);
            }
        });
    }

    /**
     * The source address the kernel would pick for {@code to}: a connected UDP socket's local address (connecting
     * sends nothing), as iputils finds it for {@code -B} and for the header of {@code -I device}.
     */
    static InetAddress kernelSource(InetAddress to) throws UsageException {
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket()) {
            probe.connect(to, 1025);
            InetAddress local = probe.getLocalAddress();
            if (local == null || local.isAnyLocalAddress()) {
                throw new UsageException("connect: Network is unreachable");
            }
            return local;
        } catch (java.io.IOException e) {
            throw new UsageException("connect: " + e.getMessage());
        }
    }

    /** Address text as iputils' pr_addr shows it: {@code name (addr)} unless numeric, cached per address. */
    static final class AddressNames {
        private final boolean numeric;
        private InetAddress last;
        private String lastText;

        AddressNames(boolean numeric) {
            this.numeric = numeric;
        }

        String text(InetAddress a) {
            if (a.equals(last)) {
                return lastText;
            }
            String addr = Addresses.text(Target.withInterfaceName(a));
            String shown = addr;
            if (!numeric) {
                try {
                    String name = InetAddress.getByAddress(a.getAddress()).getHostName();
                    if (!name.equals(addr) && !name.equals(a.getHostAddress())) {
                        shown = name + " (" + addr + ")";
                    }
                } catch (java.net.UnknownHostException e) {
                    // keep the address
                }
            }
            last = a;
            lastText = shown;
            return shown;
        }
    }
}
