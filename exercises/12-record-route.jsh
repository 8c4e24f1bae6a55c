// Exercise 12: Record Route by hand: an IPv4 option of your own, and the way out and back read from the reply
// Run it in the lab:  scripts/netlab up   then
//     ip netns exec pingkit-client scripts/jshell --exercise 12   (your own copy, in ~/pingkit-exercises)
//
// With IP_HDRINCL on (exercise 11) you write the whole header, so you can write OPTIONS too: bytes after the fixed
// 20, up to 40 of them, the header's length in IHL (words of 4 bytes) growing to match. Record Route (RFC 791,
// the option of ping -R) asks every router that forwards the packet to write its address into it:
//     byte 0       type 7
//     byte 1       length 39: these three bytes and room for nine addresses (3 + 9 × 4)
//     byte 2       pointer: where the next address goes, counted from 1 at the option's first byte; 4 when empty
//     bytes 3..38  nine empty slots of 4 bytes
// One more byte, 0 (End of Option List), pads the options to 40, so IHL is 15: 60 bytes of header. An echo reply
// carries the option back (RFC 1122) and the routers on the way back add theirs, so the reply's header says who
// handled your packet going out and coming back.
// In a received header the options are a LIST from byte 20 to IHL × 4: type 0 ends it, type 1 (No Operation) is a
// single byte, every other option says its length in its second byte. Walk it to find type 7; do not assume it
// comes first. Its pointer says how far it is filled: the addresses are its bytes 3 up to pointer - 1.
//
// Try it (in the lab; what JShell answers is explained under each line):
//     var s = TeachingSocket.raw().recordRoute()
//         s ==> TeachingSocket[socket(AF_INET, SOCK_RAW, IPPROTO_ICMP), IP_HDRINCL 0]: pingkit writes the option
//         for you here (IP_OPTIONS, as ping -R); you will write it yourself below
//     s.send(Echo.to(lab("far")).id(7).seq(1).toBytes(), lab("far"))
//         $2 ==> 1796657249294135107: when it was sent, in nanoseconds since 1970 (exercise 8)
//     println(HexFormat.of().formatHex(s.receive(Duration.ofSeconds(1)).bytes(), 0, 60))
//         4f00...: IHL 15, and from byte 20 on the option 07 27 18 (pointer 24: five addresses recorded), then
//         c6120101 (198.18.1.1, the router on its way to far), c6120102 (far), ... and the empty slots
//
// YOUR TURN: write the two methods below (Checksum.of is pingkit's RFC 1071, yours from exercise 3), then run  check12()

// A 60-byte IPv4 header from `source` to `destination` (dotted text), TTL `ttl`, for an ICMP message of `icmpLength`
// bytes, carrying an empty Record Route option and the End of Option List pad, its checksum made with Checksum.of.
byte[] recordRouteHeader(String source, String destination, int ttl, int icmpLength) { throw new UnsupportedOperationException("recordRouteHeader(String, String, int, int) is not written yet"); }

// The addresses recorded in the Record Route option of `packet` (a received IPv4 packet), in order, as dotted text;
// an empty list when it carries no Record Route.
List<String> recordedRoute(byte[] packet) { throw new UnsupportedOperationException("recordedRoute(byte[]) is not written yet"); }

// ---- the check: your header read field by field, your reading of made-up options, then far and back. ----

void check12() {
    var wrong = new ArrayList<String>();
    try {
        headerProblems12(wrong);
        if (wrong.isEmpty()) routeProblems12(wrong);
        if (wrong.isEmpty()) {
            String far = lab("far");
            byte[] request = Echo.to(far).id(0x4000 | (int) (ProcessHandle.current().pid() & 0x0fff)).seq(12).payload("route").toBytes();
            byte[] header = recordRouteHeader(lab("client"), far, 64, request.length);
            byte[] packet = Arrays.copyOf(header, header.length + request.length);
            System.arraycopy(request, 0, packet, header.length, request.length);
            try (var s = TeachingSocket.raw().setIpHdrIncl(true)) {
                s.send(packet, far);
                byte[] reply = reply12(s, request);
                if (reply == null) wrong.add("no echo reply from far within 2 s to your packet");
                else {
                    List<String> yours = recordedRoute(reply), theirs = route12(reply);
                    if (!theirs.equals(yours)) wrong.add("recordedRoute(far's reply) = " + yours + ", but the option holds " + theirs);
                    else {
                        int turn = theirs.indexOf(far);
                        System.out.println("  far's reply recorded " + theirs.size() + " addresses: out " + theirs.subList(0, turn + 1)
                                + ", back " + theirs.subList(turn + 1, theirs.size()) + " (each host writes the address it forwards or receives on)");
                    }
                }
            }
        }
    } catch (IOException | RuntimeException e) {
        wrong.add(e instanceof UnsupportedOperationException ? e.getMessage()
                : e instanceof IOException ? "cannot open a raw socket: " + e.getMessage() : "your code threw " + e);
    }
    verdict("check12()", "exercise 12 (Record Route by hand)", wrong);
}

