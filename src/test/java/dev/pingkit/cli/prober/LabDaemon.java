package dev.pingkit.cli.prober;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.pingkit.lab.Lab;

/**
 * A long-running process (the prober, Prometheus, the blackbox exporter) started inside the lab's client namespace,
 * its output going to a log file; {@link #close()} ends it and everything it started, so no test leaves one behind.
 */
final class LabDaemon implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private LabDaemon(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} in the client namespace ({@code ip netns exec} execs it: the pid is the command's). */
    static LabDaemon start(String name, Path dir, List<String> env, String... command) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", Lab.CLIENT_NETNS, "env"));
        argv.addAll(env);
        argv.addAll(List.of(command));
        Path log = dir.resolve(name + ".log");
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            return new LabDaemon(name, p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** What it printed so far. */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits until its log holds a line matching {@code wanted}; fails with the log when it exits or times out. */
    String awaitLog(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            for (String line : log().split("\n")) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + log());
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + " did not print what was awaited within " + timeout + ":\n" + log());
    }

    /** Sends SIGTERM and returns the exit code (or fails after {@code timeout}, killing it). */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy(); // SIGTERM
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new AssertionError(name + " did not end within " + timeout + " of SIGTERM:\n" + log());
        }
        return process.exitValue();
    }

    /** Sends {@code signal} ({@code HUP}, ...) to the process. */
    void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + signal + " " + name + " failed");
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
