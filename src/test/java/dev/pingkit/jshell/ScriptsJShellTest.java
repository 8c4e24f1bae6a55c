package dev.pingkit.jshell;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** scripts/jshell end to end, as a person uses it: commands piped in, the reply line read back. */
class ScriptsJShellTest {

    @Test
    void scriptOpensASessionWhereTheDesignCardSendsAndPrintsTheReply() {
        // The first run may build target/pingkit.jar (the launcher builds on first use or when sources changed).
        String out = JShellProcess.run(List.of(JShellSession.HOME.resolve("scripts/jshell").toString()),
                "Echo.to(\"127.0.0.1\").id(7).seq(1).payload(\"hi\").send()");
        assertTrue(out.contains("pingkit ready"), out);
        // JShell shows the result's own one-line summary (ping's wording of it is the facade's SendReport.line)
        assertTrue(Pattern.compile("\\$\\d+ ==> Answered\\[from=127\\.0\\.0\\.1 seq=1 bytes=10 ttl=\\d+ rtt=\\d+\\.\\d{3}ms]\n")
                .matcher(out).find(), out);
    }

    @Test
    void snippetsRunInTheEngineTheLauncherStartedBesideTheTool() {
        String out = JShellProcess.run(List.of(JShellSession.HOME.resolve("scripts/jshell").toString()),
                "System.getProperty(\"sun.java.command\")");
        assertTrue(out.contains("==> \"dev.pingkit.jshell.EngineAgent "), out);
    }

    @Test
    void aRemoteFlagOfTheUsersGetsJShellsDefaultEngineWithThatFlag() {
        // the launcher cannot start its engine exactly as JShell would with -R flags, so JShell starts its own
        String out = JShellProcess.run(List.of(JShellSession.HOME.resolve("scripts/jshell").toString(),
                "-R-Dpingkit.test=given"),
                "System.getProperty(\"sun.java.command\").split(\" \")[0] + \" \" + System.getProperty(\"pingkit.test\")");
        assertTrue(out.contains("==> \"jdk.jshell.execution.RemoteExecutionControl given\""), out);
    }
}
