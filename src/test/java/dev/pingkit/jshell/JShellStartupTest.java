package dev.pingkit.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JShellStartupTest {

    @Test
    void startupFileEvaluatesCleanlyAndPrintsTheBanner() {
        try (var s = new JShellSession()) {
            s.eval("import java.util.*; import java.io.*;");
            String banner = s.evalFile(JShellSession.HOME.resolve("jshell-startup.jsh"));
            assertTrue(banner.contains("pingkit ready"), banner);
            assertTrue(banner.contains("Echo.to(\"127.0.0.1\").id(7).seq(1).payload(\"hi\")"), banner);
            assertEquals(List.of(), s.notValid());
            // Everything is an import: a learner's namespace holds their own definitions only.
            assertEquals(List.of(), s.definitions());
        }
    }

    @Test
    void printingHelpersWorkAsJShellsOwnDo() {
        try (var s = JShellSession.started()) {
            String out = s.eval("""
                    println("a"); print(1); print('b'); println(2.5); printf("%d-%s%n", 7, "x"); println(new char[] {'o', 'k'});
                    """);
            assertEquals("a\n1b2.5\n7-x\nok\n", out);
        }
    }

    @Test
    void designCardExpressionBuildsAndShows() {
        try (var s = JShellSession.started()) {
            String out = s.eval("""
                    var hi = Echo.to("127.0.0.1").id(7).seq(1).payload("hi");
                    System.out.println(hi);
                    System.out.println(hi.show());
                    System.out.println(Arrays.equals(hi.toBytes(), Echo.to("127.0.0.1").id(7).seq(1).payload("hi").toBytes()));
                    """);
            assertTrue(out.contains("id=7") && out.contains("seq=1"), out);
            assertTrue(out.contains("echo-request"), out);
            assertTrue(out.strip().endsWith("true"), out);
        }
    }

    @Test
    void designCardExpressionSendsToLoopbackAndGetsTheReply() {
        try (var s = JShellSession.started()) {
            String out = s.eval("""
                    var r = Echo.to("127.0.0.1").id(7).seq(1).payload("hi").send();
                    System.out.println(r);
                    System.out.println(r instanceof SendResult.Answered a && a.reply().isEchoReply()
                            && a.reply().seq() == 1 && new String(a.reply().payload()).equals("hi"));
                    """);
            assertTrue(out.strip().endsWith("true"), out);
        }
    }

    @Test
    void labHelperReadsTheHostTableAndNamesTheChoicesOnAMistake() {
        try (var s = JShellSession.started()) {
            String out = s.eval("""
                    System.out.println(lab("far"));
                    try { lab("nowhere"); } catch (IllegalArgumentException e) { System.out.println(e.getMessage()); }
                    """);
            String[] lines = out.strip().split("\n");
            assertEquals(netlabHost("far"), lines[0]);
            assertTrue(lines[1].startsWith("lab host must be one of [") && lines[1].contains("far")
                    && lines[1].endsWith("got nowhere"), out);
        }
    }

    /** The IPv4 column of `scripts/netlab hosts` for one host, read here independently of the start-up helper. */
    private static String netlabHost(String name) {
        try {
            var p = new ProcessBuilder(JShellSession.HOME.resolve("scripts/netlab").toString(), "hosts").start();
            String table = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return table.lines().map(l -> l.trim().split("\\s+")).filter(f -> f[0].equals(name))
                    .map(f -> f[1]).findFirst().orElseThrow(() -> new AssertionError(name + " not in\n" + table));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
