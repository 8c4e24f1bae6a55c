package dev.pingkit.engine;

/**
 * <b>A host name that does not resolve</b> ({@code unknown host: nosuch.invalid}): a user's mistake, so an
 * {@link IllegalArgumentException}, with its own type so a front end can say it in its tool's words without
 * reading the message.
 */
public final class HostNotFoundException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String host;

    /** <b>{@code host} did not resolve.</b> */
    public HostNotFoundException(String host) {
        super("unknown host: " + host);
        this.host = host;
    }

    /** <b>The name as given (stripped).</b> */
    public String host() {
        return host;
    }
}
