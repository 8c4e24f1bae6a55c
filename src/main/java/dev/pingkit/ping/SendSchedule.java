package dev.pingkit.ping;

/**
 * <b>When the next probe may go out: iputils' token bucket, in nanoseconds.</b>
 *
 * <p>The bucket starts with {@code interval × (preload - 1)} tokens, so {@code preload} probes leave at once, then
 * earns one probe per interval and never holds more than {@code interval × preload}. With interval 0 (flood) the
 * next probe goes as soon as fewer than {@code preload} probes are in flight, or 10 ms after the previous one
 * when no reply came (iputils' 100 packets per second floor for an unanswered flood).
 */
final class SendSchedule {
    /** iputils' MIN_INTERVAL_MS: the flood pace when nothing answers. */
    static final long FLOOD_FALLBACK_NANOS = 10_000_000L;

    private long interval;
    private final int preload;
    private boolean started;
    private long cur;
    private long tokens;

    SendSchedule(long intervalNanos, int preload) {
        this.interval = intervalNanos;
        this.preload = preload;
    }

    /** Changes the interval from now on (ping -A after each reply), as iputils changes its own. */
    void interval(long intervalNanos) {
        interval = intervalNanos;
    }

    /**
     * Returns 0 if a probe may be sent now (and takes its token), else the nanoseconds until one may.
     */
    long poll(long now, long inFlight) {
        if (!started) {
            started = true;
            cur = now;
            tokens = interval * (preload - 1);
            return 0;
        }
        long elapsed = now - cur;
        if (interval == 0 && elapsed < FLOOD_FALLBACK_NANOS && inFlight >= preload) {
            return FLOOD_FALLBACK_NANOS - elapsed;
        }
        long ntokens = elapsed + tokens;
        long cap = interval * preload;
        if (cap < ntokens) {
            ntokens = cap;
        }
        if (ntokens < interval) {
            return interval - ntokens;
        }
        cur = now;
        tokens = ntokens - interval;
        return 0;
    }
}
