package dev.pingkit.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An unprivileged process (user nobody, no capabilities, no groups) in a namespace where ping sockets are off
 * gets one line that says how to get permission, not a stack trace. Runs a real JVM under setpriv.
 */
class PermissionSubprocessTest {
    private static TestHost.Netns netns;
    private static Path sandbox;

    @BeforeAll
    static void prepare() throws Exception {
        TestHost.assumeRoot("dropping to user nobody with setpriv inside a throwaway namespace");
        // ping sockets off in a namespace of our own, whatever the main namespace allows
        netns = TestHost.Netns.create("1 0");
        // nobody cannot read ~/.m2 or maybe the worktree: copy what the JVM needs to a world-readable place
        sandbox = Files.createTempDirectory("pkt-sock-perm", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        copyTree(Path.of(IcmpSockets.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                sandbox.resolve("main"));
        copyTree(Path.of(OpenSocketMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                sandbox.resolve("test"));
        Files.copy(Path.of(Native.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                sandbox.resolve("jna.jar"));
        Path jnaTmp = Files.createDirectory(sandbox.resolve("jnatmp"));
        Files.setPosixFilePermissions(jnaTmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (Stream<Path> all = Files.walk(sandbox)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (!p.equals(jnaTmp)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                            Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (netns != null) {
            netns.close();
        }
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
                } else if (p.toString().endsWith(".class")) {
                    Files.copy(p, target);
                }
            }
        }
    }

    private record Outcome(int exit, String stdout, String stderr) {
    }

    private static Outcome runAsNobody(String family, String kind) throws Exception {
        return runAsNobody(ProcessHandle.current().info().command().orElse("java"), family, kind);
    }

    private static Outcome runAsNobody(String java, String family, String kind) throws Exception {
        List<String> command = new ArrayList<>(netns.exec("setpriv", "--reuid=65534", "--regid=65534",
                "--clear-groups", "--inh-caps=-all", java, "--enable-native-access=ALL-UNNAMED",
                "-Djna.tmpdir=" + sandbox.resolve("jnatmp"),
                "-cp", sandbox.resolve("main") + ":" + sandbox.resolve("test") + ":" + sandbox.resolve("jna.jar"),
                OpenSocketMain.class.getName(), family, kind));
        Process process = new ProcessBuilder(command).directory(sandbox.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("subprocess did not finish: " + command);
        }
        return new Outcome(process.exitValue(), new String(process.getInputStream().readAllBytes()),
                new String(process.getErrorStream().readAllBytes()));
    }

    /** Every JDK on the machine the subprocess can run on: the advice must name the one actually running. */
    private static List<String> javas() throws IOException {
        List<String> all = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
            jvms.map(d -> d.resolve("bin/java")).filter(Files::isExecutable).filter(j -> !Files.isSymbolicLink(j.getParent().getParent()))
                    .map(Path::toString).filter(j -> !all.contains(j)).forEach(all::add);
        } catch (java.nio.file.NoSuchFileException e) {
            // only the running JDK
        }
        return all;
    }

    @Test
    void unprivilegedAutoGetsOneLineSayingHowToGetPermission() throws Exception {
        for (String java : javas()) {
            Outcome outcome = runAsNobody(java, "IPV4", "AUTO");
            assertEquals(3, outcome.exit(), "exit code; stderr: " + outcome.stderr());
            String message = outcome.stderr().strip();
            assertFalse(message.contains("\n"), "one line: " + message);
            assertFalse(message.contains("Exception") || message.contains("\tat "), "no stack trace: " + message);
            assertTrue(message.contains("group 65534"), message);
            String sysctl = "sysctl -w net.ipv4.ping_group_range=\"65534 65534\"";
            String setcap = "setcap cap_net_raw+ep " + Path.of(java).toRealPath();
            assertTrue(message.contains(sysctl), message);
            assertTrue(message.contains("run as root"), message);
            assertTrue(message.contains(setcap), "names the JVM that ran: " + message);
            assertFalse(message.contains("which java"), message);
            assertTrue(message.indexOf(sysctl) < message.indexOf(setcap), "the ping socket comes first: " + message);
            assertTrue(message.contains("every Java program run by that JVM"), "says the risk: " + message);
        }
    }

    @Test
    void unprivilegedRawSaysItNeedsCapNetRaw() throws Exception {
        Outcome outcome = runAsNobody("IPV6", "RAW");
        assertEquals(3, outcome.exit(), "exit code; stderr: " + outcome.stderr());
        String message = outcome.stderr().strip();
        assertTrue(message.startsWith("no permission to open a raw ICMPv6 socket"), message);
        assertTrue(message.contains("EPERM"), message);
        assertTrue(message.contains("setcap cap_net_raw+ep"), message);
        assertTrue(message.contains("use a ping socket instead"), message);
    }
}
