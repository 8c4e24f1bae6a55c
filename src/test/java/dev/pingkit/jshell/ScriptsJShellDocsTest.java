package dev.pingkit.jshell;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * scripts/jshell at a terminal, as a person presses Tab: after {@code Echo.to(} one Tab lists the signatures and a
 * second shows the facade's Javadoc (read from the src.zip of the JDK overlay scripts/jshell makes), and the JDK's
 * own Javadoc still shows. One tmux pane for the class; about 15 s, more on the first run after a source change
 * (the overlay's src.zip is rewritten then).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScriptsJShellDocsTest {
    /** The first prompt may wait for the overlay to be made, on a loaded machine. */
    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TAB_AGAIN = "<press tab again to see documentation>";

    private TmuxPane pane;
    /** The JDK the snippets run on, as the session itself reports it. */
    private Path jdk;
    private int pages;

    @BeforeAll
    void startScriptsJShell() {
        TmuxPane.assumeTmux();
        pane = TmuxPane.start(List.of(JShellSession.HOME.resolve("scripts/jshell").toString()),
                Map.of("PINGKIT_HOME", JShellSession.HOME.toString(),
                        "PINGKIT_CLASSPATH", System.getProperty("java.class.path")), 200);
        pane.await(Pattern.compile("^jshell> ", Pattern.MULTILINE), START);
        pane.type("System.getProperty(\"java.home\")");
        pane.press("Enter");
        jdk = Path.of(pane.await(Pattern.compile("\\$\\d+ ==> \"([^\"]+)\""), WAIT).group(1));
    }

    @AfterAll
    void closePane() {
        if (pane != null) {
            pane.close();
        }
    }

    @Test
    void secondTabAfterEchoToShowsTheFacadesJavadoc() {
        String docs = documentation("Echo.to(", "Echo Echo.to(String host)");
        // Echo.to(String)'s Javadoc, as JShell renders it (bold dropped, @throws as a section).
        assertTrue(docs.contains("An echo request to a host name or an IPv4/IPv6 literal, resolved once, now."), docs);
        assertTrue(Pattern.compile("Thrown Exceptions:\\s+IllegalArgumentException - unknown host").matcher(docs).find(),
                docs);
    }

    @Test
    void theJdksOwnJavadocStillShows() {
        String docs = documentation("\"\".length(", "int String.length()");
        if (Files.isReadable(jdk.resolve("lib/src.zip"))) {
            assertTrue(docs.contains("Returns the length of this string."), docs);
        } else {
            // A JDK without sources has none to show (scripts/jshell says so once: .ci/launcher-checks holds that).
            assertFalse(docs.contains("Returns the length of this string."), docs);
        }
    }

    @Test
    void snippetsRunOnTheJdksOwnJavaNotOnTheOverlay() {
        // Only the tool reads the overlay's src.zip; the JVM that opens sockets is the JDK's own bin/java, with
        // whatever capabilities were given to it.
        assertFalse(jdk.startsWith(JShellSession.HOME.resolve("target")), jdk.toString());
        assertTrue(Files.isExecutable(jdk.resolve("bin/java")), jdk.toString());
    }

    /**
     * Types {@code code}, presses Tab twice and returns the documentation page, from its first line
     * ({@code signature}) on; then clears the line. A value printed first marks where this page's screen begins.
     */
    private String documentation(String code, String signature) {
        String mark = "\"page " + ++pages + "\"";
        pane.type(mark);
        pane.press("Enter");
        String from = "==> " + Pattern.quote(mark) + "\n.*?";
        pane.await(Pattern.compile("(?s)" + from), WAIT);
        pane.type(code);
        pane.press("Tab");
        pane.await(Pattern.compile("(?s)" + from + Pattern.quote(TAB_AGAIN)), WAIT);
        pane.press("Tab");
        // After the signatures, the page: the signature again, the Javadoc, then a hint for the next page or the
        // prompt (one signature only).
        var m = pane.await(Pattern.compile("(?s)" + from + Pattern.quote(TAB_AGAIN) + ".*?\n("
                + Pattern.quote(signature) + "\n.*?)\n(?:<press tab to see next documentation>|jshell> )"), WAIT);
        pane.press("C-u");
        return m.group(1);
    }
}
