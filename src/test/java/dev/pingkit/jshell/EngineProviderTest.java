package dev.pingkit.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine scripts/jshell starts beside the tool: a real {@link EngineAgent} JVM on a Unix socket, driven through
 * JShell's API with {@link EngineProvider}, as the tool drives it.
 */
class EngineProviderTest {
    @TempDir
    Path tmp;
    private Path socket;
    private Process agent;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void startAgent() throws IOException {
        socket = tmp.resolve("private").resolve("engine");
        Files.createDirectory(socket.getParent());
        agent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EngineAgent.class.getName(), socket.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    @AfterEach
    void stopAgent() {
        agent.destroyForcibly();
    }

    @Test
    void snippetsRunInTheStartedAgentAndItsOutputReachesTheTool() {
        try (var shell = shell()) {
            assertEquals("" + agent.pid(), value(shell, "ProcessHandle.current().pid()"));
            value(shell, "System.out.println(\"from the engine \u00e9\")");
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("from the engine \u00e9"), out.toString());
            assertFalse(Files.exists(socket), "the socket is removed once the tool is connected");
            assertFalse(Files.exists(socket.getParent()), "so is its private directory");
        }
    }

    @Test
    void aStopEndsARunawayLoopAndTheSessionGoesOn() throws Exception {
        try (var shell = shell()) {
            value(shell, "long spins = 0;");
            var loop = CompletableFuture.supplyAsync(() -> shell.eval("while (true) spins++;"));
            Thread.sleep(1_500); // the loop is under way (the session answers nothing meanwhile)
            shell.stop();
            List<SnippetEvent> stopped = loop.get(30, TimeUnit.SECONDS);
            assertNull(stopped.get(0).exception(), "a stop is no exception of the snippet's");
            assertEquals("true", value(shell, "spins > 0"));
            assertEquals("42", value(shell, "6 * 7"));
            assertEquals("" + agent.pid(), value(shell, "ProcessHandle.current().pid()"), "the same engine");
        }
    }

    @Test
    void aStopEndsASleepQuietlyAsTheDefaultEngineDoes() throws Exception {
        try (var shell = shell()) {
            var sleep = CompletableFuture.supplyAsync(() -> shell.eval("Thread.sleep(60_000)"));
            Thread.sleep(1_000); // under way
            shell.stop();
            List<SnippetEvent> stopped = sleep.get(30, TimeUnit.SECONDS);
            assertNull(stopped.get(0).exception(), "no InterruptedException shown for a stop");
            assertEquals("42", value(shell, "6 * 7"));
        }
    }

    @Test
    void theEngineExitsWhenTheToolClosesIt() throws Exception {
        shell().close();
        assertTrue(agent.waitFor(10, TimeUnit.SECONDS), "the agent is gone");
        assertEquals(0, agent.exitValue());
    }

    @Test
    void aSecondSessionGetsJShellsDefaultEngine() {
        shell().close();
        try (var again = shell()) { // the same parameters, as after /reset
            String command = value(again, "System.getProperty(\"sun.java.command\")");
            assertTrue(command.startsWith("\"jdk.jshell.execution.RemoteExecutionControl"), command);
            assertNotEquals("" + agent.pid(), value(again, "ProcessHandle.current().pid()"));
        }
    }

    private JShell shell() {
        return JShell.builder()
                .out(new PrintStream(out, true, StandardCharsets.UTF_8))
                .executionEngine(new EngineProvider(), Map.of("socket", socket.toString(), "pid", "" + agent.pid()))
                .build();
    }

    private static String value(JShell shell, String source) {
        List<SnippetEvent> events = shell.eval(source);
        SnippetEvent e = events.get(0);
        assertNull(e.exception(), () -> source + " threw " + e.exception());
        assertTrue(e.status().isDefined(), () -> source + ": " + e.status());
        return e.value();
    }
}
