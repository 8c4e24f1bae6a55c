package dev.pingkit.ping;

import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.Once;
import dev.pingkit.SendResult;
import dev.pingkit.Echo;
import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;
import dev.pingkit.socket.SocketKind;
import dev.pingkit.socket.SocketOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ICMP errors through datagram (ping) sockets, which hear of them only on the error queue: the engine must report
 * and count them exactly as it does the same errors read from a raw socket.
 */
@LabTest
class PingerDatagramErrorsLabTest {
    static final SocketOptions CLIENT = SocketOptions.DEFAULTS.netns(Lab.CLIENT_NETNS);
    static final Duration WAIT = Duration.ofSeconds(3);

    static InetAddress addr(String host, int family) {
        return Lab.host(host).address(family);
    }

    static SendResult onceDatagram(Echo echo) throws IOException {
        return Once.send(echo, WAIT, SocketKind.DATAGRAM, CLIENT);
    }

    static PingSettings settings(String host, int family, SocketKind kind) {
        return PingSettings.to(addr(host, family), host).netns(Lab.CLIENT_NETNS).socketKind(kind);
    }

    record Run(PingStatistics stats, PingerLabTest.Recorder events, SocketKind kind, int id) {
        /** Each error as "seq from type/code", in order. */
        List<String> errors() {
            return events.of(ProbeEvent.Failed.class).stream().map(e -> Seen.seq(e) + " "
                    + e.reporter().getHostAddress()
                    + " " + e.error().type() + "/" + e.error().code()).toList();
        }
    }

