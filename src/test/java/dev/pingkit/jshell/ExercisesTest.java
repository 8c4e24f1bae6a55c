package dev.pingkit.jshell;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exercises 1 to 4 (no lab needed), each run the way a learner runs it: open the exercise, then the reference
 * solution or a wrong answer, then the exercise's own check. Exercises 5 and 6 are in {@link LabExercisesTest}.
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
                        """, "compare array contents with Arrays.equals"));
    }

    @ParameterizedTest
    @MethodSource("localExercises")
    void exerciseFailsUntilTheLearnerWritesTheAnswer(String exercise) {
        try (var s = JShellSession.started()) {
            String out = s.evalFile(exerciseFile(exercise));
            assertTrue(lastLine(out).startsWith("FAIL exercise "), out);
            assertTrue(out.contains("is not written yet"), out);
        }
    }

    @ParameterizedTest
    @MethodSource("localExercises")
    void exercisePassesWithTheReferenceSolution(String exercise) {
        try (var s = JShellSession.started()) {
            s.evalFile(exerciseFile(exercise));
            s.evalFile(solutionFile(exercise));
            String out = s.eval(checkCall(exercise));
            assertTrue(lastLine(out).startsWith("PASS exercise "), out);
            assertFalse(out.contains("FAIL"), out);
        }
    }

    @ParameterizedTest
    @MethodSource("wrongAnswers")
    void exerciseFailsWithAWrongAnswer(Wrong wrong) {
        try (var s = JShellSession.started()) {
            s.evalFile(exerciseFile(wrong.exercise()));
            // The solution first, so the wrong definition is the only mistake the check can find.
            s.evalFile(solutionFile(wrong.exercise()));
            s.eval(wrong.source());
            String out = s.eval(checkCall(wrong.exercise()));
            assertTrue(lastLine(out).startsWith("FAIL exercise "), out);
            assertTrue(out.contains(wrong.complaint()), "expected \"" + wrong.complaint() + "\" in\n" + out);
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
