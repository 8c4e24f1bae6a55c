package dev.pingkit.cli.prober;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pingkit.lab.Lab;

/**
 * scripts/prober as a process on loopback (127.0.0.1 and ::1 only), with real signals: SIGHUP rereads the targets
 * file and re-resolves names (from a hosts file of the test's own, {@code jdk.net.hosts.file}), SIGTERM stops after
 * the probes in flight with exit 0; the HTTP endpoint answers throughout. Needs root (raw sockets). About 10 s.
 */
class ProberProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static void assumeRoot() throws IOException {
        String uid = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                .findFirst().orElseThrow().split("\\s+")[2];
        if (!uid.equals("0")) {
            if ("true".equals(System.getenv("CI"))) {
                fail("the prober's process test needs root; CI=true, so this is a failure, not a skip");
            }
            Assumptions.abort("the prober's process test needs root, and this runs as uid " + uid);
        }
    }

    static Process start(Path dir, String name, List<String> args, String... javaOptions) throws IOException {
        List<String> argv = new ArrayList<>(List.of(Lab.home().resolve("scripts/prober").toString()));
        argv.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(new File("/dev/null"))
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
        pb.environment().put("PINGKIT_CLASSPATH", System.getProperty("java.class.path"));
        if (javaOptions.length > 0) {
            pb.environment().put("JAVA_TOOL_OPTIONS", String.join(" ", javaOptions));
        }
        return pb.start();
    }

    static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }

    /** Waits until {@code file} holds {@code count} lines containing {@code text}; returns the last such line. */
    static String await(Process p, Path file, String text, int count) throws Exception {
        long until = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < until) {
            List<String> hits = read(file).lines().filter(l -> l.contains(text)).toList();
            if (hits.size() >= count) {
                return hits.get(hits.size() - 1);
            }
            if (!p.isAlive()) {
                fail("prober exited with " + p.exitValue() + ":\n" + read(file));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + text + "' (x" + count + ") in " + file + ":\n" + read(file));
    }

    private String scrape(int port, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (path.equals("/metrics")) {
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                    r.headers().toString());
            return r.body();
        }
        return r.statusCode() + " " + r.body();
    }

    static long value(String metrics, String sample) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\d+)(\\.0)?$").matcher(metrics);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private long awaitValue(int port, String sample, long atLeast) throws Exception {
        long until = System.nanoTime() + WAIT.toNanos();
        long v = -1;
        while (System.nanoTime() < until) {
            v = value(scrape(port, "/metrics"), sample);
            if (v >= atLeast) {
                return v;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(sample + " stayed at " + v + ", wanted at least " + atLeast);
    }

    static void signal(Process p, String signal) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor());
    }

    @Test
    void reloadsOnSighupKeepsSeriesOfNamesThatStopResolvingAndStopsOnSigterm(@TempDir Path dir) throws Exception {
        assumeRoot();
        Path hosts = dir.resolve("hosts"), targets = dir.resolve("targets"), err = dir.resolve("p.err");
        Files.writeString(hosts, "127.0.0.1 probe-me\n::1 probe-me6\n");
        Files.writeString(targets, "probe-me\n");
        Process p = start(dir, "p", List.of("-f", targets.toString(), "--listen", "127.0.0.1:0", "-i", "0.1"),
                "-Djdk.net.hosts.file=" + hosts, "-Dsun.net.inetaddr.ttl=0");
        try {
            String serving = await(p, err, "metrics at http://", 1);
            int port = Integer.parseInt(serving.replaceAll(".*127\\.0\\.0\\.1:(\\d+)/metrics.*", "$1"));
            String v4 = "smokeping_requests_total{host=\"probe-me\",ip=\"127.0.0.1\"}";
            String v6 = "smokeping_requests_total{host=\"probe-me6\",ip=\"::1\"}";
            awaitValue(port, "smokeping_response_duration_seconds_count{host=\"probe-me\",ip=\"127.0.0.1\"}", 3);
            assertTrue(scrape(port, "/nothing").startsWith("404 "));

            // A new name in the file: probed after SIGHUP.
            Files.writeString(targets, "probe-me\nprobe-me6\n");
            signal(p, "HUP");
            await(p, err, "reloaded: probing 2 targets", 1);
            awaitValue(port, v6, 3);

            // probe-me stops resolving: it keeps its address and series, and counts the failure.
            Files.writeString(hosts, "::1 probe-me6\n");
            signal(p, "HUP");
            await(p, err, "reloaded: probing 2 targets", 2);
            String m = scrape(port, "/metrics");
            assertEquals(1, value(m, "pingkit_resolve_errors_total{host=\"probe-me\",ip=\"127.0.0.1\"}"), m);
            awaitValue(port, v4, value(m, v4) + 3);

            // probe-me6 leaves the file: its series stays, no longer growing.
            Files.writeString(targets, "probe-me\n");
            signal(p, "HUP");
            await(p, err, "reloaded: probing 1 target", 1);
            long frozen = value(scrape(port, "/metrics"), v6);
            Thread.sleep(400);
            assertEquals(frozen, value(scrape(port, "/metrics"), v6));

            // An unreadable file on reload: one line, targets unchanged, still serving.
            Files.delete(targets);
            signal(p, "HUP");
            await(p, err, "prober: reload: cannot read targets file " + targets + ": no such file; targets unchanged",
                    1);
            long before = value(scrape(port, "/metrics"), v4);
            awaitValue(port, v4, before + 2);

            signal(p, "TERM");
            assertTrue(p.waitFor(15, TimeUnit.SECONDS), "prober still running 15 s after SIGTERM");
            assertEquals(0, p.exitValue(), read(err));
            assertTrue(read(err).lines().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception")), read(err));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void jsonStreamSettlesEveryProbeSentBeforeSigtermExitsZero(@TempDir Path dir) throws Exception {
        assumeRoot();
        Process p = start(dir, "j", List.of("--json", "-i", "0.05", "127.0.0.1", "::1"));
        try {
            await(p, dir.resolve("j.out"), "\"event\":\"reply\"", 20);
            signal(p, "TERM");
            assertTrue(p.waitFor(15, TimeUnit.SECONDS), "prober still running 15 s after SIGTERM");
            assertEquals(0, p.exitValue(), read(dir.resolve("j.err")));
        } finally {
            p.destroyForcibly();
        }
        // Every probe sent ends exactly once: replied (loopback answers all) or, at worst, lost; nothing dangles.
        Map<String, Integer> open = new HashMap<>();
        Pattern line = Pattern.compile("\\{\"event\":\"(\\w+)\",\"host\":\"([^\"]+)\",\"ip\":\"([^\"]+)\",\"seq\":(\\d+).*");
        int sent = 0, settled = 0;
        for (String l : read(dir.resolve("j.out")).lines().toList()) {
            Matcher m = line.matcher(l);
            assertTrue(m.matches(), l);
            String key = m.group(3) + "#" + m.group(4);
            switch (m.group(1)) {
                case "sent" -> {
                    sent++;
                    assertEquals(null, open.put(key, 1), "sent twice: " + l);
                }
                case "reply", "lost" -> {
                    settled++;
                    assertEquals(1, open.remove(key), "settles a probe not in flight: " + l);
                }
                default -> fail("unexpected on loopback: " + l);
            }
        }
        assertTrue(sent >= 20, "sent " + sent);
        assertEquals(Map.of(), open, "probes sent but never settled");
        assertEquals(sent, settled);
    }
}
