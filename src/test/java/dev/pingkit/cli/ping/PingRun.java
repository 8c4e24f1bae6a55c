package dev.pingkit.cli.ping;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One finished run of a ping command (ours or iputils'), parsed: exit code, stdout, stderr, the reply and error
 * lines and the statistics, plus the output with times masked so two runs can be compared line by line.
 */
record PingRun(int exitCode, String stdout, String stderr) {

    private static final Pattern STATS = Pattern.compile(
            "^(\\d+) packets transmitted, (\\d+) received(?:, \\+(\\d+) duplicates)?(?:, \\+(\\d+) corrupted)?"
                    + "(?:, \\+(\\d+) errors)?(?:, ([\\d.]+)% packet loss, time \\d+ms)?$", Pattern.MULTILINE);
    private static final Pattern REPLY = Pattern.compile(
            "^(?:\\[\\d+\\.\\d{6}\\] )?(\\d+) bytes from (\\S+): icmp_seq=(\\d+)(?: ttl=(\\d+))?(?: time=[\\d.]+ ms)?"
                    + "( \\(DUP!\\))?$", Pattern.MULTILINE);
    private static final Pattern ERROR = Pattern.compile("^(?:\\[\\d+\\.\\d{6}\\] )?From (\\S+) icmp_seq=(\\d+) (.+)$",
            Pattern.MULTILINE);

    /** The repository root (surefire sets PINGKIT_HOME; else the working directory). */
    static Path home() {
        String h = System.getenv("PINGKIT_HOME");
        return Path.of(h != null ? h : "").toAbsolutePath();
    }

    /** {@code scripts/ping args} run on the classes under test (PINGKIT_CLASSPATH: no build inside the test). */
    static List<String> ours(String... args) {
        List<String> argv = new ArrayList<>(List.of(home().resolve("scripts/ping").toString()));
        argv.addAll(Arrays.asList(args));
        return argv;
    }

    /** iputils' {@code ping args}. */
    static List<String> iputils(String... args) {
        List<String> argv = new ArrayList<>(List.of("ping"));
        argv.addAll(Arrays.asList(args));
        return argv;
    }

    /** Whether iputils ping is installed to compare with. */
    static boolean iputilsInstalled() {
        return dev.pingkit.tools.RequiredTool.present("ping");
    }

    /** Runs {@code argv} with the test classpath for our launcher and waits (at most {@code seconds}). */
    static PingRun exec(List<String> argv, int seconds) {
        try {
            ProcessBuilder pb = new ProcessBuilder(argv);
            pb.environment().put("PINGKIT_CLASSPATH", System.getProperty("java.class.path"));
            pb.environment().put("LC_ALL", "C");
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process p = pb.start();
            return finish(p, seconds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for {@code p}, collecting both streams; kills it after {@code seconds}. */
    static PingRun finish(Process p, int seconds) {
        CompletableFuture<String> out = read(p.getInputStream());
        CompletableFuture<String> err = read(p.getErrorStream());
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException("still running after " + seconds + " s: " + out.getNow("?"));
            }
            return new PingRun(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<String> read(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** stdout with every time masked (reply times, the summary's time and rtt figures, -D stamps). */
    String masked() {
        return stdout.replaceAll("time=[\\d.]+ ms", "time=T ms")
                .replaceAll("time \\d+ms", "time Tms")
                .replaceAll("= [\\d.]+/[\\d.]+/[\\d.]+/[\\d.]+ ms", "= R ms")
                .replaceAll("ipg/ewma [\\d.]+/[\\d.]+ ms", "ipg/ewma R ms")
                .replaceAll("\\[\\d+\\.\\d{6}\\] ", "[TS] ");
    }

    /** The statistics line's counts: transmitted, received, duplicates, corrupted, errors (absent = 0). */
    long[] counts() {
        Matcher m = STATS.matcher(stdout);
        if (!m.find()) {
            throw new AssertionError("no statistics line in:\n" + this);
        }
        long[] c = new long[5];
        for (int i = 0; i < 5; i++) {
            c[i] = m.group(i + 1) == null ? 0 : Long.parseLong(m.group(i + 1));
        }
        return c;
    }

    /** The loss text of the statistics line ("0", "33.3333", ...). */
    String loss() {
        Matcher m = STATS.matcher(stdout);
        return m.find() ? m.group(6) : null;
    }

    /** Reply lines as "seq ttl [DUP]" in order. */
    List<String> replies() {
        List<String> r = new ArrayList<>();
        Matcher m = REPLY.matcher(stdout);
        while (m.find()) {
            r.add(m.group(3) + " ttl=" + m.group(4) + (m.group(5) != null ? " DUP" : ""));
        }
        return r;
    }

    /** Error lines as "From X icmp_seq=N text" in order. */
    List<String> errors() {
        List<String> r = new ArrayList<>();
        Matcher m = ERROR.matcher(stdout);
        while (m.find()) {
            r.add(m.group(0).replaceAll("^\\[\\d+\\.\\d{6}\\] ", ""));
        }
        return r;
    }

    /** The first stderr line (or ""). */
    String firstErrorLine() {
        return stderr.isEmpty() ? "" : stderr.lines().findFirst().orElse("");
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
}
