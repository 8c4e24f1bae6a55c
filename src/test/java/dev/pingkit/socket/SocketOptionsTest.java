package dev.pingkit.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** SocketOptions as a value: fluent copies, validation messages, one-line summary. No sockets. */
class SocketOptionsTest {

    @Test
    void eachFluentCallReturnsANewValueAndLeavesTheOriginal() {
        SocketOptions base = SocketOptions.DEFAULTS.ttl(5);
        SocketOptions branch = base.tos(16);
        assertEquals(5, base.ttl());
        assertNull(base.tos());
        assertEquals(16, branch.tos());
        assertEquals(5, branch.ttl());
        assertEquals(SocketOptions.DEFAULTS.ttl(5), base);
        assertNotEquals(base, branch);
    }

    @Test
    void outOfRangeValuesNameFieldValueAndRange() {
        assertEquals(0, SocketOptions.DEFAULTS.ttl(0).ttl(), "0 is a valid IPv6 hop limit");
        assertEquals("ttl must be 0..255, got -1",
                assertThrows(IllegalArgumentException.class, () -> SocketOptions.DEFAULTS.ttl(-1)).getMessage());
        assertEquals("ttl must be 0..255, got 256",
                assertThrows(IllegalArgumentException.class, () -> SocketOptions.DEFAULTS.ttl(256)).getMessage());
        assertEquals("tos must be 0..255, got -1",
                assertThrows(IllegalArgumentException.class, () -> SocketOptions.DEFAULTS.tos(-1)).getMessage());
        assertEquals("receiveBuffer must be 1..2147483647, got 0",
                assertThrows(IllegalArgumentException.class, () -> SocketOptions.DEFAULTS.receiveBuffer(0)).getMessage());
        assertEquals("device must be an interface name of 1..15 characters without '/' or spaces, got 'a-very-long-name0'",
                assertThrows(IllegalArgumentException.class,
                        () -> SocketOptions.DEFAULTS.device("a-very-long-name0")).getMessage());
        assertEquals("netns must be a namespace name under /var/run/netns (no '/'), got '../etc'",
                assertThrows(IllegalArgumentException.class, () -> SocketOptions.DEFAULTS.netns("../etc")).getMessage());
    }

    @Test
    void ipOptionsAreCopiedComparedByValueAndChecked() {
        byte[] rr = new byte[40];
        rr[0] = 1;
        SocketOptions o = SocketOptions.DEFAULTS.ipOptions(rr);
        rr[0] = 7;
        assertEquals(1, o.ipOptions()[0], "copied in");
        o.ipOptions()[0] = 9;
        assertEquals(1, o.ipOptions()[0], "copied out");
        byte[] same = new byte[40];
        same[0] = 1;
        assertEquals(SocketOptions.DEFAULTS.ipOptions(same), o);
        assertEquals(SocketOptions.DEFAULTS.ipOptions(same).hashCode(), o.hashCode());
        assertEquals("SocketOptions[ipOptions=40 bytes]", o.toString());
        assertEquals("ipOptions must be 0..40 bytes, a multiple of 4, got 44", assertThrows(
                IllegalArgumentException.class, () -> SocketOptions.DEFAULTS.ipOptions(new byte[44])).getMessage());
        assertEquals("ipOptions must be 0..40 bytes, a multiple of 4, got 3", assertThrows(
                IllegalArgumentException.class, () -> SocketOptions.DEFAULTS.ipOptions(new byte[3])).getMessage());
    }

    @Test
    void toStringListsOnlyWhatIsSet() throws Exception {
        assertEquals("SocketOptions[kernel defaults]", SocketOptions.DEFAULTS.toString());
        assertEquals("SocketOptions[ttl=3, dontFragment=true, source=127.0.0.1, mark=4294967295, netns=lab]",
                SocketOptions.DEFAULTS.netns("lab").ttl(3).dontFragment(true).mark(-1)
                        .source(InetAddress.getByName("127.0.0.1")).toString());
    }

    @Test
    void sourceOfTheOtherFamilyIsRejectedBeforeAnySocketIsMade() throws Exception {
        SocketOptions options = SocketOptions.DEFAULTS.source(InetAddress.getByName("::1"));
        assertEquals("source must be an IPV4 address for an IPV4 socket, got 0:0:0:0:0:0:0:1",
                assertThrows(IllegalArgumentException.class,
                        () -> IcmpSockets.open(Family.IPV4, SocketKind.AUTO, options)).getMessage());
    }

    @Test
    void familyOfAnAddress() throws Exception {
        assertEquals(Family.IPV4, Family.of(InetAddress.getByName("127.0.0.1")));
        assertEquals(Family.IPV6, Family.of(InetAddress.getByName("::1")));
        assertEquals(1, Family.IPV4.icmpProtocol());
        assertEquals(58, Family.IPV6.icmpProtocol());
    }
}
