package dev.pingkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/java} as a user runs it, against the classes under test: a program that sends to loopback, its
 * arguments and exit status, a compile error and an exception with their lines, a shebang script found on PATH
 * through a symbolic link, and the launcher's own usage errors.
 */
class ScriptsJavaTest {
    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    private static Path home() {
        return Path.of("").toAbsolutePath();
    }

    private Run run(List<String> env, String... command) throws Exception {
        List<String> argv = new ArrayList<>(List.of("env", "PINGKIT_CLASSPATH=" + System.getProperty("java.class.path")));
        argv.addAll(env);
        argv.addAll(List.of(command));
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                Path.of("/dev/null").toFile())).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "scripts/java did not finish");
        return new Run(p.exitValue(), out, err);
    }

    private Run java(String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of(home().resolve("scripts/java").toString()));
        a.addAll(List.of(args));
        return run(List.of(), a.toArray(String[]::new));
    }

    @Test
    void aSingleFileProgramRunsWithPingkitOnItsClassPathAndKeepsItsArgumentsAndStatus() throws Exception {
        Path f = Files.writeString(dir.resolve("Experiment.java"), """
                import dev.pingkit.Echo;
                public class Experiment {
                    public static void main(String[] args) throws Exception {
                        var r = Echo.to("127.0.0.1").payload(args[0]).seq(1, 3).sendAll();
                        System.out.println(r);
                        System.exit(Integer.parseInt(args[1]));
                    }
                }
                """);
        Run r = java(f.toString(), "hello", "7");
        assertEquals(7, r.status(), r.toString());
        assertEquals("Results: 3 probes, 3 answered, 0 errors, 0 lost\n", r.out(), r.toString());
    }

    @Test
    void aCompileErrorOrAnExceptionExitsOneAndSaysWhichLine() throws Exception {
        Path bad = Files.writeString(dir.resolve("Bad.java"), """
                public class Bad {
                    public static void main(String[] args) {
                        int x = "not a number";
                    }
                }
                """);
        Run r = java(bad.toString());
        assertEquals(1, r.status(), r.toString());
        assertTrue(r.err().contains("Bad.java:3: error: incompatible types"), r.err());
        Path thrower = Files.writeString(dir.resolve("Thrower.java"), """
                public class Thrower {
                    public static void main(String[] args) {
                        System.out.println("before");
                        throw new IllegalStateException("on purpose");
                    }
                }
                """);
        Run t = java(thrower.toString());
        assertEquals(1, t.status(), t.toString());
        assertEquals("before\n", t.out());
        assertTrue(t.err().contains("IllegalStateException: on purpose") && t.err().contains("Thrower.java:4"),
                t.err());
    }

    @Test
    void aShebangScriptRunsFromPathThroughALink() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("pingkit-java"), home().resolve("scripts/java"));
        Path script = Files.writeString(dir.resolve("probe-loopback"), """
                #!/usr/bin/env -S pingkit-java --source 17
                import dev.pingkit.Echo;
                public class Probe {
                    public static void main(String[] args) throws Exception {
                        System.out.println(args.length + " " + Echo.to("::1").seq(1, 2).sendAll());
                    }
                }
                """);
        script.toFile().setExecutable(true);
        Run r = run(List.of("PATH=" + bin + ":" + System.getenv("PATH")), script.toString(), "a", "b");
        assertEquals(0, r.status(), r.toString());
        assertEquals("2 Results: 2 probes, 2 answered, 0 errors, 0 lost\n", r.out(), r.toString());
    }

    @Test
    void usageMistakesAreOneLineAndStatusTwo() throws Exception {
        Run none = java();
        assertEquals(2, none.status());
        assertEquals("pingkit: usage: scripts/java [--lab] FILE.java [args...]  or  scripts/java [--lab] --source N "
                + "FILE [args...]\n", none.err());
        Run missing = java("Nowhere.java");
        assertEquals(2, missing.status());
        assertEquals("pingkit: no such file: Nowhere.java\n", missing.err());
        Run notJava = java("Experiment");
        assertEquals(2, notJava.status());
        assertTrue(notJava.err().startsWith("pingkit: the program must be a FILE.java, or any file after --source N, "
                + "got 'Experiment'"), notJava.err());
        Run source = java("--source", "x", "f");
        assertEquals(2, source.status());
        assertTrue(source.err().startsWith("pingkit: --source takes a Java version and a file"), source.err());
    }
}
