package dev.pingkit.repl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

/**
 * <b>Whether a history file may be used: ours (or absent) and writable.</b> JLine, given a file it cannot write,
 * logs a stack trace after every command; given a file in another format, it "rewrites it with the valid entries",
 * which shrank a copy of {@code /etc/passwd} to two lines. So the REPL asks here first and, on a problem, keeps
 * history in memory only and says so once.
 */
final class HistoryFile {
    /** JLine's line format: the time in epoch milliseconds, a colon, the (escaped) command. */
    private static final Pattern ENTRY = Pattern.compile("\\d{1,19}:.*");
    /** Lines looked at: enough to tell a foreign file, few enough to cost nothing. */
    private static final int LINES_CHECKED = 200;

    private HistoryFile() {
    }

    /** Why {@code file} cannot hold this session's history, or null when it can. */
    static String problem(Path file) {
        if (Files.isDirectory(file)) {
            return "is a directory";
        }
        if (Files.exists(file) && !ours(file)) {
            return "not a pingkit history file (left as it is)";
        }
        try {
            if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                // Created 0600, as bash creates its history: the commands typed are nobody else's to read.
                Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // another session created it meanwhile: fine
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return reason(e);
        }
        try (OutputStream probe = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            return null; // it opened for appending: JLine will be able to add to it
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return reason(e);
        }
    }

    private static boolean ours(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int n = 0;
            for (String line; n < LINES_CHECKED && (line = r.readLine()) != null; n++) {
                if (!line.isEmpty() && !ENTRY.matcher(line).matches()) {
                    return false;
                }
            }
            return true;
        } catch (CharacterCodingException e) {
            return false; // binary: certainly not ours
        } catch (IOException e) {
            return true; // unreadable: the append probe will say why
        }
    }

    /** The errno-like part of an I/O failure ("Permission denied", "No such file or directory", ...). */
    static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
