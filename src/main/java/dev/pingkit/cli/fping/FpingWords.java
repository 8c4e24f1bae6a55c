package dev.pingkit.cli.fping;

import java.util.Locale;

/**
 * <b>Every sentence {@code scripts/fping} prints, in fping 5.1's exact words</b> (Debian's fping 5.1, the one the
 * comparison tests run against). The one place fping's wording lives.
 */
final class FpingWords {
    static final String PROG = "fping";
    static final String VERSION = "5.1";

    private FpingWords() {
    }

    /** fping's {@code sprint_tm}: milliseconds with three significant places, as fping prints RTTs. */
    static String ms(long nanos) {
        double t = nanos / 1e6;
        if (t < 0.0) {
            // C's %.2g: two significant digits, trailing zeros dropped (Java's %g keeps them)
            return new java.math.BigDecimal(t).round(new java.math.MathContext(2)).stripTrailingZeros()
                    .toPlainString();
        } else if (t < 1.0) {
            return fixed(nanos, 3);
        } else if (t < 10.0) {
            return fixed(nanos, 2);
        } else if (t < 100.0) {
            return fixed(nanos, 1);
        } else if (t < 1_000_000.0) {
            return fixed(nanos, 0);
        }
        return String.format(Locale.ROOT, "%.3e", t);
    }

    /**
     * {@code String.format("%.Nf", nanos / 1e6)} for {@code 0 <= nanos < 10^12} in integer arithmetic: the double
     * of {@code nanos / 1e6} prints as that exact decimal, which %f rounds half up, as this does. A /16 sweep's
     * summaries call it three times a target, and Formatter parses its pattern on every call.
     */
    /** {@link #ms} appended to {@code b}; the common range (0 to 1000 s) without a string made. */
    static void appendMs(StringBuilder b, long nanos) {
        if (nanos < 0 || nanos >= 1_000_000_000_000L) {
            b.append(ms(nanos));
            return;
        }
        int places = nanos < 1_000_000 ? 3 : nanos < 10_000_000 ? 2 : nanos < 100_000_000 ? 1 : 0;
        long unit = places == 3 ? 1_000 : places == 2 ? 10_000 : places == 1 ? 100_000 : 1_000_000;
        long scaled = (nanos + unit / 2) / unit; // half up, as fixed() rounds
        if (places == 0) {
            b.append(scaled);
            return;
        }
        long one = places == 3 ? 1_000 : places == 2 ? 100 : 10;
        b.append(scaled / one).append('.');
        long fraction = scaled % one;
        for (long d = one / 10; d > 1 && fraction < d; d /= 10) {
            b.append('0'); // the leading zeros of the fraction
        }
        b.append(fraction);
    }

    private static String fixed(long nanos, int places) {
        long unit = places == 3 ? 1_000 : places == 2 ? 10_000 : places == 1 ? 100_000 : 1_000_000;
        long scaled = (nanos + unit / 2) / unit; // half up
        if (places == 0) {
            return Long.toString(scaled);
        }
        long one = places == 3 ? 1_000 : places == 2 ? 100 : 10;
        String fraction = Long.toString(one + scaled % one).substring(1); // leading zeros kept
        return (scaled / one) + "." + fraction;
    }

    static String version() {
        return PROG + ": Version " + VERSION + " (pingkit)";
    }

    static String invalidOption(String option) {
        return PROG + ": invalid option -- '" + option + "'\nsee 'fping -h' for usage information";
    }

    static String missingArgument(String option) {
        return PROG + ": option requires an argument -- '" + option + "'\nsee 'fping -h' for usage information";
    }

    static String bothFamilies() {
        return PROG + ": can't specify both -4 and -6";
    }

    static String nameAndRdns() {
        return PROG + ": use either one of -d or -n";
    }

    static String aliveAndUnreachable() {
        return PROG + ": specify only one of a, u";
    }

    static String countAndLoop() {
        return PROG + ": specify only one of c, l";
    }

    static String ttlOutOfRange(long ttl) {
        return PROG + ": ttl " + ttl + " out of range";
    }

    static String dataSize(long size, int max) {
        return PROG + ": data size " + size + " not valid, must be lower than " + max;
    }

