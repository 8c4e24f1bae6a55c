package dev.pingkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class HostsTest {

    @Test
    void literalsResolveToThemselvesInTheirFamily() throws Exception {
        assertEquals(InetAddress.getByName("127.0.0.1"), Hosts.resolve("127.0.0.1", 4));
        assertEquals(InetAddress.getByName("::1"), Hosts.resolve(" ::1 ", 0));
    }

    @Test
    void namesResolveInTheAskedFamily() throws Exception {
        // /etc/hosts maps localhost; no resolver is asked
        assertEquals(InetAddress.getByName("127.0.0.1"), Hosts.resolve("localhost", 4));
    }

    @Test
    void aFamilyTheHostLacksIsNamed() {
        var e = assertThrows(NoAddressInFamilyException.class, () -> Hosts.resolve("::1", 4));
        assertEquals("host ::1 has no IPv4 address", e.getMessage());
        assertEquals("::1", e.host());
        assertEquals(4, e.family());
    }

    @Test
    void reservedInvalidNamesAreRefusedWithoutALookup() {
        var e = assertThrows(HostNotFoundException.class, () -> Hosts.resolve("nosuch.invalid", 0));
        assertEquals("unknown host: nosuch.invalid", e.getMessage());
        assertEquals("nosuch.invalid", e.host());
    }

    @Test
    void badArgumentsSayWhatIsAllowed() {
        assertEquals("family must be 0, 4 or 6, got 5",
                assertThrows(IllegalArgumentException.class, () -> Hosts.resolve("127.0.0.1", 5)).getMessage());
        assertEquals("host must be a name or an address, got \" \"",
                assertThrows(IllegalArgumentException.class, () -> Hosts.resolve(" ", 0)).getMessage());
    }

    @Test
    void anAddressesFamilyIsTheVersionNumberAQueryAndAPacketCarry() throws Exception {
        InetAddress v4 = InetAddress.getByName("198.51.100.1");
        InetAddress v6 = InetAddress.getByName("2001:db8::1");
        assertEquals(4, Hosts.family(v4));
        assertEquals(6, Hosts.family(v6));
        assertEquals(Hosts.family(v6), Query.to(v6).family());
        assertEquals(Query.to(v6).family(), Query.to(v6).message().family(), "the echo built for it is ICMPv6");
        assertEquals(4, Query.to(v4).message().family());
    }
}
