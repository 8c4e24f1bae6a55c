// Exercise 9: which probe is this error about? Read the datagram an ICMP error quotes
// Run it in the lab:  scripts/netlab up   then
//     ip netns exec pingkit-client scripts/jshell --exercise 09   (your own copy, in ~/pingkit-exercises)
//
// A router that drops your probe (TTL exceeded, no route) answers with an ICMP error. An error carries no
// identifier or sequence number of its own; instead it QUOTES the start of the packet it dropped (RFC 792):
//
//    | IP header of the error (IHL × 4 bytes, from the router to you)                           |
//    | type 11 or 3 | code | checksum | 4 unused bytes (0)                                       |  the error's 8 bytes
//    | IP header of YOUR dropped packet (its own IHL × 4 bytes: it may carry options too!)      |  quoted
//    | the first 8 bytes of your ICMP message: type 8 | code | checksum | identifier | sequence  |  quoted
//
// So a program with many probes in flight (traceroute, pingkit's engine) matches an error to its probe by the
// identifier and sequence number INSIDE the quote, after two IP headers whose lengths each come from their own IHL.
// Types to know: 3 destination unreachable, 11 time exceeded (5, 12 and 4 are errors too; 0 and 8 are not).
//
// Try it (in the lab; what JShell answers is explained under each line):
//     var s = TeachingSocket.raw().ttl(1)
//         s ==> TeachingSocket[socket(AF_INET, SOCK_RAW, IPPROTO_ICMP), IP_HDRINCL 0]: your raw socket, TTL 1
//     s.send(Echo.to(lab("far")).id(7).seq(1).toBytes(), lab("far"))
//         $3 ==> 1796657249294135107: when it was sent, in nanoseconds since 1970 (exercise 8)
//     var r = s.receive(Duration.ofSeconds(1));  println(Icmp.decode(r.bytes()).show());  println(HexFormat.of().formatHex(r.bytes()))
//         r ==> 112 bytes from 198.51.100.6: the router's time exceeded, 20 bytes of IP header and 8 of ICMP
//         header of its own, then the 84 it quotes: your whole probe, IP header first (RFC 792 asks for the header
//         and 8 bytes of data; Linux quotes up to 576 bytes in all). show() decodes it, the hex is what
//         isErrorAbout below reads by hand
//
// YOUR TURN: write isErrorAbout below (by hand, no Icmp.decode), then run  check9()

// Is `packet` (a whole IPv4 packet from a raw socket) an ICMP error about `probe` (the ICMP echo request you sent:
// its bytes, from the type on)? True when it is an ICMP error (type 3, 4, 5, 11 or 12) quoting an ICMP
// datagram whose echo identifier and sequence number are the probe's.
boolean isErrorAbout(byte[] packet, byte[] probe) { throw new UnsupportedOperationException("isErrorAbout(byte[], byte[]) is not written yet"); }

// ---- the check: real errors from the lab's router, and packets made to look like them. No need to change below. ----

