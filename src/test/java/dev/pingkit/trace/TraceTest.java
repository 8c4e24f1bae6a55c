package dev.pingkit.trace;

import dev.pingkit.engine.HostNotFoundException;
import dev.pingkit.engine.NoAddressInFamilyException;
import dev.pingkit.fakes.FakeAddresses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The Trace value: traceroute -I's defaults, one checked wither per field, no target until it is resolved. */
class TraceTest {

    @Test
    void defaultsAreDebianTracerouteDashIs() {
        Trace t = Trace.to(FakeAddresses.ip("198.18.13.2"));
        assertEquals(1, t.firstHop());
        assertEquals(30, t.maxHops());
        assertEquals(3, t.probes());
        assertEquals(16, t.simultaneous());
        assertEquals(Duration.ofSeconds(5), t.waitMax());
        assertEquals(3.0, t.waitHere());
        assertEquals(10.0, t.waitNear());
        assertEquals(Duration.ZERO, t.gap());
        assertEquals(60, t.packetLength());
        assertEquals(32, t.payloadLength());
        assertEquals(80, Trace.to(FakeAddresses.ip("2001:db8::2")).packetLength());
        assertEquals("Trace[198.18.13.2 hops 1..30 probes 3]", t.toString());
    }

    @Test
    void aHostNameHasNoTargetUntilResolvedAndResolvesOnce() {
        Trace t = Trace.to("198.18.13.2").maxHops(8);
        assertNull(t.target(), "no placeholder target");
        assertEquals(-1, t.packetLength(), "the family is not known yet");
        Trace r = t.resolve();
        assertEquals(FakeAddresses.ip("198.18.13.2"), r.target());
        assertEquals(4, r.family());
        assertEquals(8, r.maxHops());
        assertSame(r, r.resolve());
        assertEquals("198.18.13.2", r.host());
    }

    @Test
    void eachWitherChangesItsOwnFieldOnly() {
        Trace base = Trace.to(FakeAddresses.ip("198.18.13.2"));
        Trace t = base.waitHere(0).waitNear(2.5).waitMax(Duration.ofMillis(700)).gap(Duration.ofMillis(20));
        assertEquals(0.0, t.waitHere());
        assertEquals(2.5, t.waitNear());
        assertEquals(Duration.ofMillis(700), t.waitMax());
        assertEquals(Duration.ofMillis(20), t.gap());
        assertEquals(base.probes(), t.probes());
        assertNotEquals(base, t);
        assertEquals(base, Trace.to(FakeAddresses.ip("198.18.13.2")), "equal by value");
        assertEquals(3, base.firstHop(5).maxHops(3).firstHop(), "a lower maxHops brings the first hop down");
        assertEquals(100, base.packetLength(100).packetLength());
        assertEquals(28, base.packetLength(10).packetLength(), "raised to the headers, as traceroute does");
    }

    @Test
    void mistakesNameTheFieldTheValueAndWhatIsAllowed() {
        Trace t = Trace.to(FakeAddresses.ip("198.18.13.2"));
        assertEquals("firstHop must be 1..maxHops (30), got 31",
                assertThrows(IllegalArgumentException.class, () -> t.firstHop(31)).getMessage());
        assertEquals("maxHops must be 1..255, got 0",
                assertThrows(IllegalArgumentException.class, () -> t.maxHops(0)).getMessage());
        assertEquals("probes must be 1..10, got 11",
                assertThrows(IllegalArgumentException.class, () -> t.probes(11)).getMessage());
        assertEquals("waitNear must be a factor >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> t.waitNear(-1)).getMessage());
        assertEquals("waitHere must be a factor >= 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> t.waitHere(Double.NaN)).getMessage());
        assertEquals("gap must be >= 0, got -1 ms",
                assertThrows(IllegalArgumentException.class, () -> t.gap(Duration.ofMillis(-1))).getMessage());
        assertEquals("family must be 0, 4 or 6, got 5",
                assertThrows(IllegalArgumentException.class, () -> t.family(5)).getMessage());
        assertEquals("host 198.18.13.2 has no IPv6 address",
                assertThrows(NoAddressInFamilyException.class, () -> t.family(6)).getMessage());
        assertEquals("host 198.18.13.2 has no IPv6 address",
                assertThrows(NoAddressInFamilyException.class, () -> Trace.to("198.18.13.2").family(6).resolve())
                        .getMessage());
        assertThrows(HostNotFoundException.class, () -> Trace.to("nosuch.invalid").resolve());
    }
}
