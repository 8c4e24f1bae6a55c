package dev.pingkit.repl;

/**
 * A command ran and printed its own outcome but did not succeed (for example a {@code ping} with no reply, which
 * {@code scripts/ping} would end with a non-zero status). A script stops here unless told to keep going.
 */
final class CommandFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommandFailed(String why) {
        super(why, null, false, false);
    }
}