    static String backoff(double factor) {
        return String.format(Locale.ROOT, "%s: backoff factor %.1f not valid, must be between 1.0 and 5.0", PROG,
                factor);
    }

    static String sourceAddress(String s) {
        return PROG + ": can't parse source address: " + s;
    }

    static String netmask(String mask) {
        return PROG + ": netmask must be between 1 and 32 (is: " + mask + ")";
    }

    /** add_cidr's message; fping 5.1 really has a comma after its name here. */
    static String cidrAddress(String address) {
        return PROG + ", can't parse address " + address + ": Name or service not known";
    }

    static String rangeAddress(String address) {
        return PROG + ": can't parse address " + address + ": Name or service not known";
    }

    static String tooMany() {
        return PROG + ": -g parameter generates too many addresses";
    }

    static String fileError(String reason) {
        return PROG + ": fopen : " + reason;
    }

    static String cannotCreateSocket() {
        return PROG + ": can't create socket (must run as root?)";
    }

    /** A target that does not resolve: {@code nosuch.invalid: Name or service not known}. */
    static String unknownHost(String name, boolean familyMismatch) {
        return name + ": " + (familyMismatch ? "Address family for hostname not supported"
                : "Name or service not known");
    }

    static String isAlive(String host, Long elapsedNanos) {
        return host + " is alive" + (elapsedNanos == null ? "" : " (" + ms(elapsedNanos) + " ms)");
    }

    static String isUnreachable(String host) {
        return host + " is unreachable";
    }

    static String timestamp(long epochNanos) {
        return String.format(Locale.ROOT, "[%.5f] ", epochNanos / 1e9);
    }

    /** The {@code -c} line of one reply. */
    static String reply(String host, int width, int probe, int bytes, long rtt, long avg, String lossOrReturn) {
        return pad(host, width) + " : [" + probe + "], " + bytes + " bytes, " + ms(rtt) + " ms (" + ms(avg)
                + " avg, " + lossOrReturn + ")";
    }

    /** The {@code -c} line of a probe that timed out; {@code avg} < 0 when nothing was received yet. */
    static String timedOut(String host, int width, int probe, long avg, String lossOrReturn) {
        return pad(host, width) + " : [" + probe + "], timed out (" + (avg < 0 ? "NaN" : ms(avg)) + " avg, "
                + lossOrReturn + ")";
    }

    static String loss(int sent, int received) {
        return (sent > 0 ? (sent - received) * 100 / sent : 0) + "% loss";
    }

    /** The first line of a {@code -Q} report: the local time as {@code [hh:mm:ss]}. */
    static String reportTime(java.time.LocalTime t) {
        return String.format(Locale.ROOT, "[%02d:%02d:%02d]", t.getHour(), t.getMinute(), t.getSecond());
    }

    /**
     * One target's block of a {@code -Q -N} report, fping 5.1's {@code print_netdata}: its three charts declared
     * the first time, then the interval's sent and received counts, the percentage returned and min/avg/max in ns.
     */
    static String netdata(String host, long seconds, boolean charts, int sent, int received, long min, long avg,
                          long max, String nl) {
        String name = host.replaceAll("[^A-Za-z0-9]", "_");
        StringBuilder b = new StringBuilder();
        if (charts) {
            b.append("CHART fping.").append(name).append("_packets '' 'FPing Packets for host ").append(host)
                    .append("' packets '").append(host).append("' fping.packets line 110020 ").append(seconds)
                    .append(nl).append("DIMENSION xmt sent absolute 1 1").append(nl)
                    .append("DIMENSION rcv received absolute 1 1").append(nl);
        }
        b.append("BEGIN fping.").append(name).append("_packets").append(nl).append("SET xmt = ").append(sent)
                .append(nl).append("SET rcv = ").append(received).append(nl).append("END").append(nl);
        if (charts) {
            b.append("CHART fping.").append(name).append("_quality '' 'FPing Quality for host ").append(host)
                    .append("' percentage '").append(host).append("' fping.quality area 110010 ").append(seconds)
                    .append(nl).append("DIMENSION returned '' absolute 1 1").append(nl);
        }
        b.append("BEGIN fping.").append(name).append("_quality").append(nl).append("SET returned = ")
                .append(sent > 0 ? received * 100 / sent : 0).append(nl).append("END").append(nl);
        if (charts) {
            b.append("CHART fping.").append(name).append("_latency '' 'FPing Latency for host ").append(host)
                    .append("' ms '").append(host).append("' fping.latency area 110000 ").append(seconds).append(nl)
                    .append("DIMENSION min minimum absolute 1 1000000").append(nl)
                    .append("DIMENSION max maximum absolute 1 1000000").append(nl)
                    .append("DIMENSION avg average absolute 1 1000000").append(nl);
        }
        b.append("BEGIN fping.").append(name).append("_latency").append(nl);
        if (received > 0) {
            b.append("SET min = ").append(min).append(nl).append("SET avg = ").append(avg).append(nl)
                    .append("SET max = ").append(max).append(nl);
        }
        return b.append("END").append(nl).toString();
    }

