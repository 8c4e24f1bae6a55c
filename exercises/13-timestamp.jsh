// Exercise 13: the timestamp query (RFC 792): another host's clock, the offset between clocks and one-way delays
// Run it in the lab:  scripts/netlab up   then
//     ip netns exec pingkit-client scripts/jshell --exercise 13   (your own copy, in ~/pingkit-exercises)
//
// Echo tells the round trip only. A timestamp request (type 13, code 0) asks the other host for its clock:
//     bytes 0-7    type 13, code 0, checksum (over all 20 bytes), identifier, sequence number, as in an echo
//     bytes 8-11   originate: when you sent it
//     bytes 12-15  receive: when the other host received it   (0 in the request: the other host fills it in)
//     bytes 16-19  transmit: when it sent the reply            (0 in the request)
// Each time is a 32-bit big-endian count of MILLISECONDS SINCE MIDNIGHT UTC (RFC 792), so it wraps every day at
// 86 400 000. The reply (type 14) carries your originate back with the other host's receive and transmit.
// With t1 = originate, t2 = receive, t3 = transmit (the other clock) and t4 = when the reply came (yours):
//  - the one-way delays, as the two clocks show them: out = t2 - t1, back = t4 - t3. Each includes the difference
//    between the clocks, with opposite signs;
//  - the clock offset (how far the other clock is ahead of yours), if the way out takes as long as the way back:
//    ((t2 - t1) + (t3 - t4)) / 2 milliseconds (NTP's formula). Half a millisecond counts: use a double.
//  - stamps from either side of midnight: t2 = 5 after t1 = 86 399 990 is 15 ms later, not 86 399 985 ms earlier.
//    Take each difference modulo a day, into -12 h .. +12 h.
//
// Try it (in the lab; what JShell answers is explained under each line):
//     System.currentTimeMillis() % 86_400_000
//         $1 ==> 53312456, say: milliseconds since midnight UTC now (that one is 14:48:32.456 UTC), the unit of
//         every time field here
//     var s = TeachingSocket.raw()
//         s ==> TeachingSocket[socket(AF_INET, SOCK_RAW, IPPROTO_ICMP), IP_HDRINCL 0]
//
// YOUR TURN: write the four methods below (Checksum.of is pingkit's RFC 1071), then run  check13()

// Milliseconds since midnight UTC of a time given as milliseconds since 1970 (System.currentTimeMillis()).
long msSinceMidnightUtc(long epochMillis) { throw new UnsupportedOperationException("msSinceMidnightUtc(long) is not written yet"); }

// The 20 bytes of a timestamp request with this identifier, sequence number and originate time, its checksum made.
byte[] timestampRequest(int id, int seq, long originate) { throw new UnsupportedOperationException("timestampRequest(int, int, long) is not written yet"); }

// The one-way delays {out, back} in milliseconds, as the two clocks show them, from the four stamps.
long[] oneWayMs(long t1, long t2, long t3, long t4) { throw new UnsupportedOperationException("oneWayMs(long, long, long, long) is not written yet"); }

// How many milliseconds the other host's clock is ahead of yours (negative: behind), from the four stamps.
double clockOffsetMs(long t1, long t2, long t3, long t4) { throw new UnsupportedOperationException("clockOffsetMs(long, long, long, long) is not written yet"); }

// ---- the check: your arithmetic on made-up stamps, your request on the wire, then far's clock. ----

void check13() {
    var wrong = new ArrayList<String>();
    try {
        timeProblems13(wrong);
        if (wrong.isEmpty()) requestProblems13(wrong);
        if (wrong.isEmpty()) arithmeticProblems13(wrong);
        if (wrong.isEmpty()) {
            String far = lab("far");
            int id = 0x3000 | (int) (ProcessHandle.current().pid() & 0x0fff);
            try (var s = TeachingSocket.raw()) {
                long t1 = msSinceMidnightUtc(System.currentTimeMillis());
                s.send(timestampRequest(id, 13, t1), far);
                byte[] reply = reply13(s, id, 13);
                if (reply == null) { wrong.add("no timestamp reply from far within 2 s"); }
                else {
                    int at = (reply[0] & 0x0f) * 4;
                    long t2 = int13(reply, at + 12), t3 = int13(reply, at + 16);
                    long t4 = msSinceMidnightUtc(s.lastReceived().kernelTimeNanos() / 1_000_000);
                    long[] way = oneWayMs(t1, t2, t3, t4);
                    System.out.printf("  far: originate %d, receive %d, transmit %d, back at %d: out %d ms, back %d ms, offset %.1f ms"
                            + " (the lab's hosts share one kernel clock: near 0)%n", t1, t2, t3, t4, way[0], way[1], clockOffsetMs(t1, t2, t3, t4));
                }
            }
        }
    } catch (IOException | RuntimeException e) {
        wrong.add(e instanceof UnsupportedOperationException ? e.getMessage()
                : e instanceof IOException ? "cannot open a raw socket: " + e.getMessage() : "your code threw " + e);
    }
    verdict("check13()", "exercise 13 (the timestamp query)", wrong);
}

void timeProblems13(List<String> wrong) {
    long day = 86_400_000L, epoch = 20_000 * day + 53_312_456L;        // 14:48:32.456 UTC, 20 000 days after 1970
    long got = msSinceMidnightUtc(epoch);
    if (got != 53_312_456L)
        wrong.add("msSinceMidnightUtc(" + epoch + ") = " + got + (got == epoch ? ": not reduced to the day: RFC 792's times count milliseconds since midnight UTC (% 86 400 000)"
                : got == 53_312L ? ": that is seconds; RFC 792's times are milliseconds" : got == epoch % 0x1_0000_0000L ? ": cut to 32 bits, not to the day" : ""));
}

