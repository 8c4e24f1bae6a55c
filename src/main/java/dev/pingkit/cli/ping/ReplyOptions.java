package dev.pingkit.cli.ping;

import dev.pingkit.packet.IcmpMessage;
import dev.pingkit.packet.Ipv4Options;
import dev.pingkit.packet.RecordRouteOption;
import dev.pingkit.packet.TimestampOption;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;

/**
 * What {@code ping -R} and {@code -T} print after a reply line: the route or the stamps its IPv4 header carries
 * back, as iputils' pr_options does; a route is printed once and then {@code (same route)} while it stays the same.
 * Wording in {@link IputilsFormat}.
 */
final class ReplyOptions {
    private final PingCommand.AddressNames names;
    private final boolean wanted;
    private List<Inet4Address> lastRoute; // the route last printed in full

    ReplyOptions(PingCommand.AddressNames names, boolean wanted) {
        this.names = names;
        this.wanted = wanted;
    }

    /** The text after the reply line (before its newline); "" without -R/-T or without options in the reply. */
    String text(IcmpMessage reply) {
        if (!wanted || reply == null) {
            return "";
        }
        Optional<Ipv4Options> options = reply.ipOptions();
        if (options.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        Optional<RecordRouteOption> rr = options.get().recordRoute();
        if (rr.isPresent() && !rr.get().recorded().isEmpty()) {
            List<Inet4Address> route = rr.get().recorded();
            if (route.equals(lastRoute)) {
                b.append(IputilsFormat.SAME_ROUTE);
            } else {
                lastRoute = route;
                b.append(IputilsFormat.recordRoute(route.stream().map(names::text).toList()));
            }
        }
        Optional<TimestampOption> ts = options.get().timestamp();
        if (ts.isPresent() && !ts.get().recorded().isEmpty()) {
            TimestampOption t = ts.get();
            List<TimestampOption.Entry> entries = t.recorded();
            long[] stamps = entries.stream().mapToLong(TimestampOption.Entry::timestamp).toArray();
            List<String> addresses = t.flag() == TimestampOption.TSONLY ? null
                    : entries.stream().map(e -> e.address() == null || e.address().isAnyLocalAddress() ? "0.0.0.0"
                            : names.text(e.address())).toList();
            b.append(IputilsFormat.timestamps(addresses, stamps, t.overflow()));
        }
        return b.toString();
    }
}
