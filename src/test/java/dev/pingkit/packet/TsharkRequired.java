package dev.pingkit.packet;

import org.junit.jupiter.api.Assumptions;

/** tshark is a test dependency (.ci/run installs it): under CI its absence fails, elsewhere it skips and says why. */
public final class TsharkRequired {
    private TsharkRequired() {
    }

    /** Fails under CI=true, skips elsewhere, when tshark does not run. */
    public static void check() {
        boolean ok = Tshark.available();
        if (!ok && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("tshark is needed by this test and .ci/run installs it, but it does not run");
        }
        Assumptions.assumeTrue(ok, "tshark is not installed (apt-get install tshark)");
    }
}
