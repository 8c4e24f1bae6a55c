// Exercise 8: time the round trip yourself, and compare with pingkit's kernel-stamped RTT
// Start it with:  scripts/jshell --exercise 08   (as root: a raw socket needs it; your own copy, in ~/pingkit-exercises)
//
// ping's "time=0.042 ms" is the round-trip time (RTT): from sending the request to receiving its reply. You can
// measure it with a stopwatch of your own around send and receive. Two things matter:
//  - the clock: System.nanoTime() is made for measuring intervals; System.currentTimeMillis() tells the date and
//    ticks in whole milliseconds, far too coarse for a reply from 127.0.0.1 that takes a few microseconds;
//  - what you time: start before you send, stop when YOUR reply is in your hands (a raw socket on 127.0.0.1 also
//    receives your own request, and other programs' packets). Why before: send() returns after the kernel took the
//    packet, and your thread may lose the processor right then; the reply can be back before send() returns. The
//    check shows it: it runs your code once more over a socket whose send() returns half a second late
//    (TeachingSocket.raw().sendReturnsAfter(Duration.ofMillis(500))).
// pingkit does better than a stopwatch: the kernel stamps each packet the moment it arrives (SO_TIMESTAMP), so
// its RTT leaves out the time your program took to wake up and read. TeachingSocket gives you both stamps:
// send() returns the send time, and each Received has kernelTimeNanos(), on the same clock (nanoseconds since 1970).
//
// YOUR TURN: write the two methods below, then run  check8()

// Send `request` on `socket` to `host`, receive until its echo reply arrives (isReplyTo below does the matching),
// and return the time between the two that YOU measured, in nanoseconds.
long myRttNanos(TeachingSocket socket, byte[] request, String host) throws IOException { throw new UnsupportedOperationException("myRttNanos(TeachingSocket, byte[], String) is not written yet"); }

// The kernel-stamped RTT of the last exchange on `socket`, in nanoseconds: from socket.lastSendTime() to the
// kernel's receive stamp of socket.lastReceived().
long kernelRttNanos(TeachingSocket socket) { throw new UnsupportedOperationException("kernelRttNanos(TeachingSocket) is not written yet"); }

// Given (exercise 7 did it by hand): is `packet`, a received IPv4 packet, the echo reply to `request`?
boolean isReplyTo(byte[] packet, byte[] request) {
    int at = (packet[0] & 0x0f) * 4;
    return packet.length >= at + 8 && packet[9] == 1 && packet[at] == 0 && Arrays.equals(packet, at + 4, at + 8, request, 4, 8);
}

// ---- the check: five echoes to 127.0.0.1, your stopwatch beside the kernel's stamps. No need to change below. ----

