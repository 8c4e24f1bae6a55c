package dev.pingkit.engine;

import dev.pingkit.packet.Addresses;
import dev.pingkit.packet.EchoMessage;
import dev.pingkit.packet.EchoPayload;
import dev.pingkit.packet.Hexdump;
import dev.pingkit.packet.IcmpMessage;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * <b>An ICMP query as its sender built it: the target, the ICMP message, the send options; an immutable value
 * shared by the facade's {@code Echo} and the modes (a batch varies one, a single send sends one).</b>
 *
 * <p>Today every query is an echo request (type 8 / 128 unless forced). Defaults: id = this process's pid & 0xffff,
 * seq = 1, 56 payload bytes {@code i & 0xff} (ping's default size), code 0, TTL, TOS and don't-fragment left to the
 * kernel. The checksum is computed unless {@link #checksum(int)} forces one; ICMPv6's covers the pseudo-header, so
 * it is computed only when both ends are known ({@link #source(InetAddress)} set), else the kernel fills it in.
 *
 * <p>Bad arguments throw {@link IllegalArgumentException} naming the field, the value and the allowed range.
 */
public final class Query {
    /** <b>Largest ICMPv4 echo payload: 65535 - 20 (IP header) - 8 (ICMP header).</b> */
    public static final int MAX_PAYLOAD_V4 = EchoPayload.MAX_V4;
    /** <b>Largest ICMPv6 echo payload: 65535 (IPv6 payload length) - 8 (ICMP header).</b> */
    public static final int MAX_PAYLOAD_V6 = EchoPayload.MAX_V6;
    /** <b>ping's default payload size.</b> */
    public static final int DEFAULT_SIZE = EchoPayload.DEFAULT_SIZE;

    private final InetAddress target;
    private final InetAddress source;
    private final EchoMessage message; // the ICMP bytes; for ICMPv6 its pseudo-header is (source, target) if known
    private final byte[] pattern;
    private final SendOptions options;

    private Query(InetAddress target, InetAddress source, EchoMessage message, byte[] pattern, SendOptions options) {
        this.target = target;
        this.source = source;
        this.message = message;
        this.pattern = pattern;
        this.options = options;
    }

    private Query with(EchoMessage m) {
        return new Query(target, source, m, pattern, options);
    }

    private Query with(SendOptions o) {
        return new Query(target, source, message, pattern, o);
    }

    /**
     * <b>An echo request to a host name or an IPv4/IPv6 literal, resolved once, now.</b>
     * Names in the reserved {@code .invalid} domain (RFC 6761) are refused without a lookup.
     *
     * @throws IllegalArgumentException {@code unknown host: nosuch.invalid} if the name does not resolve
     */
    public static Query to(String host) {
        return to(Hosts.resolve(host, 0));
    }

    /** <b>An echo request to an address: ICMPv4 for an {@code Inet4Address}, ICMPv6 for an {@code Inet6Address}.</b> */
    public static Query to(InetAddress target) {
        Objects.requireNonNull(target, "target");
        EchoMessage m = EchoMessage.request(Hosts.family(target))
                .identifier((int) (ProcessHandle.current().pid() & 0xffff)).sequence(1)
                .data(EchoPayload.fill(DEFAULT_SIZE)).build();
        return new Query(target, null, m, null, SendOptions.DEFAULT);
    }

    // ---- setters: each returns a new value ----

    /** <b>The identifier, 0..65535.</b> */
    public Query id(int id) {
        check("id", id, 0, 65535);
        return with(message.identifier(id));
    }

    /** <b>The sequence number, 0..65535.</b> */
    public Query seq(int seq) {
        check("seq", seq, 0, 65535);
        return with(message.sequence(seq));
    }

    /** <b>The payload as the UTF-8 bytes of {@code text}.</b> */
    public Query payload(String text) {
        Objects.requireNonNull(text, "payload");
        return withPayload(text.getBytes(StandardCharsets.UTF_8), null);
    }

    /** <b>The payload bytes (copied).</b> */
    public Query payload(byte[] bytes) {
        Objects.requireNonNull(bytes, "payload");
        return withPayload(bytes.clone(), null);
    }

    /**
     * <b>The payload from hex digits, e.g. {@code "dead beef"}.</b> Spaces, colons and a leading {@code 0x} are
     * ignored; an even number of digits is required.
     */
    public Query payloadHex(String hex) {
        Objects.requireNonNull(hex, "payloadHex");
        byte[] b = Hexdump.parse(hex);
        if (b == null) {
            throw new IllegalArgumentException("payloadHex must be pairs of hex digits, got \"" + hex + "\"");
        }
        return withPayload(b, null);
    }

    /**
     * <b>A payload of {@code n} bytes filled like {@code ping -s}: byte i is {@code i & 0xff}, or the
     * {@link #pattern(String)} repeated if one is set.</b>
     */
    public Query size(int n) {
        int max = maxPayload();
        if (n < 0 || n > max) {
            throw new IllegalArgumentException("size must be 0.." + max + " for " + ipName() + ", got " + n);
        }
        return withPayload(EchoPayload.fill(n, pattern), pattern);
    }

    /**
     * <b>Fills the payload (its current size, and later {@link #size(int)} calls) with 1..16 bytes of hex
     * repeated, like {@code ping -p ff00}.</b> An explicit {@code payload(...)} later replaces it.
     */
    public Query pattern(String hex) {
        Objects.requireNonNull(hex, "pattern");
        byte[] p = Hexdump.parse(hex);
        if (p == null || p.length < 1 || p.length > 16) {
            throw new IllegalArgumentException("pattern must be 1..16 bytes as hex digits (like ping -p ff00), got \""
                    + hex + "\"");
        }
        return withPayload(EchoPayload.fill(message.dataLength(), p), p);
    }

    /** <b>The ICMP type, 0..255, for experiments (e.g. 13, a timestamp request); default 8 or 128.</b> */
    public Query type(int type) {
        check("type", type, 0, 255);
        return with(message.type(type));
    }

    /** <b>The ICMP code, 0..255; default 0.</b> */
    public Query code(int code) {
        check("code", code, 0, 255);
        return with(message.code(code));
    }

    /**
     * <b>Forces the checksum field to this value, 0..65535 (e.g. a wrong one on purpose).</b> Over ICMPv6 the value
     * shows in {@link #toBytes()} and {@link #show()}, but {@link #send()} refuses it: the kernel writes every
     * ICMPv6 checksum itself, so the forced one would never go out.
     */
    public Query checksum(int checksum) {
        check("checksum", checksum, 0, 65535);
        return with(message.checksum(checksum));
    }

    /** <b>Back to a computed checksum after {@link #checksum(int)}.</b> */
    public Query computedChecksum() {
        return with(message.computedChecksum());
    }

    /** <b>The IP TTL (IPv6: hop limit) to send with, 1..255.</b> */
    public Query ttl(int ttl) {
        check("ttl", ttl, 1, 255);
        return with(options.ttl(ttl));
    }

    /** <b>The IP TOS byte (IPv6: traffic class) to send with, 0..255.</b> */
    public Query tos(int tos) {
        check("tos", tos, 0, 255);
        return with(options.tos(tos));
    }

    /** <b>Whether to set don't-fragment when sending.</b> */
    public Query dontFragment(boolean df) {
        return with(options.dontFragment(df));
    }

    /**
     * <b>The source address (same family as the target), or null for "the kernel chooses".</b>
     * For ICMPv6 it lets {@code Query} compute the checksum over the pseudo-header.
     */
    public Query source(InetAddress source) {
        if (source != null && (source instanceof Inet6Address) != (target instanceof Inet6Address)) {
            throw new IllegalArgumentException("source must be an " + ipName() + " address like the target "
                    + Addresses.text(target) + ", got " + Addresses.text(source));
        }
        // ICMPv6's checksum covers (source, target); unknown source: the kernel computes it
        EchoMessage m = message.pseudoHeader(family() == 6 ? source : null, family() == 6 && source != null
                ? target : null);
        return new Query(target, source, m, pattern, options);
    }

    private Query withPayload(byte[] p, byte[] pat) {
        int max = maxPayload();
        if (p.length > max) {
            throw new IllegalArgumentException("payload must be at most " + max + " bytes for " + ipName()
                    + ", got " + p.length);
        }
        return new Query(target, source, message.data(p), pat, options);
    }

    private static void check(String field, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(field + " must be " + lo + ".." + hi + ", got " + v);
        }
    }

    private int maxPayload() {
        return EchoPayload.max(family());
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
        return Hosts.family(target);
    }

    /** <b>The identifier.</b> */
    public int id() {
        return message.identifier();
    }

    /** <b>The sequence number.</b> */
    public int seq() {
        return message.sequence();
    }

    /** <b>The payload bytes, a copy.</b> */
    public byte[] payload() {
        return message.data();
    }

    /** <b>The payload length in bytes.</b> */
    public int payloadLength() {
        return message.dataLength();
    }

    /** <b>The fill pattern as lowercase hex, or {@code ""} if none.</b> */
    public String pattern() {
        return pattern == null ? "" : Hexdump.hex(pattern, 0, pattern.length);
    }

    /** <b>The ICMP type.</b> */
    public int type() {
        return message.type();
    }

    /** <b>The ICMP code.</b> */
    public int code() {
        return message.code();
    }

    /**
     * <b>The checksum field as written: forced, or computed.</b> For ICMPv6 without a {@link #source} it is 0
     * (the kernel fills it in); see {@link #checksumKnown()}.
     */
    public int checksum() {
        return message.checksum();
    }

    /** <b>True if {@link #checksum(int)} forced the value.</b> */
    public boolean checksumForced() {
        return message.checksumForced();
    }

    /** <b>False only for ICMPv6 without a source and without a forced checksum: the kernel will compute it.</b> */
    public boolean checksumKnown() {
        return message.checksumKnown();
    }

    /** <b>The TTL / hop limit to send with, or -1 for the kernel's default.</b> */
    public int ttl() {
        return options.ttl();
    }

    /** <b>True if a TTL was set.</b> */
    public boolean hasTtl() {
        return options.hasTtl();
    }

    /** <b>The TOS / traffic class to send with, or -1 for the kernel's default.</b> */
    public int tos() {
        return options.tos();
    }

    /** <b>True if a TOS was set.</b> */
    public boolean hasTos() {
        return options.hasTos();
    }

    /** <b>Whether don't-fragment is requested.</b> */
    public boolean dontFragment() {
        return options.dontFragment();
    }

    /** <b>The source address, if set.</b> */
    public Optional<InetAddress> source() {
        return Optional.ofNullable(source);
    }

    /** <b>The ICMP message this echo sends: the packet-level value, without target or send options.</b> */
    public EchoMessage message() {
        return message;
    }

    /** <b>The send options: TTL, TOS, don't-fragment.</b> */
    public SendOptions sendOptions() {
        return options;
    }

    // ---- the wire ----

    /** <b>The ICMP message length: 8 + payload length.</b> */
    public int wireLength() {
        return message.length();
    }

    /** <b>The ICMP message on the wire (no IP header), a new array.</b> */
    public byte[] toBytes() {
        return message.toBytes();
    }

    /**
     * <b>Writes the ICMP message at {@code buf}'s position and advances it; returns the bytes written.</b>
     * Allocates nothing; works in either byte order.
     *
     * @throws BufferOverflowException if fewer than {@link #wireLength()} bytes remain (nothing is written)
     */
    public int writeTo(ByteBuffer buf) {
        return message.writeTo(buf);
    }

    /** <b>The bytes decoded back, the way a receiver would see them.</b> */
    public IcmpMessage decoded() {
        return message.decoded();
    }

    /** <b>Every field, one per line, with its meaning; send options last.</b> */
    public String show() {
        return QueryLines.show(this);
    }

    /** <b>{@link #toBytes()} as {@code hexdump -C} style lines.</b> */
    public String hexdump() {
        return Hexdump.of(toBytes());
    }

    /** <b>One line: {@code Query 127.0.0.1 id=7 seq=1 len=5 "hello" checksum=0x….}</b> */
    @Override
    public String toString() {
        return QueryLines.line(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Query e && target.equals(e.target) && Objects.equals(source, e.source)
                && message.equals(e.message) && Arrays.equals(pattern, e.pattern) && options.equals(e.options);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(target, source, message, options) + Arrays.hashCode(pattern);
    }
}
