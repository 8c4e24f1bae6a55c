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
}
