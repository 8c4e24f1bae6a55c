// Exercise 7: your own raw socket: send your bytes, read the IPv4 header by hand, find the ICMP message
// Start it with:  scripts/jshell --exercise 07   (as root: a raw socket needs it; your own copy, in ~/pingkit-exercises)
//
// Until now pingkit sent and decoded for you. Here you hold the socket. TeachingSocket.raw() opens a raw IPv4 ICMP
// socket: you send an ICMP message (your bytes, checksum and all), the kernel puts an IPv4 header in front of it,
// and what you RECEIVE is a whole IPv4 packet, header first (RFC 791):
//
//     0                   1                   2                   3
//     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//    |Version|  IHL  |Type of Service|          Total Length         |
//    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//    |         Identification        |Flags|      Fragment Offset    |
//    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//    |  Time to Live |    Protocol   |         Header Checksum       |
//    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//    |                       Source Address                          |
//    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//    |                    Destination Address                        |
//    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//    |                    Options                    |    Padding    |
//    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
//  - Version and IHL share byte 0, four bits each. IHL is the header's length in 32-bit WORDS: 5 without options,
//    up to 15 with them. The ICMP message starts right after the header, so it is NOT always at offset 20.
//  - Protocol 1 means ICMP. Total Length counts header and data, in network byte order (exercise 2).
//  - An address is 4 bytes, each 0..255; a Java byte is signed (exercise 2 again).
//  - A raw socket gets a copy of EVERY ICMP message this host receives: other programs' pings, and on 127.0.0.1
//    your own echo request too. Keep reading until you see the one you wait for.
//
// Try it (what JShell answers is explained under each line):
//     var s = TeachingSocket.raw()
//         s ==> TeachingSocket[socket(AF_INET, SOCK_RAW, IPPROTO_ICMP), IP_HDRINCL 0]: the C call that opened it;
//         IP_HDRINCL 0 means you write the ICMP message and the kernel writes the IP header in front of it
//     s.send(Echo.to("127.0.0.1").id(7).seq(1).payload("hi").toBytes(), "127.0.0.1")
//         $2 ==> 1796657249294135107: when it was sent, in nanoseconds since 1970 (January 1st, UTC); exercise 8
//         times the round trip from it
//     var r = s.receive(Duration.ofSeconds(1))          // null when nothing came
//         r ==> 30 bytes from 127.0.0.1: 20 of IPv4 header, 8 of ICMP header, your 2 bytes of data
//     println(HexFormat.of().formatHex(r.bytes()))
//         4500001e...0800...: 45 is version 4 and IHL 5, 001e the total length (30); the ICMP message starts at
//         byte 20 with type 08: your own REQUEST, which a raw socket on 127.0.0.1 receives too
//     r = s.receive(Duration.ofSeconds(1)); println(HexFormat.of().formatHex(r.bytes()))
//         the same, but with type 00 at byte 20: the echo reply
//     s.recordRoute()
//         $6 ==> the same socket: later packets carry the IP option Record Route, like ping -R, and the replies carry
//         it back, so their header is 60 bytes (IHL 15) and the ICMP message starts at byte 60
//     s.close()
//
// YOUR TURN: write the methods below, then run  check7()

int ipVersion(byte[] packet) { throw new UnsupportedOperationException("ipVersion(byte[]) is not written yet"); }

// The header's length in bytes.
int ipHeaderLength(byte[] packet) { throw new UnsupportedOperationException("ipHeaderLength(byte[]) is not written yet"); }

int ipTotalLength(byte[] packet) { throw new UnsupportedOperationException("ipTotalLength(byte[]) is not written yet"); }

int ipTtl(byte[] packet) { throw new UnsupportedOperationException("ipTtl(byte[]) is not written yet"); }

int ipProtocol(byte[] packet) { throw new UnsupportedOperationException("ipProtocol(byte[]) is not written yet"); }

// The source address as text, e.g. "198.51.100.2".
String ipSource(byte[] packet) { throw new UnsupportedOperationException("ipSource(byte[]) is not written yet"); }

// The ICMP message the packet carries: the bytes after the header, up to the total length.
byte[] icmpMessage(byte[] packet) { throw new UnsupportedOperationException("icmpMessage(byte[]) is not written yet"); }

// Send `request` (an echo request's bytes) to `host` on `socket`, then receive until the echo reply to it arrives
// (type 0 with the request's identifier and sequence number) and return that whole IPv4 packet; null if none
// came within 2 seconds. Use your methods above.
byte[] echo(TeachingSocket socket, byte[] request, String host) throws IOException { throw new UnsupportedOperationException("echo(TeachingSocket, byte[], String) is not written yet"); }

