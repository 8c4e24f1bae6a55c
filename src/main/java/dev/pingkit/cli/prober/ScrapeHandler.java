package dev.pingkit.cli.prober;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * <b>{@code GET /metrics}: the registry's snapshots in the format the scraper's {@code Accept} asks</b> (Prometheus
 * text, OpenMetrics or protobuf, chosen and written by the client's {@link ExpositionFormats}), gzip at level 1 when
 * {@code Accept-Encoding} allows it. Unlike the client's own handler it streams (chunked) instead of building the whole body in memory
 * first: 10 000 targets are ~30 MB of text, which the serial GC would otherwise take as a reason to grow the heap on
 * every scrape. Scrapes at once share one collect.
 */
final class ScrapeHandler implements HttpHandler {
    /**
     * How long one collect serves further scrapes that come while it is still being written: two Prometheus servers
     * of an HA pair, or a burst, scraping at once share one collect (~10 ms of CPU at 10 000 targets) instead of
     * each taking its own. A scrape after the last one ended always collects anew, so it sees what happened since.
     */
    static final long SHARE_NANOS = 100_000_000;

    private final long shareNanos;

    private final PrometheusRegistry registry;
    private final ExpositionFormats formats = ExpositionFormats.init();
    /** The last collect, weakly: it lives as long as a scrape writes it, not until the next scrape (~16 MB). */
    private WeakReference<MetricSnapshots> recent = new WeakReference<>(null);
    private long recentAt;
    /** Scrapes writing {@link #recent} now. */
    private int writing;

    ScrapeHandler(PrometheusRegistry registry) {
        this(registry, SHARE_NANOS);
    }

    ScrapeHandler(PrometheusRegistry registry, long shareNanos) {
        this.registry = registry;
        this.shareNanos = shareNanos;
    }

    /**
     * The registry's snapshots for one scrape, which calls {@link #done} after writing them: the collect another
     * scrape is still writing if it is at most {@code shareNanos} old, else a new one (others wait for it).
     */
    synchronized MetricSnapshots snapshots() {
        MetricSnapshots s = recent.get();
        writing++;
        if (s == null || writing == 1 || System.nanoTime() - recentAt > shareNanos) {
            s = registry.scrape();
            recentAt = System.nanoTime();
            recent = new WeakReference<>(s);
        }
        return s;
    }

    /** A scrape that took {@link #snapshots} has written them (or failed to). */
    synchronized void done() {
        writing--;
    }

    @Override
    public void handle(HttpExchange x) throws IOException {
        String accept = x.getRequestHeaders().getFirst("Accept");
        ExpositionFormatWriter writer = formats.findWriter(accept);
        x.getResponseHeaders().set("Content-Type", writer.getContentType());
        if (x.getRequestMethod().equals("HEAD")) {
            x.sendResponseHeaders(200, -1);
            return;
        }
        // Collected before the first byte goes out: a slow reader gets one instant's values, whole.
        MetricSnapshots snapshots = snapshots();
        try {
            boolean gzip = gzip(x.getRequestHeaders().get("Accept-Encoding"));
            if (gzip) {
                x.getResponseHeaders().set("Content-Encoding", "gzip");
            }
            x.sendResponseHeaders(200, 0);
            // Unzipped, the writers hand over 4-8 KB at a time, each a write to the socket over HTTP/1.0 (~3 600 for
            // 29.7 MB of text): 64 KB at a time is an eighth of the system calls; gzip has its own 64 KB buffer.
            try (OutputStream body = gzip ? new FastGzip(x.getResponseBody())
                    : new BufferedOutputStream(x.getResponseBody(), 1 << 16)) {
                write(writer, body, snapshots, EscapingScheme.fromAcceptHeader(accept));
            }
        } finally {
            done();
        }
    }

    /** The snapshots in the scraper's format, by the client's {@code writer}: the one writer of every format. */
    static void write(ExpositionFormatWriter writer, OutputStream body, MetricSnapshots snapshots,
            EscapingScheme escaping) throws IOException {
        writer.write(body, snapshots, escaping);
    }

    /**
     * gzip at the fastest level: 30 MB of text took ~125 ms of CPU at the default level 6 and takes ~35 ms at
     * level 1, for a body ~6 % larger (1.70 instead of 1.61 MB at 10 000 targets).
     */
    static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    private static boolean gzip(List<String> acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String header : acceptEncoding) {
            for (String coding : header.split(",")) {
                String c = coding.strip();
                int semi = c.indexOf(';');
                if ((semi < 0 ? c : c.substring(0, semi).strip()).equalsIgnoreCase("gzip")
                        && !c.replace(" ", "").endsWith("q=0")) {
                    return true;
                }
            }
        }
        return false;
    }
}
