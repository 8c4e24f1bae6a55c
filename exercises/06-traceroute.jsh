// Exercise 6: a ten-line traceroute of your own
// Run it in the lab:  scripts/netlab up   then
//     ip netns exec pingkit-client scripts/jshell --exercise 06   (your own copy, in ~/pingkit-exercises)
//
// traceroute is exercise 5 in a loop: send a probe with TTL 1, 2, 3, ... Each "Time to live exceeded" names the
// router at that distance; the first echo REPLY means the probe arrived, and the trace stops. A hop that stays
// silent (SendResult.NoReply) is printed as "*" by the real traceroute, and the trace goes on. Any other ICMP error
// ("destination unreachable": SendResult.Failed whose error() is type 3) ends the trace too: the router that sent
// it has no way on, so a higher TTL would only hear the same.
//
// YOUR TURN: write traceroute below in about ten lines, then run  check6()
// Test it by hand:  traceroute(lab("far"), 8)

// The hops towards `target`, one per TTL from 1: the address that answered (as text) or "*" when nothing came
// back. Stop after the target's own echo reply, after an unreachable, or after maxHops probes.
List<String> traceroute(String target, int maxHops) throws IOException { throw new UnsupportedOperationException("traceroute(String, int) is not written yet"); }

// ---- the check: traces to far, to distant (five hops, one of them silent) and to peer, and compares your hops with
// what pingkit's own Trace finds on the same paths. No need to change anything below. ----

void check6() {
    var wrong = new ArrayList<String>();
    String far, router, peer, unreachable, blackhole;
    try {
        far = lab("far"); router = lab("router"); peer = lab("peer");
        unreachable = lab("unreachable"); blackhole = lab("blackhole");
    } catch (RuntimeException e) {                       // the lab is down, or JShell runs outside it: say so at once
        System.out.println("FAIL exercise 6 (traceroute) cannot run here: " + e.getMessage());
        return;
    }
    try {
        var toFar = traceroute(far, 8);
        System.out.println("  your traceroute to far: " + toFar);
        if (!List.of(router, far).equals(toFar))
            wrong.add("traceroute(\"" + far + "\", 8) = " + toFar + (toFar.size() > 2 && toFar.get(1).equals(far)
                    ? ": it went on after far's echo reply; the trace is done when the target answers"
                    : toFar.equals(List.of(router)) ? ": it stopped at the first router; a Time Exceeded means: try the next TTL"
                    : toFar.contains(far) && !toFar.contains(router) ? ": the hops are who SENT each answer, not the target"
                    : ", but far is two hops away"));
        var toPeer = traceroute(peer, 8);
        if (!List.of(peer).equals(toPeer))
            wrong.add("traceroute(\"" + peer + "\", 8) = " + toPeer + ", but peer is one hop away");
        var toUnreachable = traceroute(unreachable, 4);
        System.out.println("  your traceroute to unreachable: " + toUnreachable);
        if (!List.of(router).equals(toUnreachable))
            wrong.add("traceroute(\"" + unreachable + "\", 4) = " + toUnreachable + (toUnreachable.size() > 1 && toUnreachable.get(0).equals(router)
                    ? ": it went on after \"destination unreachable\"; a router that says so will say it again, nothing further can come"
                    : ", but the router in front of it reports it unreachable"));
        var toBlackhole = traceroute(blackhole, 3);
        System.out.println("  your traceroute to blackhole: " + toBlackhole);
        if (!List.of("*", "*", "*").equals(toBlackhole))
            wrong.add("traceroute(\"" + blackhole + "\", 3) = " + toBlackhole + (toBlackhole.equals(List.of("*"))
                    ? ": it stopped at the first silent hop; a * is one hop that did not answer, the trace goes on to maxHops"
                    : toBlackhole.isEmpty() ? ": silent hops left out; each one is a \"*\" in its place"
                    : ", but nothing answers on the way to blackhole"));
        // five hops, one of them silent: your hops must be what pingkit's own Trace finds on the same path (Trace first,
        // one probe per hop: the lab's rate-limited hop has answered again by the time yours asks)
        String distant = lab("distant");
        var expected = new ArrayList<String>();
        for (var a : Trace.to(distant).maxHops(8).probes(1).run().addresses())
            expected.add(a == null ? "*" : a.getHostAddress());
        var toDistant = traceroute(distant, 8);
        System.out.println("  your traceroute to distant: " + toDistant);
        if (!expected.equals(toDistant))
            wrong.add("traceroute(\"" + distant + "\", 8) = " + toDistant + ", but Trace found " + expected + " to distant");
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

System.out.println("""
    Exercise 6: a traceroute of your own (needs the lab: run JShell in its client namespace, see exercises/README.md).
    YOUR TURN: write traceroute(target, maxHops): TTL 1, 2, 3, ...; who answered each, "*" for silence; stop at
    the target's reply or an unreachable. Run check6().""");

check6();
