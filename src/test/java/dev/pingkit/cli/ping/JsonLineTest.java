package dev.pingkit.cli.ping;

import dev.pingkit.engine.Probe;
import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.engine.ProbeTarget;
import dev.pingkit.ping.PingEvent;
import dev.pingkit.cli.Invocation;
import dev.pingkit.cli.Target;
import dev.pingkit.cli.JsonLine;
import dev.pingkit.cli.ping.PingCommand;
import dev.pingkit.cli.ping.PingOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class JsonLineTest {

    @Test
    void writesFieldsInOrderWithEscapesAndMillisecondsFromMicros() {
        String line = new JsonLine("error").field("seq", 3).field("text", "a \"quoted\"\tline\u0001")
                .field("ok", false).millis("rtt_ms", 45).millis("none_ms", -1).field("nothing", (String) null)
                .toString();
        assertEquals("{\"event\":\"error\",\"seq\":3,\"text\":\"a \\\"quoted\\\"\\tline\\u0001\",\"ok\":false,"
                + "\"rtt_ms\":0.045,\"none_ms\":null,\"nothing\":null}", line);
        assertEquals("{\"event\":\"x\",\"t\":1234.005}", new JsonLine("x").millis("t", 1_234_005).toString());
    }

    @Test
    void aLoopbackRunIsOneObjectPerLineEndingInTheSummary() {
        assumeTrue(PingCommand.isRoot(), "needs root for raw ICMP sockets");
        PingRun run = PingRun.exec(PingRun.ours("--json", "-c", "2", "-i", "0.2", "127.0.0.1"), 60);
        assertEquals(0, run.exitCode(), run::toString);
        List<String> lines = run.stdout().lines().toList();
        assertTrue(lines.get(0).startsWith("{\"event\":\"start\","), run::toString);
        assertEquals(2, lines.stream().filter(l -> l.startsWith("{\"event\":\"reply\",")).count(), run::toString);
        String summary = lines.get(lines.size() - 1);
        assertTrue(summary.matches("\\{\"event\":\"summary\",.*\"transmitted\":2,\"received\":2,\"duplicates\":0,"
                + ".*\"exit_code\":0}"), summary);
        lines.forEach(l -> assertTrue(l.startsWith("{") && l.endsWith("}"), l));
        lines.forEach(l -> assertTrue(l.contains(",\"schema\":" + JsonPrinter.SCHEMA_VERSION + ","), l));
    }

    @Test
    void aReplyLongerThanTheRequestHasNoWrongByteButItsExtraBytes() throws Exception {
        Invocation inv = ((PingOptions.Run) PingOptions.parse(new String[] {"-c", "1", "127.0.0.1"}, true)).invocation();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.net.InetAddress lo = java.net.InetAddress.getByName("127.0.0.1");
        JsonPrinter p = new JsonPrinter(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8),
                inv, new Target(lo, "127.0.0.1", true));
        ProbeTarget to = new ProbeTarget(0, lo);
        p.onEvent(new PingEvent.Outcome(new ProbeEvent.Corrupted(new Probe(to, 1, 7, 1, 0, -1, -1, 56, 1), lo, 50_000,
                64, 72, true, true, 56, -1, 0xab, null)));
        p.onEvent(new PingEvent.Outcome(new ProbeEvent.Corrupted(new Probe(to, 2, 7, 2, 0, -1, -1, 56, 1), lo, 50_000,
                64, 64, true, true, 20, 0x14, 0, null)));
        List<String> lines = bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(0).endsWith(",\"wrong_byte\":null,\"extra_bytes\":8}"), lines.get(0));
        assertTrue(lines.get(1).endsWith(",\"wrong_byte\":{\"offset\":20,\"expected\":20,\"actual\":0},\"extra_bytes\":0}"),
                lines.get(1));
    }
}
