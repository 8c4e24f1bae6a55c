package dev.pingkit.cli.prober;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * <b>What {@code scripts/prober} was asked to do, parsed and range-checked.</b>
 *
 * @param targets     the targets named on the command line (host names or address literals)
 * @param targetsFile a file of more targets, one a line, reread on SIGHUP
 * @param interval    time between two probes to the same target
 * @param rate        most probes a second, all targets together; 0 for no limit
 * @param size        ICMP data bytes after the header
 * @param family      0 (either), 4 or 6: which address a host name resolves to
 * @param listen      where {@code /metrics} is served (absent with {@code --json})
 * @param buckets     the RTT histogram's upper bounds, ascending, in seconds
 * @param json        print one JSON line per probe outcome instead of serving HTTP
 * @param nativeSchema the native RTT histogram's resolution (-4..8: bucket factor 2^(2^-schema))
 * @param webConfig   the exporter-toolkit web config file (TLS, basic auth), when given
 */
public record ProberConfig(List<String> targets, Optional<Path> targetsFile, Duration interval, long rate, int size, int family,
                           Optional<InetSocketAddress> listen, Buckets buckets, boolean json,
                           int nativeSchema, Optional<Path> webConfig) {

    /** Copies the lists so the value stays immutable. */
    public ProberConfig {
        targets = List.copyOf(targets);
    }
}
