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

    static Stream<Wrong> wrongAnswers() {
        return Stream.of(
                new Wrong("01-echo-fields", "request and reply types swapped", """
                        int echoRequestType() { return 0; }
                        int echoReplyType() { return 8; }
                        """, "echoRequestType() = 0"),
                new Wrong("01-echo-fields", "IPv4 length without the ICMP header", """
                        int ipv4PacketLength(int dataBytes) { return 20 + dataBytes; }
                        """, "ipv4PacketLength(56) = 76"),
                new Wrong("02-byte-order", "little-endian", """
                        byte[] toNetworkOrder(int value) { return new byte[] {(byte) value, (byte) (value >>> 8)}; }
                        """, "toNetworkOrder(0x1234) = 3412"),
                new Wrong("02-byte-order", "signed byte not masked", """
                        int fromNetworkOrder(byte[] b, int off) { return b[off] << 8 | b[off + 1]; }
                        """, "but pingkit wrote identifier 43981"),
                new Wrong("03-checksum", "odd trailing byte ignored", """
                        int checksum(byte[] data) {
                            long sum = 0;
                            for (int i = 0; i + 1 < data.length; i += 2) sum += (data[i] & 0xff) << 8 | (data[i + 1] & 0xff);
                            while (sum >> 16 != 0) sum = (sum & 0xffff) + (sum >> 16);
                            return (int) ~sum & 0xffff;
                        }
                        """, "checksum of 1 byte ab = 0xffff, pingkit says 0x54ff"),
                new Wrong("03-checksum", "odd trailing byte padded on the wrong side", """
                        int checksum(byte[] data) {
                            long sum = 0;
                            for (int i = 0; i < data.length; i += 2)
                                sum += i + 1 < data.length ? (data[i] & 0xff) << 8 | (data[i + 1] & 0xff) : data[i] & 0xff;
                            while (sum >> 16 != 0) sum = (sum & 0xffff) + (sum >> 16);
                            return (int) ~sum & 0xffff;
                        }
                        """, "checksum of 1 byte ab = 0xff54"),
                new Wrong("03-checksum", "carries not folded", """
                        int checksum(byte[] data) {
                            long sum = 0;
                            for (int i = 0; i < data.length; i += 2)
                                sum += (data[i] & 0xff) << 8 | (i + 1 < data.length ? data[i + 1] & 0xff : 0);
                            return (int) ~sum & 0xffff;
                        }
                        """, "checksum of 8 bytes 0001f203f4f5f6f7 = 0x220f, pingkit says 0x220d"),
                new Wrong("04-build-by-hand", "checksum left at zero", """
                        byte[] echoRequest(int id, int seq, byte[] data) {
                            byte[] b = new byte[8 + data.length];
                            b[0] = 8; b[4] = (byte) (id >>> 8); b[5] = (byte) id; b[6] = (byte) (seq >>> 8); b[7] = (byte) seq;
                            System.arraycopy(data, 0, b, 8, data.length);
                            return b;
                        }
                        """, "your checksum 0x0000 is wrong"),
                new Wrong("04-build-by-hand", "a reply matched without its sequence number", """
                        boolean answers(IcmpMessage reply, byte[] request) {
                            var q = Icmp.decode(request);
                            return reply.type() == 0 && reply.id() == q.id() && Arrays.equals(reply.payload(), q.payload());
                        }
                        """, "although the request had sequence"));
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
