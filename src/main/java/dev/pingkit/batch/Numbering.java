package dev.pingkit.batch;

import dev.pingkit.engine.Query;
import dev.pingkit.packet.Addresses;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a batch's sequence numbers can go on the wire as asked. The engine numbers one run's probes with one
 * counter, from a first number up by one; a batch whose numbers do that in send order goes out as asked, any other
 * (a number repeated to one target, or a jump) is numbered by the engine, and the results say why.
 */
final class Numbering {
    private Numbering() {
    }

    /** Empty when the seqs count up by one in send order; else why the engine numbers them. */
    static String seqNote(List<Query> probes) {
        Map<InetAddress, Map<Integer, Integer>> seen = new HashMap<>();
        for (Query q : probes) {
            Integer n = seen.computeIfAbsent(q.target(), k -> new HashMap<>()).merge(q.seq(), 1, Integer::sum);
            if (n == 2) {
                return "seq by the engine, 1.." + probes.size() + " in send order: seq " + q.seq()
                        + " repeats to " + Addresses.text(q.target());
            }
        }
        for (int i = 1; i < probes.size(); i++) {
            int want = (probes.get(i - 1).seq() + 1) & 0xffff;
            if (probes.get(i).seq() != want) {
                return "seq by the engine, 1.." + probes.size() + " in send order: the engine counts up by one, "
                        + "and probe " + (i + 1) + " asks " + probes.get(i).seq() + " after " + probes.get(i - 1)
                        .seq();
            }
        }
        return "";
    }
}