    /** fping's warning when the kernel refuses a send (verbose mode only). */
    static String sendError(String host, String reason) {
        return host + ": error while sending ping: " + reason;
    }

    static String duplicate(String host, int probe, int bytes, long rtt) {
        return host + " : duplicate for [" + probe + "], " + bytes + " bytes, " + ms(rtt) + " ms";
    }

    /** The per-target summary of {@code -c}: {@code host : xmt/rcv/%loss = 3/3/0%, min/avg/max = ...}. */
    static String summary(String host, int width, int sent, int received, Integer outageMs, long min, long avg,
                          long max) {
        return appendSummary(new StringBuilder(), host, width, sent, received, outageMs, min, avg, max).toString();
    }

    /**
     * {@link #summary} appended to {@code b}, with no text made on the way: a /16's 65 534 summaries made ten
     * strings each (the padded name, three times and their parts).
     */
    static StringBuilder appendSummary(StringBuilder b, String host, int width, int sent, int received,
                                       Integer outageMs, long min, long avg, long max) {
        b.append(host);
        for (int i = host.length(); i < width; i++) {
            b.append(' ');
        }
        b.append(" : xmt/rcv/%loss = ").append(sent).append('/').append(received).append('/')
                .append(sent > 0 ? (sent - received) * 100 / sent : 0).append('%');
        if (outageMs != null) {
            b.append(", outage(ms) = ").append(outageMs);
        }
        if (received > 0) {
            appendMs(b.append(", min/avg/max = "), min);
            appendMs(b.append('/'), avg);
            appendMs(b.append('/'), max);
        }
        return b;
    }

    /** The per-target line of {@code -C}: every probe's time, {@code -} where it was lost. */
    static String verboseCounts(String host, int width, long[] rtts) {
        StringBuilder b = new StringBuilder(pad(host, width)).append(" :");
        for (long t : rtts) {
            b.append(' ').append(t >= 0 ? ms(t) : "-");
        }
        return b.toString();
    }

    /** {@code -s}: the global statistics block, blank lines included. */
    static String globalStats(int targets, int alive, int unreachable, int unknown, long timeouts, long sent,
                              long received, long otherIcmp, long min, long avg, long max, long elapsedNanos) {
        return String.format(Locale.ROOT, "%n %7d targets%n %7d alive%n %7d unreachable%n %7d unknown addresses%n%n"
                        + " %7d timeouts (waiting for response)%n %7d ICMP Echos sent%n"
                        + " %7d ICMP Echo Replies received%n %7d other ICMP received%n%n"
                        + " %s ms (min round trip time)%n %s ms (avg round trip time)%n %s ms (max round trip time)%n"
                        + " %12.3f sec (elapsed real time)%n",
                targets, alive, unreachable, unknown, timeouts, sent, received, otherIcmp, ms(min), ms(avg), ms(max),
                elapsedNanos / 1e9);
    }

    static String enoughReachable(boolean enough, int required, int reachable) {
        return (enough ? "Enough" : "Not enough") + " hosts reachable (required: " + required + ", reachable: "
                + reachable + ")";
    }

    /**
     * fping's warning for an ICMP error quoting one of its probes, or null where fping prints none. fping 5.1 reads
     * ICMPv6 type numbers against its ICMPv4 tables (so an ICMPv6 destination unreachable, type 1, prints nothing);
     * the same quirk is kept, so the lines match.
     */
    static String icmpError(int type, int code, String from, String host) {
        String what;
        if (type == 3) {
            what = code >= 0 && code < UNREACH.length ? UNREACH[code] : "ICMP Unreachable (Invalid Code)";
        } else if (type == 4 || type == 5 || type == 11 || type == 12) {
            what = TYPES[type];
        } else {
            return null;
        }
        return what + " from " + from + " for ICMP Echo sent to " + host;
    }

