package dev.pingkit.socket;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/** What the tests need from the machine: root, a throwaway network namespace, commands. */
final class TestHost {
    private TestHost() {
    }

    static int euid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.split("\\s+")[2]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no Uid line in /proc/self/status");
    }

    /** Skips (or, with CI=true, fails) a test that needs root, saying why. */
    static void assumeRoot(String why) {
        if (euid() != 0) {
            String reason = why + " needs root, and this runs as uid " + euid();
            if ("true".equals(System.getenv("CI"))) {
                fail(reason + "; CI=true, so this is a failure, not a skip");
            }
            Assumptions.abort(reason);
        }
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IOException(String.join(" ", command) + " exited " + exit + ": " + output.trim());
        }
        return output;
    }

    static long openFds() throws IOException {
        try (var entries = Files.list(Path.of("/proc/self/fd"))) {
            return entries.count();
        }
    }

    static int sysctl(String path) throws IOException {
        // readAllLines, not readString: procfs files report size 0 and readString can come back short
        return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys", path)).get(0).trim());
    }

    /**
     * A network namespace with only its loopback up, removed on close. Nothing is added to the caller's namespace;
     * the name starts with pkt-sock- so it cannot be mistaken for the lab's.
     */
    static final class Netns implements AutoCloseable {
        final String name;

        private Netns(String name) {
            this.name = name;
        }

        /** A namespace whose net.ipv4.ping_group_range is {@code pingGroupRange}, e.g. "0 2147483647". */
        static Netns create(String pingGroupRange) throws IOException, InterruptedException {
            String name = "pkt-sock-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
            run("ip", "netns", "add", name);
            Netns netns = new Netns(name);
            try {
                run("ip", "-n", name, "link", "set", "lo", "up");
                run("ip", "netns", "exec", name, "sysctl", "-qw", "net.ipv4.ping_group_range=" + pingGroupRange);
            } catch (IOException | InterruptedException e) {
                netns.close();
                throw e;
            }
            return netns;
        }

        List<String> exec(String... command) {
            List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
            full.addAll(List.of(command));
            return full;
        }

        @Override
        public void close() {
            try {
                run("ip", "netns", "delete", name);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("could not delete test namespace " + name, e);
            }
        }
    }
}
