package dev.pingkit.cli;

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
}
