package dev.pingkit.cli;

/**
 * A mistake on the command line or an unusable target: the command prints {@code ping: <message>} on one line of
 * stderr and exits with {@link #exitCode()} (2, as iputils documents for errors). Never carries a stack trace to the
 * user.
 */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    /** A usage error with exit code 2 and the iputils wording (without the {@code ping: } prefix). */
    public UsageException(String message) {
        this(message, 2);
    }

    /** A usage error with an explicit exit code. */
    public UsageException(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** The process exit code for this error. */
    public int exitCode() {
        return exitCode;
    }

    /**
     * The line printed on stderr, e.g. {@code ping: invalid -M argument: foo}; what the user typed in it is shown
     * safely ({@link Shown}: control bytes escaped, a huge value cut).
     */
    public String line() {
        return "ping: " + Shown.text(getMessage());
    }
}
