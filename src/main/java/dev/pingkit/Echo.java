package dev.pingkit;

import dev.pingkit.packet.Addresses;
import dev.pingkit.packet.Checksum;
import dev.pingkit.packet.Hexdump;
import dev.pingkit.packet.IcmpMessage;
import dev.pingkit.ping.Pinger;
import dev.pingkit.ping.SendResult;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * <b>An ICMP echo request as an immutable value: every call returns a new {@code Echo}.</b>
 *
 * <pre>{@code
 * var base = Echo.to("127.0.0.1").id(7);
 * var e = base.seq(1).payload("hello");   // base is unchanged
 * e.toBytes(); e.show(); e.hexdump();
 * }</pre>
 *
 * <p>An IPv4 target makes an ICMPv4 echo request (type 8), an IPv6 target an ICMPv6 one (type 128).
 * Defaults: id = this process's pid & 0xffff, seq = 1, 56 payload bytes {@code i & 0xff} (ping's default size),
 * code 0, TTL, TOS and don't-fragment left to the kernel.
 *
 * <p>The checksum is computed for every value unless {@link #checksum(int)} forces one. ICMPv6's checksum covers the
 * IPv6 pseudo-header, so {@code Echo} computes it only when it knows both ends ({@link #source(InetAddress)} set);
 * otherwise the field is written as 0 and the kernel fills it in when sending (it always does for ICMPv6 sockets,
 * so a forced ICMPv6 checksum does not survive the kernel either).
 *
 * <p>{@code ttl}, {@code tos} and {@code dontFragment} are send options the socket layer applies (for IPv6: hop
 * limit, traffic class, IPV6_DONTFRAG); they are not part of the ICMP bytes. Unset TTL/TOS read as -1
 * ({@link #hasTtl()}, {@link #hasTos()}).
 *
 * <p>Bad arguments throw {@link IllegalArgumentException} naming the field, the value and the allowed range.
 */
public final class Echo {
    /** <b>Largest ICMPv4 echo payload: 65535 - 20 (IP header) - 8 (ICMP header).</b> */
    public static final int MAX_PAYLOAD_V4 = 65507;
    /** <b>Largest ICMPv6 echo payload: 65535 (IPv6 payload length) - 8 (ICMP header).</b> */
    public static final int MAX_PAYLOAD_V6 = 65527;
    /** <b>ping's default payload size.</b> */
    public static final int DEFAULT_SIZE = 56;

    private static final int NO_CHECKSUM = -1;

    private final InetAddress target;
    private final InetAddress source;
    private final int id;
    private final int seq;
    private final byte[] payload;
    private final byte[] pattern;
    private final int type;
    private final int code;
    private final int forcedChecksum;
    private final int ttl;
    private final int tos;
    private final boolean dontFragment;
    // Derived, cached so writeTo does no summing beyond nothing: the payload's partial sum and the final checksum.
    private final long payloadSum;
    private final int checksum;

    private Echo(InetAddress target, InetAddress source, int id, int seq, byte[] payload, long payloadSum,
                 byte[] pattern, int type, int code, int forcedChecksum, int ttl, int tos, boolean dontFragment) {
        this.target = target;
        this.source = source;
        this.id = id;
        this.seq = seq;
        this.payload = payload;
        this.payloadSum = payloadSum;
        this.pattern = pattern;
        this.type = type;
        this.code = code;
        this.forcedChecksum = forcedChecksum;
        this.ttl = ttl;
        this.tos = tos;
        this.dontFragment = dontFragment;
        this.checksum = forcedChecksum != NO_CHECKSUM ? forcedChecksum : computeChecksum();
    }

    private int computeChecksum() {
        long sum = ((type << 8) | code) + id + seq + payloadSum;
        if (family() == 6) {
            if (source == null) {
                return 0;
            }
            sum += Checksum.pseudoHeaderV6(source.getAddress(), target.getAddress(), 8 + payload.length);
        }
        return Checksum.finish(sum);
    }

    /**
     * <b>An echo request to a host name or an IPv4/IPv6 literal, resolved once, now.</b>
     * Names in the reserved {@code .invalid} domain (RFC 6761) are refused without a lookup.
     *
     * @throws IllegalArgumentException {@code unknown host: nosuch.invalid} if the name does not resolve
     */
    public static Echo to(String host) {
        return to(Hosts.resolve(host, 0));
    }

    /** <b>An echo request to an address: ICMPv4 for an {@code Inet4Address}, ICMPv6 for an {@code Inet6Address}.</b> */
    public static Echo to(InetAddress target) {
        Objects.requireNonNull(target, "target");
        byte[] p = fill(DEFAULT_SIZE, null);
        return new Echo(target, null, (int) (ProcessHandle.current().pid() & 0xffff), 1, p,
                Checksum.partial(p, 0, p.length), null, target instanceof Inet6Address ? 128 : 8, 0, NO_CHECKSUM,
                -1, -1, false);
    }

    // ---- setters: each returns a new value ----

    /** <b>The identifier, 0..65535.</b> */
    public Echo id(int id) {
        check("id", id, 0, 65535);
        return new Echo(target, source, id, seq, payload, payloadSum, pattern, type, code, forcedChecksum, ttl, tos, dontFragment);
    }

    /** <b>The sequence number, 0..65535.</b> */
    public Echo seq(int seq) {
        check("seq", seq, 0, 65535);
        return new Echo(target, source, id, seq, payload, payloadSum, pattern, type, code, forcedChecksum, ttl, tos, dontFragment);
    }

    // ---- batches: each returns a Probes value built from this echo ----

    /** <b>A batch of this probe alone, to widen with {@link Probes}' ranges and send with {@code sendAll()}.</b> */
    public Probes probes() {
        return Probes.of(this);
    }

    /** <b>A batch with sequence numbers {@code from..to}</b>: {@code Echo.to(h).seq(1, 20).sendAll()}. */
    public Probes seq(int from, int to) {
        return probes().seq(from, to);
    }

    /** <b>A batch with payload sizes {@code from..to} by {@code step}</b>: {@code .size(0, 1400, 200).sendAll()}. */
    public Probes size(int from, int to, int step) {
        return probes().size(from, to, step);
    }

    /** <b>A batch with TTLs / hop limits {@code from..to}</b>: {@code Echo.to(h).ttl(1, 4).sendAll()}. */
    public Probes ttl(int from, int to) {
        return probes().ttl(from, to);
    }

    /** <b>A batch of this probe to each of these hosts or CIDR blocks</b> (see {@link Probes#targets}). */
    public Probes targets(String... hosts) {
        return probes().targets(hosts);
    }

    /** <b>Sends this one probe through the engine as a batch of one; see {@link Probes#sendAll()}.</b> */
    public Results sendAll() throws IOException {
        return probes().sendAll();
    }

    /** <b>The payload as the UTF-8 bytes of {@code text}.</b> */
    public Echo payload(String text) {
        Objects.requireNonNull(text, "payload");
        return withPayload(text.getBytes(StandardCharsets.UTF_8), null);
    }

    /** <b>The payload bytes (copied).</b> */
    public Echo payload(byte[] bytes) {
        Objects.requireNonNull(bytes, "payload");
        return withPayload(bytes.clone(), null);
    }

    /**
     * <b>The payload from hex digits, e.g. {@code "dead beef"}.</b> Spaces, colons and a leading {@code 0x} are
     * ignored; an even number of digits is required.
     */
    public Echo payloadHex(String hex) {
        Objects.requireNonNull(hex, "payloadHex");
        byte[] b = parseHex(hex);
        if (b == null) {
            throw new IllegalArgumentException("payloadHex must be pairs of hex digits, got \"" + hex + "\"");
        }
        return withPayload(b, null);
    }

    /**
     * <b>A payload of {@code n} bytes filled like {@code ping -s}: byte i is {@code i & 0xff}, or the
     * {@link #pattern(String)} repeated if one is set.</b>
     */
    public Echo size(int n) {
        int max = maxPayload();
        if (n < 0 || n > max) {
            throw new IllegalArgumentException("size must be 0.." + max + " for " + ipName() + ", got " + n);
        }
        return withPayload(fill(n, pattern), pattern);
    }

    /**
     * <b>Fills the payload (its current size, and later {@link #size(int)} calls) with 1..16 bytes of hex
     * repeated, like {@code ping -p ff00}.</b> An explicit {@code payload(...)} later replaces it.
     */
    public Echo pattern(String hex) {
        Objects.requireNonNull(hex, "pattern");
        byte[] p = parseHex(hex);
        if (p == null || p.length < 1 || p.length > 16) {
            throw new IllegalArgumentException("pattern must be 1..16 bytes as hex digits (like ping -p ff00), got \""
                    + hex + "\"");
        }
        return withPayload(fill(payload.length, p), p);
    }

    /** <b>The ICMP type, 0..255, for experiments (e.g. 13, a timestamp request); default 8 or 128.</b> */
    public Echo type(int type) {
        check("type", type, 0, 255);
        return new Echo(target, source, id, seq, payload, payloadSum, pattern, type, code, forcedChecksum, ttl, tos, dontFragment);
    }

    /** <b>The ICMP code, 0..255; default 0.</b> */
    public Echo code(int code) {
        check("code", code, 0, 255);
        return new Echo(target, source, id, seq, payload, payloadSum, pattern, type, code, forcedChecksum, ttl, tos, dontFragment);
    }

    /**
     * <b>Forces the checksum field to this value, 0..65535 (e.g. a wrong one on purpose).</b> Over ICMPv6 the value
     * shows in {@link #toBytes()} and {@link #show()}, but {@link #send()} refuses it: the kernel writes every
     * ICMPv6 checksum itself, so the forced one would never go out.
     */
    public Echo checksum(int checksum) {
        check("checksum", checksum, 0, 65535);
        return new Echo(target, source, id, seq, payload, payloadSum, pattern, type, code, checksum, ttl, tos, dontFragment);
    }

    /** <b>Back to a computed checksum after {@link #checksum(int)}.</b> */
    public Echo computedChecksum() {
        return new Echo(target, source, id, seq, payload, payloadSum, pattern, type, code, NO_CHECKSUM, ttl, tos, dontFragment);
    }

    /** <b>The IP TTL (IPv6: hop limit) to send with, 1..255.</b> */
    public Echo ttl(int ttl) {
        check("ttl", ttl, 1, 255);
        return new Echo(target, source, id, seq, payload, payloadSum, pattern, type, code, forcedChecksum, ttl, tos, dontFragment);
    }

    /** <b>The IP TOS byte (IPv6: traffic class) to send with, 0..255.</b> */
    public Echo tos(int tos) {
        check("tos", tos, 0, 255);
        return new Echo(target, source, id, seq, payload, payloadSum, pattern, type, code, forcedChecksum, ttl, tos, dontFragment);
    }

    /** <b>Whether to set don't-fragment when sending.</b> */
    public Echo dontFragment(boolean df) {
        return new Echo(target, source, id, seq, payload, payloadSum, pattern, type, code, forcedChecksum, ttl, tos, df);
    }

    /**
     * <b>The source address (same family as the target), or null for "the kernel chooses".</b>
     * For ICMPv6 it lets {@code Echo} compute the checksum over the pseudo-header.
     */
    public Echo source(InetAddress source) {
        if (source != null && (source instanceof Inet6Address) != (target instanceof Inet6Address)) {
            throw new IllegalArgumentException("source must be an " + ipName() + " address like the target "
                    + Addresses.text(target) + ", got " + Addresses.text(source));
        }
        return new Echo(target, source, id, seq, payload, payloadSum, pattern, type, code, forcedChecksum, ttl, tos, dontFragment);
    }

    private Echo withPayload(byte[] p, byte[] pat) {
        int max = maxPayload();
        if (p.length > max) {
            throw new IllegalArgumentException("payload must be at most " + max + " bytes for " + ipName()
                    + ", got " + p.length);
        }
        return new Echo(target, source, id, seq, p, Checksum.partial(p, 0, p.length), pat, type, code, forcedChecksum,
                ttl, tos, dontFragment);
    }

    private static void check(String field, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(field + " must be " + lo + ".." + hi + ", got " + v);
        }
    }

    private static byte[] fill(int n, byte[] pattern) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = pattern == null ? (byte) i : pattern[i % pattern.length];
        }
        return b;
    }

    private static byte[] parseHex(String s) {
        String t = s.strip();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        t = t.replace(" ", "").replace(":", "");
        if (t.length() % 2 != 0) {
            return null;
        }
        byte[] b = new byte[t.length() / 2];
        for (int i = 0; i < b.length; i++) {
            int hi = Character.digit(t.charAt(2 * i), 16);
            int lo = Character.digit(t.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            b[i] = (byte) ((hi << 4) | lo);
        }
        return b;
    }

    private int maxPayload() {
        return family() == 6 ? MAX_PAYLOAD_V6 : MAX_PAYLOAD_V4;
    }

    private String ipName() {
        return family() == 6 ? "IPv6" : "IPv4";
    }

    // ---- getters ----

    /** <b>The target address.</b> */
    public InetAddress target() {
        return target;
    }

    /** <b>4 for an IPv4 target (ICMPv4), 6 for an IPv6 target (ICMPv6).</b> */
    public int family() {
        return target instanceof Inet6Address ? 6 : 4;
    }

    /** <b>The identifier.</b> */
    public int id() {
        return id;
    }

    /** <b>The sequence number.</b> */
    public int seq() {
        return seq;
    }

    /** <b>The payload bytes, a copy.</b> */
    public byte[] payload() {
        return payload.clone();
    }

    /** <b>The payload length in bytes.</b> */
    public int payloadLength() {
        return payload.length;
    }

    /** <b>The fill pattern as lowercase hex, or {@code ""} if none.</b> */
    public String pattern() {
        return pattern == null ? "" : Hexdump.hex(pattern, 0, pattern.length);
    }

    /** <b>The ICMP type.</b> */
    public int type() {
        return type;
    }

    /** <b>The ICMP code.</b> */
    public int code() {
        return code;
    }

    /**
     * <b>The checksum field as written: forced, or computed.</b> For ICMPv6 without a {@link #source} it is 0
     * (the kernel fills it in); see {@link #checksumKnown()}.
     */
    public int checksum() {
        return checksum;
    }

    /** <b>True if {@link #checksum(int)} forced the value.</b> */
    public boolean checksumForced() {
        return forcedChecksum != NO_CHECKSUM;
    }

    /** <b>False only for ICMPv6 without a source and without a forced checksum: the kernel will compute it.</b> */
    public boolean checksumKnown() {
        return checksumForced() || family() == 4 || source != null;
    }

    /** <b>The TTL / hop limit to send with, or -1 for the kernel's default.</b> */
    public int ttl() {
        return ttl;
    }

    /** <b>True if a TTL was set.</b> */
    public boolean hasTtl() {
        return ttl >= 0;
    }

    /** <b>The TOS / traffic class to send with, or -1 for the kernel's default.</b> */
    public int tos() {
        return tos;
    }

    /** <b>True if a TOS was set.</b> */
    public boolean hasTos() {
        return tos >= 0;
    }

    /** <b>Whether don't-fragment is requested.</b> */
    public boolean dontFragment() {
        return dontFragment;
    }

    /** <b>The source address, if set.</b> */
    public Optional<InetAddress> source() {
        return Optional.ofNullable(source);
    }

    // ---- the wire ----

    /** <b>The ICMP message length: 8 + payload length.</b> */
    public int wireLength() {
        return 8 + payload.length;
    }

    /** <b>The ICMP message on the wire (no IP header), a new array.</b> */
    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(wireLength());
        writeTo(b);
        return b.array();
    }

    /**
     * <b>Writes the ICMP message at {@code buf}'s position and advances it; returns the bytes written.</b>
     * Allocates nothing; works in either byte order.
     *
     * @throws BufferOverflowException if fewer than {@link #wireLength()} bytes remain (nothing is written)
     */
    public int writeTo(ByteBuffer buf) {
        int n = wireLength();
        if (buf.remaining() < n) {
            throw new BufferOverflowException();
        }
        buf.put((byte) type).put((byte) code)
                .put((byte) (checksum >>> 8)).put((byte) checksum)
                .put((byte) (id >>> 8)).put((byte) id)
                .put((byte) (seq >>> 8)).put((byte) seq)
                .put(payload);
        return n;
    }

    /** <b>The bytes decoded back, the way a receiver would see them.</b> */
    public IcmpMessage decoded() {
        byte[] b = toBytes();
        return family() == 6 ? Icmp.decodeV6(b, source, source == null ? null : target) : Icmp.decode(b);
    }

    /** <b>Every field, one per line, with its meaning; send options last.</b> */
    public String show() {
        StringBuilder sb = new StringBuilder();
        sb.append("target   = ").append(Addresses.text(target)).append('\n');
        for (String line : decoded().show().split("\n")) {
            if (line.startsWith("checksum") && !checksumKnown()) {
                line = "checksum = 0x0000 (filled in by the kernel: ICMPv6 needs the source address)";
            } else if (line.startsWith("checksum") && checksumForced()) {
                line = line + " (forced)";
            } else if (line.startsWith("src      =") || line.startsWith("dst      =")) {
                continue;
            }
            sb.append(line).append('\n');
        }
        sb.append("source   = ").append(source == null ? "(kernel's choice)" : Addresses.text(source)).append('\n');
        sb.append("ttl      = ").append(hasTtl() ? String.valueOf(ttl) : "(kernel default)").append('\n');
        sb.append("tos      = ").append(hasTos() ? String.format("0x%02x", tos) : "(kernel default)").append('\n');
        sb.append("df       = ").append(dontFragmentMeaning());
        return sb.toString();
    }

    /**
     * What the kernel does with this probe's don't-fragment choice. Unset is not "DF off": Linux sends ICMP with path-MTU
     * discovery (IP_PMTUDISC_WANT), so the DF bit is set all the same and a router quotes it back.
     */
    private String dontFragmentMeaning() {
        if (family() == 6) {
            return dontFragment ? "true (never fragmented, not even by this host: a probe too big for the path fails)"
                    : "false (IPv6 routers never fragment; this host may, for a probe above the path MTU)";
        }
        return dontFragment ? "true (DF set, never fragmented: a probe too big for the path fails)"
                : "false (not forced: Linux still sets DF on ICMP and discovers the path MTU, fragmenting only above it)";
    }

    /**
     * <b>How long {@link #send()} waits for an answer: 10 s, the default of {@code ping -W}.</b> The same default
     * everywhere: the REPL's {@code send} and the {@code ping} command wait as long.
     */
    public static final Duration DEFAULT_TIMEOUT = dev.pingkit.ping.PingSettings.DEFAULT_REPLY_TIMEOUT;

    /**
     * <b>Sends this probe and waits up to {@link #DEFAULT_TIMEOUT} (10 s, as {@code ping -W}) for what comes back.</b>
     * The result is a reply (decoded, with source, kernel-timestamp RTT and TTL), an ICMP error about this very probe,
     * or no reply; see {@link #send(Duration)}.
     * <pre>{@code Echo.to("127.0.0.1").id(7).seq(1).payload("hi").send()}</pre>
     *
     * @throws IOException if no ICMP socket can be opened (the message says how to get permission) or sending fails
     */
    public SendResult send() throws IOException {
        return Pinger.once(this, DEFAULT_TIMEOUT);
    }

    /**
     * <b>Sends this probe exactly as built and waits up to {@code timeout} for its reply or an ICMP error about it.</b>
     * Opens a raw socket when permitted, else a datagram ping socket (whose kernel-chosen identifier then replaces
     * {@link #id()} on the wire). A reply counts only if its identifier, sequence number and source match; one with
     * a wrong checksum or an altered payload is returned flagged ({@link SendResult.Answered#checksumOk()},
     * {@link SendResult.Answered#payloadMatches()}), never silently accepted.
     *
     * <p>Concurrent sends of the same probe (family, id, seq, target) from several threads go one after the other,
     * so none takes another's reply. A timeout beyond what nanoseconds hold (~292 years) waits without end.
     *
     * @return {@link SendResult.Answered}, {@link SendResult.Failed} or {@link SendResult.NoReply}
     * @throws IOException              if no ICMP socket can be opened or sending fails
     * @throws IllegalArgumentException if the timeout is negative, or the checksum is forced on an ICMPv6 echo
     */
    public SendResult send(Duration timeout) throws IOException {
        return Pinger.once(this, timeout);
    }

    /** <b>{@link #toBytes()} as {@code hexdump -C} style lines.</b> */
    public String hexdump() {
        return Hexdump.of(toBytes());
    }

    /** <b>One line: {@code Echo 127.0.0.1 id=7 seq=1 len=5 "hello" checksum=0x….}</b> */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Echo ").append(Addresses.text(target));
        if (source != null) {
            sb.append(" from ").append(Addresses.text(source));
        }
        if (type != (family() == 6 ? 128 : 8)) {
            sb.append(" type=").append(type);
        }
        if (code != 0) {
            sb.append(" code=").append(code);
        }
        sb.append(" id=").append(id).append(" seq=").append(seq).append(" len=").append(payload.length);
        if (pattern != null) {
            sb.append(" pattern=").append(pattern());
        } else if (payload.length > 0) {
            sb.append(' ').append(preview());
        }
        if (!checksumKnown()) {
            sb.append(" checksum=kernel");
        } else {
            sb.append(String.format(" checksum=0x%04x", checksum)).append(checksumForced() ? " (forced)" : "");
        }
        if (hasTtl()) {
            sb.append(" ttl=").append(ttl);
        }
        if (hasTos()) {
            sb.append(String.format(" tos=0x%02x", tos));
        }
        if (dontFragment) {
            sb.append(" df");
        }
        return sb.toString();
    }

    private String preview() {
        boolean text = true;
        for (byte b : payload) {
            if (b < 0x20 || b >= 0x7f || b == '"') {
                text = false;
                break;
            }
        }
        int n = Math.min(payload.length, text ? 24 : 8);
        String s = text ? "\"" + new String(payload, 0, n, StandardCharsets.US_ASCII) + "\""
                : Hexdump.hex(payload, 0, n);
        return n < payload.length ? s + "…" : s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Echo e && target.equals(e.target) && Objects.equals(source, e.source) && id == e.id
                && seq == e.seq && Arrays.equals(payload, e.payload) && Arrays.equals(pattern, e.pattern)
                && type == e.type && code == e.code && forcedChecksum == e.forcedChecksum && ttl == e.ttl
                && tos == e.tos && dontFragment == e.dontFragment;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(target, source, id, seq, type, code, forcedChecksum, ttl, tos, dontFragment);
        return 31 * (31 * h + Arrays.hashCode(payload)) + Arrays.hashCode(pattern);
    }
}
