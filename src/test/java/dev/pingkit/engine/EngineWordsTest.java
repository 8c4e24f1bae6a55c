package dev.pingkit.engine;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine names no tool: a mode's need is a general capability with its own name, and the tool's reason for
 * asking lives in the mode or front end that asks. Read from the sources, code and comments alike.
 */
class EngineWordsTest {
    static final Path SOURCES = Path.of("src/main/java/dev/pingkit/engine");
    static final Pattern TOOL = Pattern.compile("iputils|fping|traceroute|tracepath|\\bmtr\\b",
            Pattern.CASE_INSENSITIVE);

    static List<String> toolLines(Path file) throws IOException {
        List<String> found = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (TOOL.matcher(lines.get(i)).find()) {
                found.add(file.getFileName() + ":" + (i + 1) + ": " + lines.get(i).strip());
            }
        }
        return found;
    }

    @Test
    void noEngineSourceNamesATool() throws IOException {
        assertTrue(Files.isRegularFile(SOURCES.resolve("Engine.java")), "run from the project directory: "
                + SOURCES.toAbsolutePath());
        List<String> found = new ArrayList<>();
        int files = 0;
        try (Stream<Path> s = Files.list(SOURCES)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                files++;
                found.addAll(toolLines(p));
            }
        }
        assertTrue(files > 20, "the engine's sources were read: " + files);
        assertEquals(List.of(), found, "say the general behaviour; the tool's reason belongs in its mode");
    }

    @Test
    void theCheckSeesAToolNamedInAComment(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("X.java"), "class X {\n    // as FPing 5.1 does\n}\n");
        assertEquals(List.of("X.java:2: // as FPing 5.1 does"), toolLines(f));
    }
}
