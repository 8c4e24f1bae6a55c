package dev.pingkit.fakes;

import dev.pingkit.engine.TimeSource;

/** A clock that moves only when told (or when the fake socket waits). */
public final class FakeClock implements TimeSource {
    public long now = 1_000_000_000L;

    @Override
    public long nanoTime() {
        return now;
    }

    public void advance(long nanos) {
        now += nanos;
    }
}
