package dev.pingkit.socket;

import static dev.pingkit.socket.TestIcmp.echoRequest;
import static dev.pingkit.socket.TestIcmp.payload;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ICMP errors on datagram ping sockets, which hear of them only through the error queue ({@code IP_RECVERR}):
 * real errors from the lab's router, read through {@link Inbound} as the kernel reported them.
 */
@LabTest
class ErrorQueueLabTest {
    private static final long SECOND = 1_000_000_000L;
    private static final SocketOptions CLIENT = SocketOptions.DEFAULTS.netns(Lab.CLIENT_NETNS);

    private static Family family(int version) {
        return Family.ofVersion(version);
    }

    /** Sends one echo request from a fresh ping socket and returns what comes back first, checked to be ours. */
    private static Inbound probe(int version, String host, Integer ttl, int seq) throws Exception {
        Family family = family(version);
        InetAddress target = Lab.host(host).address(version);
        byte[] payload = payload("pingkit errqueue " + host + " " + seq);
        try (IcmpSocket socket = IcmpSockets.open(family, SocketKind.DATAGRAM, ttl == null ? CLIENT : CLIENT.ttl(ttl))) {
            assertEquals(SocketKind.DATAGRAM, socket.kind());
            socket.send(echoRequest(family, 0, seq, payload), target);
            Inbound in = new Inbound();
            assertTrue(socket.receive(in, 5 * SECOND), "nothing came back for a probe to " + host + " within 5 s");
            assertTrue(in.isErrorReport(), "an error report, got " + in);
            // The data is our request as the error quoted it: the kernel-assigned id, our seq and payload.
            int requestType = version == 4 ? TestIcmp.ECHO_REQUEST_V4 : TestIcmp.ECHO_REQUEST_V6;
            assertTrue(TestIcmp.isEcho(in, requestType, socket.localId(), seq, payload),
                    "the quoted request with id " + socket.localId() + " seq " + seq + ": " + in);
            assertFalse(in.headerIncluded());
            assertEquals(target, in.source(), "source() of a report is the probe's destination");
            assertTrue(in.kernelTimestamp(), "the error queue carries SO_TIMESTAMPNS too");
            return in;
        }
    }

    private static void assertReport(Inbound in, int version, int type, int code, String errno, String reporter) {
        assertEquals(version == 4 ? Inbound.ORIGIN_ICMP : Inbound.ORIGIN_ICMP6, in.errorOrigin(), in.toString());
        assertEquals(type, in.errorType(), in.toString());
        assertEquals(code, in.errorCode(), in.toString());
        assertEquals(errno, in.errorErrnoName(), in.toString());
        assertEquals(0, in.errorInfo(), in.toString());
        assertTrue(in.errorSourceKnown(), in.toString());
        InetAddress from = Lab.host(reporter).address(version);
        assertEquals(from, in.errorSource());
        assertTrue(in.errorSourceIs(from.getAddress()));
    }

    @Test
    void ttlOneToFarIsTimeExceededFromTheRouterV4() throws Exception {
        assertReport(probe(4, Lab.FAR, 1, 21), 4, 11, 0, "EHOSTUNREACH", Lab.ROUTER);
    }

    @Test
    void hopLimitOneToFarIsTimeExceededFromTheRouterV6() throws Exception {
        assertReport(probe(6, Lab.FAR, 1, 22), 6, 3, 0, "EHOSTUNREACH", Lab.ROUTER);
    }

    @Test
    void unreachableRouteIsHostUnreachableV4() throws Exception {
        assertReport(probe(4, Lab.UNREACHABLE, null, 23), 4, 3, 1, "EHOSTUNREACH", Lab.ROUTER);
    }

    @Test
    void unreachableRouteIsNoRouteV6() throws Exception {
        assertReport(probe(6, Lab.UNREACHABLE, null, 24), 6, 1, 0, "ENETUNREACH", Lab.ROUTER);
    }

