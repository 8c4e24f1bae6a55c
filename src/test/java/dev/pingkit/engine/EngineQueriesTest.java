package dev.pingkit.engine;

import dev.pingkit.fakes.FakeNet;
import dev.pingkit.fakes.Wire;
import dev.pingkit.packet.ExtendedEchoMessage;
import dev.pingkit.packet.IcmpQuery;
import dev.pingkit.packet.IcmpTypes;
import dev.pingkit.packet.InterfaceId;
import dev.pingkit.packet.TimestampMessage;
import dev.pingkit.socket.Bpf;
import dev.pingkit.socket.Family;
import dev.pingkit.socket.SocketKind;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.pingkit.fakes.FakeNet.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one matcher with queries other than echo: each answered by its own reply type, by (target, id, seq). */
class EngineQueriesTest {
    static final long MS = 1_000_000L;
    static final Duration GAP = Duration.ofMillis(10);
    static final InetAddress V4 = ip("198.51.100.7");
    static final InetAddress V6 = ip("2001:db8::7");
    static final InetAddress ME = ip("198.51.100.254");

    /** Records every event, the decoded messages and the strays included. */
    static final class Recorder implements ProbeListener {
        final List<ProbeEvent> events = new ArrayList<>();

        @Override
        public void onEvent(ProbeEvent e) {
            events.add(e);
        }

        @Override
        public boolean wantsMessages() {
            return true;
        }

        @Override
        public boolean wantsStrays() {
            return true;
        }

