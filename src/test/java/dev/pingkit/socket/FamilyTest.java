package dev.pingkit.socket;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one conversion between the sockets' family and the version number the packet layer counts. */
class FamilyTest {
    @Test
    void versionAndOfVersionAreInverse() {
        for (Family f : Family.values()) {
            assertEquals(f, Family.ofVersion(f.version()));
        }
        assertEquals(4, Family.IPV4.version());
        assertEquals(6, Family.IPV6.version());
    }

    @Test
    void anAddressesVersionIsItsClass() throws Exception {
        assertEquals(4, Family.of(InetAddress.getByName("198.51.100.1")).version());
        assertEquals(6, Family.of(InetAddress.getByName("2001:db8::1")).version());
        assertEquals(4, Family.of(InetAddress.getByName("::ffff:198.51.100.1")).version(), "IPv4-mapped is IPv4");
    }

    @Test
    void anotherNumberIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Family.ofVersion(5));
        assertEquals("family must be 4 or 6, got 5", e.getMessage());
    }
}
