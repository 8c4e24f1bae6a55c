package dev.pingkit.jshell;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Exercises 1 to 4 (no lab needed), each run the way a learner runs it: open the exercise, then the reference
 * solution or a wrong answer, then the exercise's own check. The others are in {@link LabExercisesTest}: 5, 6, 9,
 * 12 and 13 need the lab's router, and 7, 8, 10 and 11 (which run on any 127.0.0.1) are tested in the lab's client
 * namespace, whose loopback no other program floods with ICMP of its own.
 */
class ExercisesTest {

    /** A deliberately wrong answer to an exercise, and a phrase its check must say about it. */
    record Wrong(String exercise, String mistake, String source, String complaint) {
        @Override
        public String toString() {
            return exercise + ": " + mistake;
        }
    }

    static Stream<String> localExercises() {
        return Stream.of("01-echo-fields", "02-byte-order", "03-checksum", "04-build-by-hand");
    }

    /** Helpers for the wrong checksums below: the words summed, then folded (or not) in the wrong way. */
    private static final String SUM_WORDS = """
            long sumWords(byte[] d) {
                long sum = 0;
                for (int i = 0; i < d.length; i += 2) sum += (d[i] & 0xff) << 8 | (i + 1 < d.length ? d[i + 1] & 0xff : 0);
                return sum;
            }
            """;

