import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * <b>Writes the {@code lib/src.zip} of scripts/jshell's JDK overlay: the JDK's own sources plus a {@code pingkit/}
 * root holding the project's, so that JShell's Tab documentation shows pingkit's Javadoc.</b>
 *
 * <p>Run by scripts/lib/jshell-docs.sh as a source-file program ({@code java SourceZip.java OUT JDK-SRC-ZIP
 * SOURCE-DIR}), with the JDK the launchers picked, so it needs nothing but that JDK. JShell takes a src.zip as
 * "modular" when it holds {@code java.base/java/lang/Object.java}, and then puts every top directory on its source
 * path; a JDK without sources ({@code -} for JDK-SRC-ZIP) gets a placeholder for that one file, so pingkit's
 * Javadoc is found all the same (the JDK's own is not: there is none to find).
 *
 * <p>The JDK's archive is copied and the new entries added through the zip file system, which copies the existing
 * entries' compressed bytes as they are (recompressing 200 MB of JDK sources would take many seconds). On any error
 * it prints one line and exits 1; the caller then runs jshell without pingkit's Javadoc.
 */
final class SourceZip {
    private static final String PLACEHOLDER = """
            // Placeholder written by pingkit's scripts/jshell: this JDK has no lib/src.zip, and JShell reads a
            // src.zip only when it holds java.base/java/lang/Object.java. Install the JDK's sources for its Javadoc.
            package java.lang;

            public class Object {
            }
            """;

    private SourceZip() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: java SourceZip.java OUT JDK-SRC-ZIP|- SOURCE-DIR");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        try {
            write(out, args[1].equals("-") ? null : Path.of(args[1]), Path.of(args[2]));
        } catch (IOException | RuntimeException e) {
            System.err.println("pingkit: cannot write " + out + ": " + e);
            System.exit(1);
        }
    }

    private static void write(Path out, Path jdkSources, Path sources) throws IOException {
        Files.deleteIfExists(out);
        if (jdkSources != null) {
            Files.copy(jdkSources, out, StandardCopyOption.COPY_ATTRIBUTES);
        }
        try (FileSystem zip = FileSystems.newFileSystem(out, Map.of("create", "true"))) {
            if (jdkSources == null) {
                Path object = zip.getPath("java.base/java/lang/Object.java");
                Files.createDirectories(object.getParent());
                Files.writeString(object, PLACEHOLDER, StandardCharsets.UTF_8);
            }
            Path root = zip.getPath("pingkit");
            List<Path> files;
            try (Stream<Path> walk = Files.walk(sources)) {
                files = walk.filter(p -> p.getFileName().toString().endsWith(".java") && Files.isRegularFile(p))
                        .sorted().toList();
            }
            for (Path file : files) {
                Path to = root.resolve(sources.relativize(file).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to);
            }
        }
    }
}
