package dev.pingkit.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every option reaches the kernel: read back with getsockopt. */
class SocketOptionsAppliedTest {

    @BeforeEach
    void needRoot() {
        TestHost.assumeRoot("raw sockets and SO_MARK");
    }

    private static NativeIcmpSocket open(Family family, SocketOptions options) throws Exception {
        return (NativeIcmpSocket) IcmpSockets.open(family, SocketKind.RAW, options);
    }

    @Test
    void ipv4OptionsAreReadBackFromTheKernel() throws Exception {
        SocketOptions options = SocketOptions.DEFAULTS.ttl(37).tos(0x28).dontFragment(true).mark(42)
                .receiveBuffer(100_000).broadcast(true);
        try (NativeIcmpSocket socket = open(Family.IPV4, options)) {
            assertEquals(37, socket.intOption(LibC.IPPROTO_IP, LibC.IP_TTL));
            assertEquals(0x28, socket.intOption(LibC.IPPROTO_IP, LibC.IP_TOS));
            assertEquals(LibC.IP_PMTUDISC_DO, socket.intOption(LibC.IPPROTO_IP, LibC.IP_MTU_DISCOVER));
            assertEquals(42, socket.intOption(LibC.SOL_SOCKET, LibC.SO_MARK));
            assertEquals(1, socket.intOption(LibC.SOL_SOCKET, LibC.SO_BROADCAST));
            assertEquals(0, socket.intOption(LibC.IPPROTO_IP, LibC.IP_HDRINCL));
            assertEquals(1, socket.intOption(LibC.SOL_SOCKET, LibC.SO_TIMESTAMPNS));
            assertEquals(1, socket.intOption(LibC.IPPROTO_IP, LibC.IP_RECVTTL));
            // the kernel doubles SO_RCVBUF for its bookkeeping and caps it at net.core.rmem_max
            int expected = 2 * Math.min(100_000, TestHost.sysctl("net/core/rmem_max"));
            assertEquals(expected, socket.intOption(LibC.SOL_SOCKET, LibC.SO_RCVBUF));
            socket.setTtl(200);
            assertEquals(200, socket.intOption(LibC.IPPROTO_IP, LibC.IP_TTL));
        }
    }

    @Test
    void pingsDashRDashSAndDashDReachTheKernel() throws Exception {
        SocketOptions options = SocketOptions.DEFAULTS.dontRoute(true).sendBuffer(10_000).debug(true);
        try (NativeIcmpSocket socket = open(Family.IPV4, options)) {
            assertEquals(1, socket.intOption(LibC.SOL_SOCKET, LibC.SO_DONTROUTE));
            // the kernel doubles SO_SNDBUF for its bookkeeping and caps it at net.core.wmem_max
            assertEquals(2 * Math.min(10_000, TestHost.sysctl("net/core/wmem_max")),
                    socket.intOption(LibC.SOL_SOCKET, LibC.SO_SNDBUF));
            assertEquals(1, socket.intOption(LibC.SOL_SOCKET, LibC.SO_DEBUG), "root may set SO_DEBUG");
        }
        try (NativeIcmpSocket socket = open(Family.IPV4, SocketOptions.DEFAULTS)) {
            assertEquals(0, socket.intOption(LibC.SOL_SOCKET, LibC.SO_DONTROUTE));
            assertEquals(0, socket.intOption(LibC.SOL_SOCKET, LibC.SO_DEBUG));
        }
    }

    @Test
    void ipv4FragmentationAllowedIsPmtudiscDont() throws Exception {
        try (NativeIcmpSocket socket = open(Family.IPV4, SocketOptions.DEFAULTS.dontFragment(false))) {
            assertEquals(LibC.IP_PMTUDISC_DONT, socket.intOption(LibC.IPPROTO_IP, LibC.IP_MTU_DISCOVER));
        }
    }

    @Test
    void ipv6OptionsAreReadBackFromTheKernel() throws Exception {
        SocketOptions options = SocketOptions.DEFAULTS.ttl(17).tos(0xb8).dontFragment(true);
        try (NativeIcmpSocket socket = open(Family.IPV6, options)) {
            assertEquals(17, socket.intOption(LibC.IPPROTO_IPV6, LibC.IPV6_UNICAST_HOPS));
            assertEquals(0xb8, socket.intOption(LibC.IPPROTO_IPV6, LibC.IPV6_TCLASS));
            assertEquals(LibC.IPV6_PMTUDISC_DO, socket.intOption(LibC.IPPROTO_IPV6, LibC.IPV6_MTU_DISCOVER));
            assertEquals(1, socket.intOption(LibC.IPPROTO_IPV6, LibC.IPV6_RECVHOPLIMIT));
            socket.setTtl(3);
            assertEquals(3, socket.intOption(LibC.IPPROTO_IPV6, LibC.IPV6_UNICAST_HOPS));
        }
    }

    @Test
    void unsetOptionsKeepKernelDefaults() throws Exception {
        try (NativeIcmpSocket socket = open(Family.IPV4, SocketOptions.DEFAULTS)) {
            assertEquals(TestHost.sysctl("net/ipv4/ip_default_ttl"), socket.intOption(LibC.IPPROTO_IP, LibC.IP_TTL));
            assertEquals(0, socket.intOption(LibC.SOL_SOCKET, LibC.SO_MARK));
            assertEquals(0, socket.intOption(LibC.SOL_SOCKET, LibC.SO_BROADCAST));
            assertTrue(socket.intOption(LibC.IPPROTO_IP, LibC.IP_TOS) == 0);
        }
    }
}
