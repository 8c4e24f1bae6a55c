package dev.pingkit.jshell;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the jshell tool as a child process with piped input, as a person piping commands into it would. */
final class JShellProcess {
    private JShellProcess() {
    }

    /** The output (stdout and stderr together) of {@code command} fed {@code input} and then {@code /exit}. */
    static String run(List<String> command, String input) {
        var pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PINGKIT_HOME", JShellSession.HOME.toString());
        pb.directory(JShellSession.HOME.toFile());
        try {
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write((input + "\n/exit\n").getBytes(StandardCharsets.UTF_8));
            }
            // Read before waiting, so a chatty child never blocks on a full pipe.
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("jshell did not exit; output:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** jshell from this JVM's JDK with this test run's class path and pingkit's start-up, after {@code prefix}. */
    static List<String> jshellCommand(List<String> prefix) {
        var cmd = new ArrayList<>(prefix);
        cmd.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jshell").toString());
        cmd.addAll(List.of("--class-path", System.getProperty("java.class.path"),
                "--startup", "DEFAULT",
                "--startup", JShellSession.HOME.resolve("jshell-startup.jsh").toString()));
        return cmd;
    }

    /** The part of {@code out} after the line {@code marker}. */
    static String after(String marker, String out) {
        int at = out.indexOf(marker + "\n");
        if (at < 0) {
            throw new AssertionError("no \"" + marker + "\" line in\n" + out);
        }
        return out.substring(at + marker.length() + 1);
    }
}
