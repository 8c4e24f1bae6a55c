package dev.pingkit.cli.prober;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --json}: each of the engine's outcomes about a probe is one line with its own event word. */
class JsonOutcomesTest {
    @Test
    void everyOutcomeKindHasItsLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonOutcomes j = new JsonOutcomes(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> { });
        ProberTarget t = new ProberTarget("peer", InetAddress.getByName("198.51.100.2"));
        j.sent(t, 1, 0);
        j.outcome(t, Outcomes.answered(t, 1, 1_500_000, 63));
        j.outcome(t, Outcomes.duplicate(t, 1));
        j.outcome(t, Outcomes.lost(t, 2));
        j.outcome(t, Outcomes.late(t, 2));
        j.outcome(t, Outcomes.failed(t, 3, 3, 1));
        j.outcome(t, Outcomes.corrupted(t, 4));
        j.outcome(t, Outcomes.sendFailed(t, 5));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of("sent", "reply", "duplicate", "lost", "late", "error", "corrupted", "send_error"),
                lines.stream().map(l -> l.replaceAll("^\\{\"event\":\"([a-z_]+)\".*", "$1")).toList(), lines::toString);
        assertTrue(lines.get(1).contains("\"seq\":1,\"rtt\":1.500,\"ttl\":63"), lines.get(1));
        assertTrue(lines.get(5).contains("\"seq\":3,\"type\":3,\"code\":1"), lines.get(5));
        assertTrue(lines.get(7).contains("\"seq\":5"), lines.get(7));
    }
}
