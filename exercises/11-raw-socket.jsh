// Exercise 11: the raw socket of the tutorial's part 2: who writes the IPv4 header, the kernel or you
// Start it with:  scripts/jshell --exercise 11   (as root: a raw socket needs it; your own copy, in ~/pingkit-exercises)
//
// Exercises 7 to 10 used a socket opened for you. Here you make the call yourself. In C:
//     int fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
// TeachingSocket.open("AF_INET", "SOCK_RAW", "IPPROTO_ICMP") makes that call, its three arguments by their C names:
//  - the family, AF_INET: IPv4 addresses;
//  - the type, SOCK_RAW: you send the ICMP message yourself, checksum and all, and you receive whole IPv4 packets.
//    (SOCK_DGRAM is exercise 10's unprivileged ping socket: the kernel owns identifier and checksum there.)
//  - the protocol, IPPROTO_ICMP (1): the number the kernel writes into the header's Protocol field, and which
//    packets it hands this socket.
// IP_HDRINCL ("header included") is an option of a raw socket, OFF when it is opened: the kernel writes the IPv4
// header in front of what you send. Turn it on, in C  setsockopt(fd, IPPROTO_IP, IP_HDRINCL, &one, sizeof one),
// here  s.setIpHdrIncl(true),  and what you send must begin with a header YOU wrote (RFC 791; the picture is in
// exercise 7):
//     byte 0       version 4 in the high 4 bits, IHL 5 in the low 4 (5 words of 32 bits: 20 bytes, no options)
//     byte 1       type of service: 0
//     bytes 2-3    total length: the header AND the ICMP message, big-endian
//     bytes 4-5    identification: any; 0 lets the kernel pick one
//     bytes 6-7    flags and fragment offset: 0
//     byte 8       time to live, e.g. 64
//     byte 9       protocol: 1, ICMP
//     bytes 10-11  header checksum: RFC 1071 (exercise 3) over the 20 header bytes with this field 0, big-endian
//     bytes 12-15  source address, bytes 16-19 destination address, most significant byte first as written
// The kernel checks little. It writes the checksum and the total length over yours anyway (raw(7)), so the copy of
// your packet that a raw socket on 127.0.0.1 receives (exercise 7) shows whether yours were right; and with a
// wrong protocol no echo reply comes back.
//
// Try it (what JShell answers is explained under each line):
//     var s = TeachingSocket.open("AF_INET", "SOCK_RAW", "IPPROTO_ICMP")
//         s ==> TeachingSocket[socket(AF_INET, SOCK_RAW, IPPROTO_ICMP), IP_HDRINCL 0]: the kernel writes headers
//     s.ipHeaderIncluded()
//         $2 ==> false: IP_HDRINCL as set. (s.receivesIpHeader() is true: a raw socket RECEIVES whole packets.)
//     s.send(Echo.to("127.0.0.1").id(7).seq(1).payload("hi").toBytes(), "127.0.0.1")
//         $3 ==> 1796657249294135107: when it was sent, in nanoseconds since 1970 (exercise 8)
//     println(HexFormat.of().formatHex(s.receive(Duration.ofSeconds(1)).bytes(), 0, 20))
//         4500001e....40004001....7f0000017f000001 (the dots vary): your request as it went out, with the header
//         the kernel wrote: 45, total length 0x1e (30), flags 4000 (don't fragment), TTL 0x40 (64), protocol 01,
//         its checksum, then source and destination 7f000001 (127.0.0.1)
//     s.setIpHdrIncl(true)
//         $5 ==> TeachingSocket[socket(AF_INET, SOCK_RAW, IPPROTO_ICMP), IP_HDRINCL 1]: now you write the header
//     s.close()
//
// YOUR TURN: write the three methods below, then run  check11()

// Open the raw IPv4 ICMP socket, as the C call above does.
TeachingSocket openRawIcmpSocket() throws IOException { throw new UnsupportedOperationException("openRawIcmpSocket() is not written yet"); }

// The RFC 1071 checksum (0..65535) of all of `data`: yours from exercise 3 (paste it here).
int checksum(byte[] data) { throw new UnsupportedOperationException("checksum(byte[]) is not written yet"); }

// The 20-byte IPv4 header (no options) of a packet from `source` to `destination` (dotted text, "127.0.0.1")
// carrying an ICMP message of `icmpLength` bytes with TTL `ttl`, its header checksum made with your checksum().
byte[] ipv4Header(String source, String destination, int ttl, int icmpLength) { throw new UnsupportedOperationException("ipv4Header(String, String, int, int) is not written yet"); }

