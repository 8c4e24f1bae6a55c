package dev.pingkit.repl;

import java.util.List;

/**
 * One REPL command: its name, how to call it, a one-line summary for {@code help}, the longer help text, and what
 * Tab offers for its next argument.
 */
record CommandSpec(String name, String usage, String summary, String details, Completion completion,
                   Handler handler) {

    /** Runs a command on its arguments (the words after the name, quotes removed, variables expanded). */
    @FunctionalInterface
    interface Handler {
        void run(List<String> args) throws Exception;
    }

    /** What Tab offers for the next argument, given the arguments already typed before it. */
    @FunctionalInterface
    interface Completion {
        List<String> candidates(List<String> before);

        /** The same words at every position. */
        static Completion words(String... words) {
            List<String> list = List.of(words);
            return before -> list;
        }

        /** The words for the first argument, nothing after. */
        static Completion first(String... words) {
            List<String> list = List.of(words);
            return before -> before.isEmpty() ? list : List.of();
        }
    }
}