void headerProblems12(List<String> wrong) {
    var hex = HexFormat.of();
    byte[] h = recordRouteHeader("198.51.100.1", "198.18.1.2", 64, 10);
    String in = " in recordRouteHeader(\"198.51.100.1\", \"198.18.1.2\", 64, 10)";
    if (h == null || h.length != 60) {
        wrong.add((h == null ? "null" : h.length + " bytes") + in + ": 20 fixed bytes and 40 of options make 60");
        return;
    }
    in += " = " + hex.formatHex(h, 0, 24) + "...";
    if ((h[0] & 0xff) != 0x4f)
        wrong.add(String.format("byte 0 is 0x%02x%s", h[0] & 0xff, in) + ((h[0] & 0x0f) == 5 ? ": the options make the header 60 bytes: IHL 15" : ": version 4, IHL 15"));
    int total = (h[2] & 0xff) << 8 | (h[3] & 0xff);
    if (total != 70)
        wrong.add("total length " + total + in + (total == 30 ? ": the total length counts the options too" : ""));
    if (h[20] != 7) wrong.add("option type " + h[20] + in + ": Record Route is type 7, at byte 20");
    else if (h[21] != 39) wrong.add("option length " + h[21] + in + (h[21] == 40 ? ": the option is 39 bytes (3 + 9 × 4); the 40th is the End of Option List" : ": 3 + 9 × 4"));
    else if (h[22] != 4) wrong.add("pointer " + h[22] + in + (h[22] == 0 || h[22] == 3 ? ": the pointer counts from 1: the first free slot is at 4" : ""));
    for (int i = 23; i < 60 && wrong.isEmpty(); i++)
        if (h[i] != 0) wrong.add("byte " + i + " is " + (h[i] & 0xff) + in + ": the slots are empty and the pad is 0");
    int field = (h[10] & 0xff) << 8 | (h[11] & 0xff);
    byte[] zeroed = h.clone();
    zeroed[10] = 0; zeroed[11] = 0;
    int right = Checksum.of(zeroed, 0, 60);
    if (wrong.isEmpty() && field != right)
        wrong.add(String.format("header checksum 0x%04x%s", field, in) + (field == Checksum.of(zeroed, 0, 20)
                ? ": it covers the whole 60-byte header, options included" : String.format(": RFC 1071 over the 60 bytes gives 0x%04x", right)));
}

// Your recordedRoute on made-up packets: a NOP before the option, and an option only partly filled.
void routeProblems12(List<String> wrong) {
    byte[] p = new byte[60 + 8];
    p[0] = 0x4f; p[9] = 1;
    p[20] = 1;                                             // No Operation, then Record Route at 21
    p[21] = 7; p[22] = 39; p[23] = 12;                     // two addresses recorded
    byte[] a = {(byte) 198, 18, 1, 1, (byte) 198, 18, 1, 2};
    System.arraycopy(a, 0, p, 24, 8);
    List<String> two = List.of("198.18.1.1", "198.18.1.2");
    List<String> got = recordedRoute(p);
    if (!two.equals(got)) {
        String why = got.isEmpty() || got.get(0).startsWith("7.") || got.get(0).startsWith("39.")
                ? ": the option list starts with a No Operation here; walk it from byte 20 (0 ends it, 1 is one byte, the others give their length)"
                : got.size() == 9 ? ": the pointer (12) says how far it is filled; the slots after it are empty"
                : got.size() == 1 || got.size() == 3 ? ": the pointer counts from 1 at the option's first byte; the addresses are its bytes 3 up to pointer - 1"
                : "";
        wrong.add("recordedRoute of a header 01 07 27 0c c6120101 c6120102 00... = " + got + ", not " + two + why);
    }
    byte[] none = new byte[28];
    none[0] = 0x45; none[9] = 1;
    if (wrong.isEmpty() && !recordedRoute(none).isEmpty())
        wrong.add("recordedRoute of a 20-byte header = " + recordedRoute(none) + ": a header without options records nothing");
}

// The check's own reading of the Record Route option: the list walked, type 7 found, its pointer obeyed.
List<String> route12(byte[] p) {
    var route = new ArrayList<String>();
    int end = (p[0] & 0x0f) * 4;
    for (int at = 20; at < end; ) {
        int type = p[at] & 0xff;
        if (type == 0) break;
        if (type == 1) { at++; continue; }
        int length = p[at + 1] & 0xff;
        if (type == 7)
            for (int i = at + 3; i + 4 <= at + (p[at + 2] & 0xff) - 1; i += 4)
                route.add((p[i] & 0xff) + "." + (p[i + 1] & 0xff) + "." + (p[i + 2] & 0xff) + "." + (p[i + 3] & 0xff));
        at += Math.max(length, 2);
    }
    return route;
}

byte[] reply12(TeachingSocket s, byte[] request) throws IOException {
    var q = Icmp.decode(request);
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
    Exercise 12: Record Route by hand (needs the lab: run JShell in its client namespace, see exercises/README.md).
    YOUR TURN: write recordRouteHeader(source, destination, ttl, icmpLength), a 60-byte header with the option,
    and recordedRoute(packet), the addresses a received header's option holds. Run check12().""");

check12();
