package dev.pingkit.ping;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SendScheduleTest {
    static final long MS = 1_000_000L;

    @Test
    void aLateWakeUpSendsAtOnceAndNeverBurstsBeyondPreload() {
        SendSchedule s = new SendSchedule(1000 * MS, 1);
        assertEquals(0, s.poll(0, 0));
        assertEquals(400 * MS, s.poll(600 * MS, 1));
        // woke 300 ms late: send now; the bucket holds one interval, so the next is a full interval later
        assertEquals(0, s.poll(1300 * MS, 1));
        assertEquals(1000 * MS, s.poll(1300 * MS, 1));
        // asleep for 10 s: only one probe (the bucket holds interval * preload)
        assertEquals(0, s.poll(11_300 * MS, 1));
        assertEquals(1000 * MS, s.poll(11_300 * MS, 1));
    }

    @Test
    void withPreloadALateWakeUpKeepsThePhase() {
        SendSchedule s = new SendSchedule(1000 * MS, 2);
        assertEquals(0, s.poll(0, 0));
        assertEquals(0, s.poll(0, 1), "preload 2: the second goes at once");
        assertEquals(1000 * MS, s.poll(0, 2));
        assertEquals(0, s.poll(1300 * MS, 2));
        assertEquals(700 * MS, s.poll(1300 * MS, 2));
    }

    @Test
    void floodWaits10msOnlyWhileAProbeIsUnanswered() {
        SendSchedule s = new SendSchedule(0, 1);
        assertEquals(0, s.poll(0, 0));
        assertEquals(10 * MS, s.poll(0, 1));
        assertEquals(6 * MS, s.poll(4 * MS, 1));
        assertEquals(0, s.poll(4 * MS, 0), "the reply came: go");
        assertEquals(0, s.poll(14 * MS, 1), "10 ms without reply: go anyway");
    }
}
