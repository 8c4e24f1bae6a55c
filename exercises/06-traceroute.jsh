// Exercise 6: a ten-line traceroute of your own
// Run it in the lab:  scripts/netlab up   then   ip netns exec pingkit-client scripts/jshell
// and at the prompt:  /open exercises/06-traceroute.jsh
//
// traceroute is exercise 5 in a loop: send a probe with TTL 1, 2, 3, ... Each "Time to live exceeded" names the
// router at that distance; the first echo REPLY means the probe arrived, and the trace stops. A hop that stays
// silent (SendResult.NoReply) is printed as "*" by the real traceroute, and the trace goes on.
//
// YOUR TURN: write traceroute below in about ten lines, then run  check6()
// Test it by hand:  traceroute(lab("far"), 8)

// The hops towards `target`, one per TTL from 1: the address that answered (as text) or "*" when nothing came
// back. Stop after the target's own echo reply, or after maxHops probes.
List<String> traceroute(String target, int maxHops) throws IOException { throw new UnsupportedOperationException("traceroute(String, int) is not written yet"); }

// ---- the check: traces to far, to distant (five hops, one of them silent) and to peer, and compares your hops with
// what pingkit's own Trace finds on the same paths. No need to change anything below. ----

void check6() {
    var wrong = new ArrayList<String>();
    try {
        for (String name : List.of("far", "distant", "peer")) {
            String target = lab(name);
            // Trace first, one probe per hop: the lab's rate-limited hop has answered again by the time yours asks.
            var expected = new ArrayList<String>();
            for (var a : Trace.to(target).maxHops(8).probes(1).run().addresses())
                expected.add(a == null ? "*" : a.getHostAddress());
            var yours = traceroute(target, 8);
            System.out.println("  your traceroute to " + name + ": " + yours);
            if (!expected.equals(yours))
                wrong.add("traceroute(\"" + target + "\", 8) = " + yours + ", but Trace found " + expected + " to " + name);
        }
    } catch (IOException | RuntimeException e) {
        wrong.add(e instanceof UnsupportedOperationException ? e.getMessage() : "your code threw " + e);
    }
    verdict("check6()", "exercise 6 (traceroute)", wrong);
}

void verdict(String check, String exercise, List<String> wrong) {
    wrong.forEach(w -> System.out.println("  - " + w));
    System.out.println(wrong.isEmpty() ? "PASS " + exercise
            : "FAIL " + exercise + ": " + wrong.size() + " problem(s) above; fix them and run " + check + " again");
}

check6();
