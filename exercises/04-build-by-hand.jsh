// Exercise 4: build an echo request by hand, decode it, send it, read the reply
// Start it with:  scripts/jshell --exercise 04   (your own copy of this file, in ~/pingkit-exercises)
//
// Put exercises 1 to 3 together: an echo request is
//     type 8 | code 0 | checksum (2 bytes) | identifier (2) | sequence (2) | data
// with every 16-bit field in network byte order and the checksum computed over the whole message with the
// checksum field set to 0 first (use your checksum from exercise 3, or pingkit's Checksum.of(bytes, 0, n)).
//
// Then read an answer: Echo.send() hands back a SendResult. When the peer answered it is a SendResult.Answered,
// whose reply() is the decoded IcmpMessage (type(), code(), id(), seq(), payload(), show()).
// Try it (what JShell answers is explained under each line):
//     var r = Echo.to("127.0.0.1").id(7).seq(1).payload("hi").send()
//         r ==> Answered[from=127.0.0.1 seq=1 bytes=10 ttl=64 rtt=0.085ms]: who answered, your sequence number,
//         the reply's ICMP length (8 header + your 2 bytes), the TTL it arrived with, and the round trip
//     if (r instanceof SendResult.Answered a) System.out.println(a.reply().show())
//         every field of the reply: its IP header (ip.ver ... ip.dst), then type 0 (echo-reply), code 0, the
//         checksum and whether it is correct, your id and seq, and your payload echoed back
//
// YOUR TURN: write the two methods below, then run  check4()
// send() throws IOException when the socket cannot be opened (e.g. no permission).
// (The check sends to 127.0.0.1, which needs root or `sysctl -w net.ipv4.ping_group_range="0 2147483647"`.)

// The bytes of an ICMPv4 echo request with this identifier, sequence number and data.
byte[] echoRequest(int id, int seq, byte[] data) { throw new UnsupportedOperationException("echoRequest(int, int, byte[]) is not written yet"); }

// Is `reply` the echo reply that answers `request` (the bytes of an echo request)? Check what ping checks:
// it is an echo reply (type 0, code 0) with the request's identifier, sequence number and data.
boolean answers(IcmpMessage reply, byte[] request) { throw new UnsupportedOperationException("answers(IcmpMessage, byte[]) is not written yet"); }

// ---- the check: decodes your bytes with pingkit, sends them, and tries your answers(). No need to change below. ----

void check4() {
    var wrong = new ArrayList<String>();
    var hex = HexFormat.of();
    try {
        int id = 0x4a7e, seq = 0x0102;
        byte[] data = "hello, pingkit!".getBytes();       // 15 bytes: an odd length on purpose
        byte[] mine = echoRequest(id, seq, data);
        var m = Icmp.decode(mine);
        if (!m.isEchoRequest()) wrong.add("your bytes decode as " + m.typeName() + ", not an echo request: " + m);
        if (!m.checksumValid()) {
            int c = m.checksum(), e = m.expectedChecksum();
            byte[] headerOnly = Arrays.copyOf(mine, 8);
            headerOnly[2] = 0;
            headerOnly[3] = 0;
            wrong.add(String.format("your checksum 0x%04x is wrong: %s", c,
                    c == 0 ? "the field is still 0; compute the checksum with it at 0, then write the result into it"
                    : c == (e >>> 8 | (e & 0xff) << 8) ? "its bytes are swapped: little-endian? the field is big-endian like the others"
                    : c == Checksum.of(headerOnly, 0, 8) ? "it covers the header only; the checksum covers the data too"
                    : "compute it over the whole message, with the checksum field at 0 while you do"));
        }
        if (m.id() != id) wrong.add(String.format("identifier decodes as 0x%04x, expected 0x%04x%s", m.id(), id,
                m.id() == (id >>> 8 | (id & 0xff) << 8) ? ": bytes swapped, little-endian?" : ""));
        if (m.seq() != seq) wrong.add(String.format("sequence decodes as 0x%04x, expected 0x%04x%s", m.seq(), seq,
                m.seq() == (seq >>> 8 | (seq & 0xff) << 8) ? ": bytes swapped, little-endian?" : m.seq() == id ? ": that is the identifier" : ""));
        if (!Arrays.equals(m.payload(), data)) wrong.add("data decodes as " + hex.formatHex(m.payload()) + ", expected " + hex.formatHex(data));
        var echo = Echo.to("127.0.0.1").id(id).seq(seq).payload(data);
        if (!Arrays.equals(mine, echo.toBytes()))
            wrong.add("your bytes  " + hex.formatHex(mine) + "\n    pingkit's " + hex.formatHex(echo.toBytes()));
        if (wrong.isEmpty()) {
            // Your bytes are exactly pingkit's: send them and hand the reply to answers().
            var result = echo.send(Duration.ofSeconds(2));
            System.out.println("  sent your packet: " + result);
            if (result instanceof SendResult.Answered a) {
                if (!answers(a.reply(), mine))
                    wrong.add("answers(reply, request) = false for the real reply " + a.reply()
                            + ": compare array contents with Arrays.equals (== asks whether they are the same object)");
                if (answers(Icmp.decode(mine), mine))
                    wrong.add("answers(request, request) = true: the request itself is not a reply; look at the type");
                // a check that ignores the type also takes code 1: name the type alone, the code once the type is read
                else if (answers(Icmp.decode(echo.type(0).code(1).toBytes()), mine))
                    wrong.add("answers(reply, request) = true for a message of type 0 but code 1: an echo reply has code 0 too");
                if (answers(a.reply(), echoRequest(id, seq + 1, data)))
                    wrong.add("answers(reply, request) = true although the request had another sequence number: "
                            + "a late reply to an earlier probe would count for this one");
                if (answers(a.reply(), echoRequest(id ^ 0x0100, seq, data)))
                    wrong.add("answers(reply, request) = true although the request had another identifier: "
                            + "another ping program's reply would count as yours");
                if (answers(a.reply(), echoRequest(id, seq, "hello, pingkit?".getBytes())))
                    wrong.add("answers(reply, request) = true although the request carried other data: "
                            + "a corrupted reply would count as a good one");
            } else {
                wrong.add("no echo reply from 127.0.0.1 (" + result + "); are you root?");
            }
        }
    } catch (IOException | RuntimeException e) {
        wrong.add(e instanceof UnsupportedOperationException ? e.getMessage() : "your code threw " + e);
    }
    verdict("check4()", "exercise 4 (an echo request by hand)", wrong);
}

void verdict(String check, String exercise, List<String> wrong) {
    wrong.forEach(w -> System.out.println("  - " + w));
    System.out.println(wrong.isEmpty() ? "PASS " + exercise
            : "FAIL " + exercise + ": " + wrong.size() + " problem(s) above; fix them and run " + check + " again");
}

System.out.println("""
    Exercise 4: an echo request built by hand, sent to 127.0.0.1, its reply matched (needs root or ping sockets).
    YOUR TURN: write echoRequest(id, seq, data) -> the ICMP bytes, checksum included, and
    answers(reply, request) -> is this the echo reply to that request? Run check4().""");

check4();
