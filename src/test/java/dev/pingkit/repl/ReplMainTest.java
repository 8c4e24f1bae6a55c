package dev.pingkit.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's options and exit statuses: {@code scripts/repl -f}, {@code -k}, {@code -D}, standard input. */
class ReplMainTest {
    record Run(int status, String out, String err) {
    }

    private static Run main(String stdin, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = ReplMain.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aScriptFileThatSucceedsExitsZero(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("ok.repl"), "# builds a packet\necho to 127.0.0.1 id 7\nhex\n");
        Run r = main("", "-f", f.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("pingkit> hex\n00000000  08 00"), r.out());
    }

    @Test
    void aFailedCommandStopsTheScriptWithStatusOne(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("bad.repl"), "echo to 127.0.0.1\nset ttl 0\nshow\n");
        Run r = main("", "-f", f.toString());
        assertEquals(1, r.status());
        // a script's mistake goes to stderr with the script's name and line, as a shell reports one
        assertEquals("repl: " + f + " line 2: ttl must be 1..255, got 0\n", r.err(), r.out());
        assertTrue(!r.out().contains("pingkit> show"), r.out());

        Run k = main("", "--keep-going", "-f", f.toString());
        assertEquals(1, k.status());
        assertTrue(k.out().contains("pingkit> show"), k.out());
    }

    @Test
    void standardInputThatIsNotATerminalIsReadAsAScript() {
        Run r = main("let far 198.18.1.2\necho to $far\n", "-D", "x=1");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("pingkit> echo to $far\ntarget   = 198.18.1.2"), r.out());
    }

    @Test
    void definesVariablesFromTheCommandLine() {
        Run r = main("echo to $lo id $id\n", "-D", "lo=127.0.0.1", "-D", "id=9", "-f", "-");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("id       = 9 (0x0009)"), r.out());
    }

    @Test
    void longHelpOnStdoutExitsZeroShortHelpOnStderrExitsTwoAndVersionPrints() {
        Run help = main("", "--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("--keep-going") && help.out().contains("-D <name=value>"), help.out());
        assertEquals("", help.err());

        Run usage = main("", "-h");
        assertEquals(2, usage.status());
        assertEquals("", usage.out());
        assertTrue(usage.err().contains("--keep-going"), usage.err());

        Run version = main("", "--version");
        assertEquals(0, version.status());
        assertTrue(version.out().startsWith("repl from pingkit "), version.out());
    }

    @Test
    void mistakesAreOneLineNamingTheOption() {
        assertEquals("repl: unknown option '--bogus' (try --help)\n", main("", "--bogus").err());
        assertEquals("repl: option -f needs a value (file)\n", main("", "-f").err());
        assertEquals("repl: -D needs NAME=VALUE, got 'novalue'\n", main("", "-D", "novalue").err());
        assertEquals("repl: unexpected argument 'x.repl': the REPL takes options only (a script is -f FILE)\n",
                main("", "x.repl").err());
    }

    @Test
    void usageMistakesExitTwo() {
        assertEquals(2, main("", "--bogus").status());
        assertEquals(2, main("", "-f").status());
        assertEquals(2, main("", "-f", "/nonexistent/x.repl").status());
        assertEquals(2, main("", "-D", "novalue").status());
        assertEquals(2, main("", "x.repl").status());
    }

    @Test
    void aDirectoryOrAnEmptyNameAsScriptIsOneLineAndExitTwo(@TempDir Path dir) {
        Run d = main("", "-f", dir.toString());
        assertEquals(2, d.status(), d.out() + d.err());
        assertEquals("repl: -f " + dir + ": is a directory, not a script\n", d.err());
        Run e = main("", "-f", "");
        assertEquals(2, e.status(), e.out() + e.err());
        assertEquals("repl: -f needs a file name, got ''\n", e.err());
    }

    /**
     * Root reads any file, so the test takes its right to: the session runs in a JVM whose capability bounding set
     * lacks CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, on a script owned by nobody with mode 000.
     */
    @Test
    void anUnreadableScriptSaysPermissionDenied(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.pingkit.cli.ping.PingCommand.isRoot(), "needs root to drop");
        Path f = Files.writeString(dir.resolve("secret.repl"), "help\n");
        Files.setAttribute(f, "unix:uid", 65534);
        Files.setPosixFilePermissions(f, java.util.Set.of());
        ProcessBuilder pb = new ProcessBuilder("setpriv", "--bounding-set=-dac_override,-dac_read_search",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ReplMain.class.getName(), "-f", f.toString());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), out + err);
        assertEquals("repl: -f " + f + ": permission denied\n", err);
    }
}
