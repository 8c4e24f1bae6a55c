package dev.pingkit.ping;

import dev.pingkit.socket.SocketOptions;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PingSettingsTest {
    static PingSettings base() throws UnknownHostException {
        return PingSettings.to(InetAddress.getByName("198.51.100.2"));
    }

    static void refused(String message, Function<PingSettings, PingSettings> change) throws UnknownHostException {
        PingSettings b = base();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> change.apply(b));
        assertEquals(message, e.getMessage());
    }

    @Test
    void defaultsAreIputils() throws UnknownHostException {
        PingSettings s = base();
        assertEquals(Duration.ofSeconds(1), s.interval());
        assertEquals(Duration.ofSeconds(10), s.replyTimeout());
        assertEquals(56, s.payloadSize());
        assertEquals(1, s.preload());
        assertEquals(0, s.count());
        assertEquals("PingSettings[198.51.100.2]", s.toString());
        byte[] p = s.payload();
        assertEquals(56, p.length);
        assertEquals(55, p[55]);
    }

    @Test
    void floodSetsIntervalZeroAsPingDashFDoesAndALaterIntervalWins() throws UnknownHostException {
        assertEquals(Duration.ZERO, base().flood(true).interval());
        assertEquals(Duration.ofMillis(200), base().flood(true).interval(Duration.ofMillis(200)).interval());
        assertEquals(Duration.ofMillis(300), base().interval(Duration.ofMillis(300)).flood(false).interval());
    }

    @Test
    void badValuesNameTheFieldTheValueAndTheRange() throws UnknownHostException {
        refused("count must be 0..9223372036854775807 (0 = until stopped), got -1", s -> s.count(-1));
        refused("payloadSize must be 0..65507, got 70000", s -> s.payloadSize(70000));
        refused("ttl must be 1..255, got 300", s -> s.ttl(300));
        refused("ttl must be 1..255, got 0", s -> s.ttl(0));
        assertEquals(0, PingSettings.to(InetAddress.getByName("::1")).ttl(0).ttl(), "0 is a valid IPv6 hop limit");
        assertThrows(IllegalArgumentException.class, () -> PingSettings.to(InetAddress.getByName("::1")).ttl(256));
        refused("tos must be 0..255, got 256", s -> s.tos(256));
        refused("flowLabel must be 0..1048575 (20 bits), got 1048576", s -> s.flowLabel(0x100000));
        assertEquals("PingSettings[198.51.100.2 flow=0x0abcd]", base().flowLabel(0xabcd).toString());
        refused("preload must be 1..65536, got 0", s -> s.preload(0));
        refused("identifier must be 0..65535, got 70000", s -> s.identifier(70000));
        refused("pattern must be 1..32 hex digits, got 'zz'", s -> s.pattern("zz"));
        refused("interval must be 0..2147483647 ms, got -5 ms", s -> s.interval(Duration.ofMillis(-5)));
        refused("device must be an interface name of 1..15 characters without '/' or spaces, got 'a/b'",
                s -> s.device("a/b"));
    }

    @Test
    void ipv6AllowsTheLargerPayload() throws UnknownHostException {
        PingSettings s = PingSettings.to(InetAddress.getByName("2001:db8::2")).payloadSize(65527);
        assertEquals(65527, s.payloadSize());
    }

    @Test
    void patternFillsThePayloadAsIputilsDoes() throws UnknownHostException {
        assertArrayEquals(new byte[] {(byte) 0xab, (byte) 0xcd, 0x01, (byte) 0xab, (byte) 0xcd},
                base().pattern("abcd01").payloadSize(5).payload());
        assertArrayEquals(new byte[] {0x0f, 0x0f}, base().pattern("f").payloadSize(2).payload());
    }

    @Test
    void socketOptionsCarryTheSendOptions() throws UnknownHostException {
        SocketOptions o = base().ttl(3).tos(16).pmtu(PingSettings.Pmtu.DO).mark(5).netns("pingkit-client")
                .socketOptions();
        assertEquals(SocketOptions.DEFAULTS.ttl(3).tos(16).dontFragment(true).mark(5).netns("pingkit-client"), o);
    }

    @Test
    void valuesCompareByValue() throws UnknownHostException {
        assertEquals(base().count(3), base().count(3));
        assertNotEquals(base().count(3), base().count(4));
        assertEquals("PingSettings[198.51.100.2 count=3 interval=200 ms ttl=5]",
                base().count(3).interval(Duration.ofMillis(200)).ttl(5).toString());
    }
}
