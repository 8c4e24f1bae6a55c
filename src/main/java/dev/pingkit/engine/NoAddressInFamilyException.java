package dev.pingkit.engine;

/**
 * <b>A host that resolves, but to no address of the family asked for</b> ({@code host h has no IPv6 address}): a
 * user's mistake, so an {@link IllegalArgumentException}, with its own type so a front end can say it in its
 * tool's words without reading the message.
 */
public final class NoAddressInFamilyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String host;
    private final int family;

    /** <b>{@code host} has no address of {@code family} (4 or 6).</b> */
    public NoAddressInFamilyException(String host, int family) {
        super("host " + host + " has no IPv" + family + " address");
        this.host = host;
        this.family = family;
    }

    /** <b>The host as given (stripped).</b> */
    public String host() {
        return host;
    }

    /** <b>The family asked for: 4 or 6.</b> */
    public int family() {
        return family;
    }
}
