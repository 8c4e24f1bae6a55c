package dev.pingkit.jshell;

import static org.junit.jupiter.api.Assertions.assertFalse;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * scripts/jshell as built for a user (no PINGKIT_CLASSPATH: the launcher's own jar and, on JDK 25, the AOT caches
 * it prepares for its two JVMs) at a terminal: the snippets run in the engine the launcher started beside the tool
 * (EngineAgent), with its cache, and what the default remote execution gives a learner is kept: Ctrl-C stops a
 * runaway loop or a wait and the session goes on. How much faster it starts
 * is the bench's (row 8), not a test's.
 */
class ScriptsJShellStartupCacheTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void ctrlCStopsARunawayLoopAndAWaitAndTheSessionGoesOnWithTheCachesInUse() {
        ctrlCStopsAndTheSessionGoesOn(Map.of());
    }

    /**
     * JDK 17 maps class-data archives instead and stops a snippet the old way (its thread stopped): the same to a
     * learner.
     */
    @Test
    void theSameOnJdk17() {
        Path jdk17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        assumeTrue(Files.isExecutable(jdk17.resolve("bin/jshell")), "no JDK 17 at " + jdk17);
        ctrlCStopsAndTheSessionGoesOn(Map.of("JAVA_HOME", jdk17.toString()));
    }

    /**
     * A snippet blocked inside pingkit (a capture's collect, in a native wait) is stopped by Ctrl-C too: the run
     * loops end on the interrupt the engine's stop sends (JDK 20+) or return to Java for the thread stop (JDK 17).
     */
    @Test
    void ctrlCStopsASnippetBlockedInACapture() throws Exception {
        dev.pingkit.ping.LoopbackTest.assumeRoot("a capture opens raw sockets");
        TmuxPane.assumeTmux();
        var env = new HashMap<String, String>();
        env.put("PINGKIT_HOME", JShellSession.HOME.toString());
        try (var pane = TmuxPane.start(List.of(JShellSession.HOME.resolve("scripts/jshell").toString()), env, 200)) {
            pane.await(Pattern.compile("^jshell> ", Pattern.MULTILINE), Duration.ofMinutes(4));
            pane.type("long t0 = System.nanoTime()");
            pane.press("Enter");
            pane.await(Pattern.compile("t0 ==> \\d+\n"), WAIT);
            pane.type("dev.pingkit.capture.Capture.open(true, true, dev.pingkit.capture.Capture.Filter.ANY.id(0x4c9))"
                    + ".collect(java.time.Duration.ofSeconds(600), new dev.pingkit.engine.Stop())");
            pane.press("Enter");
            sleep(Duration.ofSeconds(3));
            pane.press("C-c");
            pane.type("(System.nanoTime() - t0) / 1_000_000_000L < 120 ? \"back\" : \"waited\"");
            pane.press("Enter");
            pane.await(Pattern.compile("\\$\\d+ ==> \"back\"\n"), WAIT);
        }
    }

    private static void ctrlCStopsAndTheSessionGoesOn(Map<String, String> environment) {
        TmuxPane.assumeTmux();
        var env = new HashMap<>(environment);
        env.put("PINGKIT_HOME", JShellSession.HOME.toString());
        try (var pane = TmuxPane.start(List.of(JShellSession.HOME.resolve("scripts/jshell").toString()), env, 200)) {
            // the first start after a build prepares the caches (says so), on a loaded machine for a while
            pane.await(Pattern.compile("^jshell> ", Pattern.MULTILINE), Duration.ofMinutes(4));
            // the snippets run in the engine the launcher started beside the tool, with its cache on JDK 25
            pane.type("System.getProperty(\"sun.java.command\").startsWith(\"dev.pingkit.jshell.EngineAgent \")");
            pane.press("Enter");
            pane.await(Pattern.compile("\\$\\d+ ==> true\n"), WAIT);
            pane.type("Runtime.version().feature() < 25 || java.lang.management.ManagementFactory.getRuntimeMXBean()"
                    + ".getInputArguments().stream().anyMatch(a -> a.startsWith(\"-XX:AOTCache=\") && a.endsWith(\".engine.aot\"))");
            pane.press("Enter");
            pane.await(Pattern.compile("\\$\\d+ ==> true\n"), WAIT);
            pane.type("long spins = 0; while (true) spins++;");
            pane.press("Enter");
            pane.await(Pattern.compile("spins ==> 0\n"), WAIT);
            sleep(Duration.ofSeconds(2)); // the loop is under way
            pane.press("C-c");
            // only a session whose loop was stopped answers this
            pane.type("spins > 0 ? \"stopped after \" + spins : \"never ran\"");
            pane.press("Enter");
            pane.await(Pattern.compile("\\$\\d+ ==> \"stopped after \\d+\"\n"), WAIT);
            pane.type("6 * 7");
            pane.press("Enter");
            pane.await(Pattern.compile("\\$\\d+ ==> 42\n"), WAIT);
            // a wait is stopped too, quietly (as under JShell's default engine), and the session still goes on
            pane.type("Thread.sleep(600_000)");
            pane.press("Enter");
            sleep(Duration.ofSeconds(2));
            pane.press("C-c");
            pane.type("\"after the sleep\"");
            pane.press("Enter");
            pane.await(Pattern.compile("\\$\\d+ ==> \"after the sleep\"\n"), WAIT);
            assertFalse(pane.screen().contains("InterruptedException"), pane.screen());
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
