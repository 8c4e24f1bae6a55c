package dev.pingkit.engine;

import dev.pingkit.packet.ExtendedEchoMessage;
import dev.pingkit.packet.IcmpTypes;
import dev.pingkit.socket.Family;
import dev.pingkit.socket.IcmpSocket;
import dev.pingkit.socket.SocketKind;

import java.io.IOException;

/** One family's socket and what its probes carry. */
final class FamilyState {
    final Family family;
    final int wireFamily;
    final IcmpSocket socket;
    final boolean datagram;
    final boolean ownId;
    final int id;
    final boolean checksum; // raw IPv4 only: the kernel computes ICMPv6 and ping-socket checksums
    final int request;
    final int code;
    final boolean echo; // the family's echo request with code 0: the fast encode path
    final boolean comparesPayload; // an echo reply gives the request's data back; other replies have their own
    final int reply; // -1: any type that is neither the request nor an error
    final int seqMask; // 0xff for extended echo (PROBE), whose sequence number is byte 6 alone
    final int flags; // byte 7 of an extended echo request: the L bit (the only query Linux answers)
    final boolean byNonce; // a query with no identifier and sequence (RFC 4620): matched by the nonce at 8..15
    final long header; // bytes 4..7 of such a query (Qtype and Flags), -1 otherwise
    private final long nonceKey; // makes the nonce's last 6 bytes unguessable from its first two
    final boolean anySource; // SO_BROADCAST: a broadcast is answered by every host, each from itself
    final int baseTtl;
    final int baseTos;
    int ttl;
    int tos;

    FamilyState(Family family, IcmpSocket socket, EngineOptions options) throws IOException {
        this.family = family;
        this.wireFamily = family.version();
        this.socket = socket;
        this.datagram = socket.kind() == SocketKind.DATAGRAM;
        if (datagram) {
            id = socket.localId();
            ownId = false;
        } else if (options.identifier() != null) {
            id = options.identifier();
            ownId = false;
        } else {
            id = Identifiers.acquire();
            ownId = true;
        }
        this.request = requestType(wireFamily, options.requestType());
        this.code = options.requestCode();
        this.echo = request == IcmpTypes.echoRequest(wireFamily) && code == 0;
        this.comparesPayload = request == IcmpTypes.echoRequest(wireFamily);
        this.header = options.header();
        this.byNonce = header >= 0;
        this.nonceKey = byNonce ? new java.security.SecureRandom().nextLong() : 0;
        this.reply = byNonce && IcmpTypes.isNodeInfo(wireFamily, request) ? IcmpTypes.NODE_INFO_REPLY
                : IcmpTypes.replyTo(wireFamily, request);
        this.seqMask = byNonce ? 0xffff : (1 << IcmpTypes.sequenceBits(wireFamily, request)) - 1;
        this.flags = seqMask == 0xff ? ExtendedEchoMessage.L_BIT : 0;
        if (!datagram) {
            try {
                if (reply >= 0) {
                    // RFC 4620: a reply copies the query's Qtype into bytes 4..5, where others have the identifier
                    KernelFilters.replies(socket, reply, wireId());
                } else {
                    KernelFilters.repliesAndErrors(socket);
                }
            } catch (IOException | RuntimeException e) {
                if (ownId) {
                    Identifiers.release(id);
                }
                throw e;
            }
        }
        this.checksum = family == Family.IPV4 && !datagram;
        this.anySource = options.socket().broadcast();
        this.baseTtl = options.socket().ttl() != null ? options.socket().ttl() : -1;
        this.baseTos = options.socket().tos() != null ? options.socket().tos() : -1;
        this.ttl = baseTtl;
        this.tos = baseTos;
    }

    /** True when an unerring message of {@code type} answers this family's probes. */
    boolean isReply(int type) {
        return reply >= 0 ? type == reply : type != request && !IcmpTypes.isError(wireFamily, type);
    }

    /**
     * The type this family's probes carry: the echo request when none is given; an extended echo request given in
     * either family's number is this family's (42 over ICMPv6 is 160), so one engine probes both families.
     */
    static int requestType(int family, int type) {
        if (type < 0) {
            return IcmpTypes.echoRequest(family);
        }
        boolean extendedEcho = type == IcmpTypes.EXTENDED_ECHO_REQUEST_V4 || type == IcmpTypes.EXTENDED_ECHO_REQUEST_V6;
        if (extendedEcho) {
            return family == 6 ? IcmpTypes.EXTENDED_ECHO_REQUEST_V6 : IcmpTypes.EXTENDED_ECHO_REQUEST_V4;
        }
        return type;
    }

    /** The 16 bits written at bytes 4..5: the identifier, or a nonce-matched query's fixed value (its Qtype). */
    int wireId() {
        return byNonce ? (int) (header >>> 16) : id;
    }

    /**
     * The 16 bits written at bytes 6..7 for sequence number {@code seq}: an extended echo's byte 7 is its flags, a
     * nonce-matched query's are fixed (its Flags).
     */
    int wireSequence(int seq) {
        return byNonce ? (int) (header & 0xffff) : seqMask == 0xff ? (seq << 8) | flags : seq;
    }

    /** Writes probe {@code seq}'s nonce at {@code b[at..at+8)}: the sequence number, then 6 bytes only we know. */
    void writeNonce(byte[] b, int at, int seq) {
        b[at] = (byte) (seq >>> 8);
        b[at + 1] = (byte) seq;
        long tail = nonceTail(seq);
        for (int i = 0; i < 6; i++) {
            b[at + 2 + i] = (byte) (tail >>> (40 - 8 * i));
        }
    }

    /** The sequence number the nonce in {@code r}'s first 8 payload bytes stands for, or -1 if it is not ours. */
    int nonceSequence(dev.pingkit.packet.IcmpReader r) {
        if (r.payloadLength() < 8) {
            return -1;
        }
        int seq = (r.payloadByte(0) << 8) | r.payloadByte(1);
        long tail = nonceTail(seq);
        for (int i = 0; i < 6; i++) {
            if (r.payloadByte(2 + i) != (int) ((tail >>> (40 - 8 * i)) & 0xff)) {
                return -1;
            }
        }
        return seq;
    }

    // 48 bits of a keyed mix of seq (SplitMix64's finaliser): no table of sent nonces to keep or allocate.
    private long nonceTail(int seq) {
        long z = nonceKey + (seq + 1) * 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return (z ^ (z >>> 31)) & 0xffffffffffffL;
    }
}
