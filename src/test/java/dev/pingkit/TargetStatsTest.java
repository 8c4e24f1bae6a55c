package dev.pingkit;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TargetStatsTest {
    private static TargetStats stats(int received, long... rtts) throws Exception {
        SweepTarget t = new SweepTarget(0, "198.19.0.1", InetAddress.getByName("198.19.0.1"));
        return new TargetStats(t, rtts.length, received, 0, 0, rtts, Optional.empty());
    }

    @Test
    void minAvgMaxLeaveLostProbesOut() throws Exception {
        TargetStats s = stats(3, 3_000, -1, 1_000, 2_001, -1);
        assertEquals(1_000, s.minNanos());
        assertEquals(2_000, s.avgNanos()); // 6 001 / 3, truncated
        assertEquals(3_000, s.maxNanos());
    }

    @Test
    void minAvgMaxAreMinusOneWithoutReplies() throws Exception {
        TargetStats s = stats(0, -1, -1);
        assertEquals(-1, s.minNanos());
        assertEquals(-1, s.avgNanos());
        assertEquals(-1, s.maxNanos());
        assertEquals(-1, stats(0).minNanos());
    }
}
