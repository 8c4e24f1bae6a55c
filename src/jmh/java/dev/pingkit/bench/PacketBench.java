package dev.pingkit.bench;

import dev.pingkit.Echo;
import dev.pingkit.Icmp;
import dev.pingkit.packet.Checksum;
import dev.pingkit.packet.IcmpMessage;
import dev.pingkit.packet.IcmpReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encode and decode of the default echo (56-byte payload, 64-byte ICMP message; replies with a 20-byte IPv4 header
 * as a raw socket delivers them). The goal is encode + decode at 10 M/s per core with no allocation; the
 * {@link IcmpMessage} decode is the comparison point (it builds the full value and is expected to allocate).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PacketBench {
    private Echo echo;
    private byte[] payload;
    private ByteBuffer out;
    private byte[] probe;
    private byte[] reply;
    private final IcmpReader reader = new IcmpReader();
    private int seq;

    @Setup
    public void setUp() throws UnknownHostException {
        echo = Echo.to(InetAddress.getByAddress(new byte[] {(byte) 198, 51, 100, 1})).id(0x1234).seq(1);
        payload = echo.payload();
        out = ByteBuffer.allocate(echo.wireLength());
        probe = echo.toBytes();
        reply = ipv4Reply(probe);
    }

    /** The echo reply a peer sends back: IPv4 header (TTL 64, protocol 1) + type 0 + the probe's id, seq, payload. */
    static byte[] ipv4Reply(byte[] probe) {
        byte[] r = new byte[20 + probe.length];
        r[0] = 0x45;
        r[2] = (byte) (r.length >>> 8);
        r[3] = (byte) r.length;
        r[8] = 64;
        r[9] = 1;
        r[12] = (byte) 198; r[13] = 51; r[14] = 100; r[15] = 1;
        r[16] = (byte) 198; r[17] = 51; r[18] = 100; r[19] = 2;
        int ipSum = Checksum.of(r, 0, 20);
        r[10] = (byte) (ipSum >>> 8);
        r[11] = (byte) ipSum;
        System.arraycopy(probe, 0, r, 20, probe.length);
        r[20] = 0;
        r[22] = 0;
        r[23] = 0;
        int c = Checksum.of(r, 20, probe.length);
        r[22] = (byte) (c >>> 8);
        r[23] = (byte) c;
        return r;
    }

    /** {@code Echo.writeTo} of an immutable value into a reused buffer (checksum from the cached payload sum). */
    @Benchmark
    public int encodeEcho() {
        out.clear();
        return echo.writeTo(out);
    }

    /** What the engine does per probe: patch the sequence into its prebuilt message and recompute the checksum. */
    @Benchmark
    public int encodeNextSeq() {
        byte[] p = probe;
        int s = ++seq;
        p[6] = (byte) (s >>> 8);
        p[7] = (byte) s;
        p[2] = 0;
        p[3] = 0;
        int c = Checksum.of(p, 0, p.length);
        p[2] = (byte) (c >>> 8);
        p[3] = (byte) c;
        return c;
    }

    /** The receive path's decode: reset the reader on an IPv4 reply and read what matching needs. */
    @Benchmark
    public int decodeReader() {
        IcmpReader r = reader.reset(reply, 0, reply.length);
        int ok = r.checksumValid() && r.payloadEquals(payload) ? 1 : 0;
        return r.type() + r.id() + r.seq() + r.ipTtl() + ok;
    }

    /** The full immutable decode, for comparison: allocates the value, its header and payload copies. */
    @Benchmark
    public IcmpMessage decodeMessage() {
        return Icmp.decode(reply);
    }

    /** Encode + decode of one 56-byte echo, the 10 M/s goal: writeTo, then the reader over the very bytes written. */
    @Benchmark
    public int encodeDecode() {
        out.clear();
        int n = echo.writeTo(out);
        IcmpReader r = reader.reset(out.array(), 0, n);
        int ok = r.checksumValid() && r.payloadEquals(payload) ? 1 : 0;
        return r.type() + r.id() + r.seq() + ok;
    }
}
