package dev.pingkit.cli.prober;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/** Scrapes close together share one collect; later ones see the values of their own time. */
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
    void scrapesWithinTheWindowShareOneCollectAndLaterOnesCollectAgain() throws Exception {
        ProberMetrics m = new ProberMetrics(Buckets.SMOKEPING, 4);
        ProberTarget t = new ProberTarget("198.51.100.2", InetAddress.getByName("198.51.100.2"));
        m.sent(t, 1, 0);
        ScrapeHandler shared = new ScrapeHandler(m.registry(), 60_000_000_000L);
        MetricSnapshots first = shared.snapshots();
        m.sent(t, 2, 0);
        MetricSnapshots second = shared.snapshots();
        assertSame(first, second, "a scrape within the window takes the same collect");
        assertEquals(1.0, requests(second));

        ScrapeHandler own = new ScrapeHandler(m.registry(), 0);
        MetricSnapshots a = own.snapshots();
        m.sent(t, 3, 0);
        MetricSnapshots b = own.snapshots();
        assertNotSame(a, b, "a scrape after the window collects anew");
        assertEquals(2.0, requests(a));
        assertEquals(3.0, requests(b));
    }
}