    private static final String[] TYPES = {"ICMP Echo Reply", "", "", "ICMP Unreachable", "ICMP Source Quench",
        "ICMP Redirect", "", "", "ICMP Echo", "", "", "ICMP Time Exceeded", "ICMP Parameter Problem"};

    private static final String[] UNREACH = {
        "ICMP Network Unreachable", "ICMP Host Unreachable", "ICMP Protocol Unreachable", "ICMP Port Unreachable",
        "ICMP Unreachable (Fragmentation Needed)", "ICMP Unreachable (Source Route Failed)",
        "ICMP Unreachable (Destination Network Unknown)", "ICMP Unreachable (Destination Host Unknown)",
        "ICMP Unreachable (Source Host Isolated)", "ICMP Unreachable (Communication with Network Prohibited)",
        "ICMP Unreachable (Communication with Host Prohibited)",
        "ICMP Unreachable (Network Unreachable For Type Of Service)",
        "ICMP Unreachable (Host Unreachable For Type Of Service)",
        "ICMP Unreachable (Communication Administratively Prohibited)",
        "ICMP Unreachable (Host Precedence Violation)", "ICMP Unreachable (Precedence cutoff in effect)"};

    static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** fping -h, word for word (to stdout for -h, to stderr after a bad value). */
    static String usage() {
        return """
                Usage: fping [options] [targets...]

                Probing options:
                   -4, --ipv4         only ping IPv4 addresses
                   -6, --ipv6         only ping IPv6 addresses
                   -b, --size=BYTES   amount of ping data to send, in bytes (default: 56)
                   -B, --backoff=N    set exponential backoff factor to N (default: 1.5)
                   -c, --count=N      count mode: send N pings to each target
                   -f, --file=FILE    read list of targets from a file ( - means stdin)
                   -g, --generate     generate target list (only if no -f specified)
                                      (give start and end IP in the target list, or a CIDR address)
                                      (ex. fping -g 198.51.100.0 198.51.100.255 or fping -g 198.51.100.0/24)
                   -H, --ttl=N        set the IP TTL value (Time To Live hops)
                   -I, --iface=IFACE  bind to a particular interface
                   -l, --loop         loop mode: send pings forever
                   -m, --all          use all IPs of provided hostnames (e.g. IPv4 and IPv6), use with -A
                   -M, --dontfrag     set the Don't Fragment flag
                   -O, --tos=N        set the type of service (tos) flag on the ICMP packets
                   -p, --period=MSEC  interval between ping packets to one target (in ms)
                                      (in loop and count modes, default: 1000 ms)
                   -r, --retry=N      number of retries (default: 3)
                   -R, --random       random packet data (to foil link data compression)
                   -S, --src=IP       set source address
                   -t, --timeout=MSEC individual target initial timeout (default: 500 ms,
                                      except with -l/-c/-C, where it's the -p period up to 2000 ms)

                Output options:
                   -a, --alive        show targets that are alive
                   -A, --addr         show targets by address
                   -C, --vcount=N     same as -c, report results in verbose format
                   -d, --rdns         show targets by name (force reverse-DNS lookup)
                   -D, --timestamp    print timestamp before each output line
                   -e, --elapsed      show elapsed time on return packets
                   -i, --interval=MSEC  interval between sending ping packets (default: 10 ms)
                   -n, --name         show targets by name (reverse-DNS lookup for target IPs)
                   -N, --netdata      output compatible for netdata (-l -Q are required)
                   -o, --outage       show the accumulated outage time (lost packets * packet interval)
                   -q, --quiet        quiet (don't show per-target/per-ping results)
                   -Q, --squiet=SECS  same as -q, but add interval summary every SECS seconds
                   -s, --stats        print final stats
                   -u, --unreach      show targets that are unreachable
                   -v, --version      show version
                   -x, --reachable=N  shows if >=N hosts are reachable or not
                """;
    }
}
