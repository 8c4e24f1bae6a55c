package dev.pingkit.cli.ping;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Every line iputils {@code ping} prints, worded exactly once. Methods take plain values (times in microseconds, as
 * iputils keeps them) and return the line without its newline, so each wording is tested against strings taken from
 * real iputils output. The wording is Debian's iputils-ping 20221126, the {@code ping} the comparison tests run.
 */
public final class IputilsFormat {

    /** Flood mode: a dot per probe sent, erased by its reply; E for an error, C for a corrupt reply. */
    public static final String FLOOD_SENT = ".";
    public static final String FLOOD_REPLY = "\b \b";
    public static final String FLOOD_ERROR = "\bE";
    /** A probe that could not be sent in a flood: iputils writes a bare E (no dot was printed for it to take back). */
    public static final String FLOOD_SEND_ERROR = "E";
    public static final String FLOOD_CORRUPT = "\bC";
    public static final String FLOOD_LOCAL_ERROR = "E";

    private IputilsFormat() {
    }

    /** {@code PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.} / {@code PING ::1(::1) 56 data bytes}. */
    public static String header(String host, String address, boolean ipv6, int size, String source, String device) {
        return header(host, address, ipv6, size, source, device, -1);
    }

    /** The header with {@code ping -F}'s flow label ({@code PING ::1(::1) , flow 0x12345, 56 data bytes}), -1: none. */
    public static String header(String host, String address, boolean ipv6, int size, String source, String device,
                                int flowLabel) {
        return header(host, address, ipv6, size, source, device, flowLabel, false);
    }

    /**
     * The header of an IPv4 run with {@code -R} or {@code -T} ({@code ipOptions}): iputils counts the 40 bytes of
     * option space in the datagram size, {@code 56(124) bytes of data}.
     */
    public static String header(String host, String address, boolean ipv6, int size, String source, String device,
                                int flowLabel, boolean ipOptions) {
        StringBuilder b = new StringBuilder("PING ").append(host);
        b.append(ipv6 ? "(" : " (").append(address).append(") ");
        if (ipv6 && flowLabel > 0) { // iputils prints a label only when there is one (the kernel's pick included)
            b.append(String.format(java.util.Locale.ROOT, ", flow 0x%05x, ", flowLabel));
        }
        if (source != null || device != null) {
            b.append("from ").append(source == null ? "" : source).append(' ')
                    .append(device == null ? "" : device).append(": ");
        }
        if (ipv6) {
            b.append(size).append(" data bytes");
        } else {
            b.append(size).append('(').append(size + 8 + 20 + (ipOptions ? 40 : 0)).append(") bytes of data.");
        }
        return b.toString();
    }

    /** {@code ping -N help}: iputils' list of node information query words (stdout, exit 0; a bad word: stderr, 2). */
    public static final String NODEINFO_HELP = String.join("\n",
            "ping -6 -N <nodeinfo opt>",
            "Help:",
            "  help",
            "Query:",
            "  name",
            "  ipv6",
            "  ipv6-all",
            "  ipv6-compatible",
            "  ipv6-global",
            "  ipv6-linklocal",
            "  ipv6-sitelocal",
            "  ipv4",
            "  ipv4-all",
            "Subject:",
            "  subject-ipv6=addr",
            "  subject-ipv4=addr",
            "  subject-name=name",
            "  subject-fqdn=name");

    /** {@code -a}: the BEL iputils writes right after a reply line (not with {@code -q}). */
    public static final String AUDIBLE = "\u0007";
    /** {@code -R}: a reply whose recorded route is the last one's, after its line. */
    public static final String SAME_ROUTE = "\t(same route)";

    /**
     * {@code -R}: the route a reply recorded, after its line: {@code \nRR: \t198.51.100.1\n\t198.51.100.2...} and a
     * newline, as iputils' pr_options prints it (each address as reply lines name hosts).
     */
    public static String recordRoute(java.util.List<String> addresses) {
        return "\nRR: \t" + String.join("\n\t", addresses) + "\n";
    }

