package dev.pingkit.cli.prober;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.cli.help.HelpFormatter;
import org.apache.commons.cli.help.TextHelpAppendable;

import dev.pingkit.cli.Signals;
import dev.pingkit.cli.Target;
import dev.pingkit.cli.UsageException;
import dev.pingkit.packet.Addresses;

/**
 * <b>{@code scripts/prober}: probes many targets continuously and serves their statistics to Prometheus</b>
 * ({@code /metrics} through the official client, optionally over TLS with basic auth), or prints every probe's
 * outcome as a JSON line ({@code --json}).
 *
 * <p>SIGHUP rereads the targets file and re-resolves every name (a name that stops resolving keeps its last address
 * and series, and counts a resolve error); SIGTERM or SIGINT stop sending, let the probes in flight finish and exit
 * 0. A bad option, an unreadable targets file or a target that does not resolve at start: one line, exit 2; the
 * engine failing while it runs (a socket error no retry can fix): one line, exit 1. The reader of {@code --json}
 * going away: exit 141 at once, as fping's SIGPIPE.
 */
public final class ProberCommand {
    private static final String PREFIX = "prober: ";
    /** The exit status of a process killed by SIGPIPE (128 + 13), as fping's when its reader goes away. */
    static final int BROKEN_PIPE = 141;

    private ProberCommand() {
    }

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code;
        try {
            code = run(args, out, err, new ProberControl() {
                @Override
                public void onReload(Runnable reload) {
                    Signals.handle("HUP", reload);
                }

                @Override
                public void onStop(Runnable stop) {
                    Signals.handle("TERM", stop);
                    Signals.handle("INT", stop);
                }
            });
        } catch (RuntimeException e) {
            // Our bug, not the user's: still one line (PINGKIT_DEBUG=1 shows the trace).
            err.println(PREFIX + "internal error: " + e);
            if (System.getenv("PINGKIT_DEBUG") != null) {
                e.printStackTrace(err);
            }
            code = 2;
        }
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** <b>The whole command with its streams and control passed in</b>; returns the exit code when it ends. */
    public static int run(String[] args, PrintStream out, PrintStream err, ProberControl control) {
        ProberConfig config;
        try {
            ProberOptions.Parsed parsed = ProberOptions.parse(args);
            if (parsed instanceof ProberOptions.Help) {
                out.print(help());
                out.flush();
                return 0;
            }
            if (parsed instanceof ProberOptions.Version) {
                String v = ProberCommand.class.getPackage().getImplementationVersion();
                out.println("prober (pingkit) " + (v == null ? "(development build)" : v));
                out.flush();
                return 0;
            }
            config = ((ProberOptions.Run) parsed).config();
        } catch (UsageException e) {
            err.println(PREFIX + e.getMessage());
            return 2;
        }
        WebConfig web = WebConfig.NONE;
        if (config.webConfig().isPresent()) {
            try {
                web = WebConfig.read(config.webConfig().get());
            } catch (UsageException e) {
                err.println(PREFIX + e.getMessage());
                return 2;
            }
        }
        ProberMetrics book = new ProberMetrics(config.buckets(), config.nativeSchema());
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean pipeClosed = new AtomicBoolean();
        ProbeOutcomes outcomes = config.json() ? new JsonOutcomes(out, () -> {
            pipeClosed.set(true);
            stopped.countDown();
        }) : book;
        List<ProberTarget> targets;
        try {
            targets = resolveAtStart(names(config), config.family());
        } catch (TargetsFile.Unreadable e) {
            err.println(PREFIX + "cannot read targets file " + e.getMessage());
            return 2;
        } catch (UsageException e) {
            err.println(PREFIX + e.getMessage());
            return 2;
        }
        if (targets.isEmpty()) {
            err.println(PREFIX + "no targets: the targets file " + config.targetsFile().orElseThrow()
                    + " lists none and none were named");
            return 2;
        }
        targets.forEach(book::of); // every target has its series from the first scrape, probed or not yet
        try (EngineProbes probes = new EngineProbes(config, outcomes, err, stopped::countDown);
             MetricsServer server = config.listen().isPresent()
                     ? MetricsServer.start(config.listen().get(), book.registry(), web) : null) {
            probes.probe(targets);
            if (server != null) {
                // The address asked for (the server reports the IPv4 wildcard bound as IPv4-mapped as plain
                // 0.0.0.0 anyway) with the port it got.
                InetSocketAddress at = new InetSocketAddress(config.listen().get().getAddress(),
                        server.address().getPort());
                err.println(PREFIX + "probing " + targets.size() + " target" + (targets.size() == 1 ? "" : "s")
                        + ", metrics at " + (web.tls().isPresent() ? "https" : "http") + "://" + hostPort(at)
                        + "/metrics");
                control.serving(at);
            }
            Reloader reloader = new Reloader(config, probes, outcomes, err, targets);
            control.onReload(reloader::reload);
            control.onStop(stopped::countDown);
            stopped.await();
            if (pipeClosed.get()) {
                // As fping (and any filter) ends on SIGPIPE: the reader is gone, so nothing is worth finishing.
                return BROKEN_PIPE;
            }
            if (probes.failed()) {
                return 1; // the engine said why on stderr
            }
            probes.finish(grace(config.interval()));
            return 0;
        } catch (BindException e) {
            err.println(PREFIX + "cannot listen on " + hostPort(config.listen().orElseThrow()) + ": "
                    + bindProblem(e));
            return 2;
        } catch (IOException e) {
            err.println(PREFIX + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Why a bind failed, in words: the JDK passes the kernel's bare errno text. */
    private static String bindProblem(BindException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("Cannot assign requested address")) {
            return "no interface of this machine has that address";
        }
        if (m.contains("Address already in use")) {
            return "the port is in use (another prober?); pick another, or port 0 for a free one";
        }
        if (m.contains("Permission denied")) {
            return "ports below 1024 need root or CAP_NET_BIND_SERVICE";
        }
        return m;
    }

    /** How long a stop waits for the probes in flight: one interval, at least 1 s, at most 5 s. */
    static Duration grace(Duration interval) {
        Duration g = interval.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : interval;
        return g.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : g;
    }

    private static String hostPort(InetSocketAddress a) {
        String host = Addresses.text(a.getAddress());
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** The command line's targets, then the file's, without repeats. */
    static List<String> names(ProberConfig config) throws TargetsFile.Unreadable {
        LinkedHashSet<String> all = new LinkedHashSet<>(config.targets());
        if (config.targetsFile().isPresent()) {
            all.addAll(TargetsFile.read(config.targetsFile().get()));
        }
        return new ArrayList<>(all);
    }

    private static List<ProberTarget> resolveAtStart(List<String> names, int family) throws UsageException {
        List<ProberTarget> targets = new ArrayList<>();
        for (String n : names) {
            ProberTarget t = new ProberTarget(n, Target.resolve(n, family).address());
            if (!targets.contains(t)) {
                targets.add(t);
            }
        }
        return targets;
    }

    static String help() {
        StringBuilder b = new StringBuilder();
        try {
            HelpFormatter.builder().setShowSince(false)
                    .setHelpAppendable(new TextHelpAppendable(b)).get()
                    .printHelp("prober [options] [targets...]", "Probes every target with ICMP echo once an interval "
                            + "and serves counts and an RTT histogram per target at /metrics (smokeping_prober's "
                            + "metric names, through the official Prometheus client).", ProberOptions.options(),
                            "SIGHUP rereads the targets file; SIGTERM stops after the probes in flight and exits 0.",
                            false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toString();
    }
}
