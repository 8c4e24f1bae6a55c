package dev.pingkit;

import dev.pingkit.batch.Probes;
import dev.pingkit.batch.Results;
import dev.pingkit.engine.SendOptions;
import dev.pingkit.engine.Query;
import dev.pingkit.engine.Stop;
import dev.pingkit.packet.EchoMessage;
import dev.pingkit.packet.EchoPayload;
import dev.pingkit.packet.Hexdump;
import dev.pingkit.packet.IcmpMessage;
import dev.pingkit.SendResult;
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
    public static final int MAX_PAYLOAD_V4 = EchoPayload.MAX_V4;
    /** <b>Largest ICMPv6 echo payload: 65535 (IPv6 payload length) - 8 (ICMP header).</b> */
    public static final int MAX_PAYLOAD_V6 = EchoPayload.MAX_V6;
    /** <b>ping's default payload size.</b> */
    public static final int DEFAULT_SIZE = EchoPayload.DEFAULT_SIZE;

    private final Query query;

    private Echo(Query query) {
        this.query = query;
    }

    /**
     * <b>An echo request to a host name or an IPv4/IPv6 literal, resolved once, now.</b>
     * Names in the reserved {@code .invalid} domain (RFC 6761) are refused without a lookup.
     *
     * @throws IllegalArgumentException {@code unknown host: nosuch.invalid} if the name does not resolve
     */
    public static Echo to(String host) {
        return new Echo(Query.to(host));
    }

    /** <b>An echo request to an address: ICMPv4 for an {@code Inet4Address}, ICMPv6 for an {@code Inet6Address}.</b> */
    /** <b>The echo of a query value (a batch's {@code unanswered()}, a result's {@code request()}).</b> */
    public static Echo of(Query query) {
        return new Echo(java.util.Objects.requireNonNull(query, "query"));
    }

    /** <b>This echo as the engine's and the modes' query value.</b> */
    public Query query() {
        return query;
    }

    public static Echo to(InetAddress target) {
        return new Echo(Query.to(target));
    }

    // ---- setters: each returns a new value ----

    /** <b>The identifier, 0..65535.</b> */
    public Echo id(int id) {
        return new Echo(query.id(id));
    }

    /** <b>The sequence number, 0..65535.</b> */
    public Echo seq(int seq) {
        return new Echo(query.seq(seq));
    }

    // ---- batches: each returns a Probes value built from this echo ----

    /** <b>A batch of this probe alone, to widen with {@link Probes}' ranges and send with {@code sendAll()}.</b> */
    public Probes probes() {
        return Probes.of(query);
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

    /** <b>As {@link #sendAll()}, ended early by {@code stop}; see {@link Probes#sendAll(Stop)}.</b> */
    public Results sendAll(Stop stop) throws IOException {
        return probes().sendAll(stop);
    }

    /** <b>The payload as the UTF-8 bytes of {@code text}.</b> */
    public Echo payload(String text) {
        return new Echo(query.payload(text));
    }

    /** <b>The payload bytes (copied).</b> */
    public Echo payload(byte[] bytes) {
        return new Echo(query.payload(bytes));
    }

    /**
     * <b>The payload from hex digits, e.g. {@code "dead beef"}.</b> Spaces, colons and a leading {@code 0x} are
     * ignored; an even number of digits is required.
     */
    public Echo payloadHex(String hex) {
        return new Echo(query.payloadHex(hex));
    }

    /**
     * <b>A payload of {@code n} bytes filled like {@code ping -s}: byte i is {@code i & 0xff}, or the
     * {@link #pattern(String)} repeated if one is set.</b>
     */
    public Echo size(int n) {
        return new Echo(query.size(n));
    }

    /**
     * <b>Fills the payload (its current size, and later {@link #size(int)} calls) with 1..16 bytes of hex
     * repeated, like {@code ping -p ff00}.</b> An explicit {@code payload(...)} later replaces it.
     */
    public Echo pattern(String hex) {
        return new Echo(query.pattern(hex));
    }

    /** <b>The ICMP type, 0..255, for experiments (e.g. 13, a timestamp request); default 8 or 128.</b> */
    public Echo type(int type) {
        return new Echo(query.type(type));
    }

    /** <b>The ICMP code, 0..255; default 0.</b> */
    public Echo code(int code) {
        return new Echo(query.code(code));
    }

    /**
     * <b>Forces the checksum field to this value, 0..65535 (e.g. a wrong one on purpose).</b> Over ICMPv6 the value
     * shows in {@link #toBytes()} and {@link #show()}, but {@link #send()} refuses it: the kernel writes every
     * ICMPv6 checksum itself, so the forced one would never go out.
     */
    public Echo checksum(int checksum) {
        return new Echo(query.checksum(checksum));
    }

    /** <b>Back to a computed checksum after {@link #checksum(int)}.</b> */
    public Echo computedChecksum() {
        return new Echo(query.computedChecksum());
    }

    /** <b>The IP TTL (IPv6: hop limit) to send with, 1..255.</b> */
    public Echo ttl(int ttl) {
        return new Echo(query.ttl(ttl));
    }

    /** <b>The IP TOS byte (IPv6: traffic class) to send with, 0..255.</b> */
    public Echo tos(int tos) {
        return new Echo(query.tos(tos));
    }

    /** <b>Whether to set don't-fragment when sending.</b> */
    public Echo dontFragment(boolean df) {
        return new Echo(query.dontFragment(df));
    }

    /**
     * <b>The source address (same family as the target), or null for "the kernel chooses".</b>
     * For ICMPv6 it lets {@code Echo} compute the checksum over the pseudo-header.
     */
    public Echo source(InetAddress source) {
        return new Echo(query.source(source));
    }





    // ---- getters ----

    /** <b>The target address.</b> */
    public InetAddress target() {
        return query.target();
    }

    /** <b>4 for an IPv4 target (ICMPv4), 6 for an IPv6 target (ICMPv6).</b> */
    public int family() {
        return query.family();
    }

    /** <b>The identifier.</b> */
    public int id() {
        return query.id();
    }

    /** <b>The sequence number.</b> */
    public int seq() {
        return query.seq();
    }

    /** <b>The payload bytes, a copy.</b> */
    public byte[] payload() {
        return query.payload();
    }

    /** <b>The payload length in bytes.</b> */
    public int payloadLength() {
        return query.payloadLength();
    }

    /** <b>The fill pattern as lowercase hex, or {@code ""} if none.</b> */
    public String pattern() {
        return query.pattern();
    }

    /** <b>The ICMP type.</b> */
    public int type() {
        return query.type();
    }

    /** <b>The ICMP code.</b> */
    public int code() {
        return query.code();
    }

    /**
     * <b>The checksum field as written: forced, or computed.</b> For ICMPv6 without a {@link #source} it is 0
     * (the kernel fills it in); see {@link #checksumKnown()}.
     */
    public int checksum() {
        return query.checksum();
    }

    /** <b>True if {@link #checksum(int)} forced the value.</b> */
    public boolean checksumForced() {
        return query.checksumForced();
    }

    /** <b>False only for ICMPv6 without a source and without a forced checksum: the kernel will compute it.</b> */
    public boolean checksumKnown() {
        return query.checksumKnown();
    }

    /** <b>The TTL / hop limit to send with, or -1 for the kernel's default.</b> */
    public int ttl() {
        return query.ttl();
    }

    /** <b>True if a TTL was set.</b> */
    public boolean hasTtl() {
        return query.hasTtl();
    }

    /** <b>The TOS / traffic class to send with, or -1 for the kernel's default.</b> */
    public int tos() {
        return query.tos();
    }

    /** <b>True if a TOS was set.</b> */
    public boolean hasTos() {
        return query.hasTos();
    }

    /** <b>Whether don't-fragment is requested.</b> */
    public boolean dontFragment() {
        return query.dontFragment();
    }

    /** <b>The source address, if set.</b> */
    public Optional<InetAddress> source() {
        return query.source();
    }

    /** <b>The ICMP message this echo sends: the packet-level value, without target or send options.</b> */
    public EchoMessage message() {
        return query.message();
    }

    /** <b>The send options: TTL, TOS, don't-fragment.</b> */
    public SendOptions sendOptions() {
        return query.sendOptions();
    }

    // ---- the wire ----

    /** <b>The ICMP message length: 8 + payload length.</b> */
    public int wireLength() {
        return query.wireLength();
    }

    /** <b>The ICMP message on the wire (no IP header), a new array.</b> */
    public byte[] toBytes() {
        return query.toBytes();
    }

    /**
     * <b>Writes the ICMP message at {@code buf}'s position and advances it; returns the bytes written.</b>
     * Allocates nothing; works in either byte order.
     *
     * @throws BufferOverflowException if fewer than {@link #wireLength()} bytes remain (nothing is written)
     */
    public int writeTo(ByteBuffer buf) {
        return query.writeTo(buf);
    }

    /** <b>The bytes decoded back, the way a receiver would see them.</b> */
    public IcmpMessage decoded() {
        return query.decoded();
    }

    /** <b>Every field, one per line, with its meaning; send options last.</b> */
    public String show() {
        return query.show();
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
        return send(DEFAULT_TIMEOUT);
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
        return send(timeout, new Stop());
    }

    /**
     * <b>As {@link #send(Duration)}, ended early by {@code stop}</b> (another thread, a Ctrl-C handler): then the
     * result is a {@link SendResult.NoReply}.
     */
    public SendResult send(Duration timeout, Stop stop) throws IOException {
        Objects.requireNonNull(stop, "stop");
        try (EchoSend s = EchoSend.of(this, timeout, dev.pingkit.engine.EngineOptions.defaults())) {
            return s.await(stop);
        }
    }

    /** <b>{@link #toBytes()} as {@code hexdump -C} style lines.</b> */
    public String hexdump() {
        return Hexdump.of(query.toBytes());
    }

    /** <b>One line: {@code Echo 127.0.0.1 id=7 seq=1 len=5 "hello" checksum=0x….}</b> */
    @Override
    public String toString() {
        return query.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Echo e && query.equals(e.query);
    }

    @Override
    public int hashCode() {
        return query.hashCode();
    }
}