    @Test
    void prohibitRouteIsAdministrativelyProhibitedV4() throws Exception {
        assertReport(probe(4, Lab.PROHIBIT, null, 25), 4, 3, 13, "EHOSTUNREACH", Lab.ROUTER);
    }

    @Test
    void prohibitRouteIsAdministrativelyProhibitedV6() throws Exception {
        assertReport(probe(6, Lab.PROHIBIT, null, 26), 6, 1, 1, "EACCES", Lab.ROUTER);
    }

    @Test
    void anOrdinaryReplyIsNoErrorReportEvenInAHolderThatHeldOne() throws Exception {
        for (int version : new int[] {4, 6}) {
            Family family = family(version);
            byte[] payload = payload("pingkit errqueue then reply " + version);
            try (IcmpSocket socket = IcmpSockets.open(family, SocketKind.DATAGRAM, CLIENT.ttl(1))) {
                Inbound in = new Inbound();
                socket.send(echoRequest(family, 0, 1, payload), Lab.host(Lab.FAR).address(version));
                assertTrue(socket.receive(in, 5 * SECOND) && in.isErrorReport(), "first the error: " + in);
                socket.setTtl(64);
                socket.send(echoRequest(family, 0, 2, payload), Lab.host(Lab.PEER).address(version));
                assertTrue(socket.receive(in, 5 * SECOND), "no reply from peer");
                assertFalse(in.isErrorReport(), in.toString());
                assertEquals(-1, in.errorType());
                assertEquals(-1, in.errorCode());
                assertEquals(0, in.errorOrigin());
                assertFalse(in.errorSourceKnown());
                assertNull(in.errorSource());
                assertEquals(Lab.host(Lab.PEER).address(version), in.source());
                int replyType = version == 4 ? TestIcmp.ECHO_REPLY_V4 : TestIcmp.ECHO_REPLY_V6;
                assertTrue(TestIcmp.isEcho(in, replyType, socket.localId(), 2, payload), in.toString());
            }
        }
    }

    /**
     * An unread error leaves its errno pending on the socket, and the kernel fails the next send with it without
     * sending; the socket must send anyway and still deliver both the error and the reply.
     */
    @Test
    void aSendAfterAnUnreadErrorStillGoesOut() throws Exception {
        for (int version : new int[] {4, 6}) {
            Family family = family(version);
            byte[] payload = payload("pingkit errqueue pending " + version);
            try (IcmpSocket socket = IcmpSockets.open(family, SocketKind.DATAGRAM, CLIENT)) {
                Inbound in = new Inbound();
                socket.send(echoRequest(family, 0, 1, payload), Lab.host(Lab.UNREACHABLE).address(version));
                // Let the error arrive unread.
                Thread.sleep(300);
                socket.send(echoRequest(family, 0, 2, payload), Lab.host(Lab.PEER).address(version));
                List<String> got = new ArrayList<>();
                while (got.size() < 2 && socket.receive(in, 5 * SECOND)) {
                    int seq = TestIcmp.u16(in.data(), 6);
                    got.add((in.isErrorReport() ? "error " + in.errorType() : "reply") + " seq " + seq);
                }
                // Two queues: which one is read first is not promised.
                got.sort(null);
                assertEquals(List.of("error " + (version == 4 ? 3 : 1) + " seq 1", "reply seq 2"), got);
            }
        }
    }

    @Test
    void theQuotedRequestIsTheOneWeSentByteForByte() throws Exception {
        Inbound in = probe(4, Lab.FAR, 1, 31);
        byte[] quoted = java.util.Arrays.copyOf(in.data(), in.length());
        byte[] payload = payload("pingkit errqueue " + Lab.FAR + " " + 31);
        assertEquals(8 + payload.length, quoted.length);
        assertArrayEquals(payload, java.util.Arrays.copyOfRange(quoted, 8, quoted.length));
        assertEquals(0, TestIcmp.checksum(quoted, 0, quoted.length), "the kernel's checksum over what it sent");
    }
}