    /**
     * The mistakes learners really make, one per exercise idea; each check must fail them with a message that
     * points at the idea. Kept here, never in exercises/solutions/.
     */
    static Stream<Wrong> wrongAnswers() {
        return Stream.of(
                new Wrong("01-echo-fields", "request and reply types swapped", """
                        int echoRequestType() { return 0; }
                        int echoReplyType() { return 8; }
                        """, "that is the type of the answer, not of the question"),
                new Wrong("01-echo-fields", "header without identifier and sequence", """
                        int icmpHeaderLength() { return 4; }
                        """, "identifier and sequence number included"),
                new Wrong("01-echo-fields", "header counted with ping's 56 data bytes", """
                        int icmpHeaderLength() { return 64; }
                        """, "the data is not part of the header"),
                new Wrong("01-echo-fields", "sequence offset taken for the identifier's", """
                        int sequenceOffset() { return 4; }
                        """, "the identifier starts there"),
                new Wrong("01-echo-fields", "offsets counted from 1", """
                        int sequenceOffset() { return 7; }
                        """, "offsets count from 0"),
                new Wrong("01-echo-fields", "IPv4 length without the ICMP header", """
                        int ipv4PacketLength(int dataBytes) { return 20 + dataBytes; }
                        """, "leaves out the ICMP header"),
                new Wrong("01-echo-fields", "IPv4 length without the IPv4 header", """
                        int ipv4PacketLength(int dataBytes) { return 8 + dataBytes; }
                        """, "that is the ICMP message alone"),
                new Wrong("02-byte-order", "little-endian out", """
                        byte[] toNetworkOrder(int value) { return new byte[] {(byte) value, (byte) (value >>> 8)}; }
                        """, "bytes swapped: little-endian?"),
                new Wrong("02-byte-order", "an int's four bytes", """
                        byte[] toNetworkOrder(int value) { return java.nio.ByteBuffer.allocate(4).putInt(value).array(); }
                        """, "4 byte(s), but a 16-bit field takes 2"),
                new Wrong("02-byte-order", "little-endian in", """
                        int fromNetworkOrder(byte[] b, int off) { return (b[off + 1] & 0xff) << 8 | (b[off] & 0xff); }
                        """, "bytes swapped: little-endian? the first byte is the most significant"),
                new Wrong("02-byte-order", "signed byte not masked", """
                        int fromNetworkOrder(byte[] b, int off) { return b[off] << 8 | b[off + 1]; }
                        """, "a byte needs & 0xff"),
                new Wrong("02-byte-order", "only the high byte masked, bytes added", """
                        int fromNetworkOrder(byte[] b, int off) { return ((b[off] & 0xff) << 8) + b[off + 1]; }
                        """, "a byte needs & 0xff"),
                new Wrong("02-byte-order", "offset ignored", """
                        int fromNetworkOrder(byte[] b, int off) { return (b[0] & 0xff) << 8 | (b[1] & 0xff); }
                        """, "start at bytes[offset]"),
                new Wrong("03-checksum", "odd trailing byte ignored", """
                        int checksum(byte[] data) {
                            long sum = 0;
                            for (int i = 0; i + 1 < data.length; i += 2) sum += (data[i] & 0xff) << 8 | (data[i + 1] & 0xff);
                            while (sum >> 16 != 0) sum = (sum & 0xffff) + (sum >> 16);
                            return (int) ~sum & 0xffff;
                        }
                        """, "the odd last byte was left out"),
                new Wrong("03-checksum", "odd trailing byte padded on the wrong side", """
                        int checksum(byte[] data) {
                            long sum = 0;
                            for (int i = 0; i < data.length; i += 2)
                                sum += i + 1 < data.length ? (data[i] & 0xff) << 8 | (data[i + 1] & 0xff) : data[i] & 0xff;
                            while (sum >> 16 != 0) sum = (sum & 0xffff) + (sum >> 16);
                            return (int) ~sum & 0xffff;
                        }
                        """, "the zero pad comes AFTER it"),
                new Wrong("03-checksum", "carries dropped", SUM_WORDS + """
                        int checksum(byte[] data) { return (int) ~sumWords(data) & 0xffff; }
                        """, "the carries above bit 15 were dropped"),
                new Wrong("03-checksum", "carry folded only once (ffffffffffff0002)", SUM_WORDS + """
                        int checksum(byte[] data) { long s = sumWords(data); s = (s & 0xffff) + (s >> 16); return (int) ~s & 0xffff; }
                        """, "the carry can carry again"),
                new Wrong("03-checksum", "little-endian words", """
                        int checksum(byte[] data) {
                            long sum = 0;
                            for (int i = 0; i < data.length; i += 2) sum += (data[i] & 0xff) | (i + 1 < data.length ? data[i + 1] & 0xff : 0) << 8;
                            while (sum >> 16 != 0) sum = (sum & 0xffff) + (sum >> 16);
                            return (int) ~sum & 0xffff;
                        }
                        """, "bytes swapped: little-endian words?"),
                new Wrong("03-checksum", "sign extension", """
                        int checksum(byte[] data) {
                            long sum = 0;
                            for (int i = 0; i < data.length; i += 2) sum += data[i] << 8 | (i + 1 < data.length ? data[i + 1] : 0);
                            while (sum >> 16 != 0) sum = (sum & 0xffff) + (sum >> 16);
                            return (int) ~sum & 0xffff;
                        }
                        """, "a byte needs & 0xff"),
                new Wrong("03-checksum", "no complement", SUM_WORDS + """
                        int checksum(byte[] data) { long s = sumWords(data); while (s >> 16 != 0) s = (s & 0xffff) + (s >> 16); return (int) s; }
                        """, "that is the sum; the checksum is its one's complement"),
                new Wrong("03-checksum", "complement not cut to 16 bits", SUM_WORDS + """
                        int checksum(byte[] data) { long s = sumWords(data); while (s >> 16 != 0) s = (s & 0xffff) + (s >> 16); return (int) ~s; }
                        """, "not a 16-bit value"),
                new Wrong("04-build-by-hand", "checksum left at zero", """
                        byte[] echoRequest(int id, int seq, byte[] data) {
                            byte[] b = new byte[8 + data.length];
                            b[0] = 8; b[4] = (byte) (id >>> 8); b[5] = (byte) id; b[6] = (byte) (seq >>> 8); b[7] = (byte) seq;
                            System.arraycopy(data, 0, b, 8, data.length);
                            return b;
                        }
                        """, "the field is still 0"),
                new Wrong("04-build-by-hand", "checksum written little-endian", """
                        byte[] echoRequest(int id, int seq, byte[] data) {
                            byte[] b = new byte[8 + data.length];
                            b[0] = 8; b[4] = (byte) (id >>> 8); b[5] = (byte) id; b[6] = (byte) (seq >>> 8); b[7] = (byte) seq;
                            System.arraycopy(data, 0, b, 8, data.length);
                            int sum = Checksum.of(b, 0, b.length);
                            b[2] = (byte) sum; b[3] = (byte) (sum >>> 8);
                            return b;
                        }
                        """, "its bytes are swapped"),
                new Wrong("04-build-by-hand", "checksum over the header only", """
                        byte[] echoRequest(int id, int seq, byte[] data) {
                            byte[] b = new byte[8 + data.length];
                            b[0] = 8; b[4] = (byte) (id >>> 8); b[5] = (byte) id; b[6] = (byte) (seq >>> 8); b[7] = (byte) seq;
                            int sum = Checksum.of(b, 0, 8);
                            b[2] = (byte) (sum >>> 8); b[3] = (byte) sum;
                            System.arraycopy(data, 0, b, 8, data.length);
                            return b;
                        }
                        """, "it covers the header only"),
                new Wrong("04-build-by-hand", "identifier little-endian", """
                        byte[] echoRequest(int id, int seq, byte[] data) {
                            byte[] b = new byte[8 + data.length];
                            b[0] = 8; b[4] = (byte) id; b[5] = (byte) (id >>> 8); b[6] = (byte) (seq >>> 8); b[7] = (byte) seq;
                            System.arraycopy(data, 0, b, 8, data.length);
                            int sum = Checksum.of(b, 0, b.length);
                            b[2] = (byte) (sum >>> 8); b[3] = (byte) sum;
                            return b;
                        }
                        """, "identifier decodes as 0x7e4a, expected 0x4a7e: bytes swapped"),
                new Wrong("04-build-by-hand", "a reply matched without its sequence number", """
                        boolean answers(IcmpMessage reply, byte[] request) {
                            var q = Icmp.decode(request);
                            return reply.type() == 0 && reply.code() == 0 && reply.id() == q.id() && Arrays.equals(reply.payload(), q.payload());
                        }
                        """, "a late reply to an earlier probe would count for this one"),
                new Wrong("04-build-by-hand", "a reply matched without its identifier", """
                        boolean answers(IcmpMessage reply, byte[] request) {
                            var q = Icmp.decode(request);
                            return reply.type() == 0 && reply.code() == 0 && reply.seq() == q.seq() && Arrays.equals(reply.payload(), q.payload());
                        }
                        """, "another ping program's reply would count as yours"),
                new Wrong("04-build-by-hand", "a reply matched without its data", """
                        boolean answers(IcmpMessage reply, byte[] request) {
                            var q = Icmp.decode(request);
                            return reply.type() == 0 && reply.code() == 0 && reply.id() == q.id() && reply.seq() == q.seq();
                        }
                        """, "a corrupted reply would count as a good one"),
                new Wrong("04-build-by-hand", "any message with the right numbers", """
                        boolean answers(IcmpMessage reply, byte[] request) {
                            var q = Icmp.decode(request);
                            return reply.id() == q.id() && reply.seq() == q.seq() && Arrays.equals(reply.payload(), q.payload());
                        }
                        """, "the request itself is not a reply"),
                new Wrong("04-build-by-hand", "code not checked", """
                        boolean answers(IcmpMessage reply, byte[] request) {
                            var q = Icmp.decode(request);
                            return reply.type() == 0 && reply.id() == q.id() && reply.seq() == q.seq() && Arrays.equals(reply.payload(), q.payload());
                        }
                        """, "an echo reply has code 0 too"),
                new Wrong("04-build-by-hand", "data compared with ==", """
                        boolean answers(IcmpMessage reply, byte[] request) {
                            var q = Icmp.decode(request);
                            return reply.type() == 0 && reply.code() == 0 && reply.id() == q.id() && reply.seq() == q.seq() && reply.payload() == q.payload();
                        }
                        """, "compare array contents with Arrays.equals"),
                new Wrong("07-ip-header", "version read as the whole first byte", """
                        int ipVersion(byte[] p) { return p[0]; }
                        """, "byte 0 holds two fields; the version is its high 4 bits"),
                new Wrong("07-ip-header", "IHL taken for bytes", """
                        int ipHeaderLength(byte[] p) { return p[0] & 0x0f; }
                        """, "IHL counts 32-bit words"),
                new Wrong("07-ip-header", "header always 20 bytes", """
                        int ipHeaderLength(byte[] p) { return 20; }
                        """, "this header carries options"),
                new Wrong("07-ip-header", "total length little-endian", """
                        int ipTotalLength(byte[] p) { return (p[3] & 0xff) << 8 | (p[2] & 0xff); }
                        """, "bytes swapped: little-endian?"),
                new Wrong("07-ip-header", "TTL as a signed byte", """
                        int ipTtl(byte[] p) { return p[8]; }
                        """, "negative value: a byte needs & 0xff"),
                new Wrong("07-ip-header", "TTL from the wrong byte", """
                        int ipTtl(byte[] p) { return p[9] & 0xff; }
                        """, "which byte the picture gives the TTL"),
                new Wrong("07-ip-header", "source as signed bytes", """
                        String ipSource(byte[] p) { return p[12] + "." + p[13] + "." + p[14] + "." + p[15]; }
                        """, "negative value: a byte needs & 0xff"),
                new Wrong("07-ip-header", "destination taken for the source", """
                        String ipSource(byte[] p) { return (p[16] & 0xff) + "." + (p[17] & 0xff) + "." + (p[18] & 0xff) + "." + (p[19] & 0xff); }
                        """, "that is the destination address"),
                new Wrong("07-ip-header", "ICMP message at a fixed offset 20", """
                        byte[] icmpMessage(byte[] p) { return Arrays.copyOfRange(p, 20, p.length); }
                        """, "that is inside the IP options"),
                new Wrong("07-ip-header", "takes the first packet received", """
                        byte[] echo(TeachingSocket s, byte[] request, String host) throws IOException {
                            s.send(request, host);
                            var r = s.receive(Duration.ofSeconds(2));
                            return r == null ? null : r.bytes();
                        }
                        """, "a raw socket receives what is sent too"),
                new Wrong("07-ip-header", "takes any echo reply", """
                        byte[] echo(TeachingSocket s, byte[] request, String host) throws IOException {
                            s.send(request, host);
                            for (TeachingSocket.Received r; (r = s.receive(Duration.ofSeconds(2))) != null; )
                                if (icmpMessage(r.bytes())[0] == 0) return r.bytes();
                            return null;
                        }
                        """, "match identifier and sequence number"),
                new Wrong("07-ip-header", "matches the reply at a fixed offset 20", """
                        byte[] echo(TeachingSocket s, byte[] request, String host) throws IOException {
                            s.send(request, host);
                            for (TeachingSocket.Received r; (r = s.receive(Duration.ofSeconds(2))) != null; ) {
                                byte[] p = r.bytes();
                                if (p[20] == 0 && Arrays.equals(p, 24, 28, request, 4, 8)) return p;
                            }
                            return null;
                        }
                        """, "these packets carry IP options, so the ICMP message does not start at 20"),
                new Wrong("07-ip-header", "returns the ICMP message instead of the packet", """
                        byte[] echo(TeachingSocket s, byte[] request, String host) throws IOException {
                            s.send(request, host);
                            for (TeachingSocket.Received r; (r = s.receive(Duration.ofSeconds(2))) != null; ) {
                                byte[] icmp = icmpMessage(r.bytes());
                                if (icmp[0] == 0 && Arrays.equals(icmp, 4, 8, request, 4, 8)) return icmp;
                            }
                            return null;
                        }
                        """, "do not start with an IPv4 header"),
                new Wrong("08-rtt", "timed with currentTimeMillis", """
                        long myRttNanos(TeachingSocket s, byte[] request, String host) throws IOException {
                            long start = System.currentTimeMillis();
                            s.send(request, host);
                            for (TeachingSocket.Received r; (r = s.receive(Duration.ofSeconds(2))) != null; )
                                if (isReplyTo(r.bytes(), request)) return (System.currentTimeMillis() - start) * 1_000_000;
                            return -1;
                        }
                        """, "use System.nanoTime()"),
                new Wrong("08-rtt", "microseconds returned", """
                        long myRttNanos(TeachingSocket s, byte[] request, String host) throws IOException {
                            long start = System.nanoTime();
                            s.send(request, host);
                            for (TeachingSocket.Received r; (r = s.receive(Duration.ofSeconds(2))) != null; )
                                if (isReplyTo(r.bytes(), request)) return (System.nanoTime() - start) / 1000;
                            return -1;
                        }
                        """, "return nanoseconds, not microseconds"),
                new Wrong("08-rtt", "clock stopped at the first packet (the own request)", """
                        long myRttNanos(TeachingSocket s, byte[] request, String host) throws IOException {
                            long start = System.nanoTime();
                            s.send(request, host);
                            s.receive(Duration.ofSeconds(2));
                            return System.nanoTime() - start;
                        }
                        """, "the clock stops at YOUR reply"),
                new Wrong("08-rtt", "only the send timed", """
                        long myRttNanos(TeachingSocket s, byte[] request, String host) throws IOException {
                            long start = System.nanoTime();
                            s.send(request, host);
                            return System.nanoTime() - start;
                        }
                        """, "stopped the clock before it received anything"),
                new Wrong("08-rtt", "clock left running until the receive times out", """
                        long myRttNanos(TeachingSocket s, byte[] request, String host) throws IOException {
                            long start = System.nanoTime();
                            s.send(request, host);
                            boolean seen = false;
                            for (TeachingSocket.Received r; (r = s.receive(Duration.ofSeconds(1))) != null; )
                                if (isReplyTo(r.bytes(), request)) { seen = true; break; }
                            while (s.receive(Duration.ofSeconds(1)) != null && System.nanoTime() - start < 3_000_000_000L) { }   // "in case more comes"
                            return System.nanoTime() - start;
                        }
                        """, "the clock ran on after the reply came"),
                new Wrong("08-rtt", "clock started after send()", """
                        long myRttNanos(TeachingSocket s, byte[] request, String host) throws IOException {
                            s.send(request, host);
                            long start = System.nanoTime();
                            for (TeachingSocket.Received r; (r = s.receive(Duration.ofSeconds(2))) != null; )
                                if (isReplyTo(r.bytes(), request)) return System.nanoTime() - start;
                            return -1;
                        }
                        """, "your clock missed the time send() took to return"),
                new Wrong("08-rtt", "kernel RTT subtracted the wrong way round", """
                        long kernelRttNanos(TeachingSocket s) { return s.lastSendTime() - s.lastReceived().kernelTimeNanos(); }
                        """, "negative? it is the later stamp minus the earlier one"));
    }