// ---- the check: sends real echoes on 127.0.0.1 (one with IP options) and compares your reading with pingkit's. ----

void check7() {
    var wrong = new ArrayList<String>();
    int id = 0x7000 | (int) (ProcessHandle.current().pid() & 0x0fff), seq = 0x0101;
    try (var socket = TeachingSocket.raw(); var options = TeachingSocket.raw().recordRoute()) {
        var packets = new LinkedHashMap<String, byte[]>();
        packets.put("an echo reply", reply7(socket, Echo.to("127.0.0.1").id(id).seq(seq).payload("check7").toBytes()));
        packets.put("an echo reply with IP options", reply7(options, Echo.to("127.0.0.1").id(id).seq(seq + 1).payload("check7").toBytes()));
        byte[] far = packets.get("an echo reply").clone();     // the same reply as if it came from far away
        far[8] = (byte) 200;
        far[12] = (byte) 198; far[13] = 51; far[14] = 100; far[15] = 2;
        far[10] = 0; far[11] = 0;
        int c = Checksum.of(far, 0, 20);
        far[10] = (byte) (c >>> 8); far[11] = (byte) c;
        packets.put("an echo reply from 198.51.100.2 with TTL 200 (its header rewritten)", far);
        for (var e : packets.entrySet()) {
            if (e.getValue() == null) { wrong.add("pingkit got no reply from 127.0.0.1 itself; is something dropping ICMP?"); return; }
            headerProblems7(e.getKey(), e.getValue(), wrong);
            if (wrong.size() >= 3) break;
        }
        if (wrong.isEmpty()) {
            // Your echo(): first a decoy (same identifier, another sequence number) queued ahead of your request.
            Echo.to("127.0.0.1").id(id).seq(seq + 2).payload("decoy").send(Duration.ofSeconds(2));
            byte[] request = Echo.to("127.0.0.1").id(id).seq(seq + 3).payload("check7").toBytes();
            echoProblems7("echo(socket, request, \"127.0.0.1\")", echo(socket, request, "127.0.0.1"), request, wrong);
            byte[] request2 = Echo.to("127.0.0.1").id(id).seq(seq + 4).payload("check7").toBytes();
            echoProblems7("echo(socketWithOptions, request, \"127.0.0.1\")", echo(options, request2, "127.0.0.1"), request2, wrong);
        }
    } catch (IOException | RuntimeException e) {
        wrong.add(e instanceof UnsupportedOperationException ? e.getMessage()
                : e instanceof IOException ? "cannot open a raw socket: " + e.getMessage() : "your code threw " + e);
    }
    verdict("check7()", "exercise 7 (the IPv4 header by hand)", wrong);
}

// pingkit's own wait for the reply to `request` (decoded by pingkit, not by you): the packets the check compares with.
byte[] reply7(TeachingSocket s, byte[] request) throws IOException {
    var q = Icmp.decode(request);
    s.send(request, "127.0.0.1");
    long end = System.nanoTime() + 2_000_000_000L;
    for (TeachingSocket.Received r; (r = s.receive(Duration.ofNanos(Math.max(0, end - System.nanoTime())))) != null; ) {
        var m = Icmp.decode(r.bytes());
        if (m.isEchoReply() && m.id() == q.id() && m.seq() == q.seq()) return r.bytes();
    }
    return null;
}

