package dev.pingkit.cli.prober;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * <b>Serves {@code GET /metrics} (OpenMetrics text) from the JDK's built-in HTTP server, on one thread of its
 * own</b>, so a scrape never waits for the probes and the probes never wait for a scrape. Anything else is 404
 * ({@code /} 200 with a pointer), a method other than GET or HEAD 405.
 */
final class MetricsServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds {@code listen} and starts serving {@code book}. */
    static MetricsServer start(InetSocketAddress listen, SeriesBook book) throws IOException {
        HttpServer s = HttpServer.create(listen, 16);
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "prober-http");
            t.setDaemon(true);
            return t;
        });
        s.setExecutor(ex);
        s.createContext("/", exchange -> handle(exchange, book));
        s.start();
        return new MetricsServer(s, ex);
    }

    /** The bound address (the port chosen when 0 was asked). */
    InetSocketAddress address() {
        return server.getAddress();
    }

    private static void handle(HttpExchange x, SeriesBook book) throws IOException {
        try (x) {
            String method = x.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                x.getResponseHeaders().set("Allow", "GET, HEAD");
                x.sendResponseHeaders(405, -1);
                return;
            }
            String path = x.getRequestURI().getPath();
            if (path.equals("/metrics")) {
                x.getResponseHeaders().set("Content-Type", OpenMetrics.CONTENT_TYPE);
                if (method.equals("HEAD")) {
                    x.sendResponseHeaders(200, -1);
                    return;
                }
                x.sendResponseHeaders(200, 0); // chunked: the exposition is streamed as it is written
                try (OutputStream os = x.getResponseBody()) {
                    OpenMetrics.write(book, os);
                }
            } else if (path.equals("/")) {
                x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                reply(x, 200, "pingkit prober: metrics at /metrics\n".getBytes(StandardCharsets.UTF_8));
            } else {
                x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                reply(x, 404, "not found; metrics are at /metrics\n".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void reply(HttpExchange x, int status, byte[] body) throws IOException {
        boolean head = x.getRequestMethod().equals("HEAD");
        x.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream os = x.getResponseBody()) {
                os.write(body);
            }
        }
    }

    /** Stops accepting at once and ends the server's thread. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