    /** What one JShell session printed for an exercise: opened bare, with the solution, with each wrong answer. */
    record Outputs(String opened, String solved, List<String> wrong) {
    }

    /**
     * Runs an exercise the way a learner does, in one session (a JShell start costs seconds on a loaded machine):
     * open it, then the solution and the check, then each wrong answer over the solution (so it is the only
     * mistake the check can find) and the check again.
     */
    static Outputs run(String exercise, List<Wrong> wrongs) {
        try (var s = JShellSession.started()) {
            String opened = s.evalFile(exerciseFile(exercise));
            s.evalFile(solutionFile(exercise));
            String solved = s.eval(checkCall(exercise));
            var wrong = new java.util.ArrayList<String>();
            for (Wrong w : wrongs) {
                s.evalFile(solutionFile(exercise));
                s.eval(w.source());
                wrong.add(s.eval(checkCall(w.exercise())));
            }
            return new Outputs(opened, solved, wrong);
        }
    }

    @TestFactory
    Stream<DynamicTest> exercisesFailUntilWrittenPassWithTheSolutionAndFailEveryCataloguedMistake() {
        return localExercises().flatMap(exercise -> {
            var wrongs = wrongAnswers().filter(w -> w.exercise().equals(exercise)).collect(Collectors.toList());
            var outputs = new java.util.concurrent.atomic.AtomicReference<Outputs>();
            java.util.function.Supplier<Outputs> out = () -> {
                if (outputs.get() == null) {
                    outputs.set(run(exercise, wrongs));
                }
                return outputs.get();
            };
            var fixed = Stream.of(
                    DynamicTest.dynamicTest(exercise + ": fails until the learner writes the answer", () -> {
                        String opened = out.get().opened();
                        assertTrue(opened.contains("YOUR TURN"), "no instructions printed on /open:\n" + opened);
                        assertTrue(lastLine(opened).startsWith("FAIL exercise "), opened);
                        assertTrue(opened.contains("is not written yet"), opened);
                    }),
                    DynamicTest.dynamicTest(exercise + ": the reference solution passes", () -> {
                        String solved = out.get().solved();
                        assertTrue(lastLine(solved).startsWith("PASS exercise "), solved);
                        assertFalse(solved.contains("FAIL"), solved);
                    }));
            var mistakes = java.util.stream.IntStream.range(0, wrongs.size()).mapToObj(i -> {
                Wrong wrong = wrongs.get(i);
                return DynamicTest.dynamicTest(wrong + " fails with its own hint", () -> {
                    String verdict = out.get().wrong().get(i);
                    assertTrue(lastLine(verdict).startsWith("FAIL exercise "), verdict);
                    assertOwnHint(wrong, wrongs, verdict);
                });
            });
            return Stream.concat(fixed, mistakes);
        });
    }

