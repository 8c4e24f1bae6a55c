package dev.pingkit.repl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;

/**
 * Types lines into a {@link Repl} on a dumb terminal over in-memory streams and gives back what it printed, as
 * JLine's own tests do: commands in, plain text out.
 */
final class ReplDriver {
    /** What a session printed and its exit status. */
    record Transcript(String output, int status) {
        boolean hasLine(String line) {
            return output.lines().anyMatch(line::equals);
        }
    }

    private ReplDriver() {
    }

    static Transcript run(ReplConfig config, String... lines) {
        return run(config, r -> { }, lines);
    }

    /** Runs the lines as a script; {@code inspect} sees the Repl after it finished (history, ...). */
    static Transcript run(ReplConfig config, Consumer<Repl> inspect, String... lines) {
        String input = String.join("\n", lines) + "\n";
        var out = new ByteArrayOutputStream();
        try (Terminal t = new DumbTerminal("test", "dumb", new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                out, StandardCharsets.UTF_8)) {
            Repl repl = new Repl(t, config);
            int status = repl.run();
            t.flush();
            inspect.accept(repl);
            return new Transcript(out.toString(StandardCharsets.UTF_8).replace("\r", ""), status);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Transcript script(String... lines) {
        return run(ReplConfig.script(true), lines);
    }
}
