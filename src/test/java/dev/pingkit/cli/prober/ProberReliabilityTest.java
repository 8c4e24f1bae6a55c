package dev.pingkit.cli.prober;

import static dev.pingkit.cli.prober.ProberProcessTest.assumeRoot;
import static dev.pingkit.cli.prober.ProberProcessTest.await;
import static dev.pingkit.cli.prober.ProberProcessTest.read;
import static dev.pingkit.cli.prober.ProberProcessTest.signal;
import static dev.pingkit.cli.prober.ProberProcessTest.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pingkit.lab.Lab;

/**
 * The prober's reliability as a real process on loopback (127.0.0.1 and ::1 only), each defect of issue 25 with a
 * test that failed before its fix: slow and bad HTTP clients, 500 scrapes at once, a SIGHUP storm, a reload that
 * drops targets mid-start, a closed {@code --json} pipe, an endless targets file, the IPv4 wildcard. Target names
 * come from a hosts file of the test's own ({@code jdk.net.hosts.file}), all 127.0.0.1. Needs root (raw sockets).
 */
class ProberReliabilityTest {
    private static final Pattern PORT = Pattern.compile("metrics at https?://[^ ]*:(\\d+)/metrics");

    /** {@code n} names, all 127.0.0.1, in a hosts file and a targets file. */
    private static Path names(Path dir, String prefix, int n) throws IOException {
        StringBuilder hosts = new StringBuilder(), targets = new StringBuilder();
        for (int i = 0; i < n; i++) {
            hosts.append("127.0.0.1 ").append(prefix).append(i).append('\n');
            targets.append(prefix).append(i).append('\n');
        }
        Files.writeString(dir.resolve("hosts"), hosts);
        Files.writeString(dir.resolve("targets"), targets);
        return dir.resolve("targets");
    }

    private static Process prober(Path dir, String name, List<String> args) throws IOException {
        return start(dir, name, args, "-Djdk.net.hosts.file=" + dir.resolve("hosts"), "-Dsun.net.inetaddr.ttl=0");
    }

    private static int port(Process p, Path err) throws Exception {
        Matcher m = PORT.matcher(await(p, err, "metrics at http", 1));
        assertTrue(m.find());
        return Integer.parseInt(m.group(1));
    }

