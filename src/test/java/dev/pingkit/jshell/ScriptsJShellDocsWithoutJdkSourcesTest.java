package dev.pingkit.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * scripts/jshell on a JDK without lib/src.zip (Debian's OpenJDK without its -source package): Tab still shows
 * pingkit's Javadoc, the JDK's own cannot show, and the first start says so in one line. The JDK is this test JVM's,
 * seen through a tree of symbolic links that leaves out lib/src.zip (target/jdk-without-sources); its overlay is
 * made afresh each run. About 20 s.
 */
class ScriptsJShellDocsWithoutJdkSourcesTest {
    private static final Path TARGET = JShellSession.HOME.resolve("target");

    @Test
    void tabShowsPingkitsJavadocAndTheFirstStartSaysTheJdksIsMissing() throws IOException {
        Path jdk = jdkWithoutSources(Path.of(System.getProperty("java.home")), TARGET.resolve("jdk-without-sources"));
        deleteTree(TARGET.resolve("jshell").resolve(jdk.getFileName()));
        try (var jshell = ScriptsJShellPane.start(Map.of("JAVA_HOME", jdk.toString()))) {
            ScriptsJShellDocsTest.assertEchoToJavadoc(jshell.documentation("Echo.to(", "Echo Echo.to(String host)"));
            String docs = jshell.documentation("\"\".length(", "int String.length()");
            assertFalse(docs.contains("Returns the length of this string."), docs);
            String said = "pingkit: JShell's Tab documentation shows pingkit's Javadoc but not the JDK's: " + jdk
                    + " has no lib/src.zip (";
            assertEquals(1, jshell.screen().split(Pattern.quote(said), -1).length - 1, jshell.screen());
        }
    }

    /** A JDK made of links to {@code real}'s files, except lib/src.zip; remade each time. */
    private static Path jdkWithoutSources(Path real, Path copy) throws IOException {
        deleteTree(copy);
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(real)) {
            entries = walk.toList();
        }
        for (Path from : entries) {
            Path to = copy.resolve(real.relativize(from).toString());
            if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(to);
            } else if (!real.relativize(from).toString().equals("lib/src.zip")) {
                Files.createSymbolicLink(to, from);
            }
        }
        assertTrue(Files.isExecutable(copy.resolve("bin/jshell")), "no bin/jshell in " + real);
        return copy;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
