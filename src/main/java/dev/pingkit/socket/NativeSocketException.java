package dev.pingkit.socket;

import java.io.IOException;

/**
 * <b>A native socket call failed; the message names the call, the errno and what to do.</b>
 * For example {@code sendto(AF_INET): EMSGSIZE (Message too long); the packet is larger than the path MTU ...}.
 * Callers that want to react to a particular failure read {@link #errnoName()} rather than parse the message.
 */
public class NativeSocketException extends IOException {
    private final String call;
    private final int errno;

    /** A failure of {@code call} with {@code errno}, explained by {@code advice} (null: generic advice). */
    public NativeSocketException(String call, int errno, String advice) {
        super(message(call, errno, advice));
        this.call = call;
        this.errno = errno;
    }

    /** For subclasses that compose their own one-line message. */
    protected NativeSocketException(String message, String call, int errno) {
        super(message);
        this.call = call;
        this.errno = errno;
    }

    private static String message(String call, int errno, String advice) {
        String description = Errno.description(errno);
        return call + ": " + Errno.name(errno) + (description != null ? " (" + description + ")" : "") + "; "
                + (advice != null ? advice : Errno.advice(errno));
    }

    /** The native call that failed, with its significant arguments, e.g. {@code socket(AF_INET, SOCK_RAW)}. */
    public String call() {
        return call;
    }

    /** The errno the call left. */
    public int errno() {
        return errno;
    }

    /** The C library's description of the errno, e.g. {@code Message too long}; the name when it has none. */
    public String errnoDescription() {
        String d = Errno.description(errno);
        return d != null ? d : Errno.name(errno);
    }

    /** The errno's symbolic name, e.g. {@code EPERM}. */
    public String errnoName() {
        return Errno.name(errno);
    }
}
