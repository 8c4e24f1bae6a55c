package dev.pingkit.packet;

/** tshark is a test dependency (.ci/run installs it): under CI its absence fails, elsewhere it skips and says why. */
public final class TsharkRequired {
    private TsharkRequired() {
    }

    /** Fails under CI=true, skips elsewhere, when tshark does not run. */
    public static void check() {
        dev.pingkit.tools.RequiredTool.need(Tshark.available(), "tshark does not run here (apt-get install tshark)");
    }
}
