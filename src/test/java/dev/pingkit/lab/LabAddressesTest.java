package dev.pingkit.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The lab's address plan, read from {@code scripts/netlab hosts|ranges}: needs no root and no lab, so it runs
 * everywhere and keeps the "documentation ranges only" rule from regressing silently.
 */
class LabAddressesTest {

    @Test
    void everyHostAddressIsInTheAllowedRanges() {
        assertTrue(Lab.hosts().size() >= 10, Lab.hosts().toString());
        Lab.hosts().values().forEach(h -> {
            assertTrue(h.v4() instanceof Inet4Address && allowed(h.v4()), h.toString());
            assertTrue(h.v6() instanceof Inet6Address && allowed(h.v6()), h.toString());
        });
    }

    @Test
    void everySweepAddressIsInTheAllowedRanges() {
        Lab.Range sweep = Lab.sweep();
        assertEquals(1024, sweep.size4());
        assertEquals(1024, sweep.size6());
        for (int family : List.of(4, 6)) {
            sweep.all(family).forEach(a -> assertTrue(allowed(a), a.toString()));
        }
        assertEquals("198.19.3.200", sweep.v4(3 * 256 + 200).getHostAddress());
    }

    @Test
    void hostNamesTheTestsRelyOnExist() {
        for (String name : List.of(Lab.CLIENT, Lab.PEER, Lab.ROUTER, Lab.FAR, Lab.UNREACHABLE, Lab.PROHIBIT,
                Lab.BLACKHOLE, Lab.LOSSY, Lab.DUP, Lab.SWEEP)) {
            assertEquals(name, Lab.host(name).name());
        }
    }

    @Test
    void unknownHostNamesTheKnownOnes() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Lab.host("nosuch"));
        assertTrue(e.getMessage().contains("got 'nosuch'") && e.getMessage().contains("peer"), e.getMessage());
    }

    /** 198.51.100.0/24, 198.18.0.0/15, 2001:db8::/32: the only ranges pingkit may send to besides loopback. */
    static boolean allowed(InetAddress a) {
        return in(a, "198.51.100.0", 24) || in(a, "198.18.0.0", 15) || in(a, "2001:db8::", 32);
    }

    private static boolean in(InetAddress a, String net, int len) {
        try {
            byte[] n = InetAddress.getByName(net).getAddress(), b = a.getAddress();
            if (n.length != b.length) {
                return false;
            }
            int bits = n.length * 8;
            return new BigInteger(1, n).shiftRight(bits - len).equals(new BigInteger(1, b).shiftRight(bits - len));
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
