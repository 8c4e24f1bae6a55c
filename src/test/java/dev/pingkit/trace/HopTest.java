package dev.pingkit.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.pingkit.packet.IcmpMessage;
import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.trace.TraceProbe;

/** A hop's line as traceroute -n prints it, and traceroute's marks for unreachables, on values built in memory. */
class HopTest {

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    // a bare ICMP message of this type and code (8 header bytes; the checksum does not matter here)
    private static IcmpMessage icmp(int family, int type, int code) {
        byte[] b = new byte[8];
        b[0] = (byte) type;
        b[1] = (byte) code;
        return family == 4 ? IcmpMessage.decode(b, 0, 8) : IcmpMessage.decodeV6(b, 0, 8, null, null);
    }

    private static TraceProbe answered(int ttl, int index, String from, long micros, IcmpMessage m) {
        return new TraceProbe(ttl, index, new ProbeEvent.Failed(null, ip(from), m, micros * 1000, 60));
    }

    private static TraceProbe refused(int ttl, int index, long refusalNanos, int mtu) {
        return new TraceProbe(ttl, index, new ProbeEvent.SendFailed(null, "EMSGSIZE", "Message too long", mtu), false,
                refusalNanos);
    }

    private static TraceProbe timeout(int ttl, int index) {
        return new TraceProbe(ttl, index, new ProbeEvent.Lost(null, false));
    }

    @Test
    void aProbeTheKernelRefusedPrintsAsTracerouteAndEndsTheHop() {
        // traceroute -F over a smaller path MTU: " 1  *  0.047 ms !F-1500 * *"
        Hop hop = new Hop(1, List.of(refused(1, 0, 47_000, 1500), refused(1, 1, 9_000, 1500),
                refused(1, 2, 8_000, 1500)));
        assertEquals(" 1  *  0.047 ms !F-1500 * *", hop.toString());
        assertEquals(true, hop.isFinal());
        assertEquals(java.util.Optional.empty(), hop.address());
        assertEquals(false, hop.probes().get(0).timedOut());
        assertEquals("ttl 1 #1 refused: larger than the path MTU 1500", hop.probes().get(0).toString());
        assertEquals(47_000, hop.probes().get(0).rttNanos());
        assertEquals(1500, hop.probes().get(0).refusedMtu());
        // a refusal without an MTU (no route, ...) is no answer: a star
        assertEquals(true, new TraceProbe(1, 0, new ProbeEvent.SendFailed(null, "ENETUNREACH",
                "Network is unreachable", 0)).timedOut());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new TraceProbe(1, 0, new ProbeEvent.Sent(null, 1)));
    }

    @Test
    void aChangedAddressWithinAHopIsPrintedBeforeItsTimeAndATimeoutIsAStar() {
        IcmpMessage te = icmp(4, 11, 0);
        Hop hop = new Hop(3, List.of(answered(3, 0, "198.18.10.2", 123, te), timeout(3, 1),
                answered(3, 2, "198.18.11.2", 2101, te)));
        assertEquals(" 3  198.18.10.2  0.123 ms * 198.18.11.2  2.101 ms", hop.toString());
        Hop same = new Hop(12, List.of(answered(12, 0, "198.18.10.2", 5, te), timeout(12, 1),
                answered(12, 2, "198.18.10.2", 7, te)));
        assertEquals("12  198.18.10.2  0.005 ms *  0.007 ms", same.toString());
        assertEquals(" 4  * * *", new Hop(4, List.of(timeout(4, 0), timeout(4, 1),
                timeout(4, 2))).toString());
    }

    @Test
    void anUnreachableCarriesItsMarkAfterEachTime() {
        IcmpMessage host = icmp(4, 3, 1);
        Hop hop = new Hop(5, List.of(answered(5, 0, "198.18.13.2", 16, host), answered(5, 1, "198.18.13.2", 9, host)));
        assertEquals(" 5  198.18.13.2  0.016 ms !H  0.009 ms !H", hop.toString());
        assertEquals(true, hop.isFinal());
    }

    @ParameterizedTest(name = "IPv{0} type {1} code {2}: \"{3}\"")
    @CsvSource({"4,3,0,!N", "4,3,1,!H", "4,3,2,!P", "4,3,3,''", "4,3,5,!S", "4,3,9,!X", "4,3,10,!X", "4,3,13,!X",
            "4,3,14,!V", "4,3,15,!C", "4,3,99,!<99>", "4,11,0,''", "4,0,0,''",
            "6,1,0,!N", "6,1,1,!X", "6,1,3,!H", "6,1,4,''", "6,1,7,!<7>", "6,3,0,''", "6,129,0,''"})
    void tracerouteMarksEachUnreachable(int family, int type, int code, String mark) {
        assertEquals(mark, Hop.annotation(icmp(family, type, code)));
    }
}
