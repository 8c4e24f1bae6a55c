package dev.pingkit.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * <b>Standard output as iputils treats it: a reader that went away ends the command, a failed write is reported at
 * exit.</b> A {@link java.io.PrintStream} swallows write errors, and the JVM ignores SIGPIPE, so without this a ping
 * piped into {@code head -1} would run forever and one writing to {@code /dev/full} would exit 0. iputils dies of
 * SIGPIPE at its next line after the reader closed (the shell sees 141), and on any other failure finishes its run,
 * then says {@code ping: write error} and exits 1; this class gives the command what it needs to do the same.
 */
public final class GuardedOutput extends OutputStream {
    /** What a shell reports for a process that SIGPIPE ended: 128 + 13. */
    public static final int BROKEN_PIPE_EXIT = 141;

    private final OutputStream out;
    private final Path fdLink;
    private volatile Runnable onBrokenPipe = () -> { };
    private volatile boolean brokenPipe;
    private volatile boolean failed;

    private GuardedOutput(OutputStream out, Path fdLink) {
        this.out = out;
        this.fdLink = fdLink;
    }

    /** The process's standard output. */
    public static GuardedOutput stdout() {
        return new GuardedOutput(new FileOutputStream(FileDescriptor.out), Path.of("/proc/self/fd/1"));
    }

    /**
     * Standard output for a command that ends as a C tool does when its reader goes away (fping, traceroute, the
     * REPL): the write that finds the pipe closed, or a SIGPIPE sent to the process, ends it at once with 141, as
     * SIGPIPE's default action would. Nothing more is printed, no summary either: fping 5.1 prints none. The JVM
     * ignores SIGPIPE, so without this {@code fping -l | head -1} would run until killed.
     */
    public static GuardedOutput stdoutEndingOnBrokenPipe() {
        GuardedOutput out = stdout();
        out.onBrokenPipe(GuardedOutput::endOfBrokenPipe);
        Signals.handle("PIPE", GuardedOutput::endOfBrokenPipe);
        return out;
    }

    private static void endOfBrokenPipe() {
        // halt, not exit: a process SIGPIPE ends runs no more code; and exit could wait on the thread that writes.
        Runtime.getRuntime().halt(BROKEN_PIPE_EXIT);
    }

    /** Runs {@code action} (stopping the run) when the reader goes away. */
    public void onBrokenPipe(Runnable action) {
        this.onBrokenPipe = action;
        if (brokenPipe) {
            action.run();
        }
    }

    /** Whether the reader of a pipe went away. */
    public boolean brokenPipe() {
        return brokenPipe;
    }

    /** Whether a write failed for another reason (a full disk, a closed descriptor). */
    public boolean failed() {
        return failed;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (brokenPipe || failed) {
            return; // iputils' stdio drops what it cannot write, too
        }
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            if (isPipe()) {
                brokenPipe = true; // the only way a write to a pipe or socket fails: its reader is gone (EPIPE)
                onBrokenPipe.run();
            } else {
                failed = true;
            }
        }
    }

    private boolean isPipe() {
        try {
            String target = Files.readSymbolicLink(fdLink).toString();
            return target.startsWith("pipe:") || target.startsWith("socket:");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
