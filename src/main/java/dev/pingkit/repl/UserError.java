package dev.pingkit.repl;

/**
 * A mistake in what the user typed (unknown command, bad value, unknown host): printed as one line, and the session
 * goes on. No stack trace, no cause: the message is the whole story.
 */
final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserError(String message) {
        super(message, null, false, false);
    }
}
