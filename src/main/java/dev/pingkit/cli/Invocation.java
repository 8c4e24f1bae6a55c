package dev.pingkit.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What the user asked for on the command line, parsed and range-checked, before the target is resolved. Fields keep
 * iputils' meaning; an absent optional means "iputils' default".
 *
 * @param host            the destination as typed
 * @param family          0 (either), 4 or 6 (from {@code -4}/{@code -6})
 * @param count           {@code -c}; 0 = until interrupted or the deadline
 * @param interval        {@code -i} truncated to milliseconds as iputils does; empty = 1 s (0 with {@code -f})
 * @param size            {@code -s} data bytes after the ICMP header
 * @param ttl             {@code -t}
 * @param replyTimeout    {@code -W}
 * @param deadline        {@code -w} in seconds
 * @param flood           {@code -f}
 * @param patternHex      {@code -p} as the bytes it fills with, lower-case hex (empty = none)
 * @param tos             {@code -Q}
 * @param source          {@code -I} when it is an address
 * @param device          {@code -I} when it is an interface name (or the scope of an IPv6 source)
 * @param numeric         {@code -n}
 * @param quiet           {@code -q}
 * @param timestamps      {@code -D}
 * @param outstanding     {@code -O}
 * @param pmtu            {@code -M} do|dont|want|probe
 * @param mark            {@code -m}
 * @param preload         {@code -l}
 * @param verbose         {@code -v}
 * @param json            {@code --json}
 * @param histogram       {@code --histogram}: an RTT histogram and sparkline after the summary (pingkit)
 * @param pcap            {@code --pcap FILE}: every probe and reply written to a pcap capture (pingkit)
 * @param broadcast       {@code -b}
 * @param flowLabel       {@code -F}: the IPv6 flow label asked for (0: the kernel picks one)
 * @param probe           {@code --probe IFACE}: the interface of the target extended echo requests (PROBE, RFC 8335)
 *                        ask about, as typed (pingkit)
 * @param audible         {@code -a}: a BEL after each reply line
 * @param adaptive        {@code -A}: the interval follows the smoothed RTT
 * @param stickySource    {@code -B}: bind to the source the kernel picks and name it in the header
 * @param identifier      {@code -e}: the ICMP identifier (a raw socket)
 * @param recordRoute     {@code -R}: the record route option on every probe
 * @param timestamp       {@code -T}: tsonly, tsandaddr or tsprespec
 * @param stamping        {@code -T tsprespec}: the hosts asked to stamp, as typed (the operands before the
 *                        destination)
 * @param dontRoute       {@code -r}: SO_DONTROUTE
 * @param sendBuffer      {@code -S}: SO_SNDBUF
 * @param debug           {@code -d}: SO_DEBUG
 * @param nodeInfo        {@code -N}: every node information word given (name, ipv6, subject-ipv6=...), in order
 */
public record Invocation(
        String host, int family, long count, Optional<Duration> interval, int size, Optional<Integer> ttl,
        Optional<Duration> replyTimeout, Optional<Integer> deadline, boolean flood, String patternHex,
        Optional<Integer> tos, Optional<String> source, Optional<String> device, boolean numeric, boolean quiet,
        boolean timestamps, boolean outstanding, Optional<String> pmtu, Optional<Long> mark, int preload,
        boolean verbose, boolean json, boolean histogram, Optional<Path> pcap, boolean broadcast,
        Optional<Integer> flowLabel, Optional<String> probe, boolean audible, boolean adaptive,
        boolean stickySource, Optional<Integer> identifier, boolean recordRoute, Optional<String> timestamp,
        java.util.List<String> stamping, boolean dontRoute, Optional<Integer> sendBuffer, boolean debug,
        java.util.List<String> nodeInfo) {

    /** Whether -R or -T asks for IPv4 options (40 bytes more in iputils' header). */
    public boolean ipOptions() {
        return recordRoute || timestamp.isPresent();
    }

    /** The {@code -p} pattern bytes (empty when none was given). */
    public byte[] pattern() {
        return HexFormat.of().parseHex(patternHex);
    }

    /** The interval the schedule uses: {@code -i}, else 0 for flood, else 1 s. */
    public Duration effectiveInterval() {
        return interval.orElse(flood ? Duration.ZERO : Duration.ofSeconds(1));
    }

    /** Whether iputils would print RTTs: only when the payload can hold a timeval (16 bytes). */
    public boolean timing() {
        return size >= 16;
    }
}
