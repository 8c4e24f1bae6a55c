package dev.pingkit.cli.fping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.pingkit.cli.ping.PingCommand;
import dev.pingkit.tools.RequiredTool;

/**
 * fping in a process that may not open an ICMP socket (user nobody, no capabilities, in a network namespace of its
 * own whose ping_group_range admits no one): fping 5.1 says {@code fping: can't create socket (must run as root?)}
 * and exits 4, and it checks the socket before the values of its options ({@code -H 300} is the socket's error
 * too), after their syntax ({@code -c x} is still the usage text, exit 1). Ours runs as a real JVM beside a copy of
 * fping without its file capability.
 */
class FpingWithoutSocketTest {
    private static Path sandbox;

    @BeforeAll
    static void copyClassesWhereNobodyReadsThem() throws Exception {
        assumeTrue(PingCommand.isRoot(), "needs root to drop to nobody in a namespace of its own");
        sandbox = Files.createTempDirectory("pkt-fping-nosock", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p) && p.endsWith("classes")) { // main classes, not test classes
                copyTree(p, sandbox.resolve("classes"));
            } else if (p.getFileName().toString().matches("(jna|commons-cli)-.*\\.jar")) {
                Files.copy(p, sandbox.resolve("lib" + n++ + ".jar"));
            }
        }
        if (RequiredTool.present("fping")) { // a copy drops fping's cap_net_raw, as running it unprivileged would
            Files.copy(RequiredTool.find("fping").orElseThrow(), sandbox.resolve("fping"));
        }
        Files.createDirectory(sandbox.resolve("jnatmp"));
        try (Stream<Path> all = Files.walk(sandbox)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(p.endsWith("jnatmp") ? "rwxrwxrwx"
                        : Files.isDirectory(p) || p.endsWith("fping") ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (sandbox != null) {
            try (Stream<Path> all = Files.walk(sandbox)) {
                for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private record Outcome(int exit, String stdout, String stderr) {
    }

    /** {@code command} as nobody, without capabilities, in a fresh network namespace (only its loopback up). */
    private static Outcome asNobody(List<String> command) throws Exception {
        List<String> argv = new ArrayList<>(List.of("unshare", "-n", "sh", "-c",
                "ip link set lo up && exec setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \"$@\"",
                "sh"));
        argv.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(argv).directory(sandbox.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not end: " + argv);
        }
        return new Outcome(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
                new String(err.join(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(java.io.InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Outcome ours(String... args) throws Exception {
        StringBuilder cp = new StringBuilder(sandbox.resolve("classes").toString());
        try (Stream<Path> jars = Files.list(sandbox)) {
            jars.filter(j -> j.toString().endsWith(".jar")).forEach(j -> cp.append(':').append(j));
        }
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-Djna.tmpdir=" + sandbox.resolve("jnatmp"), "-cp",
                cp.toString(), FpingCommand.class.getName()));
        cmd.addAll(Arrays.asList(args));
        return asNobody(cmd);
    }

    private static void sameAsFping(Outcome ours, String... args) throws Exception {
        if (Files.exists(sandbox.resolve("fping"))) {
            List<String> cmd = new ArrayList<>(List.of(sandbox.resolve("fping").toString()));
            cmd.addAll(Arrays.asList(args));
            Outcome theirs = asNobody(cmd);
            String prog = sandbox.resolve("fping").toString();
            assertEquals(theirs.exit(), ours.exit(), "fping: " + theirs + "\npingkit: " + ours);
            assertEquals(theirs.stderr().replace(prog, "fping").lines().findFirst(),
                    ours.stderr().lines().findFirst(), "fping: " + theirs + "\npingkit: " + ours);
        }
    }

    @Test
    void noSocketIsFpingsOneLineAndExitFour() throws Exception {
        for (String[] args : List.of(new String[] {"127.0.0.1"}, new String[] {"-l", "127.0.0.1"},
                new String[] {"-H", "300", "127.0.0.1"})) {
            Outcome ours = ours(args);
            assertEquals(new Outcome(4, "", "fping: can't create socket (must run as root?)\n"), ours,
                    String.join(" ", args));
            sameAsFping(ours, args);
        }
    }

    @Test
    void malformedOptionsHelpAndVersionComeBeforeTheSocket() throws Exception {
        Outcome usage = ours("-c", "x", "127.0.0.1");
        assertEquals(1, usage.exit(), usage::toString);
        assertTrue(usage.stderr().startsWith("Usage: fping [options] [targets...]"), usage::toString);
        sameAsFping(usage, "-c", "x", "127.0.0.1");
        Outcome version = ours("-v");
        assertEquals(0, version.exit(), version::toString);
        assertTrue(version.stdout().startsWith("fping: Version 5.1"), version::toString);
    }
}
