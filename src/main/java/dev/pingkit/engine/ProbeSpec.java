package dev.pingkit.engine;

import dev.pingkit.packet.EchoPayload;

import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * <b>What one probe carries and how long it may take: payload, TTL, TOS and timeout, as one immutable value.</b>
 * Every wither returns a new value. {@link #DEFAULT} is the classic ping probe: 56 payload bytes 0x00, 0x01, ..., the
 * socket's TTL and TOS, lost after 10 s.
 *
 * <pre>{@code
 * ProbeSpec hop3 = ProbeSpec.DEFAULT.ttl(3).timeout(Duration.ofSeconds(1)); // a probe for hop 3
 * ProbeSpec big = ProbeSpec.DEFAULT.payloadSize(1400).tos(0x10);         // an experiment's probe
 * }</pre>
 *
 * @param payload      the ICMP data after the 8-byte echo header (a copy is kept; never shared)
 * @param ttl          TTL / hop limit 1..255 of this probe, or -1 for the socket's
 * @param tos          TOS / traffic class 0..255 of this probe, or -1 for the socket's
 * @param timeoutNanos after this long without an answer or an error the probe ends as lost
 *                     ({@link ProbeEvent.Lost}); {@link Long#MAX_VALUE} for never (it then ends at the end of the run)
 * @param checksum     the ICMP checksum to send instead of the computed one (0..65535, an experiment's wrong
 *                     checksum), or -1 to compute it; IPv4 raw sockets only (the kernel writes the others)
 */
public record ProbeSpec(byte[] payload, int ttl, int tos, long timeoutNanos, int checksum) {
    /** Largest echo payload over IPv6 without jumbograms (65535 - 8); IPv4 allows 20 less (see {@link #fitsIpv4()}). */
    public static final int MAX_PAYLOAD = EchoPayload.MAX_V6;
    /** Largest echo payload in one IPv4 datagram: 65535 - 20 (IP header) - 8 (ICMP header). */
    public static final int MAX_PAYLOAD_V4 = EchoPayload.MAX_V4;
    /** The default timeout: a probe unanswered this long is lost; the one default of API, REPL and CLI. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The classic ping probe: 56 bytes 0x00, 0x01, ..., socket TTL and TOS, lost after 10 s. */
    public static final ProbeSpec DEFAULT = new ProbeSpec(EchoPayload.fill(EchoPayload.DEFAULT_SIZE), -1, -1, DEFAULT_TIMEOUT.toNanos(), -1);

    /** Validates every field; messages name the field, the value and what is allowed. */
    public ProbeSpec {
        Objects.requireNonNull(payload, "payload");
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload must be 0.." + MAX_PAYLOAD + " bytes, got " + payload.length);
        }
        payload = payload.clone();
        if ((ttl < 1 || ttl > 255) && ttl != -1) {
            throw new IllegalArgumentException("ttl must be 1..255 (or -1 for the socket's), got " + ttl);
        }
        if (tos < -1 || tos > 255) {
            throw new IllegalArgumentException("tos must be 0..255 (or -1 for the socket's), got " + tos);
        }
        if (timeoutNanos < 0) {
            throw new IllegalArgumentException("timeout must be >= 0, got " + timeoutNanos + " ns");
        }
        if (checksum < -1 || checksum > 0xffff) {
            throw new IllegalArgumentException("checksum must be 0..65535 (or -1 to compute it), got " + checksum);
        }
    }

    /** <b>The payload (a copy).</b> */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The live payload, for the engine's send and compare paths (never handed out). */
    byte[] payloadBytes() {
        return payload;
    }

    /** <b>The payload length in bytes.</b> */
    public int payloadSize() {
        return payload.length;
    }

    /** <b>True when the payload fits one IPv4 datagram (at most {@value #MAX_PAYLOAD_V4} bytes).</b> */
    public boolean fitsIpv4() {
        return payload.length <= MAX_PAYLOAD_V4;
    }

    /** <b>This spec with {@code size} payload bytes 0x00, 0x01, ... (the classic ping fill).</b> */
    public ProbeSpec payloadSize(int size) {
        if (size < 0 || size > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payloadSize must be 0.." + MAX_PAYLOAD + ", got " + size);
        }
        return new ProbeSpec(EchoPayload.fill(size), ttl, tos, timeoutNanos, checksum);
    }

    /** <b>This spec with exactly these payload bytes.</b> */
    public ProbeSpec payload(byte[] bytes) {
        return new ProbeSpec(bytes, ttl, tos, timeoutNanos, checksum);
    }

    /** <b>This spec with TTL / hop limit {@code ttl} (1..255, or -1 for the socket's).</b> */
    public ProbeSpec ttl(int ttl) {
        return new ProbeSpec(payload, ttl, tos, timeoutNanos, checksum);
    }

    /** <b>This spec with TOS / traffic class {@code tos} (0..255, or -1 for the socket's).</b> */
    public ProbeSpec tos(int tos) {
        return new ProbeSpec(payload, ttl, tos, timeoutNanos, checksum);
    }

    /**
     * <b>This spec with a timeout after which the probe is lost</b>; durations beyond ~292 years mean never
     * (saturated, never an {@link ArithmeticException}).
     */
    public ProbeSpec timeout(Duration timeout) {
        return new ProbeSpec(payload, ttl, tos, saturatedNanos(timeout, "timeout"), checksum);
    }

    /**
     * <b>This spec sending {@code checksum} (0..65535) instead of the computed checksum, or computing it again
     * (-1).</b> Only a raw IPv4 socket sends it as given; the engine refuses it for IPv6.
     */
    public ProbeSpec checksum(int checksum) {
        return new ProbeSpec(payload, ttl, tos, timeoutNanos, checksum);
    }

    /** <b>The timeout as a Duration.</b> */
    public Duration timeout() {
        return Duration.ofNanos(timeoutNanos);
    }

    /** <b>{@code d} in nanoseconds, saturated at {@link Long#MAX_VALUE}; refuses null and negative durations.</b> */
    public static long saturatedNanos(Duration d, String field) {
        Objects.requireNonNull(d, field);
        if (d.isNegative()) {
            throw new IllegalArgumentException(field + " must be >= 0, got " + d);
        }
        return d.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : d.toNanos();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProbeSpec s && Arrays.equals(payload, s.payload) && ttl == s.ttl && tos == s.tos
                && timeoutNanos == s.timeoutNanos && checksum == s.checksum;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(payload), ttl, tos, timeoutNanos, checksum);
    }

    /** One line, e.g. {@code ProbeSpec[56 bytes ttl=3 tos=default timeout=PT1S]}. */
    @Override
    public String toString() {
        String head = HexFormat.of().formatHex(payload, 0, Math.min(8, payload.length));
        return "ProbeSpec[" + payload.length + " bytes" + (payload.length > 0 ? " " + head
                + (payload.length > 8 ? "…" : "") : "") + " ttl=" + (ttl < 0 ? "default" : ttl)
                + " tos=" + (tos < 0 ? "default" : tos) + " timeout="
                + (timeoutNanos == Long.MAX_VALUE ? "never" : timeout())
                + (checksum < 0 ? "" : " checksum=0x" + Integer.toHexString(checksum)) + "]";
    }
}
