package dev.pingkit.ping;

/** A clock that moves only when told (or when the fake socket waits). */
final class FakeClock implements TimeSource {
    long now = 1_000_000_000L;

    @Override
    public long nanoTime() {
        return now;
    }

    void advance(long nanos) {
        now += nanos;
    }
}
