package dev.pingkit.jshell;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * scripts/jshell as built for a user (no PINGKIT_CLASSPATH: the launcher's own jar and, on JDK 25, the AOT caches
 * it prepares for its two JVMs) at a terminal: the snippets' JVM runs with its cache, and what the default remote
 * execution gives a learner is kept: Ctrl-C stops a runaway loop and the session goes on. How much faster it starts
 * is the bench's (row 8), not a test's.
 */
class ScriptsJShellStartupCacheTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void ctrlCStopsARunawayLoopAndTheSessionGoesOnWithTheCachesInUse() {
        TmuxPane.assumeTmux();
        try (var pane = TmuxPane.start(List.of(JShellSession.HOME.resolve("scripts/jshell").toString()),
                Map.of("PINGKIT_HOME", JShellSession.HOME.toString()), 200)) {
            // the first start after a build prepares the caches (says so), on a loaded machine for a while
            pane.await(Pattern.compile("^jshell> ", Pattern.MULTILINE), Duration.ofMinutes(4));
            pane.type("Runtime.version().feature() < 25 || java.lang.management.ManagementFactory.getRuntimeMXBean()"
                    + ".getInputArguments().stream().anyMatch(a -> a.startsWith(\"-XX:AOTCache=\") && a.endsWith(\".remote.aot\"))");
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
