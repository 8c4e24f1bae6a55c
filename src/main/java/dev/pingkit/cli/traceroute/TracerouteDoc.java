package dev.pingkit.cli.traceroute;

import java.util.List;
import java.util.Map;

import dev.pingkit.cli.CommandDoc;

/** <b>The man page and completion words of {@code scripts/traceroute}, from its option table.</b> */
public final class TracerouteDoc {

    private TracerouteDoc() {
    }

    /** The page's words and {@link TracerouteOptions#options()}. */
    public static CommandDoc doc() {
        return new CommandDoc("traceroute", "print the route ICMP echo probes take to a host, as traceroute -I does",
                "[options] host",
                List.of("scripts/traceroute traces with ICMP echo over the pingkit engine, with the options and "
                        + "output lines of Linux traceroute in its -I mode; --report gives mtr's report."),
                TracerouteOptions.options(),
                Map.of("-i", CommandDoc.Values.of(CommandDoc.Kind.INTERFACE)),
                CommandDoc.Values.of(CommandDoc.Kind.HOST),
                List.of("--json: one JSON object per probe and per hop.",
                        "--report: mtr --report's per-hop loss and RTTs over -c rounds."),
                "0 when the trace ran; 1 when it failed on the way (a socket error); 2 on a bad option or an unknown "
                        + "host.",
                List.of("traceroute(8)", "mtr(8)", "pingkit-ping(1)"));
    }
}
