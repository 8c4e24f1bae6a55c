package dev.pingkit.jshell;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * scripts/jshell at a terminal, as a person presses Tab: after {@code Echo.to(} one Tab lists the signatures and a
 * second shows the facade's Javadoc (read from the src.zip of the JDK overlay scripts/jshell makes), and the JDK's
 * own Javadoc still shows. One session for the class; about 20 s, more on the first run after a source change (the
 * overlay's src.zip is rewritten then).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScriptsJShellDocsTest {
    private ScriptsJShellPane jshell;
    /** The JDK the snippets run on, as the session itself reports it. */
    private Path jdk;

    @BeforeAll
    void startScriptsJShell() {
        jshell = ScriptsJShellPane.start(Map.of());
        jdk = jshell.snippetJavaHome();
    }

    @AfterAll
    void closePane() {
        if (jshell != null) {
            jshell.close();
        }
    }

    @Test
    void secondTabAfterEchoToShowsTheFacadesJavadoc() {
        assertEchoToJavadoc(jshell.documentation("Echo.to(", "Echo Echo.to(String host)"));
    }

    @Test
    void theJdksOwnJavadocStillShows() {
        String docs = jshell.documentation("\"\".length(", "int String.length()");
        if (Files.isReadable(jdk.resolve("lib/src.zip"))) {
            assertTrue(docs.contains("Returns the length of this string."), docs);
        } else {
            // A JDK without sources has none to show (ScriptsJShellDocsWithoutJdkSourcesTest).
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

    /** Echo.to(String)'s Javadoc as JShell renders it: bold dropped, {@code @throws} as a section. */
    static void assertEchoToJavadoc(String docs) {
        assertTrue(docs.contains("An echo request to a host name or an IPv4/IPv6 literal, resolved once, now."),
                docs);
        assertTrue(Pattern.compile("Thrown Exceptions:\\s+IllegalArgumentException - unknown host").matcher(docs)
                .find(), docs);
    }
}
