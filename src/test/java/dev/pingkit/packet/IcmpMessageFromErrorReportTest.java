package dev.pingkit.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.Echo;
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
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link IcmpMessage#fromErrorReport}: an error-queue report read like the decoded error itself. */
class IcmpMessageFromErrorReportTest {
    private static final long SECOND = 1_000_000_000L;

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    private static byte[] request(String target, int id, int seq) throws Exception {
        return Echo.to(ip(target)).id(id).seq(seq).payload("probe").toBytes();
    }

    @Test
    void timeExceededReportQuotesOurProbe() throws Exception {
        byte[] q = request("198.18.1.2", 0x1234, 7);
        IcmpMessage m = IcmpMessage.fromErrorReport(4, 11, 0, 0, ip("198.51.100.6"), ip("198.18.1.2"), q, 0, q.length);
        assertEquals("time-exceeded", m.typeName());
        assertEquals("ttl-exceeded-in-transit", m.codeName());
        assertTrue(m.isError());
        assertTrue(m.fromErrorQueue());
        assertEquals(ip("198.51.100.6"), m.source().orElseThrow());
        assertFalse(m.destination().isPresent(), "the kernel does not say which of our addresses received it");
        assertEquals(ChecksumStatus.UNKNOWN, m.checksumStatus());
        Quoted quoted = m.quoted().orElseThrow();
        assertEquals(ip("198.18.1.2"), quoted.destination());
        assertNull(quoted.source());
        assertEquals(-1, quoted.ttl());
        assertEquals(8, quoted.icmpType());
        assertEquals(0x1234, quoted.id());
        assertEquals(7, quoted.seq());
        assertEquals("ICMPv4 198.51.100.6 time-exceeded ttl-exceeded-in-transit via error queue "
                + "(quoted ? > 198.18.1.2 echo-request id=4660 seq=7)", m.toString());
        assertTrue(m.show().contains("error queue"), m.show());
        assertFalse(m.show().contains("checksum ="), "no checksum to show: " + m.show());
        assertTrue(m.problems().isEmpty(), m.problems().toString());
    }

    @Test
    void infoBecomesTheMtuOrPointer() throws Exception {
        byte[] q4 = request("198.18.1.2", 1, 1);
        assertEquals(1400, IcmpMessage.fromErrorReport(4, 3, 4, 1400, null, ip("198.18.1.2"), q4, 0, q4.length).mtu());
        assertEquals(9, IcmpMessage.fromErrorReport(4, 12, 0, 9, null, ip("198.18.1.2"), q4, 0, q4.length).pointer());
        byte[] q6 = request("2001:db8:1:1::2", 1, 1);
        IcmpMessage big = IcmpMessage.fromErrorReport(6, 2, 0, 1280, null, ip("2001:db8:1:1::2"), q6, 0, q6.length);
        assertEquals("packet-too-big", big.typeName());
        assertEquals(1280, big.mtu());
        assertEquals(1, big.quoted().orElseThrow().seq());
        assertFalse(big.source().isPresent(), "no offender given");
    }

    @Test
    void aShortQuoteIsAProblemNotAnException() throws Exception {
        byte[] q = request("198.18.1.2", 1, 1);
        IcmpMessage m = IcmpMessage.fromErrorReport(4, 3, 1, 0, null, ip("198.18.1.2"), q, 0, 4);
        assertEquals("host-unreachable", m.codeName());
        assertEquals(-1, m.quoted().orElseThrow().id());
        assertEquals(1, m.problems().size(), m.problems().toString());
    }

    @Test
    void rejectsWhatNoKernelReports() throws Exception {
        byte[] q = request("198.18.1.2", 1, 1);
        InetAddress v4 = ip("198.18.1.2");
        assertEquals("family must be 4 or 6, got 5", assertThrows(IllegalArgumentException.class,
                () -> IcmpMessage.fromErrorReport(5, 3, 0, 0, null, v4, q, 0, q.length)).getMessage());
        assertEquals("type must be an ICMPv4 error type (3, 4, 5, 11, 12), got 0",
                assertThrows(IllegalArgumentException.class,
                        () -> IcmpMessage.fromErrorReport(4, 0, 0, 0, null, v4, q, 0, q.length)).getMessage());
        assertEquals("code must be 0..255, got 256", assertThrows(IllegalArgumentException.class,
                () -> IcmpMessage.fromErrorReport(4, 3, 256, 0, null, v4, q, 0, q.length)).getMessage());
        assertEquals("originalDestination must be an IPv6 address, got 198.18.1.2",
                assertThrows(IllegalArgumentException.class,
                        () -> IcmpMessage.fromErrorReport(6, 1, 0, 0, null, v4, q, 0, q.length)).getMessage());
    }