// ---- the check: your socket, your header read field by field, then sent to 127.0.0.1. No need to change below. ----

void check11() {
    var wrong = new ArrayList<String>();
    var hex = HexFormat.of();
    int id = 0x5000 | (int) (ProcessHandle.current().pid() & 0x0fff);
    try (var s = openRawIcmpSocket()) {
        if (s == null) { wrong.add("openRawIcmpSocket() returned null"); }
        else if (!s.socketCall().equals("socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)"))
            wrong.add("openRawIcmpSocket() made " + s.socketCall() + (s.kind().equals("datagram")
                    ? ": SOCK_DGRAM is the ping socket of exercise 10, where the kernel writes header, identifier and checksum; part 2 is SOCK_RAW"
                    : ""));
        else if (s.ipHeaderIncluded())
            wrong.add("openRawIcmpSocket() returned a socket with IP_HDRINCL on: a new socket has IP_HDRINCL off; open it as the C call does, nothing more");
        if (wrong.isEmpty()) {
            // IP_HDRINCL off: the kernel writes the header; the copy of our request that 127.0.0.1 hands back shows it
            byte[] request = Echo.to("127.0.0.1").id(id).seq(1).payload("part 2").toBytes();
            s.send(request, "127.0.0.1");
            byte[] out = ownRequest11(s, request);
            if (out != null)
                System.out.println("  IP_HDRINCL 0: the kernel wrote " + hex.formatHex(out, 0, 20) + " in front of your request");
            headerProblems11(wrong);
        }
        if (wrong.isEmpty()) {
            byte[] request = Echo.to("127.0.0.1").id(id).seq(2).payload("part 2").toBytes();
            byte[] header = ipv4Header("127.0.0.1", "127.0.0.1", 64, request.length);
            byte[] packet = Arrays.copyOf(header, header.length + request.length);
            System.arraycopy(request, 0, packet, header.length, request.length);
            s.setIpHdrIncl(true);
            if (!s.ipHeaderIncluded()) wrong.add("ipHeaderIncluded() is false after setIpHdrIncl(true)");
            s.send(packet, "127.0.0.1");
            byte[] out = ownRequest11(s, request), reply = reply11(s, request);
            if (out == null) wrong.add("your packet did not go out, or not as an ICMP echo request; look at the header again");
            else {
                System.out.println("  IP_HDRINCL 1: your header was " + hex.formatHex(header) + ", out went " + hex.formatHex(out, 0, 20));
                // The kernel fills in an identification you left 0, and writes its checksum over the header as it
                // went out. Yours, updated for that identification as RFC 1624 does it, must be the kernel's.
                int mine = (header[10] & 0xff) << 8 | (header[11] & 0xff), kernels = (out[10] & 0xff) << 8 | (out[11] & 0xff);
                int oldId = (header[4] & 0xff) << 8 | (header[5] & 0xff), newId = (out[4] & 0xff) << 8 | (out[5] & 0xff);
                long sum = (~mine & 0xffff) + (~oldId & 0xffff) + newId;
                while (sum >> 16 != 0) sum = (sum & 0xffff) + (sum >> 16);
                int updated = (int) ~sum & 0xffff;
                if (updated != kernels)
                    wrong.add(String.format("the kernel wrote the checksum 0x%04x; yours, 0x%04x, updated for the identification 0x%04x it picked, is 0x%04x", kernels, mine, newId, updated));
                else if (oldId != newId)
                    System.out.printf("  the kernel picked identification 0x%04x for your 0x%04x; your checksum 0x%04x, updated for it (RFC 1624), is its 0x%04x%n", newId, oldId, mine, kernels);
            }
            if (reply == null) wrong.add("no echo reply to your packet within 2 s");
            else if (wrong.isEmpty())
                System.out.println("  127.0.0.1 answered your packet: " + Icmp.decode(reply));
        }
    } catch (IOException | RuntimeException e) {
        wrong.add(e instanceof UnsupportedOperationException ? e.getMessage()
                : e instanceof IOException ? "cannot open a raw socket: " + e.getMessage() : "your code threw " + e);
    }
    verdict("check11()", "exercise 11 (the raw socket, IP_HDRINCL off and on)", wrong);
}

