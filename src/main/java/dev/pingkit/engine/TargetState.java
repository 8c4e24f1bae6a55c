package dev.pingkit.engine;

import dev.pingkit.socket.Family;

/** One target's plan, progress and statistics. */
final class TargetState {
    final ProbeTarget handle;
    final FamilyState family;
    final TargetPlan plan;
    final byte[] address;
    final byte[] alsoFrom; // loopback for 0.0.0.0 and ::, which the kernel answers from there; else null
    final StatisticsRecorder stats;
    long left;
    long numbers;
    int pending;
    int queued;
    boolean removed;

    TargetState(ProbeTarget handle, FamilyState family, TargetPlan plan, StatisticsRecorder stats) {
        this.handle = handle;
        this.stats = stats;
        this.family = family;
        this.plan = plan;
        this.address = handle.address().getAddress();
        this.alsoFrom = handle.address().isAnyLocalAddress()
                ? (family.family == Family.IPV4 ? new byte[] {127, 0, 0, 1} : loopback6()) : null;
        this.left = plan.count();
    }

    private static byte[] loopback6() {
        byte[] b = new byte[16];
        b[15] = 1;
        return b;
    }
}
