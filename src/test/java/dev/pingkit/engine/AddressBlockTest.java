package dev.pingkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class AddressBlockTest {

    private static List<String> hosts(AddressBlock b) {
        return b.hosts().stream().map(InetAddress::getHostAddress).collect(Collectors.toList());
    }

    @Test
    void ipv4BlocksLeaveOutNetworkAndBroadcastAsFpingDoes() {
        assertEquals(List.of("198.19.0.1", "198.19.0.2"), hosts(AddressBlock.parse("198.19.0.0/30")));
        assertEquals(List.of("198.19.0.2", "198.19.0.3"), hosts(AddressBlock.parse("198.19.0.3/31")));
        assertEquals(List.of("198.19.0.7"), hosts(AddressBlock.parse("198.19.0.7/32")));
        assertEquals(1022, AddressBlock.parse("198.19.1.9/22").size());
        assertEquals("198.19.0.1", AddressBlock.parse("198.19.1.9/22").first().getHostAddress());
        assertEquals(65534, AddressBlock.parse("198.19.0.0/16").hosts().size());
        assertEquals("198.19.255.254", AddressBlock.parse("198.19.0.0/16").hosts().get(65533).getHostAddress());
    }

    @Test
    void ipv6BlocksLeaveOutOnlyTheSubnetRouterAnycastAddress() {
        assertEquals(List.of("2001:db8:2:0:0:0:0:1", "2001:db8:2:0:0:0:0:2", "2001:db8:2:0:0:0:0:3"),
                hosts(AddressBlock.parse("2001:db8:2::/126")));
        assertEquals(1023, AddressBlock.parse("2001:db8:2::/118").size());
    }

    @Test
    void aWholeBlockKeepsNetworkAndBroadcast() {
        assertEquals(List.of("198.19.0.0", "198.19.0.1", "198.19.0.2", "198.19.0.3"),
                hosts(AddressBlock.whole("198.19.0.2/30")));
        assertEquals(65536, AddressBlock.whole("198.19.0.0/16").size());
        assertEquals("198.19.255.255", AddressBlock.whole("198.19.0.0/16").hosts().get(65535).getHostAddress());
        assertEquals(List.of("2001:db8:2:0:0:0:0:0", "2001:db8:2:0:0:0:0:1"), hosts(AddressBlock.whole("2001:db8:2::/127")));
        assertEquals(4, AddressBlock.whole("2001:db8:2::/126").size());
        assertEquals(List.of("198.19.0.7"), hosts(AddressBlock.whole("198.19.0.7/32")));
    }

    @Test
    void oneLimitAndOneMessageForEveryWayOfMakingABlock() {
        assertEquals(1 << 20, AddressBlock.parse("198.16.0.0/12").size() + 2, "a /12 less its two ends fits");
        assertEquals(1 << 20, AddressBlock.whole("198.16.0.0/12").size());
        BlockTooLargeException parse = assertThrows(BlockTooLargeException.class,
                () -> AddressBlock.parse("198.0.0.0/11"));
        assertEquals("a block must hold 1..1048576 hosts, 198.0.0.0/11 holds 2097150", parse.getMessage());
        BlockTooLargeException whole = assertThrows(BlockTooLargeException.class,
                () -> AddressBlock.whole("198.0.0.0/11"));
        assertEquals("a block must hold 1..1048576 hosts, 198.0.0.0/11 holds 2097152", whole.getMessage());
        assertEquals(java.math.BigInteger.valueOf(2097152), whole.size());
        assertThrows(BlockTooLargeException.class, () -> AddressBlock.whole("2001:db8::/107"));
        assertEquals(1 << 20, AddressBlock.whole("2001:db8::/108").size());
        assertThrows(BlockTooLargeException.class, () -> AddressBlock.range("198.0.0.0", "198.16.0.0"));
        assertEquals("prefix length must be 1..128, got '0'",
                assertThrows(IllegalArgumentException.class, () -> AddressBlock.whole("2001:db8::/0")).getMessage());
        assertEquals("block address must be an IPv4 or IPv6 address, got 'lab.host'",
                assertThrows(IllegalArgumentException.class, () -> AddressBlock.whole("lab.host/30")).getMessage());
    }

    @Test
    void rangesKeepBothEnds() {
        assertEquals(List.of("198.19.0.255", "198.19.1.0", "198.19.1.1"),
                hosts(AddressBlock.range("198.19.0.255", "198.19.1.1")));
    }

    @Test
    void mistakesNameTheFieldAndTheValue() {
        assertEquals("prefix length must be 1..32, got '33'",
                assertThrows(IllegalArgumentException.class, () -> AddressBlock.parse("198.19.0.0/33")).getMessage());
        assertEquals("block address must be an IPv4 or IPv6 address, got 'example.com'",
                assertThrows(IllegalArgumentException.class, () -> AddressBlock.parse("example.com/24")).getMessage());
        assertEquals("last address must not come before first, got 198.19.0.5 .. 198.19.0.1",
                assertThrows(IllegalArgumentException.class,
                        () -> AddressBlock.range("198.19.0.5", "198.19.0.1")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> AddressBlock.parse("2001:db8::/64")); // too many
    }
}
