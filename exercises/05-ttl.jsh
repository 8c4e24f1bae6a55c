// Exercise 5: TTL and "Time to live exceeded": find the router
// Run it in the lab:  scripts/netlab up   then
//     ip netns exec pingkit-client scripts/jshell --exercise 05   (your own copy, in ~/pingkit-exercises)
//
// Every IPv4 packet carries a Time To Live (TTL). Each router that forwards the packet subtracts 1; a router
// that would forward it with TTL 0 drops it instead and tells the sender with an ICMP "Time Exceeded" message
// (type 11, code 0 "time to live exceeded in transit"). That message comes FROM the router, and it quotes the
// start of the dropped packet, so the sender knows which probe died where.
//
// The lab (scripts/netlab hosts lists it) has a host "far" behind a "router". lab("far") and lab("router")
// give their IPv4 addresses. Try:
//     Echo.to(lab("far")).ttl(1).send()        // dies at the router
//         $1 ==> Failed[from=198.51.100.6 seq=1 type=11 code=0]: the router (198.51.100.6) sent type 11, code 0,
//         "time to live exceeded in transit", about your probe
//     Echo.to(lab("far")).ttl(2).send()        // reaches far
//         $2 ==> Answered[from=198.18.1.2 seq=1 bytes=64 ttl=63 rtt=0.120ms]: far answered; its reply crossed the
//         router on the way back, so it arrived with TTL 63
// The result of send() is a SendResult: SendResult.Answered (from(), reply()) when the target answered,
// SendResult.Failed (from(), error()) when an ICMP error about this very probe came back, SendResult.NoReply
// when nothing came back in time.
//
// send() throws IOException when the socket itself fails, so methods that send declare `throws IOException`.
//
// YOUR TURN: write firstHop below, then run  check5()

// The address (as text, e.g. "198.51.100.6") of the router that answers a TTL-1 probe towards `target` with
// "Time to live exceeded", or null if the probe needs no router (the target itself answers).
String firstHop(String target) throws IOException { throw new UnsupportedOperationException("firstHop(String) is not written yet"); }

// ---- the check: compares your answer with the lab's own address list. No need to change anything below. ----

void check5() {
    var wrong = new ArrayList<String>();
    String far, router, peer;
    try {
        far = lab("far"); router = lab("router"); peer = lab("peer");
    } catch (RuntimeException e) {                       // the lab is down, or JShell runs outside it: say so at once
        System.out.println("FAIL exercise 5 (TTL and time exceeded) cannot run here: " + e.getMessage());
        return;
    }
    try {
        var probe = Echo.to(far).ttl(1).send(Duration.ofSeconds(2));
        System.out.println("  pingkit, ttl 1 to far: " + probe);
        String hop = firstHop(far);
        if (!router.equals(hop))
            wrong.add("firstHop(\"" + far + "\") = " + hop + (hop == null
                    ? ": but a probe with TTL 1 towards far dies on the way; who reports it?"
                    : hop.equals(far) ? ": that is far itself, which a TTL-1 probe never reaches; the error says who sent it"
                    : ", but that is not the host in front of far"));
        String none = firstHop(peer);
        if (none != null)
            wrong.add("firstHop(\"" + peer + "\") = " + none + ": peer is next to the client and answers a TTL-1 probe itself"
                    + " (an echo reply, not a Time Exceeded), so there is no router to name");
    } catch (IOException | RuntimeException e) {
        wrong.add(e instanceof UnsupportedOperationException ? e.getMessage() : "your code threw " + e);
    }
    verdict("check5()", "exercise 5 (TTL and time exceeded)", wrong);
}

void verdict(String check, String exercise, List<String> wrong) {
    wrong.forEach(w -> System.out.println("  - " + w));
    System.out.println(wrong.isEmpty() ? "PASS " + exercise
            : "FAIL " + exercise + ": " + wrong.size() + " problem(s) above; fix them and run " + check + " again");
}

System.out.println("""
    Exercise 5: TTL and "Time to live exceeded" (needs the lab: run JShell in its client namespace, see exercises/README.md).
    YOUR TURN: write firstHop(target): who answers a TTL-1 probe with "time exceeded", or null when the target
    answers itself. Run check5(). Try: Echo.to(lab("far")).ttl(1).send()""");

check5();