    /**
     * {@code -T}: the stamps a reply carries, after its line: {@code \nTS: \t84616306 absolute\n\t0...}, the first
     * stamp absolute and each later one the milliseconds since the one before (a stamp with the high bit set is
     * "not-standard", counted on its own), with {@code tsandaddr}/{@code tsprespec} the address before each, and
     * {@code Unrecorded hops: N} for the hops that found no room.
     *
     * @param addresses the address of each stamp as reply lines name hosts, or null for {@code tsonly}
     * @param stamps    the raw 32-bit values
     */
    public static String timestamps(java.util.List<String> addresses, long[] stamps, int unrecorded) {
        StringBuilder b = new StringBuilder("\nTS: ");
        long std = 0;
        long nonStd = 0;
        for (int i = 0; i < stamps.length; i++) {
            if (i > 0) {
                b.append('\n');
            }
            if (addresses != null) {
                b.append('\t').append(addresses.get(i));
            }
            long l = stamps[i];
            if ((l & 0x80000000L) != 0) {
                long t = l & 0x7fffffffL;
                b.append('\t').append(nonStd == 0 ? t + " absolute not-standard" : (t - nonStd) + " not-standard");
                nonStd = t;
            } else {
                b.append('\t').append(std == 0 ? l + " absolute" : String.valueOf(l - std));
                std = l;
            }
        }
        b.append('\n');
        if (unrecorded > 0) {
            b.append("Unrecorded hops: ").append(unrecorded).append('\n');
        }
        return b.toString();
    }

    /** {@code PATTERN: 0xab0c}, printed before the header when {@code -p} is given (unless {@code -q}). */
    public static String pattern(String patternHex) {
        return "PATTERN: 0x" + patternHex;
    }

    /** The {@code -D} prefix: {@code [1795613171.873214] } (seconds.microseconds since the epoch). */
    public static String timestamp(long epochMicros) {
        return "[" + decimal(epochMicros / 1_000_000, epochMicros % 1_000_000, 6) + "] ";
    }

    /** An RTT as iputils rounds it: 3 decimals below 1 ms, 2 below 10 ms, 1 below 100 ms, none above. */
    public static String rtt(long micros) {
        if (micros >= 100_000 - 50) {
            return Long.toString((micros + 500) / 1000);
        } else if (micros >= 10_000 - 5) {
            return (micros + 50) / 1000 + "." + ((micros + 50) % 1000) / 100;
        } else if (micros >= 1000) {
            return decimal((micros + 5) / 1000, ((micros + 5) % 1000) / 10, 2);
        }
        return decimal(micros / 1000, micros % 1000, 3);
    }

    /** A value in microseconds as the summary prints it: truncated to {@code %ld.%03ld} milliseconds. */
    public static String millis(long micros) {
        return decimal(micros / 1000, micros % 1000, 3);
    }

    /**
     * C's {@code %ld.%0Nld}: {@code whole}, a dot, {@code fraction} zero-padded to {@code digits}. Written out
     * because this is on every ping's path and String.format's first call (Formatter, its regex) costs a
     * one-packet ping milliseconds of start-up.
     */
    static String decimal(long whole, long fraction, int digits) {
        if (fraction < 0) {
            return String.format("%d.%0" + digits + "d", whole, fraction); // C's output for it, rare enough
        }
        String f = Long.toString(fraction);
        StringBuilder b = new StringBuilder(24).append(whole).append('.');
        for (int i = f.length(); i < digits; i++) {
            b.append('0');
        }
        return b.append(f).toString();
    }

