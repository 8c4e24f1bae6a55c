package dev.pingkit.sweep;

import dev.pingkit.engine.AddressBlock;
import dev.pingkit.packet.Addresses;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SweepTargetsTest {
    /** What a block expanded to before it was kept packed: one named value per address. */
    private static List<SweepTarget> expanded(int from, AddressBlock b) {
        List<SweepTarget> l = new ArrayList<>();
        for (InetAddress a : b.hosts()) {
            l.add(new SweepTarget(from + l.size(), Addresses.text(a), a));
        }
        return l;
    }

    @Test
    void blockGivesEveryAddressNamedByItselfInOrder() {
        AddressBlock b = AddressBlock.parse("198.19.0.0/22");
        SweepTargets t = SweepTargets.builder().add(b).build();
        assertEquals(1022, t.size());
        assertEquals(expanded(0, b), t);
        assertEquals("198.19.3.254", t.get(1021).name());
    }

    @Test
    void aBlockNameIsTheDottedTextGetHostAddressWrites() throws Exception {
        int[] octets = {0, 1, 9, 10, 42, 99, 100, 199, 255};
        for (int a : octets) {
            for (int b : octets) {
                int v = a << 24 | b << 16 | b << 8 | a;
                byte[] bytes = {(byte) a, (byte) b, (byte) b, (byte) a};
                assertEquals(InetAddress.getByAddress(bytes).getHostAddress(), SweepTargets.dotted(v));
            }
        }
    }

    @Test
    void blockCarriesIntoHigherOctets() {
        SweepTargets t = SweepTargets.builder().add(AddressBlock.parse("198.19.0.0/16")).build();
        assertEquals(65534, t.size());
        assertEquals("198.19.1.0", t.get(255).name());
        assertEquals("198.19.255.254", t.get(65533).name());
        assertEquals(t.get(65533).address(), t.address(65533));
    }

    @Test
    void mixesSingleTargetsAndBlocksKeepingTheIndexes() throws Exception {
        InetAddress one = InetAddress.getByName("198.51.100.2");
        AddressBlock v4 = AddressBlock.parse("198.19.0.0/30");
        AddressBlock v6 = AddressBlock.parse("2001:db8:2::/126");
        SweepTargets t = SweepTargets.builder().add("lab-host", one).add(v4).add(v6).add("again", one).build();
        List<SweepTarget> want = new ArrayList<>();
        want.add(new SweepTarget(0, "lab-host", one));
        want.addAll(expanded(1, v4));
        want.addAll(expanded(3, v6));
        want.add(new SweepTarget(6, "again", one));
        assertEquals(want, t);
        for (int i = 0; i < want.size(); i++) {
            assertEquals(i, t.get(i).index());
            assertEquals(want.get(i).address(), t.address(i));
        }
    }

    @Test
    void longestNameIsTheLongestOfTheNamesMade() throws Exception {
        InetAddress one = InetAddress.getByName("198.51.100.2");
        List<SweepTargets> lists = List.of(
                SweepTargets.builder().build(),
                SweepTargets.builder().add(AddressBlock.parse("198.19.0.0/22")).build(), // 198.19.3.254: 12
                SweepTargets.builder().add(AddressBlock.range("198.18.0.250", "198.18.1.3")).build(), // 198.18.0.250
                SweepTargets.builder().add(AddressBlock.range("198.18.9.98", "198.18.10.1")).build(), // 198.18.9.100
                SweepTargets.builder().add(AddressBlock.parse("198.19.0.0/30")).add("a-longer-lab-name", one).build(),
                SweepTargets.builder().add(AddressBlock.parse("2001:db8:2::/120")).add("x", one).build());
        List<Integer> want = List.of(0, 12, 12, 12, 17, 14);
        for (int l = 0; l < lists.size(); l++) {
            SweepTargets t = lists.get(l);
            int made = t.stream().mapToInt(x -> x.name().length()).max().orElse(0);
            assertEquals(made, t.longestName(), "list " + l);
            assertEquals(want.get(l), t.longestName(), "list " + l);
        }
    }

    @Test
    void refusesAnIndexOutsideTheList() {
        SweepTargets t = SweepTargets.builder().add(AddressBlock.parse("198.19.0.0/30")).build();
        assertThrows(IndexOutOfBoundsException.class, () -> t.get(2));
        assertThrows(IndexOutOfBoundsException.class, () -> t.get(-1));
        assertThrows(UnsupportedOperationException.class, () -> t.add(t.get(0)));
    }

    @Test
    void sweepOfCidrKeepsThePackedListAndItsTargets() {
        Sweep s = Sweep.of("198.19.0.0/24", "198.51.100.2");
        assertEquals(255, s.targets().size());
        assertEquals(expanded(0, AddressBlock.parse("198.19.0.0/24")), s.targets().subList(0, 254));
        assertEquals("198.51.100.2", s.targets().get(254).name());
        assertSame(s.targets(), Sweep.of(s.targets()).targets());
        assertThrows(IllegalArgumentException.class, () -> Sweep.of(SweepTargets.builder().build()));
    }
}
