package dev.pingkit.cli;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.cli.Options;

/**
 * <b>What a command's help, shell completion and man page are made of: its Commons CLI option table and a few
 * words.</b> One value per launcher, listed in {@code dev.pingkit.cli.docs.DocsGenerator#commands()} (there, not here:
 * the commands' packages such as {@code cli.fping} import {@code cli}), which turns them into
 * {@code docs/completion/pingkit.bash} and {@code docs/man/pingkit-NAME.1}. An option without a description is
 * listed with none.
 *
 * @param name        the launcher's name under {@code scripts/} ({@code ping})
 * @param summary     one line for the man page's NAME section
 * @param synopsis    the usage after the command name ({@code [options] destination})
 * @param description paragraphs of the man page's DESCRIPTION
 * @param options     the option table the command parses with
 * @param values      how to complete an option's value, by the option's name as typed ({@code -M}, {@code --history});
 *                    an option that takes a value and is not listed completes nothing
 * @param operands    how to complete the words that are not options
 * @param additions   what pingkit adds to or changes from the tool it mirrors, one item each (may be empty)
 * @param exitStatus  the man page's EXIT STATUS paragraph
 * @param seeAlso     related pages, {@code ping(8)}
 */
public record CommandDoc(String name, String summary, String synopsis, List<String> description, Options options,
                         Map<String, Values> values, Values operands, List<String> additions, String exitStatus,
                         List<String> seeAlso) {

    /** How a word completes. */
    public enum Kind {
        /** Nothing to offer (a number, free text). */
        NONE,
        /** A file name. */
        FILE,
        /** A host name (from the hosts file). */
        HOST,
        /** A network interface name. */
        INTERFACE,
        /** One of a fixed list of words. */
        WORDS
    }

    /**
     * How the value of an option (or an operand) completes.
     *
     * @param kind  what kind of word
     * @param words the choices when {@code kind} is {@link Kind#WORDS}, else empty
     */
    public record Values(Kind kind, List<String> words) {
        public Values {
            Objects.requireNonNull(kind, "kind");
            words = List.copyOf(words);
        }

        /** A value of this kind (not {@link Kind#WORDS}). */
        public static Values of(Kind kind) {
            return new Values(kind, List.of());
        }

        /** One of these words. */
        public static Values words(String... words) {
            return new Values(Kind.WORDS, List.of(words));
        }
    }

    public CommandDoc {
        description = List.copyOf(description);
        values = Map.copyOf(values);
        additions = List.copyOf(additions);
        seeAlso = List.copyOf(seeAlso);
    }
}