void check9() {
    var wrong = new ArrayList<String>();
    String far, peer;
    try {
        far = lab("far"); peer = lab("peer");
    } catch (RuntimeException e) {                       // the lab is down, or JShell runs outside it: say so at once
        System.out.println("FAIL exercise 9 (quoted errors) cannot run here: " + e.getMessage());
        return;
    }
    int id = 0x5000 | (int) (ProcessHandle.current().pid() & 0x0fff);
    try (var plain = TeachingSocket.raw().ttl(1); var options = TeachingSocket.raw().ttl(1).recordRoute(); var any = TeachingSocket.raw()) {
        byte[] probe = Echo.to(far).id(id).seq(1).payload("check9").toBytes();
        byte[] error = error9(plain, probe, far);
        byte[] probe2 = Echo.to(far).id(id).seq(2).payload("check9").toBytes();
        byte[] errorWithOptions = error9(options, probe2, far);
        if (error == null || errorWithOptions == null) {
            wrong.add("the router sent no Time Exceeded for a TTL-1 probe to far; is the lab up (scripts/netlab status)?");
        } else {
            System.out.println("  the router's error: " + Icmp.decode(error));
            if (!isErrorAbout(error, probe))
                wrong.add("isErrorAbout(the router's Time Exceeded, the probe it quotes) = false: the probe's identifier and sequence"
                        + " number are inside the QUOTE, after the error's own 8 bytes and the quoted IP header");
            else if (!isErrorAbout(errorWithOptions, probe2))
                wrong.add("isErrorAbout = false for the router's error about a probe sent with IP options (Record Route): both IP headers"
                        + " are longer than 20 bytes here; each one's length comes from its own IHL");
            if (isErrorAbout(error, Echo.to(far).id(id).seq(3).payload("check9").toBytes()))
                wrong.add("isErrorAbout(error, another probe) = true for a probe with another sequence number: compare the quoted sequence number");
            if (isErrorAbout(error, Echo.to(far).id(id ^ 0x0100).seq(1).payload("check9").toBytes()))
                wrong.add("isErrorAbout(error, another probe) = true for a probe with another identifier: compare the quoted identifier");
            // An echo reply whose data is the error's quote: a real reply from peer, which looks like an error to a reader who skips the type.
            byte[] quote = Arrays.copyOfRange(error, (error[0] & 0x0f) * 4 + 8, error.length);
            byte[] lookalike = Echo.to(peer).id(id).seq(4).payload(quote).toBytes();
            byte[] reply = reply9(any, lookalike, peer);
            if (reply != null && isErrorAbout(reply, probe))
                wrong.add("isErrorAbout(an echo REPLY whose data looks like a quote, probe) = true: an error has its own type; check it first");
            byte[] notIcmp = error.clone();                // the same bytes, but the quoted datagram is UDP (protocol 17)
            notIcmp[(error[0] & 0x0f) * 4 + 8 + 9] = 17;
            if (isErrorAbout(notIcmp, probe))
                wrong.add("isErrorAbout = true for an error that quotes a UDP datagram (protocol 17): the quoted ports are not an echo identifier");
        }
    } catch (IOException | RuntimeException e) {
        wrong.add(e instanceof UnsupportedOperationException ? e.getMessage()
                : e instanceof IOException ? "cannot open a raw socket: " + e.getMessage() : "your code threw " + e);
    }
    verdict("check9()", "exercise 9 (quoted errors)", wrong);
}

// pingkit's own wait (decoded by pingkit, not by you) for the error about `probe`.
byte[] error9(TeachingSocket s, byte[] probe, String host) throws IOException {
    var q = Icmp.decode(probe);
    s.send(probe, host);
    long end = System.nanoTime() + 2_000_000_000L;
    for (TeachingSocket.Received r; (r = s.receive(Duration.ofNanos(Math.max(0, end - System.nanoTime())))) != null; ) {
        var m = Icmp.decode(r.bytes());
        if (m.isError() && m.quoted().filter(x -> x.id() == q.id() && x.seq() == q.seq()).isPresent()) return r.bytes();
    }
    return null;
}

// pingkit's own wait for the echo reply to `request`.
byte[] reply9(TeachingSocket s, byte[] request, String host) throws IOException {
    var q = Icmp.decode(request);
    s.send(request, host);
    long end = System.nanoTime() + 2_000_000_000L;
    for (TeachingSocket.Received r; (r = s.receive(Duration.ofNanos(Math.max(0, end - System.nanoTime())))) != null; ) {
        var m = Icmp.decode(r.bytes());
        if (m.isEchoReply() && m.id() == q.id() && m.seq() == q.seq()) return r.bytes();
    }
    return null;
}

void verdict(String check, String exercise, List<String> wrong) {
    wrong.forEach(w -> System.out.println("  - " + w));
    System.out.println(wrong.isEmpty() ? "PASS " + exercise
            : "FAIL " + exercise + ": " + wrong.size() + " problem(s) above; fix them and run " + check + " again");
}

System.out.println("""
    Exercise 9: match an ICMP error to its probe through the datagram it quotes (needs the lab: run JShell in its
    client namespace, see exercises/README.md). The layout is in exercises/09-quoted-error.jsh.
    YOUR TURN: write isErrorAbout(packet, probe) by hand, then run check9().""");

check9();