    /**
     * Exercise 10 where datagram ICMP sockets are not allowed (the machine's own namespace here, whose
     * ping_group_range "1 0" admits nobody): the check passes the raw half and explains what the other would show.
     * Where they are allowed, {@link LabExercisesTest} runs both halves.
     */
    @org.junit.jupiter.api.Test
    void datagramExerciseExplainsWhereTheSysctlForbidsDatagramSockets() throws IOException {
        String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ping_group_range")).get(0).strip();  // procfs: not readString, which trusts the size 0
        String[] bounds = range.split("\\s+");
        org.junit.jupiter.api.Assumptions.assumeTrue(Long.parseLong(bounds[0]) > Long.parseLong(bounds[1]),
                "ping_group_range " + range + " admits some group: the lab test covers datagram sockets");
        try (var s = JShellSession.started()) {
            s.evalFile(exerciseFile("10-datagram-socket"));
            s.evalFile(solutionFile("10-datagram-socket"));
            String out = s.eval("check10();");
            assertTrue(out.contains("Datagram ICMP sockets are not allowed here: ") && out.contains("ping_group_range"), out);
            assertTrue(out.contains("the kernel would have put its own identifier in your request"), out);
            assertTrue(lastLine(out).equals("PASS exercise 10 (datagram sockets), the raw half"), out);
        }
    }

