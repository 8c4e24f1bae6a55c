package dev.pingkit.ping;

import dev.pingkit.engine.ProbeSpec;
import dev.pingkit.packet.EchoPayload;
import dev.pingkit.packet.ExtendedEchoMessage;
import dev.pingkit.packet.NodeInfoMessage;
import dev.pingkit.packet.InterfaceId;
import dev.pingkit.packet.Ipv4Option;
import dev.pingkit.packet.Ipv4Options;
import dev.pingkit.socket.Family;
import dev.pingkit.socket.SocketKind;
import dev.pingkit.socket.SocketOptions;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * <b>Everything a ping run needs, as one immutable, validated value; each fluent call returns a new one.</b>
 * Defaults are iputils' {@code ping} defaults:
 * <pre>{@code PingSettings.to(InetAddress.getByName("127.0.0.1")).count(3).interval(Duration.ofMillis(200))}</pre>
 * Unset optional values are null (boxed or object fields), meaning "the kernel's (or iputils') default".
 *
 * @param target            the address pinged
 * @param targetName        the target as the user typed it (for headers and summaries)
 * @param count             probes to send, 0 = until stopped or the deadline ({@code -c})
 * @param interval          time between probes, default 1 s ({@code -i}); {@code flood(true)} sets 0
 * @param deadline          stop the whole run after this long, null = none ({@code -w}); with a count the run
 *                          ends early once that many probes are answered (or errored), as iputils does
 * @param replyTimeout      how long to wait for replies once the count is sent and nothing came back, default
 *                          10 s ({@code -W}, iputils' linger time); after some reply the wait is
 *                          max(2 × max RTT, interval)
 * @param preload           probes sent at once at the start, 1..65536 ({@code -l})
 * @param flood             flood mode ({@code -f}): with interval 0, the next probe goes out as soon as a reply
 *                          arrives or after 10 ms
 * @param payloadSize       ICMP data bytes, default 56 ({@code -s})
 * @param pattern           hex digits (1..32) repeated to fill the payload, null = iputils' 0x00, 0x01, ...
 *                          ({@code -p})
 * @param ttl               TTL 1..255 / IPv6 hop limit 0..255 ({@code -t})
 * @param tos               TOS / traffic class, 0..255 ({@code -Q})
 * @param pmtu              path MTU discovery mode ({@code -M})
 * @param source            source address to bind ({@code -I address})
 * @param device            interface to bind ({@code -I name})
 * @param mark              firewall mark ({@code -m})
 * @param socketKind        raw, datagram or automatic
 * @param reportOutstanding report probes without a reply when the next one is sent ({@code -O})
 * @param identifier        ICMP identifier for raw sockets 0..65535, null = derived from the process id
 *                          (datagram sockets always use the kernel's)
 * @param netns             network namespace to open the socket in (see {@link SocketOptions#netns()})
 * @param broadcast         allow a broadcast target and take replies from any host ({@code -b})
 * @param flowLabel         IPv6 flow label 0..0xfffff on every probe ({@code -F}; 0 = one the kernel picks), null =
 *                          none; ignored for an IPv4 target, as iputils does
 * @param probe             the interface of the target that extended echo requests (PROBE, RFC 8335) ask about
 *                          instead of echoing ({@code --probe}), null = echo requests; the payload is then the
 *                          request's extension structure and sequence numbers wrap at 256
 * @param ipOptions         IPv4 options every probe carries ({@code -R} record route, {@code -T} timestamps), empty =
 *                          none; ignored for an IPv6 target, as iputils does
 * @param adaptive          iputils' adaptive ping ({@code -A}): after each reply the interval becomes the smoothed
 *                          RTT rounded to milliseconds, but at least this (iputils: 2 ms unless root); null = off
 * @param dontRoute         bypass the routing table: only hosts on a link answer ({@code -r}, SO_DONTROUTE)
 * @param sendBuffer        the socket's send buffer in bytes ({@code -S}, SO_SNDBUF), null = the kernel's
 * @param debug             SO_DEBUG on the socket ({@code -d}; a refusal is ignored, as iputils ignores it)
 * @param nodeInfo          the RFC 4620 node information query every probe is instead of an echo request
 *                          ({@code -N}; its Qtype, Flags, code and subject; each probe gets its own nonce), null =
 *                          none; IPv6 targets only
 */
public record PingSettings(InetAddress target, String targetName, long count, Duration interval, Duration deadline,
                           Duration replyTimeout, int preload, boolean flood, int payloadSize, String pattern,
                           Integer ttl, Integer tos, Pmtu pmtu, InetAddress source, String device, Integer mark,
                           SocketKind socketKind, boolean reportOutstanding, Integer identifier, String netns,
                           boolean broadcast, Integer flowLabel, InterfaceId probe, List<Ipv4Option> ipOptions,
                           Duration adaptive, boolean dontRoute, Integer sendBuffer, boolean debug,
                           NodeInfoMessage nodeInfo) {

    /** iputils' default interval between probes. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    /** iputils' default linger time ({@code MAXWAIT}, {@code -W}). */
    public static final Duration DEFAULT_REPLY_TIMEOUT = ProbeSpec.DEFAULT_TIMEOUT;
    /** iputils' default payload size ({@code DEFDATALEN}). */
    public static final int DEFAULT_PAYLOAD_SIZE = EchoPayload.DEFAULT_SIZE;
    /** Largest ICMP payload in an IPv4 datagram: 65535 - 20 (IP header) - 8 (ICMP header). */
    public static final int MAX_PAYLOAD_V4 = EchoPayload.MAX_V4;
    /** Largest ICMPv6 payload without jumbograms: 65535 - 8. */
    public static final int MAX_PAYLOAD_V6 = EchoPayload.MAX_V6;

    /** <b>Path MTU discovery modes of {@code ping -M}.</b> */
    public enum Pmtu {
        /** Prohibit fragmentation, even local (DF set). */
        DO,
        /** Do not set DF: fragment as needed. */
        DONT,
        /** Discover the path MTU, fragment locally when the packet is too large (the kernel default). */
        WANT,
        /** Set DF and ignore the path MTU. */
        PROBE
    }

    /** Validates every field; messages name the field, the value and what is allowed. */
    public PingSettings {
        Objects.requireNonNull(target, "target");
        if (targetName == null || targetName.isEmpty()) {
            targetName = target.getHostAddress();
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be 0.." + Long.MAX_VALUE + " (0 = until stopped), got " + count);
        }
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("interval must be 0.." + Integer.MAX_VALUE + " ms, got " + ms(interval));
        }
        if (deadline != null && (deadline.isNegative() || deadline.getSeconds() > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("deadline must be 0.." + Integer.MAX_VALUE + " s, got " + ms(deadline));
        }
        Objects.requireNonNull(replyTimeout, "replyTimeout");
        if (replyTimeout.isNegative() || replyTimeout.getSeconds() > 4294L) {
            throw new IllegalArgumentException("replyTimeout must be 0..4294 s, got " + ms(replyTimeout));
        }
        if (preload < 1 || preload > 65536) {
            throw new IllegalArgumentException("preload must be 1..65536, got " + preload);
        }
        if (nodeInfo != null && Family.of(target) != Family.IPV6) {
            throw new IllegalArgumentException("nodeInfo must go to an IPv6 target (RFC 4620 is ICMPv6), got "
                    + target.getHostAddress());
        }
        int maxPayload = Family.of(target) == Family.IPV4 ? MAX_PAYLOAD_V4 : MAX_PAYLOAD_V6;
        if (payloadSize < 0 || payloadSize > maxPayload) {
            throw new IllegalArgumentException("payloadSize must be 0.." + maxPayload + ", got " + payloadSize);
        }
        if (pattern != null && (pattern.isEmpty() || pattern.length() > 32
                || !pattern.chars().allMatch(c -> Character.digit(c, 16) >= 0))) {
            throw new IllegalArgumentException("pattern must be 1..32 hex digits, got '" + pattern + "'");
        }
        if (ttl != null && Family.of(target) == Family.IPV6 && (ttl < 0 || ttl > 255)) {
            throw new IllegalArgumentException("ttl must be 0..255 for IPv6, got " + ttl);
        }
        if (ttl != null && Family.of(target) == Family.IPV4 && (ttl < 1 || ttl > 255)) {
            throw new IllegalArgumentException("ttl must be 1..255, got " + ttl);
        }
        if (tos != null && (tos < 0 || tos > 255)) {
            throw new IllegalArgumentException("tos must be 0..255, got " + tos);
        }
        if (source != null && Family.of(source) != Family.of(target)) {
            throw new IllegalArgumentException("source must be an " + Family.of(target) + " address like the target "
                    + target.getHostAddress() + ", got " + source.getHostAddress());
        }
        Objects.requireNonNull(socketKind, "socketKind");
        if (identifier != null && (identifier < 0 || identifier > 65535)) {
            throw new IllegalArgumentException("identifier must be 0..65535, got " + identifier);
        }
        if (flowLabel != null && (flowLabel < 0 || flowLabel > 0xfffff)) {
            throw new IllegalArgumentException("flowLabel must be 0..1048575 (20 bits), got " + flowLabel);
        }
        ipOptions = List.copyOf(Objects.requireNonNull(ipOptions, "ipOptions"));
        if (sendBuffer != null && sendBuffer < 1) {
            throw new IllegalArgumentException("sendBuffer must be 1.." + Integer.MAX_VALUE + ", got " + sendBuffer);
        }
        if (adaptive != null && adaptive.isNegative()) {
            throw new IllegalArgumentException("adaptive must be >= 0 ms, got " + ms(adaptive));
        }
        Ipv4Options.encode(ipOptions); // refuses options over 40 bytes, naming them
        // device and netns are checked by SocketOptions, once, with the same wording
        if (device != null) {
            SocketOptions.DEFAULTS.device(device);
        }
        if (netns != null) {
            SocketOptions.DEFAULTS.netns(netns);
        }
    }

    /** <b>iputils' defaults for pinging {@code target}.</b> */
    public static PingSettings to(InetAddress target) {
        return to(target, null);
    }

    /** <b>iputils' defaults for pinging {@code target}, shown to the user as {@code name}.</b> */
    public static PingSettings to(InetAddress target, String name) {
        return new PingSettings(target, name, 0, DEFAULT_INTERVAL, null, DEFAULT_REPLY_TIMEOUT, 1, false,
                DEFAULT_PAYLOAD_SIZE, null, null, null, null, null, null, null, SocketKind.AUTO, false, null, null, false,
                null, null, List.of(), null, false, null, false, null);
    }

    /** <b>IPv4 or IPv6, from the target address.</b> */
    public Family family() {
        return Family.of(target);
    }

    /**
     * <b>The payload every probe carries: {@link #pattern} repeated, or iputils' byte i = i mod 256</b>; with
     * {@link #probe} the extended echo request's extension structure (its Interface Identification Object).
     */
    public byte[] payload() {
        if (probe != null) {
            return ExtendedEchoMessage.request(family().version(), probe).extension();
        }
        if (nodeInfo != null) { // the nonce's 8 bytes (the engine writes each probe's), then the subject
            byte[] subject = nodeInfo.data();
            byte[] p = new byte[8 + subject.length];
            System.arraycopy(subject, 0, p, 8, subject.length);
            return p;
        }
        return EchoPayload.fill(payloadSize, patternBytes());
    }

    /** <b>The pattern as bytes (an odd digit count gets a leading 0), or null when unset.</b> */
    public byte[] patternBytes() {
        if (pattern == null) {
            return null;
        }
        return HexFormat.of().parseHex(pattern.length() % 2 == 1 ? "0" + pattern : pattern);
    }

    /** <b>The socket options these settings imply.</b> */
    public SocketOptions socketOptions() {
        SocketOptions o = SocketOptions.DEFAULTS;
        if (ttl != null) {
            o = o.ttl(ttl);
        }
        if (tos != null) {
            o = o.tos(tos);
        }
        if (pmtu == Pmtu.DO || pmtu == Pmtu.PROBE) {
            o = o.dontFragment(true);
        } else if (pmtu == Pmtu.DONT) {
            o = o.dontFragment(false);
        }
        if (source != null) {
            o = o.source(source);
        }
        if (device != null) {
            o = o.device(device);
        }
        if (mark != null) {
            o = o.mark(mark);
        }
        if (netns != null) {
            o = o.netns(netns);
        }
        if (broadcast) {
            o = o.broadcast(true);
        }
        if (!ipOptions.isEmpty() && family() == Family.IPV4) {
            o = o.ipOptions(Ipv4Options.encode(ipOptions));
        }
        if (dontRoute) {
            o = o.dontRoute(true);
        }
        if (sendBuffer != null) {
            o = o.sendBuffer(sendBuffer);
        }
        if (debug) {
            o = o.debug(true);
        }
        return o;
    }

    /** With another target. */
    public PingSettings target(InetAddress target) {
        return with(c -> {
            c.target = target;
            c.targetName = null;
        });
    }

    /** With this count, 0 = until stopped. */
    public PingSettings count(long count) {
        return with(c -> c.count = count);
    }

    /** With this interval between probes. */
    public PingSettings interval(Duration interval) {
        return with(c -> c.interval = interval);
    }

    /** With this deadline for the whole run, null = none. */
    public PingSettings deadline(Duration deadline) {
        return with(c -> c.deadline = deadline);
    }

    /** With this final wait for replies ({@code -W}). */
    public PingSettings replyTimeout(Duration replyTimeout) {
        return with(c -> c.replyTimeout = replyTimeout);
    }

    /** With this preload. */
    public PingSettings preload(int preload) {
        return with(c -> c.preload = preload);
    }

    /**
     * With flood mode on or off. Turning it on also sets the interval to 0, as {@code ping -f} does; for a flood at
     * another interval ({@code ping -f -i 0.2}) call {@link #interval} after it.
     */
    public PingSettings flood(boolean flood) {
        return with(c -> {
            c.flood = flood;
            if (flood) {
                c.interval = Duration.ZERO;
            }
        });
    }

    /** With this payload size. */
    public PingSettings payloadSize(int payloadSize) {
        return with(c -> c.payloadSize = payloadSize);
    }

    /** With this fill pattern (hex digits), null = iputils' default fill. */
    public PingSettings pattern(String pattern) {
        return with(c -> c.pattern = pattern);
    }

    /** With this TTL / hop limit, null = kernel default. */
    public PingSettings ttl(Integer ttl) {
        return with(c -> c.ttl = ttl);
    }

    /** With this TOS / traffic class, null = kernel default. */
    public PingSettings tos(Integer tos) {
        return with(c -> c.tos = tos);
    }

    /** With this path MTU discovery mode, null = kernel default. */
    public PingSettings pmtu(Pmtu pmtu) {
        return with(c -> c.pmtu = pmtu);
    }

    /** With this source address, null = chosen by the kernel. */
    public PingSettings source(InetAddress source) {
        return with(c -> c.source = source);
    }

    /** With this interface, null = any. */
    public PingSettings device(String device) {
        return with(c -> c.device = device);
    }

    /** With this firewall mark, null = none. */
    public PingSettings mark(Integer mark) {
        return with(c -> c.mark = mark);
    }

    /** With this socket kind. */
    public PingSettings socketKind(SocketKind socketKind) {
        return with(c -> c.socketKind = socketKind);
    }

    /** With {@code -O} reporting on or off. */
    public PingSettings reportOutstanding(boolean reportOutstanding) {
        return with(c -> c.reportOutstanding = reportOutstanding);
    }

    /** With this identifier for raw sockets, null = derived from the process id. */
    public PingSettings identifier(Integer identifier) {
        return with(c -> c.identifier = identifier);
    }

    /** With the socket opened in this network namespace, null = the caller's. */
    public PingSettings netns(String netns) {
        return with(c -> c.netns = netns);
    }

    /** With a broadcast target allowed ({@code SO_BROADCAST}) and replies taken from any host, as {@code ping -b}. */
    public PingSettings broadcast(boolean broadcast) {
        return with(c -> c.broadcast = broadcast);
    }

    /** With every probe carrying IPv6 flow label {@code flowLabel} ({@code ping -F}; 0: the kernel picks), null = none. */
    public PingSettings flowLabel(Integer flowLabel) {
        return with(c -> c.flowLabel = flowLabel);
    }

    /**
     * With extended echo requests (PROBE) asking the target about interface {@code probe} instead of echo requests,
     * null = echo requests.
     */
    public PingSettings probe(InterfaceId probe) {
        return with(c -> c.probe = probe);
    }

    /** With IPv4 options on every probe ({@code ping -R}, {@code -T}); empty = none. */
    public PingSettings ipOptions(List<Ipv4Option> ipOptions) {
        return with(c -> c.ipOptions = ipOptions);
    }

    /** With iputils' adaptive interval ({@code ping -A}) of at least {@code adaptive}; null = off. */
    public PingSettings adaptive(Duration adaptive) {
        return with(c -> c.adaptive = adaptive);
    }

    /**
     * With identifier {@code id} on a raw socket ({@code ping -e}): a datagram socket would carry the kernel's
     * identifier instead, so asking for one means a raw socket.
     */
    public PingSettings rawIdentifier(int id) {
        return with(c -> {
            c.identifier = id;
            c.socketKind = SocketKind.RAW;
        });
    }

    /** Bypassing the routing table ({@code ping -r}) or not. */
    public PingSettings dontRoute(boolean dontRoute) {
        return with(c -> c.dontRoute = dontRoute);
    }

    /** With a send buffer of {@code sendBuffer} bytes ({@code ping -S}), null = the kernel's. */
    public PingSettings sendBuffer(Integer sendBuffer) {
        return with(c -> c.sendBuffer = sendBuffer);
    }

    /**
     * With every probe the node information query {@code nodeInfo} (its Qtype, Flags, code and Data; the nonce is
     * each probe's own) instead of an echo request ({@code ping -N}), null = echo requests. IPv6 targets only.
     */
    public PingSettings nodeInfo(NodeInfoMessage nodeInfo) {
        return with(c -> c.nodeInfo = nodeInfo);
    }

    /** With SO_DEBUG asked for ({@code ping -d}) or not. */
    public PingSettings debug(boolean debug) {
        return with(c -> c.debug = debug);
    }

    /** The sequence numbers this run's probes carry wrap at this mask: 0xff for PROBE (8 bits), else 0xffff. */
    public int sequenceMask() {
        return probe != null ? 0xff : 0xffff;
    }

    /** A copy of {@code this} with {@code change} applied, validated again by the canonical constructor. */
    private PingSettings with(Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return new PingSettings(c.target, c.targetName, c.count, c.interval, c.deadline, c.replyTimeout, c.preload,
                c.flood, c.payloadSize, c.pattern, c.ttl, c.tos, c.pmtu, c.source, c.device, c.mark, c.socketKind,
                c.reportOutstanding, c.identifier, c.netns, c.broadcast, c.flowLabel, c.probe, c.ipOptions,
                c.adaptive, c.dontRoute, c.sendBuffer, c.debug, c.nodeInfo);
    }

    /** The components as one wither changes them: the one place that lists them all besides the record header. */
    private static final class Copy {
        InetAddress target;
        String targetName;
        long count;
        Duration interval;
        Duration deadline;
        Duration replyTimeout;
        int preload;
        boolean flood;
        int payloadSize;
        String pattern;
        Integer ttl;
        Integer tos;
        Pmtu pmtu;
        InetAddress source;
        String device;
        Integer mark;
        SocketKind socketKind;
        boolean reportOutstanding;
        Integer identifier;
        String netns;
        boolean broadcast;
        Integer flowLabel;
        InterfaceId probe;
        List<Ipv4Option> ipOptions;
        Duration adaptive;
        boolean dontRoute;
        Integer sendBuffer;
        boolean debug;
        NodeInfoMessage nodeInfo;

        Copy(PingSettings s) {
            target = s.target;
            targetName = s.targetName;
            count = s.count;
            interval = s.interval;
            deadline = s.deadline;
            replyTimeout = s.replyTimeout;
            preload = s.preload;
            flood = s.flood;
            payloadSize = s.payloadSize;
            pattern = s.pattern;
            ttl = s.ttl;
            tos = s.tos;
            pmtu = s.pmtu;
            source = s.source;
            device = s.device;
            mark = s.mark;
            socketKind = s.socketKind;
            reportOutstanding = s.reportOutstanding;
            identifier = s.identifier;
            netns = s.netns;
            broadcast = s.broadcast;
            flowLabel = s.flowLabel;
            probe = s.probe;
            ipOptions = s.ipOptions;
            adaptive = s.adaptive;
            dontRoute = s.dontRoute;
            sendBuffer = s.sendBuffer;
            debug = s.debug;
            nodeInfo = s.nodeInfo;
        }
    }

    private static String ms(Duration d) {
        return d.toNanos() % 1_000_000 == 0 ? d.toMillis() + " ms" : d.toNanos() / 1e6 + " ms";
    }

    /** One line: target and the settings that differ from iputils' defaults. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(" ", "PingSettings[", "]");
        j.add(targetName.equals(target.getHostAddress()) ? targetName
                : targetName + " (" + target.getHostAddress() + ")");
        if (count != 0) {
            j.add("count=" + count);
        }
        if (!interval.equals(DEFAULT_INTERVAL)) {
            j.add("interval=" + ms(interval));
        }
        if (deadline != null) {
            j.add("deadline=" + ms(deadline));
        }
        if (!replyTimeout.equals(DEFAULT_REPLY_TIMEOUT)) {
            j.add("replyTimeout=" + ms(replyTimeout));
        }
        if (preload != 1) {
            j.add("preload=" + preload);
        }
        if (flood) {
            j.add("flood");
        }
        if (payloadSize != DEFAULT_PAYLOAD_SIZE) {
            j.add("size=" + payloadSize);
        }
        addIf(j, "pattern", pattern);
        addIf(j, "ttl", ttl);
        addIf(j, "tos", tos);
        addIf(j, "pmtu", pmtu);
        addIf(j, "source", source == null ? null : source.getHostAddress());
        addIf(j, "device", device);
        addIf(j, "mark", mark);
        if (socketKind != SocketKind.AUTO) {
            j.add("socket=" + socketKind);
        }
        if (reportOutstanding) {
            j.add("reportOutstanding");
        }
        addIf(j, "id", identifier);
        addIf(j, "netns", netns);
        addIf(j, "flow", flowLabel == null ? null : String.format("0x%05x", flowLabel));
        addIf(j, "probe", probe == null ? null : probe.text());
        if (!ipOptions.isEmpty()) {
            j.add("ipOptions=" + ipOptions);
        }
        addIf(j, "adaptive", adaptive == null ? null : ms(adaptive));
        if (dontRoute) {
            j.add("dontRoute");
        }
        addIf(j, "sendBuffer", sendBuffer);
        if (debug) {
            j.add("debug");
        }
        addIf(j, "nodeInfo", nodeInfo == null ? null : nodeInfo.qtypeName());
        return j.toString();
    }

    private static void addIf(StringJoiner j, String name, Object value) {
        if (value != null) {
            j.add(name + "=" + value);
        }
    }
}
