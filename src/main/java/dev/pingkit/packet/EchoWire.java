package dev.pingkit.packet;

/**
 * <b>Writes echo requests straight into a send buffer, for an engine's hot path</b> (the immutable values build
 * one at a time; this patches a reused array). Field names as in RFC 792 / RFC 4443.
 *
 * <pre>{@code
 * byte[] buf = new byte[EchoWire.HEADER + payload.length];
 * int n = EchoWire.request(buf, 4, 0x1234, 1, payload, true); // type 8, checksum computed
 * EchoWire.sequence(buf, n, 2, true);                           // the next probe: seq and checksum patched
 * }</pre>
 */
public final class EchoWire {
    /** Bytes of the ICMP echo header: type, code, checksum, identifier, sequence number. */
    public static final int HEADER = 8;
    private EchoWire() {
    }

    /**
     * <b>Writes an echo request of {@code family} (4 or 6) into {@code buf} from offset 0; returns its length.</b>
     * With {@code checksum} false the checksum field is left 0 (the kernel fills it for ICMPv6 and ping sockets).
     *
     * @throws IllegalArgumentException if id or seq is not 0..65535, or buf is shorter than the message
     */
    public static int request(byte[] buf, int family, int id, int seq, byte[] payload, boolean checksum) {
        if (id < 0 || id > 0xffff) {
            throw new IllegalArgumentException("id must be 0..65535, got " + id);
        }
        int length = HEADER + payload.length;
        if (buf.length < length) {
            throw new IllegalArgumentException("buf must hold " + length + " bytes, got " + buf.length);
        }
        buf[0] = (byte) IcmpTypes.echoRequest(family);
        buf[1] = 0;
        buf[4] = (byte) (id >>> 8);
        buf[5] = (byte) id;
        System.arraycopy(payload, 0, buf, HEADER, payload.length);
        sequence(buf, length, seq, checksum);
        return length;
    }

    /**
     * <b>Sets the sequence number of the echo message in {@code buf[0, length)} and, with {@code checksum},
     * recomputes its checksum</b> (else leaves the field 0).
     */
    public static void sequence(byte[] buf, int length, int seq, boolean checksum) {
        if (seq < 0 || seq > 0xffff) {
            throw new IllegalArgumentException("seq must be 0..65535, got " + seq);
        }
        buf[6] = (byte) (seq >>> 8);
        buf[7] = (byte) seq;
        buf[2] = 0;
        buf[3] = 0;
        if (checksum) {
            int c = Checksum.of(buf, 0, length);
            buf[2] = (byte) (c >>> 8);
            buf[3] = (byte) c;
        }
    }
}
