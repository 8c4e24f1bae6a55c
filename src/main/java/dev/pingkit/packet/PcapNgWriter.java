package dev.pingkit.packet;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a pcapng capture: one section, one interface of link type raw IP (101) with nanosecond timestamps, one
 * enhanced packet block per IPv4 or IPv6 packet, each with an optional comment Wireshark shows
 * ({@code tshark -T fields -e frame.comment}).
 *
 * <pre>{@code
 * try (var w = PcapNgWriter.create(Path.of("run.pcapng"))) { w.write(timeNanos, ipPacket, "seq 5: lost"); }
 * }</pre>
 * The file is big-endian (every reader takes either order) and says nothing about when or where it was written, so
 * the same packets give the same bytes.
 */
public final class PcapNgWriter implements Closeable {
    private static final int MAX_COMMENT_BYTES = 65_000;

    private final OutputStream out;
    private int records;

    /** Writes the section header and the interface description to {@code out}; {@link #close()} closes it. */
    public PcapNgWriter(OutputStream out) throws IOException {
        this.out = out;
        Block shb = new Block(PcapNgReader.SECTION_HEADER);
        shb.i32(PcapNgReader.BYTE_ORDER_MAGIC).i16(1).i16(0).i32(-1).i32(-1); // section length unknown
        shb.option(4, "pingkit".getBytes(StandardCharsets.UTF_8)).end();
        out.write(shb.bytes());
        Block idb = new Block(PcapNgReader.INTERFACE_DESCRIPTION);
        idb.i16(Pcap.LINKTYPE_RAW).i16(0).i32(Pcap.MAX_RECORD_LENGTH);
        idb.option(9, new byte[] {9}).end(); // if_tsresol: 10^-9 s
        out.write(idb.bytes());
    }

    /** Creates (or truncates) {@code file} and writes its header blocks. */
    public static PcapNgWriter create(Path file) throws IOException {
        return new PcapNgWriter(new BufferedOutputStream(Files.newOutputStream(file)));
    }

    /** Appends one packet without a comment. */
    public void write(long epochNanos, byte[] ipPacket) throws IOException {
        write(epochNanos, ipPacket, "");
    }

    /**
     * Appends one packet stamped {@code epochNanos} (nanoseconds since 1970-01-01 UTC) with {@code comment} (none
     * if empty).
     *
     * @throws IllegalArgumentException if the packet is empty or longer than {@link Pcap#MAX_RECORD_LENGTH}, the
     *                                  time is negative or the comment longer than 65 000 bytes in UTF-8
     */
    public void write(long epochNanos, byte[] ipPacket, String comment) throws IOException {
        if (ipPacket.length == 0 || ipPacket.length > Pcap.MAX_RECORD_LENGTH) {
            throw new IllegalArgumentException("packet length must be 1.." + Pcap.MAX_RECORD_LENGTH + ", got "
                    + ipPacket.length);
        }
        if (epochNanos < 0) {
            throw new IllegalArgumentException("time must be at or after 1970-01-01, got " + epochNanos + " ns");
        }
        byte[] text = comment.getBytes(StandardCharsets.UTF_8);
        if (text.length > MAX_COMMENT_BYTES) {
            throw new IllegalArgumentException("comment must be at most " + MAX_COMMENT_BYTES + " bytes, got "
                    + text.length);
        }
        Block epb = new Block(PcapNgReader.ENHANCED_PACKET);
        epb.i32(0).i32((int) (epochNanos >>> 32)).i32((int) epochNanos).i32(ipPacket.length).i32(ipPacket.length);
        epb.raw(ipPacket);
        if (text.length > 0) {
            epb.option(PcapNgReader.OPT_COMMENT, text).end();
        }
        out.write(epb.bytes());
        records++;
    }

    /** How many packets have been written. */
    public int records() {
        return records;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** One block being built: type, length, body, length again; every field padded to 4 bytes. */
    private static final class Block {
        private final java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        private final int type;

        Block(int type) {
            this.type = type;
        }

        Block i16(int v) {
            body.write(v >>> 8);
            body.write(v);
            return this;
        }

        Block i32(int v) {
            return i16(v >>> 16).i16(v);
        }

        Block raw(byte[] b) {
            body.write(b, 0, b.length);
            for (int i = b.length; i % 4 != 0; i++) {
                body.write(0);
            }
            return this;
        }

        Block option(int code, byte[] value) {
            i16(code).i16(value.length);
            return raw(value);
        }

        Block end() {
            return i32(0); // opt_endofopt
        }

        byte[] bytes() {
            int length = body.size() + 12;
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(length);
            Block frame = new Block(0);
            frame.i32(type).i32(length);
            b.writeBytes(frame.body.toByteArray());
            b.writeBytes(body.toByteArray());
            frame = new Block(0);
            frame.i32(length);
            b.writeBytes(frame.body.toByteArray());
            return b.toByteArray();
        }
    }
}
