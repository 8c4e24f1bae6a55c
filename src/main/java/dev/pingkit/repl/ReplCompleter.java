package dev.pingkit.repl;

import java.util.List;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: command names first, then whatever the command offers for the argument under the cursor (field
 * names, their values, options, hosts used earlier in the session); a word that starts with {@code $} completes
 * to the session's variables ({@code --lab} defines one per lab host) wherever it stands.
 */
final class ReplCompleter implements Completer {
    private final Commands commands;

    ReplCompleter(Commands commands) {
        this.commands = commands;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        for (String word : candidates(line.words(), line.wordIndex())) {
            candidates.add(new Candidate(word, word, null, null, null, null, true));
        }
    }

    /** The words offered for word number {@code index} of a line (also used by the tests, without a terminal). */
    List<String> candidates(List<String> words, int index) {
        if (index >= 0 && index < words.size() && words.get(index).startsWith("$")) {
            return commands.variableNames().stream().sorted().map(v -> "$" + v).toList();
        }
        if (index <= 0) {
            return commands.names();
        }
        CommandSpec spec = commands.spec(words.get(0));
        if (spec == null) {
            return List.of();
        }
        return spec.completion().candidates(List.copyOf(words.subList(1, Math.min(index, words.size()))));
    }
}
