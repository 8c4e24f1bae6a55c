package dev.pingkit.engine;

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
    final int reply; // -1: any type that is neither the request nor an error
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
        this.request = options.requestType() >= 0 ? options.requestType() : IcmpTypes.echoRequest(wireFamily);
        this.code = options.requestCode();
        this.echo = request == IcmpTypes.echoRequest(wireFamily) && code == 0;
        this.reply = replyTo(wireFamily, request);
        if (!datagram) {
            try {
                if (request == IcmpTypes.echoRequest(wireFamily)) {
                    KernelFilters.echoReplies(socket, id);
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

    // RFC 792's request/reply pairs (echo, timestamp, information, address mask); -1 for a type without one.
    private static int replyTo(int family, int request) {
        if (family == 6) {
            return request == IcmpTypes.ECHO_REQUEST_V6 ? IcmpTypes.ECHO_REPLY_V6 : -1;
        }
        return switch (request) {
            case IcmpTypes.ECHO_REQUEST_V4 -> IcmpTypes.ECHO_REPLY_V4;
            case 13, 15, 17 -> request + 1;
            default -> -1;
        };
    }
}
