package dev.pingkit.sweep;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    @Test
    void timesThatDoNotMatchTheCountsAreRefused() throws Exception {
        assertEquals("rttNanos must hold one entry per probe sent (2) and 2 answered, got 2 entries, 1 answered",
                assertThrows(IllegalArgumentException.class, () -> stats(2, 1_000, -1)).getMessage());
        SweepTarget t = new SweepTarget(0, "198.19.0.1", InetAddress.getByName("198.19.0.1"));
        assertEquals("min/max/sum must be -1/-1/0 without replies and 0 <= min <= max with them, got 5/4/9 for 2 "
                + "replies", assertThrows(IllegalArgumentException.class,
                        () -> new TargetStats(t, 2, 2, 0, 0, new long[0], 5, 4, 9, Optional.empty())).getMessage());
    }
}
