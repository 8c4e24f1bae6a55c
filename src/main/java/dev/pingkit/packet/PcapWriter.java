package dev.pingkit.packet;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * <b>Writes a classic libpcap capture: nanosecond timestamps, link type raw IP (101), one IPv4 or IPv6 packet per
 * record.</b>
 * The file is big-endian; every pcap reader accepts either byte order.
 *
 * <pre>{@code
 * try (var w = PcapWriter.create(Path.of("run.pcap"))) { w.write(timeNanos, ipPacket); }
 * }</pre>
 * Packets are whole IP packets ({@link IpPackets} builds one around a bare ICMP message).
 */
public final class PcapWriter implements Closeable {
    private final OutputStream out;
    private final byte[] header = new byte[Pcap.RECORD_HEADER_LENGTH];
    private int records;

    /** <b>Writes the file header to {@code out}; {@link #close()} closes {@code out}.</b> */
    public PcapWriter(OutputStream out) throws IOException {
        this.out = out;
        byte[] h = new byte[Pcap.FILE_HEADER_LENGTH];
        put32(h, 0, Pcap.MAGIC_NANOS);
        put16(h, 4, 2);
        put16(h, 6, 4);
        put32(h, 16, Pcap.MAX_RECORD_LENGTH);
        put32(h, 20, Pcap.LINKTYPE_RAW);
        out.write(h);
    }

    /** <b>Creates (or truncates) {@code file} and writes its header.</b> */
    public static PcapWriter create(Path file) throws IOException {
        return new PcapWriter(new BufferedOutputStream(Files.newOutputStream(file)));
    }

    /**
     * <b>Appends one packet stamped {@code epochNanos} (nanoseconds since 1970-01-01 UTC).</b>
     *
     * @throws IllegalArgumentException if the packet is empty or longer than {@link Pcap#MAX_RECORD_LENGTH}, or the
     *                                  time is negative
     */
    public void write(long epochNanos, byte[] ipPacket) throws IOException {
        if (ipPacket.length == 0 || ipPacket.length > Pcap.MAX_RECORD_LENGTH) {
            throw new IllegalArgumentException("packet length must be 1.." + Pcap.MAX_RECORD_LENGTH + ", got "
                    + ipPacket.length);
        }
        if (epochNanos < 0) {
            throw new IllegalArgumentException("time must be at or after 1970-01-01, got " + epochNanos + " ns");
        }
        long seconds = epochNanos / 1_000_000_000L;
        if (seconds > 0xffffffffL) {
            throw new IllegalArgumentException("time must be before 2106 for pcap, got " + seconds + " s");
        }
        put32(header, 0, (int) seconds);
        put32(header, 4, (int) (epochNanos % 1_000_000_000L));
        put32(header, 8, ipPacket.length);
        put32(header, 12, ipPacket.length);
        out.write(header);
        out.write(ipPacket);
        records++;
    }

    /** <b>How many packets have been written.</b> */
    public int records() {
        return records;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    private static void put32(byte[] b, int i, int v) {
        put16(b, i, v >>> 16);
        put16(b, i + 2, v);
    }
}
