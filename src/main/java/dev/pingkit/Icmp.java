package dev.pingkit;

import dev.pingkit.batch.ProbeResult;
import dev.pingkit.batch.Results;
import dev.pingkit.capture.Capture;
import dev.pingkit.packet.IcmpMessage;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * <b>Decodes received ICMP bytes into an {@link IcmpMessage}.</b>
 *
 * <pre>{@code
 * IcmpMessage m = Icmp.decode(bytes);          // an IPv4 packet or a bare ICMPv4 message
 * m.type(); m.checksumValid(); m.ip(); m.quoted(); m.problems(); m.show();
 * }</pre>
 *
 * Never throws on hostile bytes: truncated, corrupted or random input decodes to a message whose
 * {@link IcmpMessage#problems()} says what is wrong. A null array throws {@link NullPointerException};
 * an offset/length outside the array throws {@link IllegalArgumentException} naming them.
 */
public final class Icmp {
    private Icmp() {
    }

    /** <b>Decodes an IPv4 packet (version nibble 4, header length from IHL) or a bare ICMPv4 message.</b> */
    public static IcmpMessage decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return IcmpMessage.decode(bytes, 0, bytes.length);
    }

    /** <b>Decodes {@code len} bytes from {@code off}: an IPv4 packet or a bare ICMPv4 message.</b> */
    public static IcmpMessage decode(byte[] bytes, int off, int len) {
        return IcmpMessage.decode(bytes, off, len);
    }

    /**
     * <b>Decodes a bare ICMPv6 message without checking its checksum ({@code checksumStatus()} is UNKNOWN).</b>
     * ICMPv6 sockets deliver the message without the IPv6 header; the checksum needs the addresses.
     */
    public static IcmpMessage decodeV6(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return IcmpMessage.decodeV6(bytes, 0, bytes.length, null, null);
    }

    /** <b>Decodes a bare ICMPv6 message and verifies its checksum over the pseudo-header of {@code src > dst}.</b> */
    public static IcmpMessage decodeV6(byte[] bytes, InetAddress src, InetAddress dst) {
        Objects.requireNonNull(bytes, "bytes");
        return IcmpMessage.decodeV6(bytes, 0, bytes.length, src, dst);
    }

    /**
     * <b>Decodes {@code len} bytes from {@code off} as a bare ICMPv6 message from {@code src} to {@code dst}.</b>
     * With either address null the checksum status is UNKNOWN.
     *
     * @throws IllegalArgumentException if an address is not IPv6
     */
    public static IcmpMessage decodeV6(byte[] bytes, int off, int len, InetAddress src, InetAddress dst) {
        return IcmpMessage.decodeV6(bytes, off, len, src, dst);
    }

    /**
     * <b>A capture's packets as {@link Results}, to table, plot and save like a batch's</b>: one row each, of status
     * {@code captured} ({@link ProbeResult#captured}), with who sent it, its type, code, id, seq, size and TTL.
     *
     * <pre>{@code
     * try (var c = Capture.open(true, false, Capture.Filter.ANY.type(0))) {
     *     Results r = Icmp.results(c.collect(Duration.ofSeconds(5), new Stop()));
     *     r.stats("from"); r.table("seq", "from", "reply_ttl"); r.pcapng(Path.of("heard.pcapng"));
     * }
     * }</pre>
     * Here, in the facade, because the capture and batch modes never import each other.
     */
    public static Results results(List<Capture.Packet> packets) {
        return Results.of(packets.stream()
                .map(p -> ProbeResult.captured(p.from(), p.ttl(), p.receivedAtNanos(), p.message())).toList());
    }
}
