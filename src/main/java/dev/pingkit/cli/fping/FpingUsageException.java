package dev.pingkit.cli.fping;

/**
 * <b>A command line fping refuses: the text it prints on stderr and its exit code</b> (1 for every argument
 * mistake in fping 5.1, whose man page says 3). Never carries a stack trace to the user.
 */
final class FpingUsageException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    FpingUsageException(String text, int exitCode) {
        super(text, null, false, false);
        this.exitCode = exitCode;
    }

    FpingUsageException(String text) {
        this(text, 1);
    }

    /** The bad-value case: fping prints its whole usage text on stderr. */
    static FpingUsageException usage() {
        return new FpingUsageException(FpingWords.usage().stripTrailing());
    }

    int exitCode() {
        return exitCode;
    }
}
