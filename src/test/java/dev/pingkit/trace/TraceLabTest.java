package dev.pingkit.trace;

import dev.pingkit.tools.RequiredTool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;
import dev.pingkit.trace.TraceProbe;

/**
 * {@link Trace} from the lab's client namespace against traceroute -I -n on the same path: its {@code toString} is
 * traceroute's table (RTTs aside), its hops carry the addresses, RTTs and ICMP messages behind it, and no quote of
 * an intact path is flagged as rewritten.
 */
@LabTest
class TraceLabTest {
    private static final Duration T = Duration.ofSeconds(30);
    private static final Pattern RTT = Pattern.compile("\\d+\\.\\d{3} ms");

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void theRouteIsTraceroutesTable(int family) throws IOException, InterruptedException {
        InetAddress distant = Lab.host("distant").address(family);
        String literal = dev.pingkit.packet.Addresses.text(distant);
        Thread.sleep(600); // a fresh token at the rate-limited hop
        RequiredTool.require("traceroute", "traceroute");
        Lab.Result theirs = Lab.run(T, "traceroute", "-I", "-n", "-m", "8", literal);
        Thread.sleep(600);
        Route route = Trace.to(literal).maxHops(8).probes(3).netns(Lab.CLIENT_NETNS).run();
        assertEquals(RTT.matcher(theirs.stdout().strip()).replaceAll("X"), RTT.matcher(route.toString()).replaceAll("X"),
                theirs + "\n" + route);
        assertTrue(route.reached());
        List<InetAddress> expected = new ArrayList<>(Arrays.asList(Lab.host("router").address(family),
                Lab.host("hop2").address(family), null, Lab.host("limited").address(family), distant));
        assertEquals(expected, route.addresses());
        Hop hop4 = route.hop(4).orElseThrow();
        assertEquals(List.of(false, true, true), hop4.probes().stream().map(TraceProbe::timedOut).toList());
        assertEquals(family == 4 ? 11 : 3, hop4.message().orElseThrow().type()); // time exceeded
        assertTrue(hop4.rtts().get(0).orElseThrow().compareTo(Duration.ZERO) > 0);
        assertTrue(route.hop(5).orElseThrow().message().orElseThrow().isEchoReply());
        assertFalse(route.hops().stream().anyMatch(Hop::quoteAltered), route::toString);
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void aTraceIntoTheLoopEndsAtMaxHops(int family) throws IOException {
        Route route = Trace.to(Lab.host("loop").address(family)).maxHops(6).probes(1).netns(Lab.CLIENT_NETNS).run();
        assertEquals(6, route.hops().size(), route::toString);
        assertFalse(route.reached());
        assertEquals(route.addresses().get(1), route.addresses().get(3), route::toString);
    }
}
