package dev.pingkit.cli.prober;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/** Scrapes at once share one collect; a scrape after them sees the values of its own time. */
class ScrapeHandlerTest {
    private static double requests(MetricSnapshots s) {
        for (var m : s) {
            if (m.getMetadata().getName().equals("smokeping_requests")) {
                return ((CounterSnapshot) m).getDataPoints().get(0).getValue();
            }
        }
        throw new AssertionError("no smokeping_requests in the snapshot");
    }

    @Test
    void aScrapeWhileAnotherIsWritingSharesItsCollectAndOneAfterItCollectsAnew() throws Exception {
        ProberMetrics m = new ProberMetrics(Buckets.SMOKEPING, 4);
        ProberTarget t = new ProberTarget("198.51.100.2", InetAddress.getByName("198.51.100.2"));
        m.sent(t, 1, 0);
        ScrapeHandler h = new ScrapeHandler(m.registry(), 60_000_000_000L);
        MetricSnapshots first = h.snapshots();      // a scrape starts writing
        m.sent(t, 2, 0);
        MetricSnapshots second = h.snapshots();     // another comes meanwhile
        assertSame(first, second, "a scrape during another's write takes the same collect");
        assertEquals(1.0, requests(second));
        h.done();
        h.done();                                   // both ended
        MetricSnapshots third = h.snapshots();
        assertNotSame(first, third, "a scrape after the others ended collects anew");
        assertEquals(2.0, requests(third));
        h.done();

        ScrapeHandler noWindow = new ScrapeHandler(m.registry(), 0);
        MetricSnapshots a = noWindow.snapshots();
        m.sent(t, 3, 0);
        MetricSnapshots b = noWindow.snapshots();   // concurrent, but past the window
        assertNotSame(a, b, "a collect older than the window is not shared");
        assertEquals(3.0, requests(b));
    }
}
