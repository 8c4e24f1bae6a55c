package dev.pingkit.sweep;

/**
 * <b>A running sweep's per-target counts so far, read from its own tallies</b> (no second copy), from any thread
 * while it runs: a front end's interval report or status line reads them here instead of counting every event
 * again. {@link SweepListener#onStart(SweepProgress)} hands it over.
 */
public final class SweepProgress {
    private final SweepTallies tallies;

    SweepProgress(SweepTallies tallies) {
        this.tallies = tallies;
    }

    /** <b>How many targets the sweep has.</b> */
    public int size() {
        return tallies.size();
    }

    /** <b>Probes of target {@code index} answered so far.</b> */
    public int received(int index) {
        synchronized (tallies) {
            return tallies.received(index);
        }
    }

    /**
     * <b>The round trip of each probe of target {@code index} that has ended so far, in the order they ended</b>
     * (in nanoseconds; -1 for one unanswered: lost, refused or failed to send), or null for a loop, which keeps no
     * times, only each target's min, max and sum.
     */
    public long[] rttNanos(int index) {
        synchronized (tallies) {
            return tallies.times(index);
        }
    }

    @Override
    public String toString() {
        return "SweepProgress[" + tallies.size() + " targets]";
    }
}
