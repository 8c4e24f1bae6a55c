// Exercise 3: the Internet checksum by hand (RFC 1071)
// Start it with:  scripts/jshell --exercise 03   (your own copy of this file, in ~/pingkit-exercises)
//
// Every ICMP message carries a 16-bit checksum so the receiver can drop a damaged one. RFC 1071 defines it:
//  1. Read the message as 16-bit big-endian words (exercise 2!). With the checksum field itself set to 0.
//  2. If the length is odd, pad the last byte with a zero byte AFTER it: a trailing 0xab counts as the word 0xab00.
//  3. Add the words up in a wider integer, then "fold": add the carries above bit 15 back into the low 16 bits,
//     again until nothing is left above bit 15 (one's-complement addition).
//  4. The checksum is the one's complement (~) of that sum, in 16 bits.
// The receiver sums the message WITH the checksum in it and gets 0xffff, so its complement is 0: "correct".
//
// RFC 1071's own example: the bytes 00 01 f2 03 f4 f5 f6 f7 sum to 0xddf2, so the checksum is 0x220d.
// pingkit's version: Checksum.of(bytes, 0, bytes.length)
//
// YOUR TURN: write checksum(data) below, then run  check3()

// The RFC 1071 checksum (0..65535) of all of `data`.
int checksum(byte[] data) { throw new UnsupportedOperationException("checksum(byte[]) is not written yet"); }

// ---- the check: compares your checksum with pingkit's on many inputs. No need to change anything below. ----

void check3() {
    var wrong = new ArrayList<String>();
    var hex = HexFormat.of();
    try {
        var inputs = new ArrayList<byte[]>();
        inputs.add(hex.parseHex("0001f203f4f5f6f7"));             // RFC 1071's example
        inputs.add(hex.parseHex("0102030405060708"));             // every byte below 0x80
        inputs.add(hex.parseHex("80ff7f80c0a8ff01"));             // bytes of 0x80 and more
        inputs.add(hex.parseHex("ffffffffffff0002"));             // the folded carry carries again
        inputs.add(new byte[0]);
        inputs.add(hex.parseHex("ab"));                           // odd: one byte, padded to 0xab00
        inputs.add(hex.parseHex("ffffffffff"));                   // odd, and every word carries
        var random = new Random(1071);
        for (int n : new int[] {2, 3, 7, 8, 9, 63, 64, 65, 1001}) {
            var b = new byte[n];
            random.nextBytes(b);
            inputs.add(b);
        }
        boolean lowBytesRight = checksum(inputs.get(1)) == Checksum.of(inputs.get(1), 0, 8);
        for (var b : inputs) {
            int mine = checksum(b), theirs = Checksum.of(b, 0, b.length);
            if (mine != theirs)
                wrong.add(String.format("checksum of %d byte%s %s%s = 0x%04x: %s", b.length, b.length == 1 ? "" : "s",
                        hex.formatHex(b, 0, Math.min(b.length, 8)), b.length > 8 ? "..." : "", mine, checksumProblem(b, mine, lowBytesRight)));
            if (wrong.size() == 3) break;                         // a few are enough to show the idea
        }
        // A real echo request with an odd-length payload: zero the checksum field, recompute it.
        var echo = Echo.to("127.0.0.1").id(7).seq(1).payload("hi!");
        byte[] packet = echo.toBytes();
        int field = (packet[2] & 0xff) << 8 | (packet[3] & 0xff);
        byte[] zeroed = packet.clone();
        zeroed[2] = 0;
        zeroed[3] = 0;
        if (wrong.isEmpty() && checksum(zeroed) != field)
            wrong.add(String.format("checksum of %s (echo \"hi!\" with its checksum field zeroed) = 0x%04x, "
                    + "but pingkit put 0x%04x in the field", hex.formatHex(zeroed), checksum(zeroed), field));
        if (wrong.isEmpty() && checksum(packet) != 0)
            wrong.add(String.format("checksum of the whole echo %s = 0x%04x; a correct packet checks to 0",
                    hex.formatHex(packet), checksum(packet)));
    } catch (RuntimeException e) {
        wrong.add(e instanceof UnsupportedOperationException ? e.getMessage() : "your code threw " + e);
    }
    verdict("check3()", "exercise 3 (RFC 1071 checksum)", wrong);
}

// Which idea a wrong checksum points at, told from its value alone (the learner's code is never read).
String checksumProblem(byte[] b, int mine, boolean lowBytesRight) {
    int n = b.length;
    long sum = 0;
    for (int i = 0; i < n; i += 2) sum += (b[i] & 0xff) << 8 | (i + 1 < n ? b[i + 1] & 0xff : 0);
    long once = (sum & 0xffff) + (sum >> 16);
    long folded = sum;
    while (folded >> 16 != 0) folded = (folded & 0xffff) + (folded >> 16);
    int theirs = (int) ~folded & 0xffff;
    if (mine < 0 || mine > 0xffff) return "not a 16-bit value: keep the low 16 bits of the complement";
    // The most specific idea first: on an odd length, a last byte padded on the wrong side also looks like swapped
    // bytes (for one byte it is exactly that), so the pad is named before byte order is.
    if (n % 2 == 1) {
        if (mine == Checksum.of(b, 0, n - 1)) return "the odd last byte was left out: it counts, padded with a zero byte";
        byte[] low = Arrays.copyOf(b, n + 1);
        low[n - 1] = 0;
        low[n] = b[n - 1];
        if (mine == Checksum.of(low, 0, n + 1)) return "the odd last byte went in as the low half of its word: the zero pad comes AFTER it";
    }
    if (mine == (theirs >>> 8 | (theirs & 0xff) << 8)) return "bytes swapped: little-endian words? each word is its first byte times 256 plus the second";
    if (mine == folded) return "that is the sum; the checksum is its one's complement";
    if (once >> 16 != 0 && mine == ((int) ~once & 0xffff)) return "the carry can carry again: fold until nothing is left above bit 15";
    if (sum >> 16 != 0 && mine == ((int) ~sum & 0xffff)) return "the carries above bit 15 were dropped: add them back into the low 16 bits";
    boolean highBytes = false;
    for (byte x : b) highBytes |= x < 0;
    if (lowBytesRight && highBytes) return "right for bytes below 0x80, wrong here: negative value? a byte needs & 0xff";
    return String.format("pingkit says 0x%04x", theirs);
}

void verdict(String check, String exercise, List<String> wrong) {
    wrong.forEach(w -> System.out.println("  - " + w));
    System.out.println(wrong.isEmpty() ? "PASS " + exercise
            : "FAIL " + exercise + ": " + wrong.size() + " problem(s) above; fix them and run " + check + " again");
}

System.out.println("""
    Exercise 3: the Internet checksum (RFC 1071); the four steps are in the file you opened (03-checksum.jsh).
    YOUR TURN: write checksum(data): 16-bit big-endian words, an odd last byte padded with a zero after it,
    carries folded back in, then the one's complement. Run check3().""");

check3();
