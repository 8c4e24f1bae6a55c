package dev.pingkit.jshell;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exercises 5 and 6 send through the lab's router, so their JShell runs inside the lab's client namespace: a jshell
 * process started with {@code ip netns exec pingkit-client}, exactly as the exercises tell a learner to start it.
 */
@LabTest
class LabExercisesTest {
    private static final List<String> IN_CLIENT = List.of("ip", "netns", "exec", Lab.CLIENT_NETNS);
    private static final String MARKER = "--- the check ---";

    static Stream<String> labExercises() {
        return Stream.of("05-ttl", "06-traceroute");
    }

    static Stream<ExercisesTest.Wrong> wrongAnswers() {
        return Stream.of(
                new ExercisesTest.Wrong("05-ttl", "takes whoever answered for the router", """
                        String firstHop(String target) throws IOException {
                            var r = Echo.to(target).ttl(1).send(Duration.ofSeconds(2));
                            if (r instanceof SendResult.Failed f) return f.from().getHostAddress();
                            if (r instanceof SendResult.Answered a) return a.from().getHostAddress();
                            return null;
                        }
                        """, "it answers a TTL-1 probe itself"),
                new ExercisesTest.Wrong("06-traceroute", "does not stop at the target", """
                        List<String> traceroute(String target, int maxHops) throws IOException {
                            var hops = new ArrayList<String>();
                            for (int ttl = 1; ttl <= maxHops; ttl++) {
                                var r = Echo.to(target).ttl(ttl).send(Duration.ofSeconds(1));
                                if (r instanceof SendResult.Answered a) hops.add(a.from().getHostAddress());
                                else hops.add(r instanceof SendResult.Failed f ? f.from().getHostAddress() : "*");
                            }
                            return hops;
                        }
                        """, "but Trace found"));
    }

    @ParameterizedTest
    @MethodSource("labExercises")
    void labExercisePassesWithTheReferenceSolution(String exercise) {
        String out = runInClient(exercise, "/open " + ExercisesTest.solutionFile(exercise));
        assertFalse(out.contains("|  Error:"), out);   // how the jshell tool reports a rejected snippet
        assertTrue(out.substring(0, out.indexOf(MARKER)).contains("is not written yet"), out);
        String verdict = JShellProcess.after(MARKER, out);
        assertTrue(verdict.contains("PASS exercise "), out);
        assertFalse(verdict.contains("FAIL"), out);
    }

    @ParameterizedTest
    @MethodSource("wrongAnswers")
    void labExerciseFailsWithAWrongAnswer(ExercisesTest.Wrong wrong) {
        String out = runInClient(wrong.exercise(), wrong.source());
        assertFalse(out.contains("|  Error:"), out);
        String verdict = JShellProcess.after(MARKER, out);
        assertTrue(verdict.contains("FAIL exercise "), out);
        assertTrue(verdict.contains(wrong.complaint()), "expected \"" + wrong.complaint() + "\" in\n" + out);
    }

    /** Opens the exercise, enters {@code answer}, then runs the exercise's check after a marker line. */
    private static String runInClient(String exercise, String answer) {
        String input = "/open " + ExercisesTest.exerciseFile(exercise) + "\n"
                + answer + "\n"
                + "System.out.println(\"" + MARKER + "\")\n"
                + ExercisesTest.checkCall(exercise) + "\n";
        return JShellProcess.run(JShellProcess.jshellCommand(IN_CLIENT), input);
    }
}
