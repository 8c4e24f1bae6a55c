package dev.pingkit.cli.fping;

import java.util.List;

/**
 * <b>What an {@code fping} command line asks for, parsed and checked as fping 5.1 checks it.</b> Times are in
 * nanoseconds as fping keeps them; an absent value is fping's default.
 *
 * @param family         0 (either), 4 or 6
 * @param size           {@code -b} data bytes
 * @param backoff        {@code -B}
 * @param count          {@code -c}/{@code -C}; 0 = default mode (until alive, with retries)
 * @param verboseCount   {@code -C}: print every probe's time in the summary
 * @param loop           {@code -l}
 * @param file           {@code -f}, null when not given ({@code -} = stdin)
 * @param generate       {@code -g}
 * @param ttl            {@code -H}, 0 = the kernel's
 * @param iface          {@code -I}, null = none
 * @param dontFragment   {@code -M}
 * @param tos            {@code -O}, -1 = none
 * @param intervalNanos  {@code -p}: between two probes to one target
 * @param retry          {@code -r}
 * @param random         {@code -R}
 * @param source         {@code -S}, null = none
 * @param timeoutNanos   {@code -t}, -1 = fping's default for the mode
 * @param alive          {@code -a}
 * @param addr           {@code -A}
 * @param rdns           {@code -d}
 * @param timestamp      {@code -D}
 * @param elapsed        {@code -e}
 * @param gapNanos       {@code -i}: between any two sends
 * @param name           {@code -n}
 * @param outage         {@code -o}
 * @param quiet          {@code -q} or {@code -Q}
 * @param stats          {@code -s}
 * @param unreach        {@code -u}
 * @param reachable      {@code -x}, 0 = not asked
 * @param json           {@code --json} (pingkit's own): one JSON object per event and per target
 * @param reportNanos    {@code -Q}: the time between two interval reports, 0 = none
 * @param netdata        {@code -N}: the interval reports in netdata's format, on stdout
 * @param all            {@code -m}: every address a name resolves to is a target
 * @param targets        the remaining arguments
 */
record FpingInvocation(int family, int size, double backoff, int count, boolean verboseCount, boolean loop,
                       String file, boolean generate, int ttl, String iface, boolean dontFragment, int tos,
                       long intervalNanos, int retry, boolean random, String source, long timeoutNanos, boolean alive,
                       boolean addr, boolean rdns, boolean timestamp, boolean elapsed, long gapNanos,
                       boolean name, boolean outage, boolean quiet, boolean stats, boolean unreach, int reachable,
                       boolean json, long reportNanos, boolean netdata, boolean all, List<String> targets) {

    FpingInvocation {
        targets = List.copyOf(targets);
    }

    /** fping's verbose_flag after its option checks: "is alive" / "is unreachable" lines. */
    boolean verbose() {
        return !quiet && !alive && !unreach && reachable == 0 && count == 0 && !loop;
    }

    /** fping's per_recv_flag: a line per reply and per timeout. */
    boolean perReply() {
        return (count > 0 || loop) && !quiet && !alive && !unreach && reachable == 0;
    }

    /** fping's interval reports: with {@code -Q} in count or loop mode only. */
    boolean reports() {
        return reportNanos > 0 && (count > 0 || loop);
    }

    /** {@code -a}, unless a count or loop mode switched it off (as fping does). */
    boolean listAlive() {
        return alive && count == 0 && !loop;
    }

    /** {@code -u}, unless a count or loop mode switched it off. */
    boolean listUnreachable() {
        return unreach && count == 0 && !loop;
    }
}
