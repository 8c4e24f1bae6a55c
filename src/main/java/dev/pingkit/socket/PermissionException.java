package dev.pingkit.socket;

/**
 * <b>This process may not open the ICMP socket asked for; the one-line message says how to get permission.</b>
 * Thrown instead of a plain {@link NativeSocketException} when {@code socket()} fails with EPERM or EACCES, so
 * a front end can print {@link #getMessage()} alone, with no stack trace.
 */
public final class PermissionException extends NativeSocketException {
    PermissionException(String message, String call, int errno) {
        super(message, call, errno);
    }
}
