package dev.pingkit.cli.prober;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
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
    /** The largest file read: 10 000 targets are ~200 KB, so this is room, not a limit anyone meets. */
    static final int MAX_BYTES = 8 << 20;
    /** The longest line: a host name is at most 253 characters, the rest is room for a comment. */
    static final int MAX_LINE = 1024;

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
        try (InputStream in = Files.newInputStream(file)) {
            // Read at most one byte past the limit: /dev/zero or a runaway file costs MAX_BYTES, not all memory.
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new Unreadable(file + ": larger than " + (MAX_BYTES >> 20) + " MiB (about 400 000 targets); "
                        + "split it or list fewer");
            }
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            lines = text.lines().toList();
        } catch (NoSuchFileException e) {
            throw new Unreadable(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new Unreadable(file + ": permission denied");
        } catch (CharacterCodingException e) {
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
            if (line.length() > MAX_LINE) {
                throw new Unreadable(name + ":" + (i + 1) + ": a line must be at most " + MAX_LINE + " characters (a "
                        + "host name is at most 253), got " + line.length());
            }
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