    /**
     * A reply line: {@code 64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.040 ms}, with {@code (truncated)},
     * {@code (DUP!)}, {@code (BAD CHECKSUM!)} and the {@code wrong data byte} report as iputils adds them.
     *
     * @param ident       the identifier printed with {@code -v}, or -1 for none
     * @param ttl         the reply's TTL / hop limit, or -1 when unknown
     * @param rttMicros   the round trip, or -1 when iputils would not time this size ({@code -s} below 16)
     * @param truncated   the reply carried fewer bytes than we sent
     * @param wrongByte   offset in the data of the first altered byte, or -1
     * @param expected    the byte sent there, or -1 when the reply is longer than the request (then
     *                    {@code wrongByte} is the first byte too many)
     * @param data        the reply's data (after the ICMP header) for the dump after a wrong byte; may be null
     */
    public static String reply(int bytes, String from, int seq, int ident, int ttl, long rttMicros,
                               boolean truncated, boolean duplicate, boolean badChecksum,
                               int wrongByte, int expected, int actual, byte[] data, int dataSize) {
        StringBuilder b = new StringBuilder();
        b.append(bytes).append(" bytes from ").append(from).append(": icmp_seq=").append(seq);
        if (ident >= 0) {
            b.append(" ident=").append(ident);
        }
        if (ttl >= 0) {
            b.append(" ttl=").append(ttl);
        }
        if (truncated) {
            return b.append(" (truncated)").toString();
        }
        if (rttMicros >= 0) {
            b.append(" time=").append(rtt(rttMicros)).append(" ms");
        }
        if (duplicate) {
            b.append(" (DUP!)");
        }
        if (badChecksum) {
            b.append(" (BAD CHECKSUM!)");
        }
        if (wrongByte >= 0 && expected < 0) {
            // iputils compares only the bytes it sent and says nothing of more: we say it on a line of its own
            b.append('\n').append(tooLong(bytes - 8, dataSize));
        } else if (wrongByte >= 0) {
            b.append('\n').append(wrongData(wrongByte, expected, actual));
            if (data != null) {
                // iputils follows with the received data from byte 16 on, 32 bytes a row.
                for (int i = 16; i < dataSize && i < data.length; i++) {
                    if (i % 32 == 16) {
                        b.append("\n#").append(i).append('\t');
                    }
                    b.append(Integer.toHexString(data[i] & 0xFF)).append(' ');
                }
            }
        }
        return b.toString();
    }

    /**
     * {@code reply too long: 64 data bytes, 56 sent}: a reply that carries the probe's data and more (iputils has no
     * words for it; it checks only the bytes it sent).
     */
    public static String tooLong(int received, int sent) {
        return "reply too long: " + received + " data bytes, " + sent + " sent";
    }

    /** {@code wrong data byte #20 should be 0x14 but was 0x0} (iputils' %x: no padding). */
    public static String wrongData(int offset, int expected, int actual) {
        return "wrong data byte #" + offset + " should be 0x" + Integer.toHexString(expected & 0xFF)
                + " but was 0x" + Integer.toHexString(actual & 0xFF);
    }

    /** A probe the kernel refused to send, on stderr: {@code ping: local error: message too long, mtu=1500}. */
    public static String sendError(String why) {
        return "ping: " + why;
    }

    /**
     * Why a probe could not be sent, as iputils says it (without {@code ping: }): the kernel's local report of a
     * probe over the path MTU ({@code local error: message too long, mtu=1500}; IPv6 {@code mtu: 1500}), else its
     * {@code perror("ping: sendmsg")} ({@code sendmsg: Network is unreachable}).
     *
     * @param mtu the MTU of the kernel's EMSGSIZE report, 0 when the send failed without one
     */
    public static String sendFailure(boolean ipv6, String errnoDescription, int mtu) {
        if (mtu > 0) {
            return "local error: message too long, mtu" + (ipv6 ? ": " : "=") + Integer.toUnsignedString(mtu);
        }
        return "sendmsg: " + errnoDescription;
    }

    /** {@code From 198.51.100.1 icmp_seq=1 Time to live exceeded}. */
    public static String error(String from, int seq, String text) {
        return "From " + from + " icmp_seq=" + seq + " " + text;
    }

    /** {@code no answer yet for icmp_seq=3} ({@code -O}). */
    public static String noAnswerYet(int seq) {
        return "no answer yet for icmp_seq=" + seq;
    }

    /**
     * What an ICMP error says, as iputils words it for the family: pr_icmph for IPv4, print_icmp for IPv6.
     *
     * @param info the MTU (fragmentation needed / packet too big), the pointer (parameter problem) or the gateway
     *             address as an int (redirect)
     */
    public static String icmpText(boolean ipv6, int type, int code, long info) {
        return ipv6 ? icmp6Text(type, code, info) : icmp4Text(type, code, info);
    }

