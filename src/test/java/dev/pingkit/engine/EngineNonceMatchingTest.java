package dev.pingkit.engine;

import dev.pingkit.fakes.FakeNet;
import dev.pingkit.fakes.Wire;
import dev.pingkit.packet.IcmpTypes;
import dev.pingkit.packet.NodeInfoMessage;
import dev.pingkit.socket.Family;
import dev.pingkit.socket.SocketKind;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.pingkit.fakes.FakeNet.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Queries with no identifier and sequence number (RFC 4620): bytes 4..7 fixed, matched by (target, nonce). */
class EngineNonceMatchingTest {
    static final long MS = 1_000_000L;
    static final Duration GAP = Duration.ofMillis(10);
    static final InetAddress PEER = ip("2001:db8::7");
    static final InetAddress OTHER = ip("2001:db8::8");
    static final InetAddress ME = ip("2001:db8::fe");
    static final long HEADER = ((long) NodeInfoMessage.QTYPE_NODE_NAME << 16) | NodeInfoMessage.FLAG_G;

    static FakeNet net() {
        return new FakeNet(SocketKind.RAW, EngineOptions.defaults().request(IcmpTypes.NODE_INFO_QUERY, 0)
                .header(HEADER));
    }

    // A node's Node Name reply: 140, code 0, Qtype and nonce copied, a TTL and a name.
    static byte[] nameReply(byte[] query) {
        byte[] nonce = Arrays.copyOfRange(query, 8, 16);
        NodeInfoMessage q = NodeInfoMessage.query(NodeInfoMessage.QTYPE_NODE_NAME, 0).nonce(nonce);
        return Wire.checksum(NodeInfoMessage.reply(q).nodeName(0, "peer.lab.").toBytes(), true);
    }

    static ProbeSpec subject() {
        byte[] payload = new byte[8 + 16]; // the nonce's room, then the subject (the peer's address)
        System.arraycopy(PEER.getAddress(), 0, payload, 8, 16);
        return ProbeSpec.DEFAULT.payload(payload).timeout(Duration.ofMillis(100));
    }

    @Test
    void aNodeInformationReplyAnswersTheQueryWhoseNonceItCarries() throws Exception {
        FakeNet net = net();
        net.peer = (s, icmp, dst, now) -> s.deliver(now + 2 * MS, Wire.delivered(s, dst, ME, 64, nameReply(icmp)),
                dst, 64);
        net.engine.add(PEER, TargetPlan.count(3, GAP).spec(subject()));
        EngineQueriesTest.Recorder r = new EngineQueriesTest.Recorder();
        net.engine.run(r);
        List<byte[]> sent = net.sockets.get(Family.IPV6).sent;
        assertEquals(3, sent.size());
        Set<String> nonces = new HashSet<>();
        for (byte[] q : sent) {
            assertEquals(139, q[0] & 0xff);
            assertEquals(0x00020020, ((q[4] & 0xff) << 24) | ((q[5] & 0xff) << 16) | ((q[6] & 0xff) << 8)
                    | (q[7] & 0xff), "bytes 4..7 are the fixed Qtype and Flags, no identifier or sequence");
            assertEquals(PEER, InetAddress.getByAddress(Arrays.copyOfRange(q, 16, 32)), "the subject follows");
            nonces.add(java.util.HexFormat.of().formatHex(q, 8, 16));
        }
        assertEquals(3, nonces.size(), "every query its own nonce: " + nonces);
        List<ProbeEvent.Answered> answers = r.of(ProbeEvent.Answered.class);
        assertEquals(3, answers.size(), r.events.toString());
        NodeInfoMessage m = assertInstanceOf(NodeInfoMessage.class, answers.get(0).message().query().orElseThrow());
        assertEquals(List.of("peer.lab."), m.names());
    }

    @Test
    void aReplyWithAForgedNonceOrFromAnotherHostAnswersNothing() throws Exception {
        FakeNet net = net();
        net.peer = (s, icmp, dst, now) -> {
            byte[] forged = nameReply(icmp);
            forged[15] ^= 1; // the sequence bytes still ours, the rest not
            s.deliver(now + MS, Wire.delivered(s, dst, ME, 64, Wire.checksum(forged, true)), dst, 64);
            s.deliver(now + 2 * MS, Wire.delivered(s, OTHER, ME, 64, nameReply(icmp)), OTHER, 64);
        };
        net.engine.add(PEER, TargetPlan.count(1, GAP).spec(subject()));
        EngineQueriesTest.Recorder r = new EngineQueriesTest.Recorder();
        net.engine.run(r);
        assertEquals(0, r.of(ProbeEvent.Answered.class).size(), r.events.toString());
        assertEquals(1, r.of(ProbeEvent.Lost.class).size(), r.events.toString());
        assertEquals(2, r.of(ProbeEvent.Stray.class).size(), "both replies are no answer: " + r.events);
    }

    /** Bytes the run thread allocates for a one-query run while {@code n} replies with a forged nonce arrive. */
    static long allocatedWith(int n) throws Exception {
        FakeNet net = net();
        ProbeTarget t = net.engine.add(PEER, TargetPlan.count(1, Duration.ZERO).spec(subject()));
        dev.pingkit.fakes.FakeSocket s = net.sockets.get(Family.IPV6);
        byte[] query = NodeInfoMessage.query(NodeInfoMessage.QTYPE_NODE_NAME, 0).nonce(new byte[] {0, 1, 9, 9, 9, 9, 9,
                9}).subject(PEER).toBytes();
        byte[] forged = Wire.delivered(s, PEER, ME, 64, nameReply(query));
        for (int i = 0; i < n; i++) {
            s.deliver(net.clock.now + 1000 + i, forged, PEER, 64);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        net.engine.run(ProbeListener.NONE);
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertEquals(0, net.engine.statistics(t).received());
        return allocated;
    }

    @Test
    void checkingNoncesCostsNoAllocation() throws Exception {
        for (int i = 0; i < 5; i++) { // warm up the loop so it runs compiled
            allocatedWith(20_000);
        }
        long base = allocatedWith(0);
        long loaded = allocatedWith(20_000);
        assertTrue(loaded - base < 16 * 1024, "20000 forged nonces cost " + (loaded - base) + " bytes");
    }

    @Test
    void badHeaderIsRefusedNamingTheRange() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> EngineOptions.defaults().header(1L << 32));
        assertEquals("header must be 0..4294967295 (or -1 for identifier and sequence), got 4294967296",
                e.getMessage());
        assertTrue(EngineOptions.defaults().header() < 0, "echo's default: identifier and sequence");
    }
}
