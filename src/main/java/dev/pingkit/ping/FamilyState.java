package dev.pingkit.ping;

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
    final int reply;
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
        if (!datagram) {
            try {
                KernelFilters.echoReplies(socket, id);
            } catch (IOException | RuntimeException e) {
                if (ownId) {
                    Identifiers.release(id);
                }
                throw e;
            }
        }
        this.checksum = family == Family.IPV4 && !datagram;
        this.request = IcmpTypes.echoRequest(wireFamily);
        this.reply = IcmpTypes.echoReply(wireFamily);
        this.baseTtl = options.socket().ttl() != null ? options.socket().ttl() : -1;
        this.baseTos = options.socket().tos() != null ? options.socket().tos() : -1;
        this.ttl = baseTtl;
        this.tos = baseTos;
    }
}
