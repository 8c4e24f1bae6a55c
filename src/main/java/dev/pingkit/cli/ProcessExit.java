package dev.pingkit.cli;

/**
 * How a one-shot command leaves the JVM: {@link System#out} and {@link System#err} flushed, then
 * {@link Runtime#halt}. {@code System.exit} runs the shutdown sequence, which on JDK 21 and later first looks up a
 * {@code System.Logger} for the exit event (a service-loader scan) and costs a one-packet ping some 10 ms; these
 * commands register no shutdown hook and leave no file to delete on exit, so there is nothing for that sequence
 * to do. The JVM's own exit work (writing a class-data or AOT archive the launcher asked for) still happens: it
 * belongs to the VM's exit, which halt goes through too.
 */
public final class ProcessExit {
    private ProcessExit() {
    }

    /** Flushes the standard streams and ends the process with {@code code}; never returns. */
    public static void now(int code) {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }
}
