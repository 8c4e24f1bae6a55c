package dev.pingkit.engine;

import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;
import dev.pingkit.packet.ExtendedEchoMessage;
import dev.pingkit.packet.IcmpTypes;
import dev.pingkit.packet.InterfaceId;
import dev.pingkit.packet.TimestampMessage;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's matcher with the kernel's own responders in the lab: PROBE (peer answers, far does not), over ICMPv4
 * and ICMPv6, raw and ping sockets, its 8-bit sequence wrapping; timestamp requests answered by their replies.
 */
@LabTest
class EngineQueriesLabTest {
    private static final Duration GAP = Duration.ofMillis(20);

    private static List<ProbeEvent> run(EngineOptions options, ProbeSpec spec, int count, int firstSeq,
                                        InetAddress... targets) throws Exception {
        List<ProbeEvent> events = new ArrayList<>();
        try (Engine e = Engine.open(options.netns(Lab.CLIENT_NETNS))) {
            for (InetAddress t : targets) {
                e.add(t, TargetPlan.count(count, GAP).spec(spec.timeout(Duration.ofSeconds(2))));
            }
            e.firstSequence(firstSeq);
            e.run(new ProbeListener() {
                @Override
                public void onEvent(ProbeEvent event) {
                    events.add(event);
                }

                @Override
                public boolean wantsMessages() {
                    return true;
                }
            });
        }
        return events;
    }

    private static <T> List<T> of(List<ProbeEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static ProbeSpec probing(String name) {
        return ProbeSpec.DEFAULT.payload(ExtendedEchoMessage.request(4, InterfaceId.name(name)).extension());
    }

    @Test
    void peerAnswersProbeInBothFamiliesOverRawSockets() throws Exception {
        InetAddress v4 = Lab.host(Lab.PEER).v4();
        InetAddress v6 = Lab.host(Lab.PEER).v6();
        List<ProbeEvent> events = run(EngineOptions.defaults().raw().request(IcmpTypes.EXTENDED_ECHO_REQUEST_V4, 0),
                probing("eth0"), 3, 1, v4, v6);
        List<ProbeEvent.Answered> answers = of(events, ProbeEvent.Answered.class);
        assertEquals(6, answers.size(), events.toString());
        for (ProbeEvent.Answered a : answers) {
            ExtendedEchoMessage m = assertInstanceOf(ExtendedEchoMessage.class, a.message().query().orElseThrow());
            assertEquals(a.from() instanceof java.net.Inet6Address ? 161 : 43, m.type());
            assertTrue(m.answered() && m.active() && m.ipv4() && m.ipv6(), m.show());
        }
    }

    @Test
    void probeSequenceNumbersWrapAt256AndEveryProbeIsStillAnswered() throws Exception {
        List<ProbeEvent> events = run(EngineOptions.defaults().raw().request(IcmpTypes.EXTENDED_ECHO_REQUEST_V4, 0),
                probing("lo"), 3, 255, Lab.host(Lab.PEER).v4());
        List<Integer> seqs = of(events, ProbeEvent.Answered.class).stream().map(a -> a.probe().seq()).toList();
        assertEquals(List.of(255, 0, 1), seqs, events.toString());
    }

    @Test
    void aPingSocketSendsProbeToo() throws Exception {
        List<ProbeEvent> events = run(EngineOptions.defaults().datagram().request(IcmpTypes.EXTENDED_ECHO_REQUEST_V4,
                0), probing("eth0"), 2, 1, Lab.host(Lab.PEER).v4(), Lab.host(Lab.PEER).v6());
        assertEquals(4, of(events, ProbeEvent.Answered.class).size(), events.toString());
    }

    @Test
    void noSuchInterfaceIsAReplyThatFailsTheProbeAndFarStaysSilent() throws Exception {
        List<ProbeEvent> events = run(EngineOptions.defaults().raw().request(IcmpTypes.EXTENDED_ECHO_REQUEST_V4, 0),
                probing("nosuch0"), 1, 1, Lab.host(Lab.PEER).v4(), Lab.host(Lab.FAR).v4());
        // RFC 8335: a reply whose code says it could not answer ends the probe as an error would, not answered
        assertEquals(0, of(events, ProbeEvent.Answered.class).size(), events.toString());
        List<ProbeEvent.Failed> refused = of(events, ProbeEvent.Failed.class);
        assertEquals(1, refused.size(), events.toString());
        assertEquals(Lab.host(Lab.PEER).v4(), refused.get(0).reporter());
        ExtendedEchoMessage m = (ExtendedEchoMessage) refused.get(0).error().query().orElseThrow();
        assertEquals("No Such Interface", m.codeText());
        assertEquals(Lab.host(Lab.FAR).v4(), of(events, ProbeEvent.Lost.class).get(0).probe().target().address());
    }

    @Test
    void anUnreachableErrorQuotingAProbeV6OrATimestampRequestEndsItAsFailed() throws Exception {
        InetAddress unreachable = Lab.host("unreachable").v4();
        InetAddress unreachable6 = Lab.host("unreachable").v6();
        List<ProbeEvent> probes = run(EngineOptions.defaults().raw().request(IcmpTypes.EXTENDED_ECHO_REQUEST_V4, 0),
                probing("eth0"), 1, 1, unreachable, unreachable6);
        // The router answers the ICMPv6 PROBE with an unreachable; about an ICMPv4 one Linux says nothing: its
        // icmp_send takes any ICMP type above 18 (42 included) for one it must not answer with an error.
        List<ProbeEvent.Failed> failed = of(probes, ProbeEvent.Failed.class);
        assertEquals(1, failed.size(), probes.toString());
        assertEquals(unreachable6, failed.get(0).probe().target().address());
        assertTrue(failed.get(0).error().isError(), failed.get(0).error().show());
        assertEquals(unreachable, of(probes, ProbeEvent.Lost.class).get(0).probe().target().address());
        List<ProbeEvent> stamps = run(EngineOptions.defaults().raw().request(IcmpTypes.TIMESTAMP_REQUEST, 0),
                ProbeSpec.DEFAULT.payload(new byte[12]), 1, 1, unreachable);
        assertEquals(1, of(stamps, ProbeEvent.Failed.class).size(), stamps.toString());
    }

    @Test
    void aTimestampRequestIsAnsweredWithItsTimestampsDecoded() throws Exception {
        long originate = TimestampMessage.now();
        byte[] body = ByteBuffer.allocate(12).putInt((int) originate).array();
        List<ProbeEvent> events = run(EngineOptions.defaults().raw().request(IcmpTypes.TIMESTAMP_REQUEST, 0),
                ProbeSpec.DEFAULT.payload(body), 2, 1, Lab.host(Lab.PEER).v4());
        List<ProbeEvent.Answered> answers = of(events, ProbeEvent.Answered.class);
        assertEquals(2, answers.size(), events.toString());
        TimestampMessage ts = assertInstanceOf(TimestampMessage.class, answers.get(0).message().query().orElseThrow());
        assertEquals(originate, ts.originate());
        assertTrue(ts.receive() >= originate && ts.transmit() >= ts.receive(), ts.toString());
    }
}
