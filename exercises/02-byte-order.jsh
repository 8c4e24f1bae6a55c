// Exercise 2: network byte order
// Start it with:  scripts/jshell --exercise 02   (your own copy of this file, in ~/pingkit-exercises)
//
// A 16-bit field such as the identifier takes two bytes on the wire. Internet protocols send the most significant
// byte first ("big-endian", as RFC 791's appendix B and RFC 1700's "Data Notations" picture it; the sockets API
// calls it network byte order, hence htons/ntohs): the identifier 0x1234 travels as 12 34.
// Your PC's CPU (x86, most ARM) keeps numbers the other way round in memory (34 12), so every field must be turned
// around on the way out and on the way in. Java hides memory order from you, but you still choose which byte you
// write first; java.nio.ByteBuffer writes big-endian unless told otherwise.
//
// Two traps:
//  - a Java byte is signed: (byte) 0xab is -85, so reading it back needs `& 0xff` before shifting;
//  - 16 bits hold 0..65535, which fits an int but not a short.
//
// See it in pingkit:   HexFormat.of().formatHex(Echo.to("127.0.0.1").id(0x1234).toBytes(), 4, 6)
//
// YOUR TURN: write the two methods below with shifts and masks (no ByteBuffer), then run  check2()

// The two bytes of a 16-bit value (0..65535), most significant first.
byte[] toNetworkOrder(int value) { throw new UnsupportedOperationException("toNetworkOrder(int) is not written yet"); }

// The 16-bit value (0..65535) whose two bytes start at bytes[offset], most significant first.
int fromNetworkOrder(byte[] bytes, int offset) { throw new UnsupportedOperationException("fromNetworkOrder(byte[], int) is not written yet"); }

// ---- the check: compares your bytes with the identifier pingkit writes. No need to change anything below. ----

void check2() {
    var wrong = new ArrayList<String>();
    var hex = HexFormat.of();
    try {
        for (int v : new int[] {0x1234, 0, 1, 0x00ff, 0xff00, 0xabcd, 0x8000, 65535, 0x12ab}) {
            byte[] packet = Echo.to("127.0.0.1").id(v).seq(65535 - v).toBytes();
            byte[] mine = toNetworkOrder(v);
            if (mine.length != 2)
                wrong.add(String.format("toNetworkOrder(0x%04x) = %s: %d byte(s), but a 16-bit field takes 2", v, hex.formatHex(mine), mine.length));
            else if (!Arrays.equals(mine, 0, 2, packet, 4, 6 /* the identifier field */))
                wrong.add(String.format("toNetworkOrder(0x%04x) = %s%s", v, hex.formatHex(mine),
                        mine[0] == packet[5] && mine[1] == packet[4] ? ": bytes swapped: little-endian? network order sends the most significant byte first"
                                : ", but pingkit writes identifier 0x" + String.format("%04x", v) + " as " + hex.formatHex(packet, 4, 6)));
            int id = fromNetworkOrder(packet, 4), seq = fromNetworkOrder(packet, 6);
            if (id != v) wrong.add(fromNetworkOrderProblem(packet, 4, id, v));
            if (seq != 65535 - v) wrong.add(fromNetworkOrderProblem(packet, 6, seq, 65535 - v));
            if (!wrong.isEmpty()) break;                    // one value is enough to show the idea
        }
    } catch (RuntimeException e) {
        wrong.add(e instanceof UnsupportedOperationException ? e.getMessage() : "your code threw " + e);
    }
    verdict("check2()", "exercise 2 (network byte order)", wrong);
}

// Which idea a wrong fromNetworkOrder result points at. The check never needs the learner's code, only its result.
String fromNetworkOrderProblem(byte[] b, int offset, int mine, int expected) {
    String call = String.format("fromNetworkOrder(packet, %d) = %d for the bytes %s", offset, mine, HexFormat.of().formatHex(b, offset, offset + 2));
    int hi = b[offset] & 0xff, lo = b[offset + 1] & 0xff;
    if (mine < 0 || mine == (hi << 8) + b[offset + 1] || mine == (b[offset] << 8 | lo))
        return call + ": negative value or borrowed bits: a Java byte is signed, so a byte needs & 0xff before you combine it";
    if (mine == (lo << 8 | hi)) return call + ": bytes swapped: little-endian? the first byte is the most significant";
    if (mine > 0xffff) return call + ": more than 16 bits; how far does the first byte move?";
    if (offset != 0 && mine == ((b[0] & 0xff) << 8 | (b[1] & 0xff))) return call + ": those are the bytes at offset 0; start at bytes[offset]";
    return call + ", but the field holds " + expected;
}

void verdict(String check, String exercise, List<String> wrong) {
    wrong.forEach(w -> System.out.println("  - " + w));
    System.out.println(wrong.isEmpty() ? "PASS " + exercise
            : "FAIL " + exercise + ": " + wrong.size() + " problem(s) above; fix them and run " + check + " again");
}

System.out.println("""
    Exercise 2: network byte order (most significant byte first); the idea is in the file you opened (02-byte-order.jsh).
    YOUR TURN: write toNetworkOrder(value) -> 2 bytes and fromNetworkOrder(bytes, offset) -> 0..65535 with shifts
    and masks, then run check2(). Remember: a Java byte is signed.""");

check2();
