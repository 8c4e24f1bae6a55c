package dev.pingkit.socket;

import static dev.pingkit.socket.TestIcmp.echoRequest;
import static dev.pingkit.socket.TestIcmp.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.engine.KernelFilters;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link IcmpSocket#attachFilter} and {@link IcmpSocket#passIcmpv6Types} on real raw sockets over loopback, where a
 * raw socket sees our own echo request go out as well as its reply, with the engine's program
 * ({@link KernelFilters#echoReplies}).
 */
class AttachFilterTest {
    private static final long SECOND = 1_000_000_000L;

    private static String loopback(Family family) {
        return family == Family.IPV4 ? "127.0.0.1" : "::1";
    }

    /** Sends requests with ids {@code ids} and lists "type id seq" of the echoes that reach the socket. */
    private static List<String> echoesSeen(Family family, Integer filterId, int... ids) throws Exception {
        TestHost.assumeRoot("opening raw ICMP sockets");
        byte[] payload = payload("pingkit filter " + family + " " + System.nanoTime());
        int request = family == Family.IPV4 ? TestIcmp.ECHO_REQUEST_V4 : TestIcmp.ECHO_REQUEST_V6;
        int reply = family == Family.IPV4 ? TestIcmp.ECHO_REPLY_V4 : TestIcmp.ECHO_REPLY_V6;
        List<String> seen = new ArrayList<>();
        try (IcmpSocket socket = IcmpSockets.open(family, SocketKind.RAW)) {
            if (filterId != null) {
                KernelFilters.echoReplies(socket, filterId);
            }
            for (int i = 0; i < ids.length; i++) {
                socket.send(echoRequest(family, ids[i], i + 1, payload), InetAddress.getByName(loopback(family)));
            }
            Inbound in = new Inbound();
            // Loopback answers within the same kernel call chain: once nothing more comes for 300 ms, all is in.
            while (socket.receive(in, 300_000_000L)) {
                for (int i = 0; i < ids.length; i++) {
                    for (int type : new int[] {request, reply}) {
                        if (TestIcmp.isEcho(in, type, ids[i], i + 1, payload)) {
                            seen.add((type == reply ? "reply" : "request") + " " + ids[i] + " " + (i + 1));
                        }
                    }
                }
            }
        }
        return seen;
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void withoutTheFilterARawSocketSeesEveryEcho(Family family) throws Exception {
        List<String> seen = echoesSeen(family, null, 0x5a01, 0x5a02);
        // the socket layer filters nothing by itself: both families see our requests too
        assertEquals(List.of("request 23041 1", "reply 23041 1", "request 23042 2", "reply 23042 2"), seen);
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void withTheFilterOnlyRepliesCarryingOurIdArrive(Family family) throws Exception {
        assertEquals(List.of("reply 23041 1"), echoesSeen(family, 0x5a01, 0x5a01, 0x5a02));
    }

    /**
     * The lost reply: until the filter is on, a raw socket queues every echo on the host. When another process's
     * pings fill that queue first, the kernel drops our reply at the full queue, unless attaching the filter also
     * threw out what was queued before it.
     */
    @ParameterizedTest
    @EnumSource(Family.class)
    void aQueueFilledBeforeTheFilterDoesNotCrowdOutOurReply(Family family) throws Exception {
        TestHost.assumeRoot("opening raw ICMP sockets");
        InetAddress loopback = InetAddress.getByName(loopback(family));
        byte[] payload = payload("pingkit crowded " + family + " " + System.nanoTime());
        int reply = family == Family.IPV4 ? TestIcmp.ECHO_REPLY_V4 : TestIcmp.ECHO_REPLY_V6;
        // The smallest receive buffer the kernel allows: a handful of packets fill it.
        try (IcmpSocket ours = IcmpSockets.open(family, SocketKind.RAW, SocketOptions.DEFAULTS.receiveBuffer(1));
             IcmpSocket other = IcmpSockets.open(family, SocketKind.RAW,
                     SocketOptions.DEFAULTS.receiveBuffer(1 << 20))) {
            KernelFilters.echoReplies(other, 0x5b02);
            Inbound in = new Inbound();
            int othersAnswered = 0;
            for (int seq = 1; seq <= 64; seq++) {
                other.send(echoRequest(family, 0x5b02, seq, payload), loopback);
                // Each answer came through loopback after its copies were queued on `ours`: in order, so once it
                // is read, `ours` has been offered everything before it.
                while (other.receive(in, SECOND)) {
                    if (TestIcmp.isEcho(in, reply, 0x5b02, seq, payload)) {
                        othersAnswered++;
                        break;
                    }
                }
            }
            assertEquals(64, othersAnswered, "the other socket's pings must all have been answered");

            KernelFilters.echoReplies(ours, 0x5b01);
            ours.send(echoRequest(family, 0x5b01, 1, payload), loopback);
            boolean answered = false;
            while (!answered && ours.receive(in, 2 * SECOND)) {
                answered = TestIcmp.isEcho(in, reply, 0x5b01, 1, payload);
            }
            assertTrue(answered, "our reply was dropped: the queue was still full of packets from before the filter");
        }
    }

    @Test
    void anIcmpv6TypeMaskKeepsOutEveryOtherType() throws Exception {
        TestHost.assumeRoot("opening a raw ICMPv6 socket");
        byte[] payload = payload("pingkit mask " + System.nanoTime());
        try (IcmpSocket socket = IcmpSockets.open(Family.IPV6, SocketKind.RAW)) {
            socket.passIcmpv6Types(TestIcmp.ECHO_REQUEST_V6); // requests only: our own reply must stay out
            socket.send(echoRequest(Family.IPV6, 0x5c01, 1, payload), InetAddress.getByName("::1"));
            Inbound in = new Inbound();
            List<Integer> types = new ArrayList<>();
            while (socket.receive(in, 300_000_000L)) {
                if (TestIcmp.isEcho(in, TestIcmp.ECHO_REQUEST_V6, 0x5c01, 1, payload)
                        || TestIcmp.isEcho(in, TestIcmp.ECHO_REPLY_V6, 0x5c01, 1, payload)) {
                    types.add(in.data()[0] & 0xff);
                }
            }
            assertEquals(List.of(TestIcmp.ECHO_REQUEST_V6), types);
        }
    }

    @Test
    void theProgramMustHaveInstructions() throws Exception {
        TestHost.assumeRoot("opening a raw ICMP socket");
        try (IcmpSocket socket = IcmpSockets.open(Family.IPV4, SocketKind.RAW)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> socket.attachFilter(List.of()));
            assertEquals("program must have 1..4096 instructions, got 0", e.getMessage());
        }
    }
}
