package dev.pingkit.lab;

import dev.pingkit.tools.RequiredTool;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.packet.Addresses;

import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lab's trace chain (client, router, hop2, silent, limited, distant), proved hop by hop with iputils
 * {@code ping -t} run in the client namespace: who answers at each TTL, which hop stays silent, which one answers
 * only one of a burst, the unreachables behind the chain and the loop.
 */
@LabTest
class TraceChainLabTest {

    private static final Duration T = Duration.ofSeconds(30);

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void distantIsFiveHopsAway(int family) {
        // 64 - 4 forwarding hops on the way back.
        expect(family, "^\\d+ bytes from " + q(addr("distant", family)) + ": icmp_seq=1 ttl=60 ", "-c1", "-W2",
                addr("distant", family));
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void eachRouterOfTheChainReportsItsTtl(int family) {
        String te = family == 4 ? "Time to live exceeded" : "Time exceeded: Hop limit";
        expect(family, "^From " + q(addr("router", family)) + " icmp_seq=1 " + te, "-t1", "-c1", "-W2",
                addr("distant", family));
        expect(family, "^From " + q(addr("hop2", family)) + " icmp_seq=1 " + te, "-t2", "-c1", "-W2",
                addr("distant", family));
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void theSilentHopSendsNoTimeExceeded(int family) {
        Lab.Result r = expect(family, "1 packets transmitted, 0 received, 100% packet loss", "-t3", "-c1", "-W1",
                addr("distant", family));
        assertTrue(!r.output().contains("From "), r.toString());
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void theLimitedHopAnswersOneOfThreeProbesSentAtOnce(int family) throws InterruptedException {
        Thread.sleep(600); // a full token in its bucket (2 a second)
        expect(family, "3 packets transmitted, 0 received, \\+1 errors", "-t4", "-c3", "-i0.002", "-W1",
                addr("distant", family));
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void distantAnswersUnreachableForItsSecondAddresses(int family) {
        String host = family == 4 ? "Destination Host Unreachable" : "Destination unreachable: No route";
        String port = family == 4 ? "Destination Port Unreachable" : "Destination unreachable: Port unreachable";
        expect(family, "^From " + q(addr("distant", family)) + " icmp_seq=1 " + host, "-c1", "-W2",
                addr("distant_unreachable", family));
        expect(family, "^From " + q(addr("distant_port", family)) + " icmp_seq=1 " + port, "-c1", "-W2",
                addr("distant_port", family));
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void aProbeIntoTheLoopExpiresBetweenRouterAndHop2(int family) {
        String te = family == 4 ? "Time to live exceeded" : "Time exceeded: Hop limit";
        // TTL 5: router, hop2, router, hop2, router: the router's (client-facing) address reports it.
        expect(family, "^From " + q(family == 4 ? addr("router", 4) : "2001:db8:1:10::1") + " icmp_seq=1 " + te,
                "-t5", "-c1", "-W2", addr("loop", family));
    }

    private static Lab.Result expect(int family, String regex, String... args) {
        RequiredTool.require("ping", "iputils-ping");
        String[] cmd = new String[args.length + 3];
        cmd[0] = "ping";
        cmd[1] = "-n";
        cmd[2] = "-" + family;
        System.arraycopy(args, 0, cmd, 3, args.length);
        Lab.Result r = Lab.run(T, cmd);
        assertTrue(Pattern.compile(regex, Pattern.MULTILINE).matcher(r.output()).find(),
                "wanted /" + regex + "/ in:\n" + r);
        return r;
    }

    private static String addr(String host, int family) {
        return Addresses.text(Lab.host(host).address(family));
    }

    private static String q(String s) {
        return Pattern.quote(s);
    }
}
