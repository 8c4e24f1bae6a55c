package dev.pingkit.socket;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Arrays;

/**
 * <b>A reusable holder that {@link IcmpSocket#receive} fills with one received message.</b>
 * The one mutable type of the socket layer, so that the receive path allocates nothing: the engine keeps one
 * and reads it after each receive. The arrays it returns are its live storage, valid until the next receive.
 */
public final class Inbound {
    /** Enough for the largest IPv4 datagram (65535 bytes, header included) and any ICMPv6 message without jumbograms. */
    public static final int DEFAULT_CAPACITY = 65536;

    private final byte[] data;
    private int length;
    private boolean truncated;
    private Family family;
    private boolean headerIncluded;
    private final byte[] sourceBytes = new byte[16];
    private int sourceScopeId;
    private InetAddress source;
    private long kernelTimeNanos;
    private boolean kernelTimestamp;
    private int ttl = -1;
    private int tos = -1;

    /** A holder for messages up to {@value #DEFAULT_CAPACITY} bytes. */
    public Inbound() {
        this(DEFAULT_CAPACITY);
    }

    /** A holder for messages up to {@code capacity} bytes (longer ones are cut and marked {@link #truncated()}). */
    public Inbound(int capacity) {
        if (capacity < 1 || capacity > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("capacity must be 1..16777216, got " + capacity);
        }
        this.data = new byte[capacity];
    }

    /** The most bytes one receive can hold. */
    public int capacity() {
        return data.length;
    }

    /** The received bytes, valid from 0 to {@link #length()}; the live array, not a copy. */
    public byte[] data() {
        return data;
    }

    /** How many bytes of {@link #data()} were received. */
    public int length() {
        return length;
    }

    /** True when the message was longer than {@link #capacity()} and was cut. */
    public boolean truncated() {
        return truncated;
    }

    /** The family of the socket that received it; null before the first receive. */
    public Family family() {
        return family;
    }

    /** True when {@link #data()} starts with the IPv4 header (raw IPv4), false for a bare ICMP message. */
    public boolean headerIncluded() {
        return headerIncluded;
    }

    /** The sender's address bytes, valid from 0 to {@link Family#addressLength()}; the live array. */
    public byte[] sourceBytes() {
        return sourceBytes;
    }

    /** The IPv6 scope (interface index) of a link-local sender, else 0. */
    public int sourceScopeId() {
        return sourceScopeId;
    }

    /** True when the sender is {@code address} (makes {@link #source()} once per receive). */
    public boolean sourceIs(InetAddress address) {
        if (family == null || Family.of(address) != family) {
            return false;
        }
        return source().equals(address);
    }

    /** True when the sender's address bytes equal {@code address} (4 or 16 bytes), compared without allocating. */
    public boolean sourceIs(byte[] address) {
        return family != null && address.length == family.addressLength()
                && Arrays.equals(sourceBytes, 0, address.length, address, 0, address.length);
    }

    /** The sender as an {@link InetAddress}, made on first call after each receive. */
    public InetAddress source() {
        if (source == null && family != null) {
            byte[] bytes = Arrays.copyOf(sourceBytes, family.addressLength());
            try {
                source = family == Family.IPV6 && sourceScopeId != 0
                        ? Inet6Address.getByAddress(null, bytes, sourceScopeId)
                        : InetAddress.getByAddress(bytes);
            } catch (UnknownHostException impossible) {
                throw new IllegalStateException("address of length " + bytes.length, impossible);
            }
        }
        return source;
    }

    /**
     * <b>When the kernel received the message</b>, CLOCK_REALTIME nanoseconds ({@code SO_TIMESTAMPNS}); when the
     * kernel gave no timestamp ({@link #kernelTimestamp()} false) the time {@code receive} returned instead.
     */
    public long kernelTimeNanos() {
        return kernelTimeNanos;
    }

    /** True when {@link #kernelTimeNanos()} came from the kernel, false when it is the user-space fallback. */
    public boolean kernelTimestamp() {
        return kernelTimestamp;
    }

    /** The received IPv4 TTL or IPv6 hop limit, -1 if the kernel did not say. */
    public int ttl() {
        return ttl;
    }

    /** The received IPv4 TOS or IPv6 traffic class, -1 if the kernel did not say. */
    public int tos() {
        return tos;
    }

    // Filled by NativeIcmpSocket (and by fakes in tests of this package).

    void reset(Family family, boolean headerIncluded) {
        this.family = family;
        this.headerIncluded = headerIncluded;
        this.length = 0;
        this.truncated = false;
        this.source = null;
        this.sourceScopeId = 0;
        this.kernelTimestamp = false;
        this.kernelTimeNanos = 0;
        this.ttl = -1;
        this.tos = -1;
    }

    void length(int length, boolean truncated) {
        this.length = length;
        this.truncated = truncated;
    }

    void sourceScopeId(int scopeId) {
        this.sourceScopeId = scopeId;
    }

    void kernelTime(long nanos, boolean fromKernel) {
        this.kernelTimeNanos = nanos;
        this.kernelTimestamp = fromKernel;
    }

    void ttl(int ttl) {
        this.ttl = ttl;
    }

    void tos(int tos) {
        this.tos = tos;
    }

    /** One line: size, sender, TTL and time, e.g. {@code Inbound[84 bytes from 127.0.0.1 ttl=64 tos=0 at ...]}. */
    @Override
    public String toString() {
        if (family == null) {
            return "Inbound[empty, capacity " + capacity() + "]";
        }
        return "Inbound[" + length + " bytes" + (truncated ? " (truncated)" : "") + " from "
                + source().getHostAddress() + (headerIncluded ? " with IP header" : "")
                + (ttl >= 0 ? " ttl=" + ttl : "") + (tos >= 0 ? " tos=" + tos : "") + " at "
                + Instant.ofEpochSecond(0, kernelTimeNanos) + (kernelTimestamp ? " (kernel)" : " (user space)") + "]";
    }
}