    private static String icmp4Text(int type, int code, long info) {
        switch (type) {
            case 0:
                return "Echo Reply";
            case 3:
                return switch (code) {
                    case 0 -> "Destination Net Unreachable";
                    case 1 -> "Destination Host Unreachable";
                    case 2 -> "Destination Protocol Unreachable";
                    case 3 -> "Destination Port Unreachable";
                    case 4 -> "Frag needed and DF set (mtu = " + info + ")";
                    case 5 -> "Source Route Failed";
                    case 6 -> "Destination Net Unknown";
                    case 7 -> "Destination Host Unknown";
                    case 8 -> "Source Host Isolated";
                    case 9 -> "Destination Net Prohibited";
                    case 10 -> "Destination Host Prohibited";
                    case 11 -> "Destination Net Unreachable for Type of Service";
                    case 12 -> "Destination Host Unreachable for Type of Service";
                    case 13 -> "Packet filtered";
                    case 14 -> "Precedence Violation";
                    case 15 -> "Precedence Cutoff";
                    default -> "Dest Unreachable, Bad Code: " + code;
                };
            case 4:
                return "Source Quench";
            case 5: {
                String what = switch (code) {
                    case 0 -> "Redirect Network";
                    case 1 -> "Redirect Host";
                    case 2 -> "Redirect Type of Service and Network";
                    case 3 -> "Redirect Type of Service and Host";
                    default -> "Redirect, Bad Code: " + code;
                };
                return what + "(New nexthop: " + ipv4(info) + ")";
            }
            case 8:
                return "Echo Request";
            case 11:
                return switch (code) {
                    case 0 -> "Time to live exceeded";
                    case 1 -> "Frag reassembly time exceeded";
                    default -> "Time exceeded, Bad Code: " + code;
                };
            case 12:
                return "Parameter problem: pointer = " + info;
            case 13:
                return "Timestamp";
            case 14:
                return "Timestamp Reply";
            case 15:
                return "Information Request";
            case 16:
                return "Information Reply";
            case 17:
                return "Address Mask Request";
            case 18:
                return "Address Mask Reply";
            default:
                return "Bad ICMP type: " + type;
        }
    }

    private static String icmp6Text(int type, int code, long info) {
        switch (type) {
            case 1:
                return "Destination unreachable: " + switch (code) {
                    case 0 -> "No route";
                    case 1 -> "Administratively prohibited";
                    case 2 -> "Beyond scope of source address";
                    case 3 -> "Address unreachable";
                    case 4 -> "Port unreachable";
                    default -> "Unknown code " + code;
                };
            case 2:
                return "Packet too big: mtu=" + info + (code != 0 ? ", code=" + code : "");
            case 3:
                return "Time exceeded: " + switch (code) {
                    case 0 -> "Hop limit";
                    case 1 -> "Defragmentation failure";
                    default -> "code " + code;
                };
            case 4:
                return "Parameter problem: " + switch (code) {
                    case 0 -> "Wrong header field ";
                    case 1 -> "Unknown header ";
                    case 2 -> "Unknown option ";
                    default -> "code " + code + " ";
                } + "at " + info;
            case 128:
                return "Echo request";
            case 129:
                return "Echo reply";
            case 130:
                return "MLD Query";
            case 131:
                return "MLD Report";
            case 132:
                return "MLD Reduction";
            default:
                return "unknown icmp type: " + type;
        }
    }

    private static String ipv4(long a) {
        return ((a >>> 24) & 0xFF) + "." + ((a >>> 16) & 0xFF) + "." + ((a >>> 8) & 0xFF) + "." + (a & 0xFF);
    }

    /** {@code local error: message too long, mtu=65535} (IPv4) / {@code mtu: 65536} (IPv6), on stderr. */
    public static String localErrorMessageTooLong(boolean ipv6, int mtu) {
        return sendError(sendFailure(ipv6, "Message too long", mtu));
    }

    /** {@code --- 127.0.0.1 ping statistics ---} (preceded by an empty line). */
    public static String statisticsTitle(String host) {
        return "--- " + host + " ping statistics ---";
    }

