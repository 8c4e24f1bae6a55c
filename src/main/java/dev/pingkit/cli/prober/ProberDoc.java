package dev.pingkit.cli.prober;

import java.util.List;
import java.util.Map;

import dev.pingkit.cli.CommandDoc;

/** <b>The man page and completion words of {@code scripts/prober}, from its option table.</b> */
public final class ProberDoc {

    private ProberDoc() {
    }

    /** The page's words and {@link ProberOptions#options()}. */
    public static CommandDoc doc() {
        return new CommandDoc("prober", "probe targets continuously and serve their RTTs and losses to Prometheus",
                "[options] targets...",
                List.of("scripts/prober sends ICMP echo probes to every target continuously and serves /metrics "
                        + "and /-/healthy on 127.0.0.1 through the official Prometheus client (smokeping_prober's "
                        + "metric names; text, OpenMetrics or protobuf as the scraper asks, gzip; the RTT histogram "
                        + "classic and native), or prints JSON lines with --json. --web.config.file takes Prometheus' "
                        + "exporter-toolkit web config file for TLS and basic auth. SIGHUP rereads the targets file; "
                        + "SIGTERM or Ctrl-C stop after the probes in flight."),
                ProberOptions.options(),
                Map.of("-f", CommandDoc.Values.of(CommandDoc.Kind.FILE),
                        "--targets-file", CommandDoc.Values.of(CommandDoc.Kind.FILE),
                        "--web.config.file", CommandDoc.Values.of(CommandDoc.Kind.FILE)),
                CommandDoc.Values.of(CommandDoc.Kind.HOST),
                List.of(),
                "0 after a stop by SIGTERM or SIGINT; 1 when the engine fails while it runs; 2 on a bad option, an "
                        + "unreadable targets file or web config file or a target that does not resolve at start; "
                        + "141 when the reader of --json goes away (as a process killed by SIGPIPE).",
                List.of("pingkit-ping(1)", "prometheus(1)"));
    }
}
