package dev.pingkit.engine;

import dev.pingkit.socket.SocketKind;
import dev.pingkit.socket.SocketOptions;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * <b>How an {@link Engine} opens its sockets and paces its sends, as one immutable value.</b>
 *
 * <pre>{@code
 * EngineOptions.defaults().gap(Duration.ofMillis(10))       // at most one send per 10 ms
 * EngineOptions.defaults().continuous(true)                    // a prober: run until stop()
 * }</pre>
 *
 * @param kind        raw, datagram or automatic (raw when permitted)
 * @param socket      options of both sockets (device, mark, namespace, source, default TTL/TOS, receive buffer)
 * @param identifier  the ICMP identifier of a raw socket's probes, null for one chosen by the engine (unique among
 *                    the engines of this process); datagram sockets always carry the kernel's
 * @param gapNanos the least time between any two sends of the run, all targets together (global rate)
 * @param continuous  true to keep running when every target is done, until {@link Engine#stop()} (targets may
 *                    still be added from any thread)
 * @param requestType the ICMP type the probes carry, or -1 for the family's echo request; another type (a
 *                    timestamp request, an experiment's odd type) is answered by its reply type where RFC 792
 *                    names one, else by any type that is neither it nor an error; raw sockets only
 * @param requestCode the ICMP code the probes carry (0 for an echo request)
 * @param header      bytes 4..7 of a query that carries no identifier and sequence number there (RFC 4620's Qtype
 *                    and Flags), or -1 for an identifier and sequence number; such a query is matched by its nonce
 *                    (bytes 8..15, which the engine writes into the first 8 payload bytes)
 */
public record EngineOptions(SocketKind kind, SocketOptions socket, Integer identifier, long gapNanos,
                            boolean continuous, int requestType, int requestCode, long header) {
    /** Validates every field; messages name the field, the value and what is allowed. */
    public EngineOptions {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(socket, "socket");
        if (identifier != null && (identifier < 0 || identifier > 0xffff)) {
            throw new IllegalArgumentException("identifier must be 0..65535, got " + identifier);
        }
        if (gapNanos < 0) {
            throw new IllegalArgumentException("gap must be >= 0, got " + gapNanos + " ns");
        }
        if (requestType < -1 || requestType > 255) {
            throw new IllegalArgumentException("requestType must be 0..255 (or -1 for echo request), got "
                    + requestType);
        }
        if (requestCode < 0 || requestCode > 255) {
            throw new IllegalArgumentException("requestCode must be 0..255, got " + requestCode);
        }
        if (header < -1 || header > 0xffffffffL) {
            throw new IllegalArgumentException("header must be 0..4294967295 (or -1 for identifier and sequence),"
                    + " got " + header);
        }
    }

    /** <b>Automatic socket kind, default socket options, an engine-chosen identifier, no gap, not continuous.</b> */
    public static EngineOptions defaults() {
        return new EngineOptions(SocketKind.AUTO, SocketOptions.DEFAULTS, null, 0, false, -1, 0, -1);
    }

    /** <b>These options with socket kind {@code kind}.</b> */
    public EngineOptions kind(SocketKind kind) {
        return new EngineOptions(kind, socket, identifier, gapNanos, continuous, requestType, requestCode, header);
    }

    /** <b>These options on raw sockets only (fail if not permitted).</b> */
    public EngineOptions raw() {
        return kind(SocketKind.RAW);
    }

    /** <b>These options on datagram (ping) sockets only.</b> */
    public EngineOptions datagram() {
        return kind(SocketKind.DATAGRAM);
    }

    /** <b>These options opening the sockets in network namespace {@code name} (ip netns).</b> */
    public EngineOptions netns(String name) {
        return socket(socket.netns(name));
    }

    /** <b>These options binding the sockets to interface {@code device}.</b> */
    public EngineOptions device(String device) {
        return socket(socket.device(device));
    }

    /** <b>These options marking every probe with firewall mark {@code mark}.</b> */
    public EngineOptions mark(int mark) {
        return socket(socket.mark(mark));
    }

    /** <b>These options binding the socket of {@code source}'s family to that source address.</b> */
    public EngineOptions source(InetAddress source) {
        return socket(socket.source(source));
    }

    /** <b>These options with a default TTL / hop limit (1..255) for probes that do not set their own.</b> */
    public EngineOptions ttl(int ttl) {
        return socket(socket.ttl(ttl));
    }

    /** <b>These options with a default TOS / traffic class (0..255) for probes that do not set their own.</b> */
    public EngineOptions tos(int tos) {
        return socket(socket.tos(tos));
    }

    /** <b>These options forbidding fragmentation ({@code true}: DF set, never fragmented) or not forcing it.</b> */
    public EngineOptions dontFragment(boolean dontFragment) {
        return socket(socket.dontFragment(dontFragment));
    }

    /** <b>These options with socket options {@code socket}.</b> */
    public EngineOptions socket(SocketOptions socket) {
        return new EngineOptions(kind, socket, identifier, gapNanos, continuous, requestType, requestCode, header);
    }

    /** <b>These options with raw-socket identifier {@code id} (0..65535).</b> */
    public EngineOptions identifier(int id) {
        return new EngineOptions(kind, socket, id, gapNanos, continuous, requestType, requestCode, header);
    }

    /** <b>These options with at least {@code gap} between any two sends.</b> */
    public EngineOptions gap(Duration gap) {
        return new EngineOptions(kind, socket, identifier, ProbeSpec.saturatedNanos(gap, "gap"), continuous,
                requestType, requestCode, header);
    }

    /** <b>These options running until stopped ({@code true}) or until every target is done.</b> */
    public EngineOptions continuous(boolean continuous) {
        return new EngineOptions(kind, socket, identifier, gapNanos, continuous, requestType, requestCode, header);
    }

    /** <b>These options sending ICMP type {@code type} (-1: echo request) with code {@code code} instead.</b> */
    public EngineOptions request(int type, int code) {
        return new EngineOptions(kind, socket, identifier, gapNanos, continuous, type, code, header);
    }

    /**
     * <b>These options sending queries matched by nonce: bytes 4..7 fixed to {@code header}</b> (RFC 4620's Qtype
     * and Flags), bytes 8..15 a nonce the engine writes into each probe's first 8 payload bytes and finds again in
     * the reply; -1 goes back to identifier and sequence number.
     */
    public EngineOptions header(long header) {
        return new EngineOptions(kind, socket, identifier, gapNanos, continuous, requestType, requestCode, header);
    }
}
