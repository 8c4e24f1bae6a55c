package dev.pingkit.cli.prober;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
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
 * text, OpenMetrics or protobuf, chosen and written by the client's {@link ExpositionFormats}), gzip when
 * {@code Accept-Encoding} allows it. Unlike the client's own handler it streams (chunked) instead of building the
 * whole body in memory first: 10 000 targets are ~30 MB of text, which the serial GC would otherwise take as a
 * reason to grow the heap on every scrape.
 */
final class ScrapeHandler implements HttpHandler {
    private final PrometheusRegistry registry;
    private final ExpositionFormats formats = ExpositionFormats.init();

    ScrapeHandler(PrometheusRegistry registry) {
        this.registry = registry;
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
        MetricSnapshots snapshots = registry.scrape();
        boolean gzip = gzip(x.getRequestHeaders().get("Accept-Encoding"));
        if (gzip) {
            x.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        x.sendResponseHeaders(200, 0);
        try (OutputStream body = gzip ? new GZIPOutputStream(x.getResponseBody(), 1 << 16)
                : x.getResponseBody()) {
            writer.write(body, snapshots, EscapingScheme.fromAcceptHeader(accept));
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
