package dev.pingkit.jshell;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * scripts/jshell at a terminal (a {@link TmuxPane}), with this test run's class path: what a person sees when they
 * press Tab.
 */
final class ScriptsJShellPane implements AutoCloseable {
    /** The first prompt may wait for the JDK overlay to be made, on a loaded machine. */
    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TAB_AGAIN = "<press tab again to see documentation>";

    private final TmuxPane pane;
    private int pages;

    private ScriptsJShellPane(TmuxPane pane) {
        this.pane = pane;
    }

    /** Starts scripts/jshell with {@code environment} added (JAVA_HOME, say) and waits for its first prompt. */
    static ScriptsJShellPane start(Map<String, String> environment) {
        TmuxPane.assumeTmux();
        var env = new HashMap<>(environment);
        env.put("PINGKIT_HOME", JShellSession.HOME.toString());
        env.put("PINGKIT_CLASSPATH", System.getProperty("java.class.path"));
        var session = new ScriptsJShellPane(
                TmuxPane.start(List.of(JShellSession.HOME.resolve("scripts/jshell").toString()), env, 200));
        try {
            session.pane.await(Pattern.compile("^jshell> ", Pattern.MULTILINE), START);
        } catch (AssertionError e) {
            session.close(); // no jshell left running
            throw e;
        }
        return session;
    }

    /** The java.home of the JVM that runs the snippets, as the session itself reports it. */
    Path snippetJavaHome() {
        String mark = mark();
        pane.type("System.getProperty(\"java.home\")");
        pane.press("Enter");
        return Path.of(pane.await(Pattern.compile("(?s)" + mark + "\\$\\d+ ==> \"([^\"]+)\""), WAIT).group(1));
    }

    /**
     * Types {@code code}, presses Tab twice and returns the documentation page, from its first line
     * ({@code signature}) up to the hint for the next page or the prompt; then clears the line.
     */
    String documentation(String code, String signature) {
        String from = "(?s)" + mark();
        pane.type(code);
        pane.press("Tab");
        pane.await(Pattern.compile(from + Pattern.quote(TAB_AGAIN)), WAIT);
        pane.press("Tab");
        // After the signature list, the page: the signature again, the Javadoc, then a hint for the next page or
        // the prompt (one signature only).
        var m = pane.await(Pattern.compile(from + Pattern.quote(TAB_AGAIN) + ".*?\n(" + Pattern.quote(signature)
                + "\n.*?)\n(?:<press tab to see next documentation>|jshell> )"), WAIT);
        pane.press("C-u");
        return m.group(1);
    }

    /** Everything the terminal has shown, stderr included. */
    String screen() {
        return pane.screen();
    }

    @Override
    public void close() {
        pane.close();
    }

    /** Evaluates a value of its own and returns a pattern for the screen from there on. */
    private String mark() {
        String mark = "\"page " + ++pages + "\"";
        pane.type(mark);
        pane.press("Enter");
        String from = "==> " + Pattern.quote(mark) + "\n.*?";
        pane.await(Pattern.compile("(?s)" + from), WAIT);
        return from;
    }
}
