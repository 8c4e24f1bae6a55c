package dev.pingkit.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;
import dev.pingkit.socket.Family;
import dev.pingkit.socket.IcmpSocket;
import dev.pingkit.socket.IcmpSockets;
import dev.pingkit.socket.Inbound;
import dev.pingkit.socket.SocketKind;
import dev.pingkit.socket.SocketOptions;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The kernel's own responders in the lab answer what the values build, and the decoder reads their replies: ICMPv4
 * timestamp, PROBE (RFC 8335) over ICMPv4 and ICMPv6 from peer (which has {@code icmp_echo_enable_probe=1}),
 * silence from far (which does not), and record route through {@link SocketOptions#ipOptions}. Raw sockets in the
 * lab's client namespace.
 */
@LabTest
class QueriesLabTest {
    private static final long MS = 1_000_000L;
    private static final SocketOptions CLIENT = SocketOptions.DEFAULTS.netns(Lab.CLIENT_NETNS);

    private static int freshId() {
        return ThreadLocalRandom.current().nextInt(1, 0xffff);
    }

    /** Sends {@code q} and returns the first decoded message {@code wanted} accepts within {@code waitMs}, or null. */
    private static IcmpMessage exchange(IcmpSocket socket, IcmpQuery q, InetAddress to, long waitMs,
                                        Predicate<IcmpMessage> wanted) throws Exception {
        socket.send(ByteBuffer.wrap(q.toBytes()), to);
        long end = System.nanoTime() + waitMs * MS;
        Inbound in = new Inbound();
        while (System.nanoTime() < end) {
            if (!socket.receive(in, Math.max(1, end - System.nanoTime()))) {
                break;
            }
            IcmpMessage m = socket.family() == Family.IPV6
                    ? IcmpMessage.decodeV6(in.data(), 0, in.length(), in.source(), in.destination())
                    : IcmpMessage.decode(in.data(), 0, in.length());
            if (wanted.test(m)) {
                return m;
            }
        }
        return null;
    }

    private static Predicate<IcmpMessage> replyTo(IcmpQuery q) {
        return m -> m.type() == q.replyType() && m.id() == q.identifier() && m.seq() == q.sequence();
    }

    private static InetAddress peer(int family) {
        return Lab.host(Lab.PEER).address(family);
    }

    @Test
    void theKernelAnswersATimestampRequestAndTheDecoderReadsItsThreeTimestamps() throws Exception {
        try (IcmpSocket s = IcmpSockets.open(Family.IPV4, SocketKind.RAW, CLIENT)) {
            long sent = TimestampMessage.now();
            TimestampMessage q = TimestampMessage.request().identifier(freshId()).sequence(1).originate(sent);
            IcmpMessage m = exchange(s, q, peer(4), 3000, replyTo(q));
            assertTrue(m != null, "no timestamp reply from peer within 3 s");
            long back = TimestampMessage.now();
            assertTrue(m.problems().isEmpty() && m.checksumValid(), m.show());
            TimestampMessage r = (TimestampMessage) m.query().orElseThrow();
            assertEquals(sent, r.originate(), "the originate timestamp comes back as sent");
            // Same machine, same clock: the responder's stamps lie between our send and our receive.
            assertTrue(r.receive() >= sent && r.receive() <= back && r.transmit() >= r.receive()
                    && r.transmit() <= back, r.toString() + " received at " + back);
            assertTrue(Math.abs(r.clockOffsetMillis(back)) <= back - sent, "offset within the round trip");
            assertFalse(m.show().contains("payload"), m.show());
            assertTrue(m.show().contains("receive  = " + r.receive() + " ("), m.show());
        }
    }

    @Test
    void peerAnswersProbeOverIcmpv4ByNameIndexAndAddressAndSaysWhatItHasNot() throws Exception {
        try (IcmpSocket s = IcmpSockets.open(Family.IPV4, SocketKind.RAW, CLIENT)) {
            int id = freshId();
            ExtendedEchoMessage byName = ExtendedEchoMessage.request(4, InterfaceId.name("eth0")).identifier(id)
                    .sequence(1);
            ExtendedEchoMessage r = probe(s, byName, peer(4));
            assertTrue(r.answered() && r.active() && r.ipv4() && r.ipv6(), "eth0 is up with both families: " + r);
            assertEquals("No Error", r.codeText());

            ExtendedEchoMessage lo = probe(s, byName.interfaceId(InterfaceId.index(1)).sequence(2), peer(4));
            assertTrue(lo.answered() && lo.active() && lo.ipv4(), "index 1 is lo: " + lo);

            ExtendedEchoMessage byAddress = probe(s, byName.interfaceId(InterfaceId.address(peer(4))).sequence(3),
                    peer(4));
            assertTrue(byAddress.answered() && byAddress.ipv4(), byAddress.toString());

            ExtendedEchoMessage none = probe(s, byName.interfaceId(InterfaceId.name("nosuch0")).sequence(4), peer(4));
            assertEquals(2, none.code());
            assertEquals("No Such Interface", none.codeText());
            assertFalse(none.answered());

            ExtendedEchoMessage malformed = probe(s, byName.interfaceId(InterfaceId.other(2, new byte[2])).sequence(5),
                    peer(4));
            assertEquals("Malformed Query", malformed.codeText(), "an index of 2 bytes");
        }
    }

    @Test
    void peerAnswersProbeOverIcmpv6() throws Exception {
        try (IcmpSocket s = IcmpSockets.open(Family.IPV6, SocketKind.RAW, CLIENT)) {
            s.passIcmpv6Types(IcmpTypes.EXTENDED_ECHO_REPLY_V6);
            ExtendedEchoMessage q = ExtendedEchoMessage.request(6, InterfaceId.name("eth0")).identifier(freshId())
                    .sequence(7);
            ExtendedEchoMessage r = probe(s, q, peer(6));
            assertEquals(161, r.type());
            assertTrue(r.answered() && r.active() && r.ipv4() && r.ipv6(), r.toString());
            ExtendedEchoMessage byAddress = probe(s, q.interfaceId(InterfaceId.address(peer(6))).sequence(8), peer(6));
            assertTrue(byAddress.answered() && byAddress.ipv6(), byAddress.toString());
        }
    }

    /** Sends a PROBE and returns the reply's value, checked to be a clean decode (the ICMPv6 checksum verified too). */
    private static ExtendedEchoMessage probe(IcmpSocket s, ExtendedEchoMessage q, InetAddress to) throws Exception {
        IcmpMessage m = exchange(s, q, to, 3000, replyTo(q));
        assertTrue(m != null, "no PROBE reply from " + to.getHostAddress() + " within 3 s to " + q);
        assertTrue(m.problems().isEmpty(), m.show());
        assertTrue(m.checksumValid(), m.show());
        return (ExtendedEchoMessage) m.query().orElseThrow();
    }

    @Test
    void farIgnoresProbeThoughItAnswersTimestamps() throws Exception {
        InetAddress far = Lab.host(Lab.FAR).v4();
        try (IcmpSocket s = IcmpSockets.open(Family.IPV4, SocketKind.RAW, CLIENT)) {
            TimestampMessage ts = TimestampMessage.request().identifier(freshId()).sequence(1)
                    .originate(TimestampMessage.now());
            assertTrue(exchange(s, ts, far, 3000, replyTo(ts)) != null, "far is reachable");
            ExtendedEchoMessage q = ExtendedEchoMessage.request(4, InterfaceId.name("eth0")).identifier(freshId());
            assertNull(exchange(s, q, far, 1500, m -> m.type() == 43 || m.isError()), "far stays silent");
        }
    }

    @Test
    void recordRouteSetThroughSocketOptionsComesBackRecorded() throws Exception {
        byte[] rr = Ipv4Options.encode(List.of(new Ipv4Option.NoOperation(), RecordRouteOption.slots(9)));
        InetAddress far = Lab.host(Lab.FAR).v4();
        try (IcmpSocket s = IcmpSockets.open(Family.IPV4, SocketKind.RAW, CLIENT.ipOptions(rr))) {
            EchoMessage q = EchoMessage.request(4).identifier(freshId()).sequence(1).data(new byte[8]).build();
            IcmpMessage m = exchange(s, q, far, 3000, replyTo(q));
            assertTrue(m != null, "no echo reply from far within 3 s");
            RecordRouteOption got = m.ipOptions().orElseThrow().recordRoute().orElseThrow();
            List<String> path = got.recorded().stream().map(Addresses::text).toList();
            // Our address leaving, the router's towards far, far's twice (receiving, then sending the reply), the
            // router's towards us, ours again as our kernel delivers it: what iputils' ping -R prints here.
            assertEquals(List.of("198.51.100.5", "198.18.1.1", "198.18.1.2", "198.18.1.2", "198.51.100.6",
                    "198.51.100.5"), path, m.show());
            // That last entry is written after the kernel checked the header, and the checksum is left stale.
            assertEquals(1, m.problems().size(), m.show());
            assertTrue(m.problems().get(0).startsWith("bad IP header checksum")
                    && m.problems().get(0).endsWith("(a receiving Linux host fills in record route and timestamp"
                    + " options without updating it)"), m.problems().toString());
            assertTrue(m.checksumValid(), "the ICMP checksum is fine");
            // The reply's options are the kernel's echo of ours: the record route alone, its NOP dropped.
            assertTrue(m.show().contains("ip.opt[0] = record-route len=39 ptr=28 (6 of 9 recorded)"), m.show());
            assertTrue(m.show().contains("ip.opt[0].rr[8] = (empty)"), m.show());
        }
    }

    @Test
    void timestampOptionsComeBackFilledByEachHopInTheirOwnWay() throws Exception {
        InetAddress far = Lab.host(Lab.FAR).v4();
        long before = TimestampMessage.now();
        // tsandaddr: each hop an address of its own and the time it saw the packet; unlike record route, where a
        // router writes the address it sends on, Linux writes the one the packet arrived at (198.51.100.6)
        TimestampOption pairs = echoWith(far, TimestampOption.addressesAndTimestamps(4));
        long after = TimestampMessage.now();
        List<String> hops = pairs.recorded().stream().map(e -> Addresses.text(e.address())).toList();
        assertEquals(List.of("198.51.100.5", "198.51.100.6", "198.18.1.2", "198.18.1.2"), hops, pairs.toString());
        assertEquals(TimestampOption.TSANDADDR, pairs.flag());
        // Four pairs fill the option on the way out and back; the router and the client, finding none, count
        // themselves in the overflow.
        assertTrue(pairs.full(), pairs.toString());
        assertEquals(2, pairs.overflow(), pairs.toString());
        for (TimestampOption.Entry e : pairs.recorded()) {
            assertTrue(e.timestamp() >= before && e.timestamp() <= after, e + " between " + before + " and " + after);
        }
        // tsonly: nine timestamps, one per hop that records, no addresses
        TimestampOption only = echoWith(far, TimestampOption.timestampsOnly(9));
        assertEquals(6, only.filled(), "out: client, router, far; back: far, router, client");
        assertEquals(0, only.overflow());
        // tsprespec: only the listed addresses write their time, in order
        TimestampOption pre = echoWith(far, TimestampOption.prespecified(List.of(
                (java.net.Inet4Address) Lab.host(Lab.FAR).v4())));
        assertEquals(1, pre.filled(), pre.toString());
    }

    /** Echoes to {@code to} with {@code option} on the request; returns the option as the reply brought it back. */
    private static TimestampOption echoWith(InetAddress to, TimestampOption option) throws Exception {
        byte[] opts = Ipv4Options.encode(List.of(option));
        try (IcmpSocket s = IcmpSockets.open(Family.IPV4, SocketKind.RAW, CLIENT.ipOptions(opts))) {
            EchoMessage q = EchoMessage.request(4).identifier(freshId()).sequence(1).build();
            IcmpMessage m = exchange(s, q, to, 3000, replyTo(q));
            assertTrue(m != null, "no echo reply from " + to.getHostAddress() + " within 3 s");
            Ipv4Options got = m.ipOptions().orElseThrow();
            assertTrue(got.problems().isEmpty(), m.show());
            return got.timestamp().orElseThrow(() -> new AssertionError("no timestamp option in\n" + m.show()));
        }
    }
}
