package dev.pingkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The launchers started with fd 0, 1 or 2 closed (issue 25): a closed descriptor must never become the first file
 * the JVM opens (with fd 0 closed that was the JDK's {@code lib/modules}, read by fping as targets and by the REPL
 * as a script). Real processes, each in a network namespace of its own ({@code unshare -n}): should the fix regress
 * and fping read garbage names again, no lookup can leave the machine. Needs root for the namespace.
 */
class LauncherClosedDescriptorsTest {

    private record Run(int exitCode, String stdout, String stderr) {
    }

    @BeforeAll
    static void needsRootAndUnshare() throws IOException {
        assumeTrue(Files.readAllLines(Path.of("/proc/self/status")).stream()
                .anyMatch(l -> l.matches("Uid:\\s+0\\s.*")), "needs root for a network namespace of its own");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "needs unshare (util-linux)");
    }

    private static Path home() {
        String h = System.getenv("PINGKIT_HOME");
        return Path.of(h != null ? h : "").toAbsolutePath();
    }

    /** {@code script} under bash in a new network namespace with loopback up; {@code $S} is the scripts directory. */
    private static Process start(String script) {
        try {
            ProcessBuilder pb = new ProcessBuilder("unshare", "-n", "bash", "-c",
                    "ip link set lo up || exit 99; S=" + home().resolve("scripts") + "; " + script);
            pb.environment().put("PINGKIT_CLASSPATH", System.getProperty("java.class.path"));
            pb.environment().put("LC_ALL", "C");
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Run finish(Process p) throws InterruptedException {
        CompletableFuture<String> out = read(p.getInputStream());
        CompletableFuture<String> err = read(p.getErrorStream());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("still running after 60 s: " + out.getNow("?") + err.getNow("?"));
        }
        return new Run(p.exitValue(), out.join(), err.join());
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

    @Test
    void fpingWithStdinClosedReadsNoTargetsAndExitsOneQuietly() throws Exception {
        // fping 5.1 with a closed stdin: no targets, exit 1, nothing printed.
        Run run = finish(start("\"$S/fping\" <&-; echo \"status $?\""));
        assertEquals("status 1\n", run.stdout(), run::toString);
        assertEquals("", run.stderr(), run::toString);
    }

    @Test
    void replWithStdinClosedRunsAnEmptyScript() throws Exception {
        // It used to read lib/modules as a script and then die of SIGSEGV.
        Run run = finish(start("\"$S/repl\" <&-; echo \"status $?\""));
        assertEquals("status 0\n", run.stdout(), run::toString);
        assertEquals("", run.stderr(), run::toString);
    }

    /**
     * All three closed: the JVM finds each on a read-only /dev/null, so stdin is empty and a write to stdout fails as
     * on the closed descriptor (ping's "write error", exit 1, as iputils with {@code >&-}); while it runs, no fd 0-2
     * of the JVM is a file it opened itself.
     */
    @Test
    void theJvmFindsEveryClosedStandardDescriptorOnDevNull() throws Exception {
        Process p = start("exec \"$S/ping\" -c 8 -i 0.2 127.0.0.1 <&- >&- 2>&-");
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Path proc = Path.of("/proc", Long.toString(p.pid()));
        while (seen.isEmpty() && System.nanoTime() < deadline) {
            try {
                // exec keeps the pid: bash, then the launcher, then the JVM, which has its class path open by then
                if (Files.readSymbolicLink(proc.resolve("exe")).toString().endsWith("/java")
                        && Files.readString(proc.resolve("cmdline")).contains("PingCommand")) {
                    for (int fd = 0; fd <= 2; fd++) {
                        String flags = Files.readAllLines(proc.resolve("fdinfo/" + fd)).stream()
                                .filter(l -> l.startsWith("flags:")).findFirst().orElse("?");
                        // the access mode is the flags' lowest octal digit: 0 = O_RDONLY
                        seen.add(fd + " " + Files.readSymbolicLink(proc.resolve("fd/" + fd)) + " "
                                + (flags.endsWith("0") ? "read-only" : flags));
                    }
                }
            } catch (IOException e) {
                // not a JVM yet, or gone
            }
            if (seen.isEmpty()) {
                Thread.sleep(20);
            }
        }
        Run run = finish(p);
        assertEquals(List.of("0 /dev/null read-only", "1 /dev/null read-only", "2 /dev/null read-only"), seen,
                run::toString);
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("", run.stdout() + run.stderr(), run::toString);
    }

    @Test
    void aClosedStdoutAloneIsStillAWriteErrorOnStderr() throws Exception {
        Run run = finish(start("\"$S/ping\" -c 1 127.0.0.1 >&-; echo \"status $?\" >&2"));
        assertEquals("ping: write error\nstatus 1\n", run.stderr(), run::toString);
        assertTrue(run.stdout().isEmpty(), run::toString);
    }
}