    /** {@code 3 packets transmitted, 2 received, +1 duplicates, +1 errors, 33.3333% packet loss, time 2003ms}. */
    public static String counts(long transmitted, long received, long duplicates, long corrupted, long errors,
                                long elapsedMillis) {
        StringBuilder b = new StringBuilder();
        b.append(transmitted).append(" packets transmitted, ").append(received).append(" received");
        if (duplicates > 0) {
            b.append(", +").append(duplicates).append(" duplicates");
        }
        if (corrupted > 0) {
            b.append(", +").append(corrupted).append(" corrupted");
        }
        if (errors > 0) {
            b.append(", +").append(errors).append(" errors");
        }
        if (transmitted > 0) {
            b.append(", ").append(lossPercent(transmitted, received)).append("% packet loss");
            b.append(", time ").append(elapsedMillis).append("ms");
        }
        return b.toString();
    }

    /** The loss as C's {@code %g} prints the float iputils computes: 0, 20, 33.3333, 66.6667, 100. */
    public static String lossPercent(long transmitted, long received) {
        float loss = (float) (((transmitted - received) * 100.0) / transmitted);
        return g((double) loss);
    }

    /** C's {@code %g}: 6 significant digits, trailing zeros dropped (the range a percentage needs). */
    static String g(double v) {
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            String mantissa = d.movePointLeft(exponent).stripTrailingZeros().toPlainString();
            return String.format("%se%s%02d", mantissa, exponent < 0 ? "-" : "+", Math.abs(exponent));
        }
        return d.toPlainString();
    }

    /**
     * The last summary line, or null when iputils prints an empty one: {@code rtt min/avg/max/mdev = ...} when
     * replies were timed, {@code pipe N} when more than one probe was in flight, {@code ipg/ewma} in flood mode.
     */
    public static String rttLine(boolean timed, long minUs, long avgUs, long maxUs, long mdevUs, int pipe,
                                 boolean ipgEwma, long ipgUs, long ewmaUs) {
        StringBuilder b = new StringBuilder();
        String comma = "";
        if (timed) {
            b.append("rtt min/avg/max/mdev = ").append(millis(minUs)).append('/').append(millis(avgUs)).append('/')
                    .append(millis(maxUs)).append('/').append(millis(mdevUs)).append(" ms");
            comma = ", ";
        }
        if (pipe > 1) {
            b.append(comma).append("pipe ").append(pipe);
            comma = ", ";
        }
        if (ipgEwma) {
            b.append(comma).append("ipg/ewma ").append(millis(ipgUs)).append('/').append(millis(ewmaUs)).append(" ms");
        }
        return b.toString();
    }

    /** pingkit's extra summary line with {@code -v}: {@code rtt p50/p90/p99 = 0.040/0.052/0.103 ms}. */
    public static String percentiles(long p50Us, long p90Us, long p99Us) {
        return "rtt p50/p90/p99 = " + millis(p50Us) + "/" + millis(p90Us) + "/" + millis(p99Us) + " ms";
    }

    /**
     * The SIGQUIT status line (on stderr, after a carriage return):
     * {@code 3/3 packets, 0% loss, min/avg/ewma/max = 0.018/0.032/0.023/0.039 ms}.
     */
    public static String status(long received, long transmitted, boolean timed, long minUs, long avgUs, long ewmaUs,
                                long maxUs) {
        long loss = transmitted > 0 ? (transmitted - received) * 100 / transmitted : 0;
        StringBuilder b = new StringBuilder();
        b.append(received).append('/').append(transmitted).append(" packets, ").append(loss).append("% loss");
        if (received > 0 && timed) {
            b.append(", min/avg/ewma/max = ").append(millis(minUs)).append('/').append(millis(avgUs)).append('/')
                    .append(millis(ewmaUs)).append('/').append(millis(maxUs)).append(" ms");
        }
        return b.toString();
    }

    /** {@code ping from pingkit 0.1.0 (iputils-compatible)} for {@code -V}. */
    public static String version(String version) {
        return "ping from pingkit " + version + " (iputils 20221126 compatible)";
    }
}
