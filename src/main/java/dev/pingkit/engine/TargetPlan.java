package dev.pingkit.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * <b>A target's schedule in a run: how many probes, how far apart, from when, and what each carries.</b>
 * The engine sends the first once the target is started and its start delay has passed (and the run's global gap
 * allows), then one every {@code interval}; explicit probes ({@link Engine#probe}) come on top of it.
 *
 * <pre>{@code
 * TargetPlan.count(3, Duration.ofSeconds(1))          // three probes a second apart
 * TargetPlan.every(Duration.ofSeconds(15))            // a prober: until the run is stopped
 * TargetPlan.explicit()                                 // hop by hop, retries: only what Engine.probe asks for
 * TargetPlan.every(Duration.ofSeconds(1)).startAfter(Duration.ofMillis(250)) // staggered among others
 * }</pre>
 *
 * @param count         scheduled probes; 0 for none (explicit probes only), {@link #UNBOUNDED} until stopped
 * @param intervalNanos between two scheduled probes of this target
 * @param spec          what every scheduled probe carries (payload, TTL, TOS, timeout)
 * @param startNanos    from the target's start (when the run takes it in) to its first scheduled probe, >= 0
 */
public record TargetPlan(long count, long intervalNanos, ProbeSpec spec, long startNanos) {
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
        if (startNanos < 0) {
            throw new IllegalArgumentException("start must be >= 0, got " + startNanos + " ns");
        }
    }

    /** <b>A plan whose first probe goes out as soon as the target is started.</b> */
    public TargetPlan(long count, long intervalNanos, ProbeSpec spec) {
        this(count, intervalNanos, spec, 0);
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
        return new TargetPlan(count, intervalNanos, spec, startNanos);
    }

    /** <b>This plan with {@code count} probes.</b> */
    public TargetPlan count(long count) {
        return new TargetPlan(count, intervalNanos, spec, startNanos);
    }

    /**
     * <b>This plan with its first scheduled probe {@code delay} after the target is started</b>, the next ones on
     * the beat from there: targets added together start spread out instead of in one burst.
     */
    public TargetPlan startAfter(Duration delay) {
        return new TargetPlan(count, intervalNanos, spec, ProbeSpec.saturatedNanos(delay, "start"));
    }

    /** <b>The interval as a Duration.</b> */
    public Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }
}
