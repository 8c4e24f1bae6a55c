package dev.pingkit.socket;

import java.io.IOException;

/**
 * <b>The socket was closed, possibly by another thread while this one waited in {@code receive}.</b>
 * A receive loop catches it to end quietly; it is not an error the user made.
 */
public final class ClosedSocketException extends IOException {
    /** With a message naming the socket that was closed. */
    public ClosedSocketException(String message) {
        super(message);
    }
}
