// Exercise 10: what a datagram ("ping") socket changes
// Start it with:  scripts/jshell --exercise 10   (your own copy of this file, in ~/pingkit-exercises; the lab's
// client namespace allows datagram sockets: ip netns exec pingkit-client scripts/jshell --exercise 10; elsewhere
// the check explains what it would show)
//
// A raw socket needs root (or CAP_NET_RAW) because it sees every ICMP message on the host and may send anything.
// Linux also offers unprivileged ICMP: socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP), the "ping socket", allowed to the
// groups in the sysctl net.ipv4.ping_group_range (by default "1 0": nobody). It changes three things:
//  - the kernel owns the identifier: it writes the socket's own (TeachingSocket.localId()) into every echo request
//    you send, whatever you put there, and fills in the checksum;
//  - you receive only the echo replies carrying that identifier (and errors about your probes), not the whole
//    host's ICMP;
//  - you receive the bare ICMP message: no IP header in front (TeachingSocket.receivesIpHeader() is false).
// That is why iputils ping can run without root on most distributions, and why pingkit's engine matches replies by
// the identifier the kernel chose when it runs on a datagram socket.
//
// Try it (what JShell answers is explained under each line):
//     var d = TeachingSocket.datagram()    // fails with one line naming the sysctl where it is not allowed
//         d ==> TeachingSocket[socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP), id 4242]: the C call, and the identifier
//         the kernel gave this socket (another number each time)
//     d.localId()
//         $2 ==> 4242: that identifier again, as a number
//     d.send(Echo.to("127.0.0.1").id(7).seq(1).payload("hi").toBytes(), "127.0.0.1")
//         $3 ==> 1796657249294135107: when it was sent, in nanoseconds since 1970 (exercise 8)
//     println(HexFormat.of().formatHex(d.receive(Duration.ofSeconds(1)).bytes()))
//         0000....10920001...: no IP header this time, the reply starts with its type 00; bytes 4 and 5 are the
//         identifier that came back (0x1092 is 4242): which one is it, yours (7) or the kernel's?
//
// YOUR TURN: write echoReply below so it works on BOTH kinds of socket, then run  check10()

// Send `request` on `socket` to `host` and return the ICMP message (from its type byte, no IP header) of the echo
// reply to it, or null if none came within 2 seconds. The reply carries the identifier that went out on the wire.
byte[] echoReply(TeachingSocket socket, byte[] request, String host) throws IOException { throw new UnsupportedOperationException("echoReply(TeachingSocket, byte[], String) is not written yet"); }

// ---- the check: an echo on a raw socket, then on a datagram socket where allowed. No need to change below. ----

void check10() {
    var wrong = new ArrayList<String>();
    int id = 0x4000 | (int) (ProcessHandle.current().pid() & 0x0fff);
    try {
        try (var raw = TeachingSocket.raw()) {
            byte[] request = Echo.to("127.0.0.1").id(id).seq(1).payload("check10, long enough to fill an IP header").toBytes();
            problems10("raw", echoReply(raw, request, "127.0.0.1"), request, id, wrong);
        } catch (IOException e) {
            System.out.println("  (no raw socket here: " + e.getMessage() + ")");
        }
        TeachingSocket datagram;
        try {
            datagram = TeachingSocket.datagram();
        } catch (IOException e) {
            System.out.println("  Datagram ICMP sockets are not allowed here: " + e.getMessage() + "\n"
                    + "  On one, the kernel would have put its own identifier in your request and handed back the reply without an IP header."
                    + " See it in the lab's client namespace, which allows them (ip netns exec pingkit-client scripts/jshell).");
            verdict("check10()", "exercise 10 (datagram sockets), the raw half", wrong);
            return;
        }
        try (datagram) {
            byte[] request = Echo.to("127.0.0.1").id(id).seq(2).payload("check10, long enough to fill an IP header").toBytes();
            System.out.println("  datagram socket: the kernel's identifier is " + datagram.localId() + ", your request said " + id);
            byte[] got = echoReply(datagram, request, "127.0.0.1");
            if (got == null) {
                // Which idea is missing? Ask again with the kernel's own identifier in the request.
                byte[] same = Echo.to("127.0.0.1").id(datagram.localId()).seq(3).payload("check10, long enough to fill an IP header").toBytes();
                wrong.add("echoReply(datagram socket, request, \"127.0.0.1\") = null, but 127.0.0.1 answered: "
                        + (echoReply(datagram, same, "127.0.0.1") != null
                                ? "the kernel put ITS identifier (socket.localId()) on the wire, and the reply carries that one"
                                : "a datagram socket hands over the bare ICMP message, with no IP header to skip"));
            } else {
                problems10("datagram", got, request, datagram.localId(), wrong);
            }
        }
    } catch (IOException | RuntimeException e) {
        wrong.add(e instanceof UnsupportedOperationException ? e.getMessage() : "your code threw " + e);
    }
    verdict("check10()", "exercise 10 (datagram sockets)", wrong);
}

void problems10(String kind, byte[] got, byte[] request, int wireId, List<String> wrong) {
    String call = "echoReply(" + kind + " socket, request, \"127.0.0.1\")";
    int seq = (request[6] & 0xff) << 8 | (request[7] & 0xff);
    if (got == null) {
        wrong.add(call + " = null, but 127.0.0.1 answered: on a raw socket each packet starts with its IPv4 header,"
                + " so the ICMP message starts after IHL × 4 bytes");
        return;
    }
    if (got.length > 0 && (got[0] & 0xf0) == 0x40 && kind.equals("raw"))
        { wrong.add(call + " starts with an IP header: a raw socket hands over the whole IPv4 packet; the ICMP message starts after IHL × 4 bytes"); return; }
    var m = Icmp.decode(got);
    if (!m.isEchoReply() || m.id() != wireId || m.seq() != seq)
        wrong.add(call + " returned " + got.length + " bytes that are not the echo reply to your request"
                + (kind.equals("datagram") ? ": a datagram socket hands over the bare ICMP message, with no IP header to skip" : ""));
}

void verdict(String check, String exercise, List<String> wrong) {
    wrong.forEach(w -> System.out.println("  - " + w));
    System.out.println(wrong.isEmpty() ? "PASS " + exercise
            : "FAIL " + exercise + ": " + wrong.size() + " problem(s) above; fix them and run " + check + " again");
}

System.out.println("""
    Exercise 10: what a datagram ("ping") socket changes: the kernel's identifier, no IP header; see the file you opened (10-datagram-socket.jsh).
    YOUR TURN: write echoReply(socket, request, host) for raw AND datagram sockets, then run check10().""");

check10();