    static Run run(PingSettings s) throws IOException {
        PingerLabTest.Recorder rec = new PingerLabTest.Recorder();
        try (Pinger p = Pinger.open(s)) {
            assertEquals(s.socketKind(), p.socketKind());
            return new Run(p.run(rec), rec, p.socketKind(), p.identifier());
        }
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void ttlOneToFarFailsWithTimeExceededFromTheRouter(int family) throws IOException {
        SendResult.Failed f = assertInstanceOf(SendResult.Failed.class,
                onceDatagram(Echo.to(addr(Lab.FAR, family)).seq(7).ttl(1).payload("dgram ttl 1")));
        assertEquals(addr(Lab.ROUTER, family), f.from());
        assertEquals(family == 4 ? 11 : 3, f.error().type(), f.error().show());
        assertEquals(0, f.error().code(), f.error().show());
        assertEquals(7, f.error().quoted().orElseThrow().seq(), f.error().show());
        assertEquals(addr(Lab.FAR, family), f.error().quoted().orElseThrow().destination(), f.error().show());
        assertTrue(f.error().fromErrorQueue(), f.error().show());
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void unreachableAndProhibitRoutesGiveTheirCodes(int family) throws IOException {
        SendResult.Failed u = assertInstanceOf(SendResult.Failed.class,
                onceDatagram(Echo.to(addr(Lab.UNREACHABLE, family)).seq(1)));
        SendResult.Failed p = assertInstanceOf(SendResult.Failed.class,
                onceDatagram(Echo.to(addr(Lab.PROHIBIT, family)).seq(2)));
        assertEquals(addr(Lab.ROUTER, family), u.from());
        assertEquals(addr(Lab.ROUTER, family), p.from());
        assertEquals(family == 4 ? 3 : 1, u.error().type(), u.error().show());
        assertEquals(family == 4 ? 1 : 0, u.error().code(), u.error().show());
        assertEquals(family == 4 ? 3 : 1, p.error().type(), p.error().show());
        assertEquals(family == 4 ? 13 : 1, p.error().code(), p.error().show());
        assertEquals(2, p.error().quoted().orElseThrow().seq());
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void aRunWithTtlOneCountsErrorsExactlyAsTheRawSocketRunDoes(int family) throws IOException {
        PingSettings s = settings(Lab.FAR, family, SocketKind.RAW).ttl(1).count(4).interval(Duration.ofMillis(50));
        Run raw = run(s);
        Run dgram = run(s.socketKind(SocketKind.DATAGRAM));
        String router = addr(Lab.ROUTER, family).getHostAddress();
        String te = family == 4 ? "11/0" : "3/0";
        List<String> expected = List.of("1 " + router + " " + te, "2 " + router + " " + te,
                "3 " + router + " " + te, "4 " + router + " " + te);
        assertEquals(expected, raw.errors(), raw.stats().show());
        assertEquals(expected, dgram.errors(), dgram.stats().show());
        for (Run r : List.of(raw, dgram)) {
            assertEquals(4, r.stats().transmitted(), r.kind() + " " + r.stats().show());
            assertEquals(0, r.stats().received(), r.kind() + " " + r.stats().show());
            assertEquals(4, r.stats().errors(), r.kind() + " " + r.stats().show());
            assertEquals(List.of(), r.events().of(ProbeEvent.Lost.class), r.kind().toString());
            // each error quotes the probe with the run's own identifier (the kernel's, for the ping socket)
            r.events().of(ProbeEvent.Failed.class).forEach(e ->
                    assertEquals(r.id(), e.error().quoted().orElseThrow().id(), r.kind() + " " + e.error().show()));
        }
        assertEquals(raw.stats().toString().replaceAll("time \\d+ms", ""),
                dgram.stats().toString().replaceAll("time \\d+ms", ""));
    }

    /**
     * The router's v4 route errors (unreachable, prohibit) are rate limited per client (a burst of 5, then one a
     * second, in the kernel's ip_error, shared with every other lab user), so this compares how each kind counts
     * what arrived rather than demanding an error per probe; the TTL test above demands the exact counts.
     */
    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void aRunToUnreachableCountsEachErrorOnBothKinds(int family) throws IOException {
        PingSettings s = settings(Lab.UNREACHABLE, family, SocketKind.RAW).count(2).interval(Duration.ofSeconds(1))
                .replyTimeout(Duration.ofSeconds(1));
        String code = family == 4 ? "3/1" : "1/0";
        for (Run r : List.of(run(s), run(s.socketKind(SocketKind.DATAGRAM)))) {
            List<String> errors = r.errors();
            assertTrue(!errors.isEmpty(), r.kind() + ": no error arrived " + r.events().events);
            errors.forEach(e -> assertTrue(e.endsWith(addr(Lab.ROUTER, family).getHostAddress() + " " + code),
                    r.kind() + " " + e));
            assertEquals(2, r.stats().transmitted(), r.kind() + " " + r.stats().show());
            assertEquals(errors.size(), r.stats().errors(), r.kind() + " " + r.stats().show());
            assertEquals(2 - errors.size(), r.events().of(ProbeEvent.Lost.class).size(), r.kind().toString());
            assertEquals(0, r.stats().received(), r.kind() + " " + r.stats().show());
        }
    }

    /**
     * With don't-fragment, a probe larger than the interface MTU fails in the kernel before it leaves; the error
     * queue says why, and the run prints and counts it as iputils does ({@code 2 packets transmitted, 0 received,
     * +2 errors} with one {@code local error: message too long, mtu=1500} per probe).
     */
    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void aProbeTooBigForTheMtuWithDontFragmentIsALocalErrorAsIputilsSays(int family) throws IOException {
        Run r = run(settings(Lab.PEER, family, SocketKind.DATAGRAM).pmtu(PingSettings.Pmtu.DO).payloadSize(2000)
                .count(2).interval(Duration.ofMillis(100)).replyTimeout(Duration.ofMillis(500)));
        String line = "local error: message too long, mtu" + (family == 4 ? "=" : ": ") + "1500";
        assertEquals(List.of("1 EMSGSIZE Message too long 1500",
                        "2 EMSGSIZE Message too long 1500"),
                r.events().of(ProbeEvent.SendFailed.class).stream().map(Seen::refusal).toList(),
                r.events().events.toString());
        assertEquals(2, r.stats().transmitted(), r.stats().show());
        assertEquals(0, r.stats().received(), r.stats().show());
        assertEquals(2, r.stats().errors(), r.stats().show());
        assertEquals(List.of(), r.events().of(ProbeEvent.Lost.class));

        // iputils, from a ping socket too (a copy of ping without its capability, as nobody), says the same. The
        // copy's name must not end in a digit: iputils takes a name ending in 6 for ping6.
        Lab.Result iputils = Lab.run(Duration.ofSeconds(20), "sh", "-c", "cp \"$(command -v ping)\" /tmp/pingkit-"
                + "ping-nocap-$$-copy && chmod 755 /tmp/pingkit-ping-nocap-$$-copy && setpriv --reuid=65534 --regid=65534 "
                + "--clear-groups /tmp/pingkit-ping-nocap-$$-copy -n -" + family + " -M do -s 2000 -c 2 -i 0.1 "
                + addr(Lab.PEER, family).getHostAddress() + "; s=$?; rm -f /tmp/pingkit-ping-nocap-$$-copy; exit $s");
        assertTrue(iputils.output().contains("2 packets transmitted, 0 received, +2 errors"), iputils.toString());
        assertEquals(2, iputils.stderr().lines().filter(l -> l.endsWith(line)).count(), iputils.toString());
    }
}
