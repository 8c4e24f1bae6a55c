package dev.pingkit.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link LongHeap}: order by (key, value), and stale entries dropped instead of growing. */
class LongHeapTest {
    @Test
    void aFullHeapDropsStaleEntriesBeforeGrowingAndKeepsTheRestInOrder() {
        LongHeap h = new LongHeap(8);
        Set<Integer> ended = new HashSet<>();
        LongHeap.Live live = (key, value) -> !ended.contains(value);
        for (int v = 0; v < 1000; v++) {
            h.push(1000 - v % 7, v, live);
            if (v % 10 != 0) {
                ended.add(v); // nine in ten end before their deadline, as answered probes do; the heap stays
                // within a few times the live ones (1000 pushes without the drop)
            }
            assertTrue(h.size() <= 4 * (v / 10 + 1) + 16, "size " + h.size() + " after " + v);
        }
        List<Long> keys = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        while (!h.isEmpty()) {
            if (!ended.contains(h.peekValue())) {
                keys.add(h.peekKey());
                kept.add(h.peekValue());
            }
            h.pop();
        }
        assertEquals(100, kept.size());
        for (int i = 1; i < kept.size(); i++) {
            boolean ordered = keys.get(i - 1) < keys.get(i)
                    || keys.get(i - 1).equals(keys.get(i)) && kept.get(i - 1) < kept.get(i);
            assertTrue(ordered, "out of order at " + i + ": " + keys + " " + kept);
        }
    }
}
