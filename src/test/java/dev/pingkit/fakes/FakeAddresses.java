package dev.pingkit.fakes;

import java.io.IOException;
import java.net.InetAddress;

/** The fake network's addresses and time units: a client and a target per family, from the lab's documentation ranges. */
public final class FakeAddresses {
    /** One millisecond in nanoseconds. */
    public static final long MS = 1_000_000L;
    /** One second in nanoseconds. */
    public static final long S = 1_000 * MS;

    private FakeAddresses() {
    }

    /** The address of a literal (no name is looked up). */
    public static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The fake client's own address. */
    public static InetAddress client(boolean v6) {
        return ip(v6 ? "2001:db8::1" : "198.51.100.1");
    }

    /** The fake target's address. */
    public static InetAddress target(boolean v6) {
        return ip(v6 ? "2001:db8::2" : "198.51.100.2");
    }
}
