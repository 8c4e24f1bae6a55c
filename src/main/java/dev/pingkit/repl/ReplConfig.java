package dev.pingkit.repl;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How a REPL session runs.
 *
 * @param historyFile where history persists between sessions; empty keeps it in memory only
 * @param scripted    commands come from a file or pipe: no prompt redraw, each command echoed before its output
 * @param keepGoing   in scripted mode, run the rest of the script after a failed command (the exit status still says
 *                    it failed)
 * @param variables   initial {@code $name} variables (for example the lab's addresses)
 */
public record ReplConfig(Optional<Path> historyFile, boolean scripted, boolean keepGoing, Map<String, String> variables) {

    /** The history file of an interactive user: {@code $HOME/.pingkit_history}; empty without a home. */
    public static Optional<Path> defaultHistoryFile() {
        return defaultHistoryFile(System.getenv(), System.getProperty("user.home", ""));
    }

    /**
     * {@code .pingkit_history} in {@code $HOME} as the shell sees it (Java's {@code user.home} is the password file's
     * home, which {@code sudo -E} or {@code HOME=/tmp} do not change), else in {@code userHome}; empty when neither is
     * an absolute directory name (a user without a home: JLine would have written under the working directory).
     */
    static Optional<Path> defaultHistoryFile(Map<String, String> env, String userHome) {
        String home = env.getOrDefault("HOME", "");
        if (home.isEmpty() || !home.startsWith("/")) {
            home = userHome;
        }
        if (home == null || !home.startsWith("/")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(home, ".pingkit_history"));
    }

    public ReplConfig {
        variables = Map.copyOf(variables);
    }

    /** An interactive session with history in {@code file}. */
    public static ReplConfig interactive(Path file) {
        return new ReplConfig(Optional.of(file), false, false, Map.of());
    }

    /** A scripted session without persistent history. */
    public static ReplConfig script(boolean keepGoing) {
        return new ReplConfig(Optional.empty(), true, keepGoing, Map.of());
    }

    /** The same configuration with these variables added. */
    public ReplConfig withVariables(Map<String, String> more) {
        var all = new java.util.LinkedHashMap<>(variables);
        all.putAll(more);
        return new ReplConfig(historyFile, scripted, keepGoing, all);
    }
}