    /**
     * The same probe, once from a raw socket (the error decoded from the wire) and once from a ping socket (the
     * error queue's report through the factory), must read the same.
     */
    @LabTest
    @ParameterizedTest(name = "v{0} to {1} ttl {2}")
    @CsvSource({"4, far, 1", "6, far, 1", "4, unreachable, 64", "6, unreachable, 64",
                "4, prohibit, 64", "6, prohibit, 64"})
    void errorQueueReportReadsLikeTheDecodedError(int version, String host, int ttl) throws Exception {
        Family family = Family.ofVersion(version);
        InetAddress target = Lab.host(host).address(version);
        SocketOptions options = SocketOptions.DEFAULTS.netns(Lab.CLIENT_NETNS).ttl(ttl);
        int seq = ThreadLocalRandom.current().nextInt(1, 65536);

        IcmpMessage decoded;
        int rawId = ThreadLocalRandom.current().nextInt(1, 65536);
        try (IcmpSocket raw = IcmpSockets.open(family, SocketKind.RAW, options)) {
            raw.send(ByteBuffer.wrap(Echo.to(target).id(rawId).seq(seq).size(24).toBytes()), target);
            decoded = receiveErrorQuoting(raw, rawId, seq);
        }

        IcmpMessage reported;
        int localId;
        try (IcmpSocket dgram = IcmpSockets.open(family, SocketKind.DATAGRAM, options)) {
            localId = dgram.localId();
            dgram.send(ByteBuffer.wrap(Echo.to(target).id(0).seq(seq).size(24).toBytes()), target);
            Inbound in = new Inbound();
            assertTrue(dgram.receive(in, 5 * SECOND) && in.isErrorReport(), "an error report: " + in);
            reported = IcmpMessage.fromErrorReport(version, in.errorType(), in.errorCode(), in.errorInfo(),
                    in.errorSource(), in.source(), in.data(), 0, in.length());
        }

        assertTrue(decoded.isError() && reported.isError());
        assertEquals(decoded.type(), reported.type());
        assertEquals(decoded.code(), reported.code());
        assertEquals(decoded.typeName(), reported.typeName());
        assertEquals(decoded.codeName(), reported.codeName());
        assertEquals(decoded.mtu(), reported.mtu());
        assertEquals(decoded.source(), reported.source(), "both name the router");
        Quoted d = decoded.quoted().orElseThrow();
        Quoted r = reported.quoted().orElseThrow();
        assertEquals(d.destination(), r.destination());
        assertEquals(d.protocol(), r.protocol());
        assertEquals(d.icmpType(), r.icmpType());
        assertEquals(d.icmpCode(), r.icmpCode());
        assertEquals(seq, d.seq());
        assertEquals(seq, r.seq());
        assertEquals(rawId, d.id());
        assertEquals(localId, r.id(), "the ping socket's identifier, which the kernel wrote into the probe");
        assertTrue(reported.problems().isEmpty(), reported.problems().toString());
    }

    /** A raw socket sees every ICMP message in the namespace: wait for the error about our probe. */
    private static IcmpMessage receiveErrorQuoting(IcmpSocket raw, int id, int seq) throws Exception {
        Inbound in = new Inbound();
        long deadline = System.nanoTime() + 5 * SECOND;
        long left;
        while ((left = deadline - System.nanoTime()) > 0 && raw.receive(in, left)) {
            IcmpMessage m = raw.family() == Family.IPV4
                    ? IcmpMessage.decode(in.data(), 0, in.length())
                    : IcmpMessage.decodeV6(in.data(), 0, in.length(), null, null);
            if (m.isError() && m.quoted().isPresent() && m.quoted().get().id() == id && m.quoted().get().seq() == seq) {
                if (raw.family() == Family.IPV6) {
                    // ICMPv6 sockets deliver no IPv6 header: the sender comes from recvmsg.
                    return IcmpMessage.decodeV6(in.data(), 0, in.length(), in.source(), Lab.host(Lab.CLIENT).v6());
                }
                return m;
            }
        }
        throw new AssertionError("no ICMP error quoting id " + id + " seq " + seq + " within 5 s");
    }
}