    /** One HTTP/1.0 request (so the body ends at the close), the whole response as text; 5 s for all of it. */
    static String http(int port, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String get(int port, String path, String accept) throws IOException {
        return http(port, "GET " + path + " HTTP/1.0\r\nAccept: " + accept + "\r\n\r\n");
    }

    private static long threads(Process p) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + p.pid() + "/status")).stream()
                .filter(l -> l.startsWith("Threads:")).mapToLong(l -> Long.parseLong(l.split("\\s+")[1]))
                .findFirst().orElseThrow();
    }

    private static long requests(String metrics, String host) {
        return ProberProcessTest.value(metrics, "smokeping_requests_total{host=\"" + host + "\",ip=\"127.0.0.1\"}");
    }

    @Test
    void slowAndSilentClientsDoNotStopTheScrapesOfOthers(@TempDir Path dir) throws Exception {
        assumeRoot();
        Path targets = names(dir, "t", 1024);
        Process p = prober(dir, "p", List.of("-f", targets.toString(), "--listen", "127.0.0.1:0"));
        List<Socket> slow = new ArrayList<>();
        try {
            int port = port(p, dir.resolve("p.err"));
            // 200 slowloris sockets: each sends one byte of a request and waits.
            for (int i = 0; i < 200; i++) {
                Socket s = new Socket("127.0.0.1", port);
                s.getOutputStream().write('G');
                s.getOutputStream().flush();
                slow.add(s);
            }
            // One scraper that asks for the 1024-target exposition and never reads it.
            Socket silent = new Socket();
            silent.setReceiveBufferSize(1024);
            silent.connect(new InetSocketAddress("127.0.0.1", port));
            silent.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            slow.add(silent);
            for (int i = 0; i < 12; i++) {
                String r = get(port, "/metrics", "text/plain");
                assertTrue(r.startsWith("HTTP/1.1 200"), r.lines().findFirst().orElse(""));
                assertTrue(requests(r, "t1023") >= 0, "the last target's series is missing");
            }
            // The server closes what never became a request, within its request timeout (and a timer tick).
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(MetricsServer.REQUEST_SECONDS + 5);
            for (Socket s : slow.subList(0, 200)) {
                s.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
                int got;
                try {
                    got = s.getInputStream().read();
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("a socket that sent only 'G' is still open after "
                            + (MetricsServer.REQUEST_SECONDS + 5) + " s");
                } catch (IOException e) {
                    got = -1; // reset: closed too
                }
                assertEquals(-1, got);
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
            p.destroyForcibly();
        }
    }

    @Test
    void badRequestsGetAnErrorAndFiveHundredConcurrentScrapesAreEachWhole(@TempDir Path dir) throws Exception {
        assumeRoot();
        Path targets = names(dir, "c", 64);
        Process p = prober(dir, "p", List.of("-f", targets.toString(), "--listen", "127.0.0.1:0", "-i", "0.2"));
        try {
            int port = port(p, dir.resolve("p.err"));
            assertTrue(http(port, "POST /metrics HTTP/1.0\r\nContent-Length: 0\r\n\r\n").startsWith("HTTP/1.1 405"));
            assertTrue(get(port, "/nothing", "*/*").startsWith("HTTP/1.1 404"));
            assertTrue(get(port, "/metricsx", "*/*").startsWith("HTTP/1.1 404"));
            String healthy = get(port, "/-/healthy", "*/*");
            assertTrue(healthy.startsWith("HTTP/1.1 200") && healthy.endsWith("Healthy\n"), healthy);
            String head = http(port, "HEAD /metrics HTTP/1.0\r\n\r\n");
            assertTrue(head.startsWith("HTTP/1.1 200") && !head.contains("smokeping_requests_total{"), head);
            for (String junk : List.of("\r\n\r\n", "GARBAGE\r\n\r\n", "\0\0\0\0\r\n\r\n",
                    "GET /metrics HTTP/1.0\r\nBroken header line\r\n\r\n")) {
                String r;
                try {
                    r = http(port, junk);
                } catch (IOException e) {
                    r = "closed: " + e; // a reset is an answer too, as long as no metrics leak and we go on
                }
                assertTrue(!r.contains("smokeping_requests_total{"), r.lines().findFirst().orElse(r));
            }
            // Odd but parseable: an unknown version, a 200 KB header. Answered or closed; the server goes on.
            for (String odd : List.of("GET /metrics HTTP/9.9\r\n\r\n",
                    "GET /metrics HTTP/1.0\r\nX: " + "a".repeat(200_000) + "\r\n\r\n")) {
                try {
                    http(port, odd);
                } catch (IOException e) {
                    // closed: fine
                }
            }
            // 500 OpenMetrics scrapes released at once: each complete (every target, then # EOF), none torn.
            String om = "application/openmetrics-text; version=1.0.0";
            ExecutorService pool = Executors.newFixedThreadPool(500);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> all = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                all.add(pool.submit(() -> {
                    go.await();
                    return http(port, "GET /metrics HTTP/1.0\r\nAccept: " + om + "\r\n\r\n");
                }));
            }
            go.countDown();
            int whole = 0;
            for (Future<String> f : all) {
                String r = f.get(60, TimeUnit.SECONDS);
                assertTrue(r.startsWith("HTTP/1.1 200"), r.lines().findFirst().orElse(""));
                assertTrue(r.endsWith("# EOF\n"), "torn: " + r.substring(Math.max(0, r.length() - 200)));
                for (int t = 0; t < 64; t++) {
                    assertTrue(r.contains("smokeping_requests_total{host=\"c" + t + "\",ip=\"127.0.0.1\"}"), "c" + t);
                }
                whole++;
            }
            pool.shutdownNow();
            assertEquals(500, whole);
            assertTrue(p.isAlive());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aHupStormLeavesNoThreadsBehindAndDroppedTargetsAreNeverStarted(@TempDir Path dir) throws Exception {
        assumeRoot();
        Path targets = names(dir, "n", 50);
        Path err = dir.resolve("p.err");
        // A 30 s interval: the first batch is still being spread over it while the storm comes.
        Process p = prober(dir, "p", List.of("-f", targets.toString(), "--listen", "127.0.0.1:0", "-i", "30"));
        try {
            port(p, err);
            Thread.sleep(500);
            long before = threads(p);
            for (int i = 1; i <= 100; i++) {
                signal(p, "HUP");
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (read(err).lines().filter(l -> l.contains("reloaded: probing 50 targets")).count() < i) {
                    assertTrue(System.nanoTime() < until, "reload " + i + " not done:\n" + read(err));
                    Thread.sleep(5);
                }
            }
            long after = threads(p);
            assertTrue(after <= before + 3, "threads " + before + " before 100 reloads, " + after + " after");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void targetsDroppedByAReloadWhileStillStartingAreNotProbed(@TempDir Path dir) throws Exception {
        assumeRoot();
        Path targets = names(dir, "d", 50);
        Path err = dir.resolve("p.err");
        Process p = prober(dir, "p", List.of("-f", targets.toString(), "--listen", "127.0.0.1:0", "-i", "2"));
        try {
            int port = port(p, err);
            Files.writeString(targets, "d0\n");
            signal(p, "HUP");
            await(p, err, "reloaded: probing 1 target", 1);
            Thread.sleep(2500); // past the first batch's spreading, had it gone on
            String a = get(port, "/metrics", "text/plain");
            Thread.sleep(2500); // over an interval: any target still probed sends again
            String b = get(port, "/metrics", "text/plain");
            long droppedA = 0, droppedB = 0;
            for (int i = 1; i < 50; i++) {
                droppedA += requests(a, "d" + i);
                droppedB += requests(b, "d" + i);
            }
            assertEquals(droppedA, droppedB, "targets dropped by the reload went on being probed");
            assertTrue(requests(b, "d0") > requests(a, "d0"), "d0 stopped too");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aClosedJsonPipeEndsTheProberWith141AtOnce(@TempDir Path dir) throws Exception {
        assumeRoot();
        List<String> argv = List.of(Lab.home().resolve("scripts/prober").toString(), "--json", "-i", "0.05",
                "127.0.0.1");
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(new File("/dev/null"))
                .redirectError(dir.resolve("j.err").toFile());
        pb.environment().put("PINGKIT_CLASSPATH", System.getProperty("java.class.path"));
        Process p = pb.start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = r.readLine();
            assertTrue(first != null && first.startsWith("{\"event\":\"sent\""), first + "\n" + read(dir.resolve("j.err")));
            long t0 = System.nanoTime();
            p.getInputStream().close(); // the reader goes, as `| head -1` does
            assertTrue(p.waitFor(3, TimeUnit.SECONDS), "prober --json still running 3 s after its pipe closed");
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertEquals(ProberCommand.BROKEN_PIPE, p.exitValue(), read(dir.resolve("j.err")));
            assertTrue(ms < 1500, "took " + ms + " ms to end after the pipe closed");
            assertEquals("", read(dir.resolve("j.err")), "SIGPIPE says nothing");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void anEndlessTargetsFileIsOneLineAtStartAndOnReload(@TempDir Path dir) throws Exception {
        assumeRoot();
        Process z = start(dir, "z", List.of("-f", "/dev/zero", "--listen", "127.0.0.1:0"));
        try {
            assertTrue(z.waitFor(30, TimeUnit.SECONDS), "prober -f /dev/zero still running after 30 s");
            assertEquals(2, z.exitValue());
            assertEquals("prober: cannot read targets file /dev/zero: larger than 8 MiB (about 400 000 targets); "
                    + "split it or list fewer\n", read(dir.resolve("z.err")));
        } finally {
            z.destroyForcibly();
        }
        Path real = dir.resolve("real"), link = dir.resolve("targets");
        Files.writeString(real, "127.0.0.1\n");
        Files.createSymbolicLink(link, real);
        Process p = start(dir, "p", List.of("-f", link.toString(), "--listen", "127.0.0.1:0"));
        try {
            port(p, dir.resolve("p.err"));
            Files.delete(link);
            Files.createSymbolicLink(link, Path.of("/dev/zero"));
            signal(p, "HUP");
            await(p, dir.resolve("p.err"), "prober: reload: cannot read targets file " + link
                    + ": larger than 8 MiB", 1);
            assertTrue(p.isAlive());
            // A long line is refused by its number, in one line too.
            Files.delete(link);
            Files.writeString(link, "127.0.0.1\n" + "x".repeat(5000) + "\n");
            signal(p, "HUP");
            await(p, dir.resolve("p.err"), link + ":2: a line must be at most 1024 characters", 1);
            long rssKb = Files.readAllLines(Path.of("/proc/" + p.pid() + "/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).mapToLong(l -> Long.parseLong(l.split("\\s+")[1]))
                    .findFirst().orElseThrow();
            assertTrue(rssKb < 400 * 1024, "RSS " + rssKb + " kB after reading /dev/zero on reload");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void theIpv4WildcardIsListenedOnAloneAndAnnouncedAsAsked(@TempDir Path dir) throws Exception {
        assumeRoot();
        Process p = start(dir, "p", List.of("--listen", "0.0.0.0:0", "127.0.0.1"));
        try {
            String line = await(p, dir.resolve("p.err"), "metrics at http", 1);
            assertTrue(line.contains("metrics at http://0.0.0.0:"), line);
            Matcher m = PORT.matcher(line);
            assertTrue(m.find());
            int port = Integer.parseInt(m.group(1));
            assertTrue(get(port, "/-/healthy", "*/*").startsWith("HTTP/1.1 200"));
            assertThrows(ConnectException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("::1", port), 2000);
                }
            }, "the IPv4 wildcard must not take IPv6 connections");
        } finally {
            p.destroyForcibly();
        }
    }
}