void headerProblems7(String what, byte[] p, List<String> wrong) {
    var ip = Icmp.decode(p).ip().orElseThrow();
    var hex = HexFormat.of();
    String in = " for " + what + " (" + hex.formatHex(p, 0, Math.min(p.length, ip.headerLength())) + " ...)";
    int v = ipVersion(p);
    if (v != ip.version())
        wrong.add("ipVersion = " + v + in + (v == (p[0] & 0xff) ? ": byte 0 holds two fields; the version is its high 4 bits"
                : v == (p[0] & 0x0f) ? ": that is the low half of byte 0; the version is the high half" : ""));
    int h = ipHeaderLength(p);
    if (h != ip.headerLength())
        wrong.add("ipHeaderLength = " + h + in + (h == ip.ihl() ? ": IHL counts 32-bit words, not bytes"
                : h == 20 ? ": this header carries options; read its length from the header, it is not always 20"
                : h == (p[0] & 0xff) ? ": byte 0 holds two fields; IHL is its low 4 bits" : ""));
    int t = ipTotalLength(p);
    if (t != ip.totalLength())
        wrong.add("ipTotalLength = " + t + in + (t == ((p[3] & 0xff) << 8 | (p[2] & 0xff)) ? ": bytes swapped: little-endian?"
                : t < 0 ? ": negative value: a byte needs & 0xff" : ""));
    int ttl = ipTtl(p);
    if (ttl != ip.ttl())
        wrong.add("ipTtl = " + ttl + in + (ttl < 0 ? ": negative value: a byte needs & 0xff" : ": look again at which byte the picture gives the TTL"));
    int protocol = ipProtocol(p);
    if (protocol != ip.protocol())
        wrong.add("ipProtocol = " + protocol + in + ": an ICMP packet says 1 there; look again at which byte holds it");
    String source = ipSource(p), expected = dotted7(p, 12);
    if (!expected.equals(source))
        wrong.add("ipSource = " + source + in + (source != null && source.contains("-") ? ": negative value: a byte needs & 0xff"
                : dotted7(p, 16).equals(source) ? ": that is the destination address" : ""));
    byte[] icmp = icmpMessage(p);
    byte[] theirs = Arrays.copyOfRange(p, ip.headerLength(), ip.totalLength());
    // A wrong header length makes a wrong ICMP message too: name the one cause, not a second one.
    if (!Arrays.equals(icmp, theirs) && h != ip.headerLength())
        wrong.add("icmpMessage" + in + " is wrong as well, if it starts where ipHeaderLength says the header ends: fix that first");
    else if (!Arrays.equals(icmp, theirs))
        wrong.add("icmpMessage" + in + " starts with " + (icmp == null || icmp.length == 0 ? "nothing" : hex.formatHex(icmp, 0, Math.min(4, icmp.length)))
                + (icmp != null && icmp.length > 0 && ip.headerLength() > 20 && Arrays.equals(icmp, Arrays.copyOfRange(p, 20, p.length))
                        ? ": that is inside the IP options; the ICMP message starts after the whole header, whose length IHL gives"
                        : icmp != null && icmp.length > theirs.length ? ": it runs past the packet's total length"
                        : ", which is not the echo reply's ICMP message"));
}

void echoProblems7(String call, byte[] got, byte[] request, List<String> wrong) {
    var q = Icmp.decode(request);
    if (got == null) {
        wrong.add(call + " = null, but 127.0.0.1 answered" + (call.contains("Options")
                ? ": these packets carry IP options, so the ICMP message does not start at 20" : ": keep receiving until the reply comes"));
        return;
    }
    var m = Icmp.decode(got);
    if (m.ip().isEmpty()) { wrong.add(call + " returned " + got.length + " bytes that do not start with an IPv4 header: return the whole packet"); return; }
    if (m.isEchoRequest())
        wrong.add(call + " returned an echo REQUEST (type 8): on 127.0.0.1 a raw socket receives what is sent too; wait for the reply");
    else if (!m.isEchoReply())
        wrong.add(call + " returned " + m.typeName() + ": wait for an echo reply");
    else if (m.id() != q.id() || m.seq() != q.seq())
        wrong.add(call + " returned the reply to another probe (sequence " + m.seq() + ", not " + q.seq()
                + "): a raw socket sees every echo reply on the host; match identifier and sequence number");
}

// Dotted text of 4 bytes: the check's own, so it need not trust yours.
String dotted7(byte[] b, int at) { return (b[at] & 0xff) + "." + (b[at + 1] & 0xff) + "." + (b[at + 2] & 0xff) + "." + (b[at + 3] & 0xff); }

void verdict(String check, String exercise, List<String> wrong) {
    wrong.forEach(w -> System.out.println("  - " + w));
    System.out.println(wrong.isEmpty() ? "PASS " + exercise
            : "FAIL " + exercise + ": " + wrong.size() + " problem(s) above; fix them and run " + check + " again");
}

System.out.println("""
    Exercise 7: your own raw socket, the IPv4 header read by hand (needs root); the picture is in the file you opened (07-ip-header.jsh).
    YOUR TURN: write ipVersion, ipHeaderLength, ipTotalLength, ipTtl, ipProtocol, ipSource and icmpMessage over a
    received packet, and echo(socket, request, host), which sends your bytes and returns the reply's packet.
    Run check7(). Try: var s = TeachingSocket.raw()""");

check7();
