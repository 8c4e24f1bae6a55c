package dev.pingkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.packet.ExtendedEchoMessage;
import dev.pingkit.packet.InterfaceId;
import org.junit.jupiter.api.Test;

/** The facade's PROBE value: built with RFC 8335's fields, each call a new value, bad input refused in one line. */
class InterfaceProbeTest {

    @Test
    void anIpv4ProbeIsType42WithTheLBitAndTheInterfaceObject() {
        InterfaceProbe p = InterfaceProbe.to("198.51.100.2").interfaceName("eth0").id(7).seq(3);
        byte[] b = p.toBytes();
        assertEquals(42, b[0] & 0xff);
        assertEquals(7, ((b[4] & 0xff) << 8) | (b[5] & 0xff));
        assertEquals(3, b[6]);
        assertEquals(ExtendedEchoMessage.L_BIT, b[7]);
        ExtendedEchoMessage back = (ExtendedEchoMessage) dev.pingkit.Icmp.decode(b).query().orElseThrow();
        assertEquals(InterfaceId.name("eth0"), back.interfaceId().orElseThrow());
        assertTrue(p.show().contains("eth0"), p.show());
        assertEquals("InterfaceProbe[198.51.100.2 name \"eth0\" id=7 seq=3]", p.toString());
    }

    @Test
    void anIpv6TargetGetsType160AndEveryCallIsANewValue() {
        InterfaceProbe base = InterfaceProbe.to("2001:db8::2");
        InterfaceProbe byIndex = base.interfaceIndex(2);
        assertEquals(160, byIndex.toBytes()[0] & 0xff);
        assertEquals(InterfaceId.index(1), base.interfaceId(), "base unchanged: the loopback by index");
        assertNotEquals(base, byIndex);
        assertEquals(byIndex, base.interfaceIndex(2));
    }

    @Test
    void badValuesNameTheFieldAndWhatIsAllowed() {
        InterfaceProbe p = InterfaceProbe.to("198.51.100.2");
        assertEquals("sequence must be 0..255, got 256",
                assertThrows(IllegalArgumentException.class, () -> p.seq(256)).getMessage());
        assertEquals("interface name must be 1..255 ASCII characters, got 0 characters",
                assertThrows(IllegalArgumentException.class, () -> p.interfaceName("")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> p.interfaceName("x".repeat(300))).getMessage()
                .startsWith("interface name must be 1..255 ASCII characters, got 300"));
        assertEquals("ttl must be 1..255, got 0",
                assertThrows(IllegalArgumentException.class, () -> p.ttl(0)).getMessage());
    }
}
