package dev.pingkit.engine;

import dev.pingkit.fakes.FakeNet;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link Engine#add(AddressBlock, TargetPlan)}: a block's targets kept packed behave as targets added one by one. */
@org.junit.jupiter.api.Timeout(30)
class EngineBlockTargetsTest {
    static final long MS = 1_000_000L;
    static final TargetPlan TWICE = TargetPlan.count(2, Duration.ofMillis(100));

    /** Every event as a line: its kind, target, probe number and round trip. */
    private static List<String> lines(List<ProbeEvent> events) {
        List<String> l = new ArrayList<>();
        for (ProbeEvent e : events) {
            l.add(e.getClass().getSimpleName() + " " + (e.probe() == null ? "-" : e.probe().target() + " #"
                    + e.probe().number()) + (e instanceof ProbeEvent.Answered a ? " " + a.rttNanos() : ""));
        }
        return l;
    }

    private static List<String> oneByOne(String cidr) throws Exception {
        FakeNet net = new FakeNet();
        net.peer = FakeNet.answering(MS);
        for (InetAddress a : AddressBlock.parse(cidr).hosts()) {
            net.engine.add(a, TWICE);
        }
        return lines(net.run());
    }

    private static void sameAsOneByOne(String cidr) throws Exception {
        FakeNet net = new FakeNet();
        net.peer = FakeNet.answering(MS);
        AddressBlock block = AddressBlock.parse(cidr);
        List<ProbeTarget> handles = net.engine.add(block, TWICE);
        assertEquals(block.size(), handles.size());
        for (int i = 0; i < block.size(); i++) {
            assertEquals(new ProbeTarget(i, block.hosts().get(i)), handles.get(i));
            assertEquals(handles.get(i), net.engine.target(i));
        }
        List<String> got = lines(net.run());
        assertEquals(oneByOne(cidr), got);
        assertEquals(2 * block.size(), net.events(ProbeEvent.Answered.class).size(), got.toString());
        assertEquals(2, net.engine.statistics(handles.get(block.size() - 1)).received());
    }

    @Test
    void anIpv4BlockRunsAsItsAddressesAddedOneByOne() throws Exception {
        sameAsOneByOne("198.19.0.0/28");
    }

    @Test
    void anIpv6BlockRunsAsItsAddressesAddedOneByOne() throws Exception {
        sameAsOneByOne("2001:db8:2::/124");
    }

    @Test
    void aBlockTargetTakesExplicitProbesByItsHandleAndAfterSingleTargets() throws Exception {
        FakeNet net = new FakeNet();
        net.peer = FakeNet.answering(MS);
        ProbeTarget single = net.engine.add(FakeNet.ip("198.51.100.7"), TargetPlan.explicit());
        List<ProbeTarget> block = net.engine.add(AddressBlock.parse("198.19.0.0/29"), TargetPlan.explicit());
        assertEquals(new ProbeTarget(1, FakeNet.sweep(1)), block.get(0));
        net.engine.probe(net.engine.target(4), ProbeSpec.DEFAULT, 9);
        net.engine.probe(single, ProbeSpec.DEFAULT, 8);
        net.run();
        List<ProbeEvent.Answered> a = net.events(ProbeEvent.Answered.class);
        assertEquals(List.of(new ProbeTarget(4, FakeNet.sweep(4)), single),
                a.stream().map(e -> e.probe().target()).toList());
        assertEquals(List.of(9, 8), a.stream().map(e -> e.probe().tag()).toList());
        assertEquals(FakeNet.sweep(4), a.get(0).from());
    }

    @Test
    void refusesAHandleOrIndexNotOfItsTargets() throws Exception {
        FakeNet net = new FakeNet();
        net.engine.add(AddressBlock.parse("198.19.0.0/30"), TargetPlan.explicit());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.engine.target(2));
        assertEquals("target index must be 0..1, got 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> net.engine.probe(new ProbeTarget(1, FakeNet.sweep(7)),
                ProbeSpec.DEFAULT, 0));
    }

    @Test
    void blocksWhoseAddressesCarryPastAnOctetRunAsOneByOne() throws Exception {
        sameAsOneByOne("198.19.0.0/23"); // .0.255 to .1.0: each address computed from the first with a carry
        sameAsOneByOne("2001:db8:2::/119");
    }

    @Test
    void blocksAndSingleTargetsMixedRunAsAllAddedOneByOne() throws Exception {
        FakeNet mixed = new FakeNet();
        mixed.peer = FakeNet.answering(MS);
        mixed.engine.add(AddressBlock.parse("198.19.0.0/29"), TWICE);
        mixed.engine.add(FakeNet.ip("198.51.100.7"), TWICE);
        mixed.engine.add(AddressBlock.parse("198.19.1.0/30"), TWICE);
        FakeNet single = new FakeNet();
        single.peer = FakeNet.answering(MS);
        for (String cidr : List.of("198.19.0.0/29", "198.51.100.7/32", "198.19.1.0/30")) {
            for (InetAddress a : AddressBlock.parse(cidr).hosts()) {
                single.engine.add(a, TWICE);
            }
        }
        List<String> got = lines(mixed.run());
        assertEquals(lines(single.run()), got);
        assertEquals(2 * (6 + 1 + 2), mixed.events(ProbeEvent.Answered.class).size(), got.toString());
    }

    @Test
    void aRemovedBlockTargetGetsNoMoreProbesWhileTheOthersGoOn() throws Exception {
        FakeNet net = new FakeNet();
        net.peer = FakeNet.answering(MS);
        List<ProbeTarget> block = net.engine.add(AddressBlock.parse("198.19.0.0/29"),
                TargetPlan.count(3, Duration.ofMillis(100)));
        net.engine.remove(block.get(2));
        net.run();
        List<ProbeEvent.Answered> a = net.events(ProbeEvent.Answered.class);
        assertEquals(0, a.stream().filter(e -> e.probe().target().equals(block.get(2))).count());
        assertEquals(3, a.stream().filter(e -> e.probe().target().equals(block.get(5))).count());
        assertEquals(3 * 5, a.size());
        assertEquals(0, net.engine.statistics(block.get(2)).transmitted());
        assertEquals(3, net.engine.statistics(block.get(3)).transmitted());
    }
}
