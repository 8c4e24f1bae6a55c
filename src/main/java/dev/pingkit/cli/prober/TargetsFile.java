package dev.pingkit.cli.prober;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * <b>The targets file: one target (a host name or an address literal) a line</b>; blank lines and everything after
 * a {@code #} are ignored, so is a repeat. Read at start and again on SIGHUP.
 */
final class TargetsFile {
    private TargetsFile() {
    }

    /**
     * <b>The targets in {@code file}, in order, without repeats.</b>
     *
     * @throws Unreadable with a one-line reason naming the file (missing, not readable, not UTF-8, a line that is
     *                    not a single word)
     */
    static List<String> read(Path file) throws Unreadable {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new Unreadable(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new Unreadable(file + ": permission denied");
        } catch (MalformedInputException e) {
            throw new Unreadable(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new Unreadable(file + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        return parse(file.toString(), lines);
    }

    /** The targets in {@code lines}; {@code name} is the file's name for messages. */
    static List<String> parse(String name, List<String> lines) throws Unreadable {
        LinkedHashSet<String> targets = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String t = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (t.isEmpty()) {
                continue;
            }
            if (t.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                throw new Unreadable(name + ":" + (i + 1) + ": a line must hold one target, got '" + t + "'");
            }
            targets.add(t);
        }
        return new ArrayList<>(targets);
    }

    /** The file cannot be used; the message is one line naming it and why. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message, null, false, false);
        }
    }
}
