package dev.pingkit.cli.prober;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * <b>Serves {@code /metrics} through the official client's formats ({@link ScrapeHandler}: text, OpenMetrics or
 * protobuf as the scraper's {@code Accept} asks, gzip when it accepts it), {@code /-/healthy} as smokeping_prober does, {@code /} a
 * pointer; anything else 404, a method other than GET or HEAD 405. With a web config file: TLS and basic auth on
 * every path.
 *
 * <p>No client waits on another: each connection gets a thread of its own (a virtual one where the JVM has them),
 * a request must arrive whole within {@link #REQUEST_SECONDS} and a response be taken within
 * {@link #RESPONSE_SECONDS}, else the server closes the connection. So a socket that sends {@code G} and waits, or
 * a scraper that never reads, holds only its own thread for a while, never the next scrape.
 */
final class MetricsServer implements AutoCloseable {
    /** How long a client has to send its whole request; Prometheus sends it at once. */
    static final int REQUEST_SECONDS = 5;
    /** How long a client has to take its whole response (Prometheus' scrape timeout is at most the interval). */
    static final int RESPONSE_SECONDS = 60;
    /** The most connections served at once on a JVM without virtual threads; more are refused. */
    private static final int MAX_PLATFORM_THREADS = 512;
    /** Connections the kernel queues before accept: a burst of scrapers must not wait for a SYN retry. */
    private static final int BACKLOG = 1024;

    static {
        // Read once, when the JDK's server is first used: set before any HttpServer exists. An operator's -D wins.
        setIfAbsent("sun.net.httpserver.maxReqTime", Integer.toString(REQUEST_SECONDS));
        setIfAbsent("sun.net.httpserver.maxRspTime", Integer.toString(RESPONSE_SECONDS));
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** Binds {@code listen} and starts serving {@code registry}, with TLS and auth when {@code web} asks. */
    static MetricsServer start(InetSocketAddress listen, PrometheusRegistry registry, WebConfig web)
            throws IOException {
        Optional<SSLContext> tls = web.tls().map(WebConfig.Tls::context);
        HttpServer s = tls.isPresent() ? HttpsServer.create() : HttpServer.create();
        bind(s, listen);
        tls.ifPresent(ctx -> ((HttpsServer) s).setHttpsConfigurator(new HttpsConfigurator(ctx) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = ctx.getDefaultSSLParameters();
                WebConfig.Tls t = web.tls().orElseThrow();
                p.setNeedClientAuth(t.clientAuth() == WebConfig.ClientAuth.REQUIRE);
                if (t.clientAuth() == WebConfig.ClientAuth.REQUEST) {
                    p.setWantClientAuth(true);
                }
                p.setProtocols(t.protocols());
                params.setSSLParameters(p);
            }
        }));
        ExecutorService ex = executor();
        s.setExecutor(ex);
        Authenticator auth = web.users().isEmpty() ? null : new BcryptAuthenticator(web.users());
        HttpHandler metrics = new ScrapeHandler(registry);
        context(s, "/metrics", auth, x -> {
            if (x.getRequestURI().getPath().equals("/metrics")) {
                metrics.handle(x);
            } else {
                text(x, 404, "not found; metrics are at /metrics\n");
            }
        });
        context(s, "/-/healthy", auth, x -> text(x, 200, "Healthy\n"));
        context(s, "/", auth, x -> {
            if (x.getRequestURI().getPath().equals("/")) {
                text(x, 200, "pingkit prober: metrics at /metrics\n");
            } else {
                text(x, 404, "not found; metrics are at /metrics\n");
            }
        });
        s.start();
        return new MetricsServer(s, ex);
    }

    /**
     * Binds exactly what was asked. The JDK's sockets are IPv6 ones that take IPv4 too, and it turns the IPv4
     * wildcard into the IPv6 one ({@code *:port}); the IPv4-mapped wildcard {@code ::ffff:0.0.0.0} keeps it to
     * IPv4. Where the JVM has no IPv6 sockets that address is refused, and the plain one means IPv4 alone anyway.
     */
    private static void bind(HttpServer s, InetSocketAddress listen) throws IOException {
        InetAddress a = listen.getAddress();
        if (a instanceof Inet4Address && a.isAnyLocalAddress()) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            try {
                s.bind(new InetSocketAddress(Inet6Address.getByAddress(null, mapped, -1), listen.getPort()), BACKLOG);
                return;
            } catch (IOException | RuntimeException e) {
                // No IPv6 sockets in this JVM: the plain wildcard below is IPv4 alone.
            }
        }
        s.bind(listen, BACKLOG);
    }

    private static void context(HttpServer s, String path, Authenticator auth, HttpHandler handler) {
        HttpContext c = s.createContext(path, x -> {
            try (x) {
                String m = x.getRequestMethod();
                if (!m.equals("GET") && !m.equals("HEAD")) {
                    x.getResponseHeaders().set("Allow", "GET, HEAD");
                    x.sendResponseHeaders(405, -1);
                    return;
                }
                handler.handle(x);
            }
        });
        if (auth != null) {
            c.setAuthenticator(auth);
        }
    }

    private static void text(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        boolean head = x.getRequestMethod().equals("HEAD");
        x.sendResponseHeaders(status, head ? -1 : b.length);
        if (!head) {
            try (OutputStream os = x.getResponseBody()) {
                os.write(b);
            }
        }
    }

    /**
     * A thread per connection: virtual threads where the JVM has them (21 and later; looked up, as the code is
     * built for 17), else a pool of up to {@value #MAX_PLATFORM_THREADS} platform threads that end when idle.
     */
    private static ExecutorService executor() {
        try {
            Object vt = java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
                    .invoke(null);
            return (ExecutorService) vt;
        } catch (ReflectiveOperationException e) {
            AtomicInteger n = new AtomicInteger();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(2, MAX_PLATFORM_THREADS, 10, TimeUnit.SECONDS,
                    new SynchronousQueue<>(), r -> {
                        Thread t = new Thread(r, "prober-http-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            return pool;
        }
    }

    /** The bound address (the port chosen when 0 was asked). */
    InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops accepting at once and ends the server's threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