    @org.junit.jupiter.api.Test
    void everyExerciseHasASolutionAndATest() throws IOException {
        List<String> exercises;
        try (var files = Files.list(JShellSession.HOME.resolve("exercises"))) {
            exercises = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d\\d-.*\\.jsh"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().collect(Collectors.toList());
        }
        var tested = Stream.concat(localExercises(), LabExercisesTest.labExercises()).sorted()
                .collect(Collectors.toList());
        org.junit.jupiter.api.Assertions.assertEquals(tested, exercises);
        for (String e : exercises) {
            assertTrue(Files.isRegularFile(solutionFile(e)), "no solution for " + e);
        }
    }

    /**
     * The verdict on {@code wrong} names its own cause and no other catalogued mistake's: a hint meant for another
     * cause (byte order for a misplaced pad) would send the learner the wrong way. A hint that is part of this one's
     * own wording (a shorter form of it) is not another cause.
     */
    static void assertOwnHint(Wrong wrong, List<Wrong> catalogue, String verdict) {
        assertTrue(verdict.contains(wrong.complaint()), "expected \"" + wrong.complaint() + "\" in\n" + verdict);
        for (Wrong other : catalogue) {
            if (!wrong.complaint().contains(other.complaint())) {
                assertFalse(verdict.contains(other.complaint()), "the hint for \"" + other.mistake() + "\" (\""
                        + other.complaint() + "\") also given for \"" + wrong.mistake() + "\":\n" + verdict);
            }
        }
    }

    static Path exerciseFile(String exercise) {
        return JShellSession.HOME.resolve("exercises/" + exercise + ".jsh");
    }

    static Path solutionFile(String exercise) {
        return JShellSession.HOME.resolve("exercises/solutions/" + exercise + ".jsh");
    }

    /** "03-checksum" is checked by check3(). */
    static String checkCall(String exercise) {
        return "check" + Integer.parseInt(exercise.substring(0, 2)) + "();";
    }

    static String lastLine(String out) {
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1];
    }
}