        <T extends ProbeEvent> List<T> of(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    static FakeNet net(int type) {
        return new FakeNet(SocketKind.RAW, EngineOptions.defaults().identifier(0x1234).request(type, 0));
    }

    // A kernel's timestamp reply: type 14, originate kept, receive and transmit filled in.
    static byte[] timestampReply(byte[] request) {
        byte[] r = Arrays.copyOf(request, TimestampMessage.LENGTH);
        r[0] = 14;
        for (int i = 12; i < 20; i++) {
            r[i] = (byte) (0x10 + i);
        }
        return Wire.checksum(r, false);
    }

    // A kernel's PROBE reply: 43 / 161, code 0, byte 6 the request's, byte 7 state reachable + A and 4 bits.
    static byte[] probeReply(byte[] request, boolean v6, int flags) {
        byte[] r = Arrays.copyOf(request, 8);
        r[0] = (byte) (v6 ? IcmpTypes.EXTENDED_ECHO_REPLY_V6 : IcmpTypes.EXTENDED_ECHO_REPLY_V4);
        r[7] = (byte) flags;
        return Wire.checksum(r, v6);
    }

    @Test
    void aTimestampRequestIsAnsweredByItsTimestampReplyDecodedNotFlaggedAsAlteredData() throws Exception {
        FakeNet net = net(IcmpTypes.TIMESTAMP_REQUEST);
        net.peer = (s, icmp, dst, now) -> s.deliver(now + 2 * MS,
                Wire.delivered(s, dst, ME, 64, timestampReply(icmp)), dst, 64);
        byte[] body = new byte[12]; // originate 0x01020304, receive and transmit 0: the responder's to fill in
        body[0] = 1;
        body[1] = 2;
        body[2] = 3;
        body[3] = 4;
        net.engine.add(V4, TargetPlan.count(2, GAP).spec(ProbeSpec.DEFAULT.payload(body)));
        Recorder r = new Recorder();
        net.engine.run(r);
        byte[] sent = net.sockets.get(Family.IPV4).sent.get(0);
        assertEquals(13, sent[0] & 0xff, "the engine's type goes on the wire");
        assertEquals(20, sent.length);
        assertEquals(0, r.of(ProbeEvent.Corrupted.class).size(), r.events.toString());
        List<ProbeEvent.Answered> answers = r.of(ProbeEvent.Answered.class);
        assertEquals(2, answers.size(), r.events.toString());
        IcmpQuery q = answers.get(0).message().query().orElseThrow();
        TimestampMessage ts = assertInstanceOf(TimestampMessage.class, q);
        assertEquals(TimestampMessage.reply().type(), ts.type());
        assertEquals(0x01020304L, ts.originate());
        assertEquals(0x1c1d1e1fL, ts.receive());
        assertEquals(0x1234, ts.identifier());
        assertEquals(answers.get(0).probe().seq(), ts.sequence());
    }

    @Test
    void anEchoReplyIsNoAnswerToATimestampRequest() throws Exception {
        FakeNet net = net(IcmpTypes.TIMESTAMP_REQUEST);
        net.peer = (s, icmp, dst, now) -> s.deliver(now + MS, Wire.delivered(s, dst, ME, 64, Wire.reply(icmp, false)),
                dst, 64);
        net.engine.add(V4, TargetPlan.count(1, GAP).spec(ProbeSpec.DEFAULT.payload(new byte[12])
                .timeout(Duration.ofMillis(100))));
        Recorder r = new Recorder();
        net.engine.run(r);
        assertEquals(0, r.of(ProbeEvent.Answered.class).size(), r.events.toString());
        assertEquals(1, r.of(ProbeEvent.Lost.class).size());
        assertEquals(1, r.of(ProbeEvent.Stray.class).size(), "the echo reply is someone else's");
    }

    @Test
    void probeRequestsGoOutAsEachFamilysExtendedEchoAndTheirRepliesEndThemDecoded() throws Exception {
        FakeNet net = net(IcmpTypes.EXTENDED_ECHO_REQUEST_V4);
        net.peer = (s, icmp, dst, now) -> {
            boolean v6 = Wire.v6(dst);
            byte[] reply = probeReply(icmp, v6, 0x40 | ExtendedEchoMessage.A_BIT | ExtendedEchoMessage.IPV4_BIT);
            s.deliver(now + MS, Wire.delivered(s, dst, ME, 64, reply), dst, 64);
        };
        byte[] extension = ExtendedEchoMessage.request(4, InterfaceId.name("lo")).extension();
        ProbeSpec spec = ProbeSpec.DEFAULT.payload(extension);
        net.engine.add(V4, TargetPlan.count(1, GAP).spec(spec));
        net.engine.add(V6, TargetPlan.count(1, GAP).spec(spec));
        Recorder r = new Recorder();
        net.engine.run(r);
        byte[] v4 = net.sockets.get(Family.IPV4).sent.get(0);
        byte[] v6 = net.sockets.get(Family.IPV6).sent.get(0);
        assertEquals(42, v4[0] & 0xff);
        assertEquals(160, v6[0] & 0xff, "42 given, each family sends its own number");
        assertEquals(ExtendedEchoMessage.L_BIT, v4[7], "byte 7 is the L bit, not the sequence's low byte");
        assertEquals(InterfaceId.name("lo"), ExtendedEchoMessage.request(4, InterfaceId.name("lo"))
                .extension(Arrays.copyOfRange(v4, 8, v4.length)).interfaceId().orElseThrow());
        List<ProbeEvent.Answered> answers = r.of(ProbeEvent.Answered.class);
        assertEquals(2, answers.size(), r.events.toString());
        for (ProbeEvent.Answered a : answers) {
            ExtendedEchoMessage m = assertInstanceOf(ExtendedEchoMessage.class, a.message().query().orElseThrow());
            assertTrue(m.active() && m.ipv4() && !m.ipv6(), m.show());
            assertEquals("reachable", m.stateName());
        }
    }

    @Test
    void probeSequenceNumbersAreEightBitsAndWrapAt256() throws Exception {
        FakeNet net = net(IcmpTypes.EXTENDED_ECHO_REQUEST_V4);
        net.peer = (s, icmp, dst, now) -> s.deliver(now + MS,
                Wire.delivered(s, dst, ME, 64, probeReply(icmp, false, ExtendedEchoMessage.A_BIT)), dst, 64);
        net.engine.firstSequence(254);
        net.engine.add(V4, TargetPlan.count(4, GAP).spec(ProbeSpec.DEFAULT.payload(
                ExtendedEchoMessage.request(4, InterfaceId.index(1)).extension())));
        Recorder r = new Recorder();
        net.engine.run(r);
        List<Integer> wire = net.sockets.get(Family.IPV4).sent.stream().map(b -> b[6] & 0xff).toList();
        assertEquals(List.of(254, 255, 0, 1), wire);
        List<Integer> answered = r.of(ProbeEvent.Answered.class).stream().map(a -> a.probe().seq()).toList();
        assertEquals(List.of(254, 255, 0, 1), answered, r.events.toString());
    }

    @Test
    void aProbeReplyWithAnotherSequenceOrIdentifierIsNotOurs() throws Exception {
        FakeNet net = net(IcmpTypes.EXTENDED_ECHO_REQUEST_V4);
        net.peer = (s, icmp, dst, now) -> {
            byte[] otherSeq = probeReply(icmp, false, 0);
            otherSeq[6]++;
            s.deliver(now + MS, Wire.delivered(s, dst, ME, 64, Wire.checksum(otherSeq, false)), dst, 64);
            byte[] otherId = probeReply(icmp, false, 0);
            otherId[5]++;
            s.deliver(now + MS, Wire.delivered(s, dst, ME, 64, Wire.checksum(otherId, false)), dst, 64);
        };
        net.engine.add(V4, TargetPlan.count(1, GAP).spec(ProbeSpec.DEFAULT.payload(new byte[0])
                .timeout(Duration.ofMillis(50))));
        Recorder r = new Recorder();
        net.engine.run(r);
        assertEquals(1, r.of(ProbeEvent.Lost.class).size(), r.events.toString());
        assertEquals(2, r.of(ProbeEvent.Stray.class).size());
    }

    @Test
    void anErrorQuotingAProbeOrATimestampRequestEndsItAsFailed() throws Exception {
        for (int type : new int[] {IcmpTypes.EXTENDED_ECHO_REQUEST_V4, IcmpTypes.TIMESTAMP_REQUEST}) {
            FakeNet net = net(type);
            InetAddress router = ip("198.18.0.1");
            net.peer = (s, icmp, dst, now) -> s.deliver(now + MS,
                    Wire.delivered(s, router, ME, 64, Wire.error(3, 1, icmp, ME, dst)), router, 64);
            net.engine.add(V4, TargetPlan.count(1, GAP).spec(ProbeSpec.DEFAULT.payload(new byte[12])));
            Recorder r = new Recorder();
            net.engine.run(r);
            List<ProbeEvent.Failed> failed = r.of(ProbeEvent.Failed.class);
            assertEquals(1, failed.size(), type + ": " + r.events);
            assertEquals(router, failed.get(0).reporter());
        }
    }

    @Test
    void aV6ErrorQuotingAProbeEndsIt() throws Exception {
        FakeNet net = net(IcmpTypes.EXTENDED_ECHO_REQUEST_V6);
        InetAddress me6 = ip("2001:db8::fe");
        InetAddress router = ip("2001:db8:1::1");
        net.peer = (s, icmp, dst, now) -> s.deliver(now + MS, Wire.error(1, 3, icmp, me6, dst), router, 64);
        net.engine.add(V6, TargetPlan.count(1, GAP).spec(ProbeSpec.DEFAULT.payload(new byte[0])));
        Recorder r = new Recorder();
        net.engine.run(r);
        assertEquals(1, r.of(ProbeEvent.Failed.class).size(), r.events.toString());
    }

    @Test
    void theKernelFilterOfAQueryPassesItsOwnReplyType() {
        List<Bpf.Instruction> p = KernelFilters.program(Family.IPV4, true, IcmpTypes.EXTENDED_ECHO_REPLY_V4, 0x1234);
        assertEquals(IcmpTypes.EXTENDED_ECHO_REPLY_V4, p.get(2).k(), p.toString());
        assertEquals(0x1234, p.get(4).k());
        List<Bpf.Instruction> v6 = KernelFilters.program(Family.IPV6, false, IcmpTypes.EXTENDED_ECHO_REPLY_V6, 7);
        assertEquals(IcmpTypes.EXTENDED_ECHO_REPLY_V6, v6.get(2).k());
    }

    @Test
    void theRequestTypeOfEachFamily() {
        assertEquals(128, FamilyState.requestType(6, -1));
        assertEquals(160, FamilyState.requestType(6, 42));
        assertEquals(42, FamilyState.requestType(4, 160));
        assertEquals(13, FamilyState.requestType(4, 13));
    }
}
