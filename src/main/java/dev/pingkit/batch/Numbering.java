package dev.pingkit.batch;

/**
 * Whose sequence numbers a batch's probes carried. A seq the user set goes on the wire as set, whatever the shape
 * (a seq range over several targets, sizes at one seq, jumps, repeats): the engine keeps probes apart by (target,
 * id, seq). Where none was set, the engine numbers the probes from the echo's seq up by one in send order, and the
 * results say so.
 */
final class Numbering {
    private Numbering() {
    }

    /** Empty when the seqs went out as asked; else how the engine numbered them. */
    static String seqNote(boolean ownSeqs, int probes) {
        if (ownSeqs || probes <= 1) {
            return ""; // one probe with no seq set carries the echo's, which the engine starts from
        }
        return "seq by the engine, " + (probes <= 65535 ? "1.." + probes : "from 1, wrapping at 65535")
                + " in send order (no seq was set)";
    }
}
