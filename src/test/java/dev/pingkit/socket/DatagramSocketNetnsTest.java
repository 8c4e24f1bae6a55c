package dev.pingkit.socket;

import static dev.pingkit.socket.TestIcmp.echoRequest;
import static dev.pingkit.socket.TestIcmp.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Datagram ping sockets, opened inside a throwaway namespace whose ping_group_range admits us: the main
 * namespace's setting is not ours to change. Also what AUTO and explicit kinds do when permission is missing.
 */
class DatagramSocketNetnsTest {
    private static final long SECOND = 1_000_000_000L;
    private static final String DUMMY = "pktsock0";
    private static TestHost.Netns open;
    private static TestHost.Netns closed;

    @BeforeAll
    static void namespaces() throws Exception {
        TestHost.assumeRoot("creating a network namespace for ping sockets");
        open = TestHost.Netns.create("0 2147483647");
        // both ends of the pair inside the namespace: nothing is added to ours
        TestHost.run("ip", "-n", open.name, "link", "add", DUMMY, "type", "veth", "peer", "name", DUMMY + "p");
        closed = TestHost.Netns.create("1 0");
    }

    @AfterAll
    static void removeNamespaces() {
        if (open != null) {
            open.close();
        }
        if (closed != null) {
            closed.close();
        }
    }

    private static void echoThroughPingSocket(Family family, String loopback) throws Exception {
        byte[] payload = payload("pingkit dgram " + family + " " + System.nanoTime());
        try (IcmpSocket socket = IcmpSockets.open(family, SocketKind.DATAGRAM, SocketOptions.DEFAULTS.netns(open.name))) {
            assertEquals(SocketKind.DATAGRAM, socket.kind());
            assertFalse(socket.headerIncluded());
            int id = socket.localId();
            assertTrue(id >= 0 && id <= 65535, "localId " + id);
            // id 0 in the request: the kernel writes the socket's own identifier.
            long sentAt = socket.send(echoRequest(family, 0, 11, payload), InetAddress.getByName(loopback));
            Inbound in = new Inbound();
            assertTrue(socket.receive(in, 5 * SECOND), "no reply within 5 s");
            int replyType = family == Family.IPV4 ? TestIcmp.ECHO_REPLY_V4 : TestIcmp.ECHO_REPLY_V6;
            assertTrue(TestIcmp.isEcho(in, replyType, id, 11, payload),
                    "a bare echo reply carrying localId " + id + ", seq 11 and our payload");
            assertEquals(InetAddress.getByName(loopback), in.source());
            assertEquals(64, in.ttl(), "TTL / hop limit of the namespace's kernel reply");
            assertTrue(in.kernelTimestamp());
            long rtt = in.kernelTimeNanos() - sentAt;
            assertTrue(rtt >= 0 && rtt < SECOND, "kernel receive time - send time = " + rtt + " ns");
        }
    }

    @Test
    void datagramIpv4ReplyCarriesTheKernelAssignedLocalId() throws Exception {
        echoThroughPingSocket(Family.IPV4, "127.0.0.1");
    }

    @Test
    void datagramIpv6ReplyCarriesTheKernelAssignedLocalId() throws Exception {
        echoThroughPingSocket(Family.IPV6, "::1");
    }

    @Test
    void datagramWithPingSocketsOffSaysWhichSysctlAllowsThem() throws Exception {
        // As root AUTO opens raw; the unprivileged AUTO path is PermissionSubprocessTest's.
        PermissionException e = assertThrows(PermissionException.class,
                () -> IcmpSockets.open(Family.IPV4, SocketKind.DATAGRAM, SocketOptions.DEFAULTS.netns(closed.name)));
        assertEquals("EACCES", e.errnoName());
        assertTrue(e.getMessage().contains("sysctl -w net.ipv4.ping_group_range=\"0 0\""),
                "allows our group only: " + e.getMessage());
        assertTrue(e.getMessage().contains("\"1 0\""), "names the range in force: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void autoAsRootOpensRaw() throws Exception {
        try (IcmpSocket socket = IcmpSockets.open(Family.IPV6, SocketKind.AUTO, SocketOptions.DEFAULTS.netns(closed.name))) {
            assertEquals(SocketKind.RAW, socket.kind());
            assertEquals(-1, socket.localId());
        }
    }

    @Test
    void socketOpenedInANamespaceLivesThere() throws Exception {
        // The interface exists only in the namespace; SO_BINDTODEVICE looks it up in the socket's namespace.
        try (IcmpSocket socket = IcmpSockets.open(Family.IPV4, SocketKind.RAW,
                SocketOptions.DEFAULTS.netns(open.name).device(DUMMY))) {
            assertEquals(SocketKind.RAW, socket.kind());
        }
        NativeSocketException e = assertThrows(NativeSocketException.class,
                () -> IcmpSockets.open(Family.IPV4, SocketKind.RAW, SocketOptions.DEFAULTS.device(DUMMY)));
        assertEquals("ENODEV", e.errnoName());
        assertTrue(e.getMessage().contains("there is no interface '" + DUMMY + "'"), e.getMessage());
    }

    @Test
    void missingNamespaceSaysHowToCreateIt() {
        NativeSocketException e = assertThrows(NativeSocketException.class,
                () -> IcmpSockets.open(Family.IPV4, SocketKind.RAW, SocketOptions.DEFAULTS.netns("pkt-sock-absent")));
        assertEquals("ENOENT", e.errnoName());
        assertTrue(e.getMessage().contains("ip netns add pkt-sock-absent"), e.getMessage());
    }
}
