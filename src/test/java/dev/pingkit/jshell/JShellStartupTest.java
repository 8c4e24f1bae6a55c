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
    void labHelperSaysInOneLineThatThisIsNotTheClientNamespace() {
        // The test JVM runs in the machine's own namespace, where no interface has the lab client's address.
        try (var s = JShellSession.started()) {
            String out = s.eval("""
                    try { lab("far"); } catch (IllegalStateException e) { System.out.println(e.getMessage()); }
                    """);
            assertTrue(out.startsWith("the lab is down") || out.startsWith("JShell is not in the lab's client namespace"),
                    out);
            assertEquals(1, out.strip().lines().count(), out);
        }
    }

    @Test
    void aLearnerMayDefineTheirOwnLab() {
        try (var s = JShellSession.started()) {
            String out = s.eval("""
                    String lab(String host) { return host.equals("peer") ? "198.51.100.2" : "198.18.1.2"; }
                    System.out.println(lab("peer") + " " + lab("far"));
                    """);
            assertEquals("198.51.100.2 198.18.1.2", out.strip());
        }
    }

    @Test
    void theHostTableHasTheHostsTheExercisesUse() {
        var table = LabHosts.parse(netlabTable());
        for (String host : List.of("client", "peer", "router", "far", "unreachable", "blackhole")) {
            assertTrue(table.containsKey(host), host + " missing from " + table);
        }
    }

    /** The output of `scripts/netlab hosts`, read here independently of the start-up helper. */
    private static String netlabTable() {
        try {
            var p = new ProcessBuilder(JShellSession.HOME.resolve("scripts/netlab").toString(), "hosts").start();
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
