package dev.pingkit.engine;

import dev.pingkit.packet.Checksum;
import dev.pingkit.packet.IcmpReader;
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
 * Matching a reply against the engine's probe table with all 65 536 slots sent, the way the engine's {@code Matcher}
 * does: reset the reader, check type and id, look the sequence up (its slot; extra slots only where a seq is
 * shared), verify checksum and payload, take the send time, mark it answered. Lives in {@code dev.pingkit.engine}
 * because {@link ProbeSlots} is package-private. The sequence walks the slots in a scattered order (an odd
 * multiplier permutes 0..65535) so the table is not read as a prefetch-friendly stream.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProbeMatchBench {
    private static final int ID = 0x1234;

    private final ProbeSlots probes = new ProbeSlots();
    private final IcmpReader reader = new IcmpReader();
    private byte[] payload;
    private byte[] reply;
    private int i;

    @Setup
    public void setUp() {
        payload = new byte[56];
        for (int k = 0; k < payload.length; k++) {
            payload[k] = (byte) k;
        }
        ProbeSpec spec = ProbeSpec.DEFAULT.payload(payload);
        for (int n = 0; n < ProbeSlots.SLOTS; n++) {
            probes.makeRoom(n); // every seq in flight at once: the table grows to all 65 536 places
            probes.start(n, 0, n + 1, spec, 0, Long.MAX_VALUE);
            probes.sentAt(n, 1_000_000L * n);
        }
        reply = new byte[20 + 8 + payload.length];
        reply[0] = 0x45;
        reply[2] = (byte) (reply.length >>> 8);
        reply[3] = (byte) reply.length;
        reply[8] = 64;
        reply[9] = 1;
        reply[24] = (byte) (ID >>> 8);
        reply[25] = (byte) ID;
        System.arraycopy(payload, 0, reply, 28, payload.length);
    }

    @Benchmark
    public long matchReply() {
        // A reply arrives: its sequence and checksum differ per packet (what the kernel writes, outside the timing
        // budget of the engine but cheap: two bytes and an incremental checksum would do; we recompute honestly).
        int seq = (++i * 40503) & 0xffff;
        byte[] r = reply;
        r[26] = (byte) (seq >>> 8);
        r[27] = (byte) seq;
        r[22] = 0;
        r[23] = 0;
        int c = Checksum.of(r, 20, r.length - 20);
        r[22] = (byte) (c >>> 8);
        r[23] = (byte) c;

        IcmpReader rd = reader.reset(r, 0, r.length);
        if (rd.type() != 0 || !rd.valid() || rd.id() != ID) {
            return -1;
        }
        // as the Matcher: slot seq, and the extra slots' index only for a seq that has some (none here)
        int s = rd.seq();
        byte state = probes.state(s);
        if (state != ProbeSlots.PENDING && probes.shared(s) || probes.target(s) != 0) {
            return -3;
        }
        if (state == ProbeSlots.FREE || !rd.checksumValid()
                || rd.firstPayloadDifference(probes.spec(s).payloadBytes()) >= 0) {
            return -2;
        }
        long rtt = 5_000_000L - probes.sentAt(s);
        boolean first = state == ProbeSlots.PENDING;
        probes.end(s, ProbeSlots.ANSWERED);
        return first ? rtt : -rtt;
    }
}
