package dev.pingkit.bench;

import dev.pingkit.packet.Checksum;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * RFC 1071 checksum throughput over a 64-byte echo, a 1500-byte MTU-sized packet and a 64 KiB message.
 * JMH reports operations per second; {@code scripts/bench --jmh} multiplies by {@code size} to print GB/s.
 * Random bytes so that no constant folding or zero shortcut flatters the figure; an odd offset variant shows the
 * cost of a misaligned start (what a buffer slice after an IPv4 header with options looks like).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChecksumBench {
    @Param({"64", "1500", "65536"})
    public int size;

    private byte[] bytes;
    private ByteBuffer direct;

    @Setup
    public void setUp() {
        bytes = new byte[size + 1];
        new SplittableRandom(1071).nextBytes(bytes);
        direct = ByteBuffer.allocateDirect(size);
        direct.put(bytes, 0, size).flip();
    }

    @Benchmark
    public int array() {
        return Checksum.of(bytes, 0, size);
    }

    @Benchmark
    public int arrayOddOffset() {
        return Checksum.of(bytes, 1, size);
    }

    @Benchmark
    public int directBuffer() {
        return Checksum.of(direct);
    }
}
