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
    final boolean anySource; // SO_BROADCAST (ping -b): a broadcast is answered by every host, each from itself
    final int baseTtl;
    final int baseTos;
    int ttl;
    int tos;

    FamilyState(Family family, IcmpSocket socket, EngineOptions options) throws IOException {
        this.family = family;
        this.wireFamily = family == Family.IPV4 ? 4 : 6;
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
        this.reply = IcmpTypes.replyTo(wireFamily, request);
        this.seqMask = (1 << IcmpTypes.sequenceBits(wireFamily, request)) - 1;
        this.flags = seqMask == 0xff ? ExtendedEchoMessage.L_BIT : 0;
        if (!datagram) {
            try {
                if (reply >= 0) {
                    KernelFilters.replies(socket, reply, id);
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

    /** The 16 bits written at bytes 6..7 for sequence number {@code seq}: an extended echo's byte 7 is its flags. */
    int wireSequence(int seq) {
        return seqMask == 0xff ? (seq << 8) | flags : seq;
    }
}
