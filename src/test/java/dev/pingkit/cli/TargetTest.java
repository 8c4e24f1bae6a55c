package dev.pingkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.NetworkInterface;

import org.junit.jupiter.api.Test;

/** Host operands read as getaddrinfo reads them; nothing here sends a packet. */
class TargetTest {

    @Test
    void aLinkLocalZoneByNameOrIndexBecomesTheScopeId() throws Exception {
        int lo = NetworkInterface.getByName("lo").getIndex();
        for (String host : new String[] {"fe80::1%lo", "fe80::1%" + lo}) {
            Target t = Target.resolve(host, 0);
            Inet6Address a = (Inet6Address) t.address();
            assertEquals(lo, a.getScopeId(), host);
            assertTrue(t.literal(), host);
            assertEquals(host, t.name());
        }
    }

    @Test
    void anUnknownZoneOrAZoneOnAGlobalAddressIsUnknownInGetaddrinfosWords() {
        assertEquals("ping: fe80::1%nosuchif0: Name or service not known",
                assertThrows(UsageException.class, () -> Target.resolve("fe80::1%nosuchif0", 0)).line());
        assertEquals("ping: 2001:db8::1%lo: Name or service not known",
                assertThrows(UsageException.class, () -> Target.resolve("2001:db8::1%lo", 0)).line());
        assertEquals("ping: fe80::1%lo: Address family for hostname not supported",
                assertThrows(UsageException.class, () -> Target.resolve("fe80::1%lo", 4)).line());
    }
}
