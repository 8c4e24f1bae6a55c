package dev.pingkit.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * One target's plan, progress and statistics.
 *
 * <p>A target added with its address keeps the caller's {@link ProbeTarget}; one of a block added at once keeps
 * only its index and address bytes and makes its {@code ProbeTarget} (and {@code InetAddress}) when asked for: a
 * /16 then holds no object per target besides this one, at the cost of a short-lived value per send and event.
 */
final class TargetState {
    private static final byte[] LOOPBACK4 = {127, 0, 0, 1};
    private static final byte[] LOOPBACK6 = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

    final int index;
    private final ProbeTarget handle; // null for a target of a block
    final FamilyState family;
    final TargetPlan plan;
    final byte[] address;
    final StatisticsRecorder stats;
    private final boolean anyLocal; // 0.0.0.0 or ::, which the kernel answers from loopback
    long left;
    long numbers;
    int pending;
    int queued;
    boolean removed;

    TargetState(ProbeTarget handle, FamilyState family, TargetPlan plan, StatisticsRecorder stats) {
        this(handle.index(), handle.address().getAddress(), handle, family, plan, stats);
    }

    /** A target of a block: {@code address} is its own (not copied). */
    TargetState(int index, byte[] address, FamilyState family, TargetPlan plan, StatisticsRecorder stats) {
        this(index, address, null, family, plan, stats);
    }

    private TargetState(int index, byte[] address, ProbeTarget handle, FamilyState family, TargetPlan plan,
                        StatisticsRecorder stats) {
        this.index = index;
        this.handle = handle;
        this.family = family;
        this.plan = plan;
        this.address = address;
        this.stats = stats;
        boolean zero = true;
        for (byte b : address) {
            zero &= b == 0;
        }
        this.anyLocal = zero;
        this.left = plan.count();
    }

    /** The handle callers and events name this target by (equal each time, made anew for a block's target). */
    ProbeTarget handle() {
        return handle != null ? handle : new ProbeTarget(index, inet());
    }

    /** The address to send to. */
    InetAddress inet() {
        if (handle != null) {
            return handle.address();
        }
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // 4 or 16 bytes are always an address
        }
    }

    /** True when {@code target} names this target. */
    boolean is(ProbeTarget target) {
        if (handle != null) {
            return handle == target || handle.equals(target); // identity first: a record's equals costs a cold start its bootstrap
        }
        return target.index() == index && Arrays.equals(address, target.address().getAddress());
    }

    /** Loopback for 0.0.0.0 and :: (the kernel answers them from there), else null. */
    byte[] alsoFrom() {
        return !anyLocal ? null : address.length == 4 ? LOOPBACK4 : LOOPBACK6;
    }
}