// Your checksum and your header for one packet, field by field (the check's own reading, from the picture above).
void headerProblems11(List<String> wrong) {
    var hex = HexFormat.of();
    var random = new Random(1071);
    for (int n : new int[] {20, 7, 9, 1001}) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        if (checksum(b) != Checksum.of(b, 0, n)) {
            wrong.add(String.format("your checksum() of %d bytes is 0x%04x, pingkit's 0x%04x: exercise 3's check3() says why", n, checksum(b), Checksum.of(b, 0, n)));
            return;
        }
    }
    byte[] h = ipv4Header("198.51.100.1", "198.18.1.2", 77, 64);
    if (h == null || h.length != 20) { wrong.add("ipv4Header returned " + (h == null ? "null" : h.length + " bytes") + ": a header without options is 20 bytes"); return; }
    String in = " in ipv4Header(\"198.51.100.1\", \"198.18.1.2\", 77, 64) = " + hex.formatHex(h);
    int b0 = h[0] & 0xff;
    if (b0 != 0x45)
        wrong.add(String.format("byte 0 is 0x%02x%s", b0, in) + (b0 == 0x54 ? ": version 4 goes in the high 4 bits and IHL counts 32-bit words (5), so 0x45"
                : b0 == 4 || b0 == 5 ? ": it holds two fields, version (high 4 bits) and IHL (low 4)" : ""));
    int total = (h[2] & 0xff) << 8 | (h[3] & 0xff);
    if (total != 84)
        wrong.add("total length is " + total + in + (total == 64 ? ": the total length counts the header too, not only the ICMP message"
                : total == (84 << 8) ? ": bytes swapped: the total length is big-endian" : ""));
    if ((h[8] & 0xff) != 77 || (h[9] & 0xff) != 1)
        wrong.add("TTL " + (h[8] & 0xff) + " and protocol " + (h[9] & 0xff) + in
                + ((h[9] & 0xff) == 77 && (h[8] & 0xff) == 1 ? ": the TTL is byte 8 and the protocol byte 9" : (h[9] & 0xff) != 1 ? ": ICMP is protocol 1" : ""));
    String src = dotted11(h, 12), dst = dotted11(h, 16);
    if (!src.equals("198.51.100.1") || !dst.equals("198.18.1.2"))
        wrong.add("source " + src + ", destination " + dst + in
                + (src.equals("1.100.51.198") || dst.equals("2.1.18.198") ? ": address bytes reversed: they go most significant byte first, as written"
                : src.equals("198.18.1.2") ? ": source and destination swapped" : ""));
    int field = (h[10] & 0xff) << 8 | (h[11] & 0xff);
    byte[] zeroed = h.clone();
    zeroed[10] = 0; zeroed[11] = 0;
    int right = Checksum.of(zeroed, 0, 20);
    if (field != right)
        wrong.add(String.format("the header checksum is 0x%04x%s", field, in) + (field == 0 ? ": the checksum field is still 0; compute it over the header"
                : field == (right >>> 8 | (right & 0xff) << 8) ? ": the checksum's bytes are swapped: write it big-endian"
                : String.format(": RFC 1071 over these 20 bytes with the field 0 gives 0x%04x", right)));
}

// The copy of `request` (an echo request) that a raw socket on 127.0.0.1 receives: the packet as it went out.
byte[] ownRequest11(TeachingSocket s, byte[] request) throws IOException { return find11(s, request, 8); }

// The echo reply to `request`.
byte[] reply11(TeachingSocket s, byte[] request) throws IOException { return find11(s, request, 0); }

byte[] find11(TeachingSocket s, byte[] request, int type) throws IOException {
    var q = Icmp.decode(request);
    long end = System.nanoTime() + 2_000_000_000L;
    for (TeachingSocket.Received r; (r = s.receive(Duration.ofNanos(Math.max(0, end - System.nanoTime())))) != null; ) {
        var m = Icmp.decode(r.bytes());
        if (m.type() == type && m.id() == q.id() && m.seq() == q.seq()) return r.bytes();
    }
    return null;
}

String dotted11(byte[] b, int at) { return (b[at] & 0xff) + "." + (b[at + 1] & 0xff) + "." + (b[at + 2] & 0xff) + "." + (b[at + 3] & 0xff); }

void verdict(String check, String exercise, List<String> wrong) {
    wrong.forEach(w -> System.out.println("  - " + w));
    System.out.println(wrong.isEmpty() ? "PASS " + exercise
            : "FAIL " + exercise + ": " + wrong.size() + " problem(s) above; fix them and run " + check + " again");
}

System.out.println("""
    Exercise 11: the raw socket of part 2, IP_HDRINCL off (the kernel writes the header) and on (you do); needs root.
    YOUR TURN: write openRawIcmpSocket(), checksum(data) (yours from exercise 3) and ipv4Header(source,
    destination, ttl, icmpLength). Run check11(). Try: var s = TeachingSocket.open("AF_INET", "SOCK_RAW", "IPPROTO_ICMP")""");

check11();
