package dev.pingkit;

import dev.pingkit.ping.Pinger;
import com.sun.jna.Native;
import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Echo.send()} as an unprivileged user (nobody, no capabilities, no groups) in the client namespace, where
 * ping_group_range admits everyone: AUTO falls back to a datagram ping socket, the kernel puts its own identifier
 * in the request, and the reply must still be matched (by that identifier) and answered. A real JVM under setpriv.
 */
@LabTest
class UnprivilegedOnceLabTest {
    private static Path sandbox;

    @BeforeAll
    static void prepare() throws Exception {
        // nobody may not read ~/.m2 or the worktree: copy what the JVM needs to a world-readable place
        sandbox = Files.createTempDirectory("pkt-ping-nobody", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        copyClasses(Path.of(Pinger.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                sandbox.resolve("main"));
        copyClasses(Path.of(OnceMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                sandbox.resolve("test"));
        Files.copy(Path.of(Native.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                sandbox.resolve("jna.jar"));
        Path jnaTmp = Files.createDirectory(sandbox.resolve("jnatmp"));
        try (Stream<Path> all = Files.walk(sandbox)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(p.equals(jnaTmp) ? "rwxrwxrwx"
                        : Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
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

    private static void copyClasses(Path from, Path to) throws IOException {
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

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void nobodySendsThroughAPingSocketAndGetsTheAnswer(int family) {
        String java = ProcessHandle.current().info().command().orElse("java");
        String peer = Lab.host(Lab.PEER).address(family).getHostAddress();
        int id = 0xfedc;
        Lab.Result r = Lab.run(Duration.ofSeconds(60), "setpriv", "--reuid=65534", "--regid=65534",
                "--clear-groups", "--inh-caps=-all", java, "-Djna.tmpdir=" + sandbox.resolve("jnatmp"),
                "-cp", sandbox.resolve("main") + ":" + sandbox.resolve("test") + ":" + sandbox.resolve("jna.jar"),
                OnceMain.class.getName(), peer, String.valueOf(id));
        assertEquals(0, r.exitCode(), r.toString());
        List<String> lines = r.stdout().lines().toList();
        assertEquals(3, lines.size(), r.toString());
        assertEquals("kind DATAGRAM", lines.get(0), "AUTO as nobody: " + r);
        assertEquals("Answered", lines.get(1), r.toString());
        String[] f = lines.get(2).split(" ");
        assertEquals(List.of("from", peer, "seq", "5"), List.of(f[0], f[1], f[2], f[3]), r.toString());
        // the kernel replaced our identifier with the socket's own; the reply carries that one
        assertNotEquals(String.valueOf(id), f[5], r.toString());
        assertTrue(lines.get(2).endsWith("payload true checksum true"), r.toString());
    }
}
