package dev.pingkit.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/jshell --exercise N} as a learner uses it: the exercise is copied once into a workspace of the
 * learner's and that copy is opened, so answers go there, never into the checkout, and survive an update of it.
 */
class ScriptsJShellExerciseTest {
    @TempDir
    Path workspace;

    record Run(int status, String output) {
    }

    /** scripts/jshell with {@code args}, the workspace as PINGKIT_EXERCISES, {@code input} then /exit typed in. */
    private Run jshell(String input, String... args) throws IOException, InterruptedException {
        var cmd = new java.util.ArrayList<String>();
        cmd.add(JShellSession.HOME.resolve("scripts/jshell").toString());
        cmd.addAll(java.util.List.of(args));
        var pb = new ProcessBuilder(cmd).directory(JShellSession.HOME.toFile()).redirectErrorStream(true);
        pb.environment().put("PINGKIT_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("PINGKIT_EXERCISES", workspace.toString());
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write((input + "\n/exit\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), out);
        return new Run(p.exitValue(), out);
    }

    private static Path checkout(String name) {
        return JShellSession.HOME.resolve("exercises/" + name);
    }

    @Test
    void theFirstStartCopiesTheExerciseAndOpensTheCopyAndTheLearnersAnswerIsKept() throws Exception {
        Path copy = workspace.resolve("03-checksum.jsh");
        String pristine = Files.readString(checkout("03-checksum.jsh"));
        Run first = jshell("", "--exercise", "3");
        assertEquals(0, first.status(), first.output());
        assertTrue(first.output().contains("pingkit: exercise 03 is yours in " + copy + ": write your answers there"),
                first.output());
        assertEquals(pristine, Files.readString(copy));
        assertTrue(first.output().contains("checksum(byte[]) is not written yet"), first.output());
        assertTrue(first.output().contains("FAIL exercise 3"), first.output());

        // the learner writes the answer into the copy, as the file says (here: the reference solution's method)
        Files.writeString(copy, pristine.replace(
                "int checksum(byte[] data) { throw new UnsupportedOperationException(\"checksum(byte[]) is not written yet\"); }",
                Files.readString(checkout("solutions/03-checksum.jsh"))));
        Run again = jshell("", "--exercise", "03");
        assertTrue(again.output().contains("pingkit: exercise 03: your work in " + copy + " is kept as it is"),
                again.output());
        assertTrue(again.output().contains("PASS exercise 3"), again.output());
        assertFalse(again.output().contains("FAIL"), again.output());
        assertEquals(pristine, Files.readString(checkout("03-checksum.jsh")), "the checkout's file was written");
    }

    @Test
    void anUntouchedCopyFollowsTheCheckoutsNewVersion() throws Exception {
        // As if an older checkout had made the copy: the copy and its twin hold the old text, unchanged since.
        Files.createDirectories(workspace.resolve(".checkout"));
        String old = "// an older exercise 1\nSystem.out.println(\"old version\")\n";
        Files.writeString(workspace.resolve("01-echo-fields.jsh"), old);
        Files.writeString(workspace.resolve(".checkout/01-echo-fields.jsh"), old);
        Run r = jshell("", "--exercise", "01");
        assertTrue(r.output().contains("pingkit: exercise 01 updated from the checkout in "
                + workspace.resolve("01-echo-fields.jsh") + " (you had not changed it)"), r.output());
        assertFalse(r.output().contains("old version"), r.output());
        assertTrue(r.output().contains("FAIL exercise 1"), r.output());
        assertEquals(Files.readString(checkout("01-echo-fields.jsh")), Files.readString(workspace.resolve("01-echo-fields.jsh")));
    }

    @Test
    void anExerciseThatDoesNotExistIsOneLineAndStatusTwo() throws Exception {
        Run none = jshell("", "--exercise", "42");
        assertEquals(2, none.status(), none.output());
        assertTrue(none.output().matches("pingkit: --exercise 42: there is no exercise 42; there are: 01-echo-fields.jsh .*\n"),
                none.output());
        Run word = jshell("", "--exercise", "checksum");
        assertEquals(2, word.status(), word.output());
        assertEquals("pingkit: --exercise takes the exercise's number, e.g. --exercise 03, got 'checksum'\n", word.output());
    }
}