void check8() {
    var wrong = new ArrayList<String>();
    int id = 0x6000 | (int) (ProcessHandle.current().pid() & 0x0fff);
    String late;
    try {
        long[] mine = new long[5], kernel = new long[5];
        for (int i = 0; i < 5 && wrong.isEmpty(); i++) {
            byte[] request = Echo.to("127.0.0.1").id(id).seq(i + 1).payload("check8").toBytes();
            try (var socket = TeachingSocket.raw()) {
                mine[i] = myRttNanos(socket, request, "127.0.0.1");
                var last = socket.lastReceived();
                if (socket.lastSendTime() < 0) { wrong.add("myRttNanos never sent the request"); break; }
                if (last == null) { wrong.add("myRttNanos stopped the clock before it received anything: the reply ends the round trip"); break; }
                if (!isReplyTo(last.bytes(), request)) {
                    var m = Icmp.decode(last.bytes());
                    wrong.add("the last packet myRttNanos received is " + (m.isEchoRequest() ? "an echo request (your own, seen on 127.0.0.1)" : "not the reply to your request")
                            + ": the clock stops at YOUR reply; keep receiving until isReplyTo says so");
                    break;
                }
                kernel[i] = last.kernelTimeNanos() - socket.lastSendTime();
                long k = kernelRttNanos(socket);
                if (k != kernel[i])
                    wrong.add(String.format("kernelRttNanos = %d, but the stamps say %d ns%s", k, kernel[i],
                            k == -kernel[i] ? ": negative? it is the later stamp minus the earlier one" : ""));
            }
        }
        if (wrong.isEmpty()) {
            for (int i = 0; i < 5; i++)
                System.out.printf("  your RTT %.3f ms, kernel-stamped %.3f ms%n", mine[i] / 1e6, kernel[i] / 1e6);
            boolean wholeMillis = Arrays.stream(mine).allMatch(t -> t % 1_000_000 == 0);
            long shortest = Arrays.stream(mine).min().getAsLong();
            int shorter = 0;
            for (int i = 0; i < 5; i++) if (mine[i] + 20_000 < kernel[i]) shorter++;
            if (wholeMillis)
                wrong.add("every RTT is a whole number of milliseconds: that clock ticks far too coarsely for 127.0.0.1; use System.nanoTime()");
            else if (shortest <= 0)
                wrong.add("an RTT of " + shortest + " ns: end minus start, and a clock that ticks finer than a round trip");
            else if ((late = lateSendProblem8(id)) != null)
                wrong.add(late);
            else if (shorter > 0)
                wrong.add(shorter + " of your RTTs are shorter than the kernel's, which cannot be: yours runs from before the send to after the reply."
                        + " Start the clock before send() and stop it after the reply, and return nanoseconds (not micro- or milliseconds)");
            else if (Arrays.stream(mine).max().getAsLong() > Arrays.stream(kernel).max().getAsLong() + 800_000_000L)
                wrong.add("your RTT is most of a second longer than the kernel's: the clock ran on after the reply came (waiting for a timeout?)");
            else
                System.out.println("  yours is longer: it also counts the time your code took to wake up and read the reply; the kernel's stamp does not");
        }
    } catch (IOException | RuntimeException e) {
        wrong.add(e instanceof UnsupportedOperationException ? e.getMessage()
                : e instanceof IOException ? "cannot open a raw socket: " + e.getMessage() : "your code threw " + e);
    }
    verdict("check8()", "exercise 8 (RTT by hand)", wrong);
}

// Your myRttNanos once more, over a socket whose send() returns 500 ms after the kernel took the packet (the reply
// is back long before): a clock started before send() counts those 500 ms, one started after it does not.
String lateSendProblem8(int id) throws IOException {
    long delay = 500_000_000L;
    byte[] request = Echo.to("127.0.0.1").id(id).seq(6).payload("check8").toBytes();
    try (var socket = TeachingSocket.raw().sendReturnsAfter(Duration.ofNanos(delay))) {
        long mine = myRttNanos(socket, request, "127.0.0.1");
        var last = socket.lastReceived();
        if (last == null || !isReplyTo(last.bytes(), request) || mine >= delay) return null;
        System.out.printf("  send() took %.0f ms to return, the kernel-stamped RTT was %.3f ms, your RTT %.3f ms%n",
                delay / 1e6, (last.kernelTimeNanos() - socket.lastSendTime()) / 1e6, mine / 1e6);
        // 500 ms and a little more, divided by 1000: the clock was right, the unit is not
        if (mine >= delay / 1000 && mine < delay / 1000 + 20_000)
            return "your RTT is a thousand times too short (the 500 ms send alone took " + delay / 1000 + " of your units):"
                    + " return nanoseconds, not microseconds";
        return "your clock missed the time send() took to return, though the reply was already back: start the clock BEFORE send()";
    }
}

void verdict(String check, String exercise, List<String> wrong) {
    wrong.forEach(w -> System.out.println("  - " + w));
    System.out.println(wrong.isEmpty() ? "PASS " + exercise
            : "FAIL " + exercise + ": " + wrong.size() + " problem(s) above; fix them and run " + check + " again");
}

System.out.println("""
    Exercise 8: time a round trip yourself and compare with the kernel's stamps (needs root); see the file you opened (08-rtt.jsh).
    YOUR TURN: write myRttNanos(socket, request, host) with System.nanoTime() around send and the reply, and
    kernelRttNanos(socket) from socket.lastSendTime() and socket.lastReceived().kernelTimeNanos(). Run check8().""");

check8();