void requestProblems13(List<String> wrong) {
    var hex = HexFormat.of();
    byte[] q = timestampRequest(0x1234, 7, 0x0500e75cL);
    String in = " in timestampRequest(0x1234, 7, 0x0500e75c) = " + (q == null ? "null" : hex.formatHex(q));
    if (q == null || q.length != 20) { wrong.add((q == null ? "null" : q.length + " bytes") + in + (q != null && q.length == 8 ? ": three 32-bit timestamps follow the 8-byte header" : ": 20 bytes")); return; }
    if (q[0] != 13 || q[1] != 0) wrong.add("type " + q[0] + ", code " + q[1] + in + (q[0] == 14 ? ": 14 is the reply's type; the request is 13" : ": a timestamp request is type 13, code 0"));
    if ((q[4] & 0xff) != 0x12 || q[5] != 0x34 || q[6] != 0 || q[7] != 7) wrong.add("identifier and sequence" + in + ": bytes 4-7, big-endian, as in an echo");
    long originate = int13(q, 8);
    if (originate != 0x0500e75cL)
        wrong.add(String.format("originate 0x%08x%s", originate, in) + (originate == 0x5ce70005L ? ": bytes swapped: the times are big-endian" : ": bytes 8-11"));
    if (int13(q, 12) != 0 || int13(q, 16) != 0) wrong.add("receive and transmit" + in + ": 0 in a request; the other host fills them in");
    if (!wrong.isEmpty()) return;
    int field = (q[2] & 0xff) << 8 | (q[3] & 0xff);
    byte[] zeroed = q.clone();
    zeroed[2] = 0; zeroed[3] = 0;
    int right = Checksum.of(zeroed, 0, 20);
    if (field != right)
        wrong.add(String.format("checksum 0x%04x%s", field, in) + (field == 0 ? ": the checksum field is still 0"
                : field == Checksum.of(zeroed, 0, 8) ? ": it covers all 20 bytes, the timestamps included" : String.format(": RFC 1071 over the 20 bytes gives 0x%04x", right)));
}

void arithmeticProblems13(List<String> wrong) {
    long[] way = oneWayMs(1000, 1012, 1013, 1020);
    if (way == null || way.length != 2 || way[0] != 12 || way[1] != 7)
        wrong.add("oneWayMs(1000, 1012, 1013, 1020) = " + Arrays.toString(way) + ": out is t2 - t1 (12), back t4 - t3 (7)");
    double offset = clockOffsetMs(1000, 1012, 1013, 1020);
    if (wrong.isEmpty() && offset != 2.5)
        wrong.add("clockOffsetMs(1000, 1012, 1013, 1020) = " + offset + (offset == -2.5 ? ": the sign: positive when the other clock is ahead, ((t2 - t1) + (t3 - t4)) / 2"
                : offset == 5 ? ": half of ((t2 - t1) + (t3 - t4)): the offset if out and back take as long"
                : offset == 2 ? ": half a millisecond counts: divide as a double" : ": ((t2 - t1) + (t3 - t4)) / 2"));
    if (!wrong.isEmpty()) return;
    long[] night = oneWayMs(86_399_990, 5, 6, 20);
    double nightOffset = clockOffsetMs(86_399_990, 5, 6, 20);
    if (night == null || night.length != 2 || night[0] != 15 || night[1] != 14 || nightOffset != 0.5)
        wrong.add("oneWayMs(86399990, 5, 6, 20) = " + Arrays.toString(night) + ", clockOffsetMs = " + nightOffset
                + ": the stamps wrapped at midnight; take each difference modulo a day (86 400 000 ms), into -12 h .. +12 h");
}

// A 32-bit big-endian unsigned field.
long int13(byte[] b, int at) { return (b[at] & 0xffL) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff); }

byte[] reply13(TeachingSocket s, int id, int seq) throws IOException {
    long end = System.nanoTime() + 2_000_000_000L;
    for (TeachingSocket.Received r; (r = s.receive(Duration.ofNanos(Math.max(0, end - System.nanoTime())))) != null; ) {
        byte[] p = r.bytes();
        int at = (p[0] & 0x0f) * 4;
        if (p.length >= at + 20 && p[at] == 14 && ((p[at + 4] & 0xff) << 8 | (p[at + 5] & 0xff)) == id && ((p[at + 6] & 0xff) << 8 | (p[at + 7] & 0xff)) == seq) return p;
    }
    return null;
}

void verdict(String check, String exercise, List<String> wrong) {
    wrong.forEach(w -> System.out.println("  - " + w));
    System.out.println(wrong.isEmpty() ? "PASS " + exercise
            : "FAIL " + exercise + ": " + wrong.size() + " problem(s) above; fix them and run " + check + " again");
}

System.out.println("""
    Exercise 13: the timestamp query (needs the lab: run JShell in its client namespace, see exercises/README.md).
    YOUR TURN: write msSinceMidnightUtc(epochMillis), timestampRequest(id, seq, originate), oneWayMs(t1, t2, t3, t4)
    and clockOffsetMs(t1, t2, t3, t4). Run check13().""");

check13();
