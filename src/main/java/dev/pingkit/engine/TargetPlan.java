package dev.pingkit.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * <b>A target's schedule in a run: how many probes, how far apart, and what each carries.</b>
 * The engine sends the first as soon as the run's global gap allows, then one every {@code interval}; explicit
 * probes ({@link Engine#probe}) come on top of it.
 *
 * <pre>{@code
 * TargetPlan.count(3, Duration.ofSeconds(1))          // three probes a second apart
 * TargetPlan.every(Duration.ofSeconds(15))            // a prober: until the run is stopped
 * TargetPlan.explicit()                                 // hop by hop, retries: only what Engine.probe asks for
 * }</pre>
 *
 * @param count         scheduled probes; 0 for none (explicit probes only), {@link #UNBOUNDED} until stopped
 * @param intervalNanos between two scheduled probes of this target
 * @param spec          what every scheduled probe carries (payload, TTL, TOS, timeout)
 */
public record TargetPlan(long count, long intervalNanos, ProbeSpec spec) {
    /** A count without end: the target is probed until the run is stopped or the target removed. */
    public static final long UNBOUNDED = Long.MAX_VALUE;

    /** Validates every field; messages name the field, the value and what is allowed. */
    public TargetPlan {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        if (intervalNanos < 0) {
            throw new IllegalArgumentException("interval must be >= 0, got " + intervalNanos + " ns");
        }
        Objects.requireNonNull(spec, "spec");
    }

    /** <b>{@code count} probes, {@code interval} apart, each {@link ProbeSpec#DEFAULT}.</b> */
    public static TargetPlan count(long count, Duration interval) {
        return new TargetPlan(count, ProbeSpec.saturatedNanos(interval, "interval"), ProbeSpec.DEFAULT);
    }

    /** <b>A probe every {@code interval} until the run is stopped or the target removed.</b> */
    public static TargetPlan every(Duration interval) {
        return count(UNBOUNDED, interval);
    }

    /** <b>No scheduled probes: the target gets only the probes {@link Engine#probe} asks for.</b> */
    public static TargetPlan explicit() {
        return new TargetPlan(0, 0, ProbeSpec.DEFAULT);
    }

    /** <b>This plan with each scheduled probe carrying {@code spec}.</b> */
    public TargetPlan spec(ProbeSpec spec) {
        return new TargetPlan(count, intervalNanos, spec);
    }

    /** <b>This plan with {@code count} probes.</b> */
    public TargetPlan count(long count) {
        return new TargetPlan(count, intervalNanos, spec);
    }

    /** <b>The interval as a Duration.</b> */
    public Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }
}
