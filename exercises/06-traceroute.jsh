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

// ---- the check: traces to far and to peer and compares with the lab's map. No need to change anything below. ----

void check6() {
    var wrong = new ArrayList<String>();
    try {
        String far = lab("far"), router = lab("router"), peer = lab("peer");
        var toFar = traceroute(far, 8);
        System.out.println("  your traceroute to far: " + toFar);
        if (!List.of(router, far).equals(toFar))
            wrong.add("traceroute(\"" + far + "\", 8) = " + toFar + ", but far is two hops away: [" + router + ", " + far + "]");
        var toPeer = traceroute(peer, 8);
        if (!List.of(peer).equals(toPeer))
            wrong.add("traceroute(\"" + peer + "\", 8) = " + toPeer + ", but peer is one hop away: [" + peer + "]");
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
