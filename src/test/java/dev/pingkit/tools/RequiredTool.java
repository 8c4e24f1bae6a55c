package dev.pingkit.tools;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

/**
 * A program a test runs beside pingkit (fping, iputils ping, traceroute, mtr, tshark, prometheus, man, tmux,
 * python3 with scapy...). {@code .ci/run} installs every one of them; on a machine without one (a newcomer's, with
 * a JDK and nothing else) the test skips and says which package brings it, and under {@code CI=true} it fails, as
 * the lab tests do: CI must not pass by skipping. Looked up on {@code PATH} only, so hiding the tools from
 * {@code PATH} (as {@code .ci/run} does once) shows every test that needs one.
 */
public final class RequiredTool {
    private RequiredTool() {
    }

    /** The executable {@code name} on {@code PATH}, if there is one. */
    public static Optional<Path> find(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code name} is on {@code PATH}. */
    public static boolean present(String name) {
        return find(name).isPresent();
    }

    /**
     * Skips the calling test (fails it under {@code CI=true}) unless {@code name} is on {@code PATH};
     * {@code debianPackage} is named in the reason.
     */
    public static void require(String name, String debianPackage) {
        need(present(name), name + " is not on PATH (apt-get install " + debianPackage + ")");
    }

    /**
     * Skips (fails under {@code CI=true}) unless {@code ok}: for a tool that is more than a file on {@code PATH}
     * (tshark that runs, python3 that imports scapy); {@code reason} says what is missing and how to get it.
     */
    public static void need(boolean ok, String reason) {
        if (!ok && ci()) {
            throw new AssertionError(reason + " (CI=true: .ci/run installs it, so this test must run here)");
        }
        Assumptions.assumeTrue(ok, reason);
    }

    /** Whether this is a CI run, where a missing tool is a failure. */
    public static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
