package dev.pingkit.jshell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A program in a terminal, as a person meets it: a detached tmux pane on a tmux server of its own (its own socket
 * in the temporary directory, so no other session is touched), keys sent to it, its screen read back. For what only
 * a terminal does, such as JShell's Tab completion and documentation (piped input never gets them).
 */
final class TmuxPane implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);
    /** How long a program may take to exit after its terminal closed (a JVM on a loaded machine). */
    private static final Duration EXIT = Duration.ofSeconds(60);

    private final Path socket;

    private TmuxPane(Path socket) {
        this.socket = socket;
    }

    /** tmux is a test dependency (.ci/run installs it): under CI its absence fails, elsewhere it skips. */
    static void assumeTmux() {
        boolean ok;
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            ok = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (!ok && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("tmux is needed by this test and .ci/run installs it, but it does not run");
        }
        Assumptions.assumeTrue(ok, "tmux is not installed (apt-get install tmux)");
    }

    /**
     * Starts {@code command} in a WIDTH x 50 pane, with {@code environment} added to this process's. The pane stays
     * after the program exits, so its last words can still be read.
     */
    static TmuxPane start(List<String> command, Map<String, String> environment, int width) {
        var pane = new TmuxPane(Path.of(System.getProperty("java.io.tmpdir"),
                "pingkit-tmux-" + ProcessHandle.current().pid() + "-" + System.nanoTime()));
        var argv = new ArrayList<>(List.of("new-session", "-d", "-s", "t", "-x", String.valueOf(width), "-y", "50"));
        argv.addAll(command);
        argv.addAll(List.of(";", "set-option", "-t", "t", "remain-on-exit", "on"));
        // The first command starts the server, whose environment every pane inherits.
        try {
            pane.tmux(environment, argv);
        } catch (AssertionError e) {
            pane.close();
            throw e;
        }
        return pane;
    }

    /** Types {@code text} as it is (no key names). */
    void type(String text) {
        tmux(Map.of(), List.of("send-keys", "-t", "t", "-l", text));
    }

    /** Presses keys by tmux's names: {@code Tab}, {@code Enter}, {@code C-u}. */
    void press(String... keys) {
        var argv = new ArrayList<>(List.of("send-keys", "-t", "t"));
        argv.addAll(List.of(keys));
        tmux(Map.of(), argv);
    }

    /** The screen and its scrollback, wrapped lines joined. */
    String screen() {
        return tmux(Map.of(), List.of("capture-pane", "-p", "-J", "-t", "t", "-S", "-", "-E", "-"));
    }

    /** Waits until the screen matches {@code pattern} and returns the match; fails with the screen after TIMEOUT. */
    Matcher await(Pattern pattern, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String screen = screen();
            Matcher m = pattern.matcher(screen);
            if (m.find()) {
                return m;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no /" + pattern + "/ on the screen within " + timeout + ":\n" + screen);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Ends the tmux server (its pane's program gets SIGHUP, as when a terminal closes), waits until that program and
     * its children are gone (killing what is left after {@link #EXIT}) and removes the socket.
     */
    @Override
    public void close() {
        List<ProcessHandle> programs = new ArrayList<>();
        try {
            String pid = tmux(Map.of(), List.of("display-message", "-p", "-t", "t", "#{pane_pid}")).trim();
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(p -> {
                programs.add(p);
                p.descendants().forEach(programs::add);
            });
        } catch (AssertionError | NumberFormatException noPane) {
            // the program had ended already
        }
        try {
            tmux(Map.of(), List.of("kill-server"));
        } catch (AssertionError alreadyGone) {
            // the server had ended already: nothing is left to stop
        }
        long deadline = System.nanoTime() + EXIT.toNanos();
        for (ProcessHandle p : programs) {
            try {
                p.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                p.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String tmux(Map<String, String> environment, List<String> args) {
        var argv = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        argv.addAll(args);
        var pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().remove("TMUX"); // a test run from inside tmux still gets a server of its own
        pb.environment().putAll(environment);
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new AssertionError("tmux " + args + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run tmux " + args, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
