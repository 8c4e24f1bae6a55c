// Exercise 1: the echo packet's fields and sizes (RFC 792)
// Start it with:  scripts/jshell --exercise 01   (your own copy of this file, in ~/pingkit-exercises)
//
// "ping" sends an ICMP Echo Request and the peer answers with an Echo Reply. RFC 792 draws it like this:
//
//     0                   1                   2                   3
//     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//    |     Type      |     Code      |          Checksum             |
//    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//    |           Identifier          |        Sequence Number        |
//    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//    |     Data ...
//    +-+-+-+-+-
//
//   Type 8 asks for an echo, type 0 is the answer; Code is 0 for both. The identifier tells one pinging program
//   from another, the sequence number one probe from the next. The data comes back unchanged.
//   On the wire this ICMP message rides inside an IPv4 packet whose header is 20 bytes when it carries no options.
//   That is why `ping -s 56` (56 data bytes) says "64 bytes from ..." (the ICMP message) and sends 84 bytes of IP.
//
// Look at a packet yourself:   println(Echo.to("127.0.0.1").id(7).seq(1).payload("hi").show())
//                               println(Echo.to("127.0.0.1").id(7).seq(1).payload("hi").hexdump())
// (println prints the lines; a bare .show() gives the same text as one quoted String with \n in it.)
//
// YOUR TURN: replace each `throw` below with the answer, then run  check1()
// (Either edit your copy of this file and /open it again (scripts/jshell --exercise says where it is), or type a
// new definition at the prompt: it replaces the old one.)

int echoRequestType() { throw new UnsupportedOperationException("echoRequestType() is not written yet"); }

int echoReplyType() { throw new UnsupportedOperationException("echoReplyType() is not written yet"); }

// How many bytes come before the data in an ICMP echo message?
int icmpHeaderLength() { throw new UnsupportedOperationException("icmpHeaderLength() is not written yet"); }

// At which byte offset (counting from 0) does the sequence number start?
int sequenceOffset() { throw new UnsupportedOperationException("sequenceOffset() is not written yet"); }

// How long is the whole IPv4 packet (no IP options) carrying an echo request with `dataBytes` bytes of data?
int ipv4PacketLength(int dataBytes) { throw new UnsupportedOperationException("ipv4PacketLength(int) is not written yet"); }

// ---- the check: compares your answers with the packets pingkit builds. No need to change anything below. ----

void check1() {
    var wrong = new ArrayList<String>();
    try {
        var echo = Echo.to("127.0.0.1").id(7).seq(1).payload("hi");
        int type = echo.toBytes()[0] & 0xff;
        if (echoRequestType() != type)
            wrong.add("echoRequestType() = " + echoRequestType() + (Icmp.decode(echo.type(echoRequestType()).toBytes()).isEchoReply()
                    ? ": that is the type of the answer, not of the question" : ": pingkit's echo request starts with another type"));
        var reply = Icmp.decode(echo.type(echoReplyType()).toBytes());
        if (!reply.isEchoReply())
            wrong.add("echoReplyType() = " + echoReplyType() + ", but a packet of that type decodes as " + reply.typeName());
        int header = echo.payload(new byte[0]).toBytes().length;
        if (icmpHeaderLength() != header)
            wrong.add("icmpHeaderLength() = " + icmpHeaderLength() + (icmpHeaderLength() < header
                    ? ": count every field before the data, identifier and sequence number included"
                    : ": the data is not part of the header (count the fields before it)"));
        for (int n : new int[] {0, 1, 56, 1000}) {
            int length = echo.payload(new byte[n]).toBytes().length;
            int mine = ipv4PacketLength(n);
            if (mine == 20 + length) continue;
            String why = mine == length ? ": that is the ICMP message alone; it travels inside an IPv4 packet with a header of its own"
                    : mine == 20 + n ? ": IPv4 header + data leaves out the ICMP header"
                    : mine == n ? ": the data alone; count both headers"
                    : ": add up the IPv4 header (no options), the ICMP header and the data";
            wrong.add("ipv4PacketLength(" + n + ") = " + mine + why);
            break;                                           // one size is enough to show the idea
        }
        byte[] b = echo.id(0x5678).seq(0x1234).toBytes();
        int at = sequenceOffset();
        if (at < 0 || at + 1 >= b.length || (b[at] & 0xff) != 0x12 || (b[at + 1] & 0xff) != 0x34)
            wrong.add("sequenceOffset() = " + at + (at == 4 ? ": the identifier starts there, the sequence number comes after it"
                    : at == 7 ? ": offsets count from 0, not from 1"
                    : at == 2 ? ": the checksum starts there"
                    : ": sequence 0x1234 is not at that offset in " + HexFormat.of().formatHex(b, 0, 8)));
    } catch (RuntimeException e) {
        wrong.add(e instanceof UnsupportedOperationException ? e.getMessage() : "your code threw " + e);
    }
    verdict("check1()", "exercise 1 (echo fields and sizes)", wrong);
}

void verdict(String check, String exercise, List<String> wrong) {
    wrong.forEach(w -> System.out.println("  - " + w));
    System.out.println(wrong.isEmpty() ? "PASS " + exercise
            : "FAIL " + exercise + ": " + wrong.size() + " problem(s) above; fix them and run " + check + " again");
}

System.out.println("""
    Exercise 1: the echo message's fields and sizes (RFC 792); the picture and the idea are in the file you opened (01-echo-fields.jsh).
    YOUR TURN: write echoRequestType(), echoReplyType(), icmpHeaderLength(), sequenceOffset() and
    ipv4PacketLength(dataBytes), then run check1(). Look first: println(Echo.to("127.0.0.1").id(7).seq(1).payload("hi").show())""");

check1();
