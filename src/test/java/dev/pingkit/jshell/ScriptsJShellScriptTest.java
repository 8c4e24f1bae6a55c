package dev.pingkit.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/jshell FILE.jsh} as a shell script runs it: the file runs and the command exits, with no banner,
 * no prompt and no trailing {@code /exit} in the file; status 0 when all ran, 1 with the file and line on stderr at
 * a compile error or an exception, the status {@code /exit n} gives.
 */
class ScriptsJShellScriptTest {
    @TempDir
    Path dir;

    record Run(int status, String stdout, String stderr) {
    }

    private Run run(String name, String script) throws IOException, InterruptedException {
        Path file = dir.resolve(name);
        Files.writeString(file, script);
        var pb = new ProcessBuilder(JShellSession.HOME.resolve("scripts/jshell").toString(), file.toString())
                .directory(dir.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("PINGKIT_CLASSPATH", System.getProperty("java.class.path"));
        Path out = dir.resolve(name + ".out"), err = dir.resolve(name + ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "scripts/jshell " + name + " did not exit");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void aScriptRunsWithPingkitImportedAndExitsZeroWithoutBannerOrPrompt() throws Exception {
        Run r = run("ok.jsh", """
                // statements without semicolons, as at the prompt; a method over several lines
                var probe = Echo.to("127.0.0.1").id(7).seq(1).payload("hi")
                int twice(int x) {
                    return 2 * x;
                }
                println(probe.id() + " " + twice(21))
                System.out.println(Checksum.of(probe.toBytes(), 0, probe.toBytes().length));
                """);
        assertEquals(0, r.status(), r.toString());
        assertEquals("7 42\n0\n", r.stdout(), r.toString());
        assertEquals("", r.stderr(), r.toString());
    }

    @Test
    void aCompileErrorStopsTheScriptWithStatusOneAndTheLine() throws Exception {
        Run r = run("typo.jsh", """
                println("before")

                println(nosuch + 1)
                println("after")
                """);
        assertEquals(1, r.status(), r.toString());
        assertEquals("before\n", r.stdout(), r.toString());
        assertTrue(r.stderr().startsWith(dir.resolve("typo.jsh") + ":3: error: cannot find symbol\n"), r.toString());
        assertTrue(r.stderr().contains("symbol:   variable nosuch"), r.toString());
        assertTrue(r.stderr().contains("    println(nosuch + 1)"), r.toString());
    }

    @Test
    void anExceptionStopsTheScriptWithStatusOneAndTheLineItWasThrownAt() throws Exception {
        Run r = run("throws.jsh", """
                int positive(int x) {
                    if (x <= 0)
                        throw new IllegalArgumentException("x must be positive, got " + x);
                    return x;
                }
                println(positive(1))
                println(positive(-2))
                println("after")
                """);
        assertEquals(1, r.status(), r.toString());
        assertEquals("1\n", r.stdout(), r.toString());
        assertEquals(dir.resolve("throws.jsh") + ":3: exception java.lang.IllegalArgumentException: x must be positive, got -2\n"
                + "    called from " + dir.resolve("throws.jsh") + ":7\n", r.stderr(), r.toString());
    }

    @Test
    void exitEndsTheScriptWithItsStatusAndOtherCommandsAreRefused() throws Exception {
        Run exit = run("exit.jsh", "println(\"a\")\n/exit 3\nprintln(\"b\")\n");
        assertEquals(3, exit.status(), exit.toString());
        assertEquals("a\n", exit.stdout(), exit.toString());
        Run list = run("list.jsh", "/list\n");
        assertEquals(1, list.status(), list.toString());
        assertTrue(list.stderr().contains(":1: error: /list is a command of the interactive jshell; a script"
                + " understands only /exit [status]"), list.toString());
    }

    @Test
    void aMissingFileIsOneLineAndStatusTwo() throws Exception {
        var pb = new ProcessBuilder(JShellSession.HOME.resolve("scripts/jshell").toString(), dir.resolve("none.jsh").toString());
        pb.environment().put("PINGKIT_CLASSPATH", System.getProperty("java.class.path"));
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.matches("pingkit: cannot read \\S*none\\.jsh: .*\n"), out);
        assertFalse(out.contains("\tat "), out);
    }
}
