package dev.pingkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pingkit.Echo;
import dev.pingkit.socket.Bpf;
import dev.pingkit.socket.Family;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A capture's kernel filter: the program {@link KernelFilters#captureProgram} writes, and on real loopback sockets
 * that the receiver hands over only what the kernel let through (it does no filtering of its own).
 */
class IcmpReceiverSelectionTest {
    @Test
    void theProgramTestsEachChosenFieldAndRejectsOnTheFirstMismatch() throws Exception {
        var sel = new IcmpReceiver.Selection(InetAddress.getByName("198.51.100.2"), 0, -1, 0x1234);
        List<Bpf.Instruction> p = KernelFilters.captureProgram(Family.IPV4, true, sel);
        // ldx ip header; ld [12]; jeq addr; ldb [x]; jeq 0; ldh [x+4]; jeq id; ret all; ret 0
        assertEquals(9, p.size());
        assertEquals(new Bpf.Instruction(Bpf.LD_W_ABS, 0, 0, 12), p.get(1));
        assertEquals(new Bpf.Instruction(Bpf.JEQ_K, 0, 5, 0xc6336402), p.get(2));
        assertEquals(new Bpf.Instruction(Bpf.JEQ_K, 0, 3, 0), p.get(4));
        assertEquals(new Bpf.Instruction(Bpf.LD_H_IND, 0, 0, 4), p.get(5));
        assertEquals(new Bpf.Instruction(Bpf.JEQ_K, 0, 1, 0x1234), p.get(6));
        assertEquals(new Bpf.Instruction(Bpf.RET_K, 0, 0, -1), p.get(7));
        assertEquals(new Bpf.Instruction(Bpf.RET_K, 0, 0, 0), p.get(8));
        // IPv6: no header in sight, so no address test; everything else the same
        assertEquals(7, KernelFilters.captureProgram(Family.IPV6, false, sel).size());
        assertEquals(3, KernelFilters.captureProgram(Family.IPV4, true, IcmpReceiver.Selection.ALL).size());
    }

    @Test
    @Timeout(60)
    void theKernelQueuesOnlyTheChosenMessages() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        List<String> got = new ArrayList<>();
        try (IcmpReceiver r = IcmpReceiver.open(true, false, new IcmpReceiver.Selection(lo, 8, 0, 0x4c7))) {
            Echo.to(lo).id(0x4c8).seq(1).payload("x").send(Duration.ofSeconds(2));
            Echo.to(lo).id(0x4c7).seq(2).payload("x").send(Duration.ofSeconds(2));
            Echo.to(lo).id(0x4c7).seq(3).payload("x").send(Duration.ofSeconds(2));
            long end = System.nanoTime() + 500_000_000L;
            while (System.nanoTime() < end) {
                r.poll(50_000_000L, m -> got.add(m.message().type() + ":" + m.message().id() + ":"
                        + m.message().seq()));
            }
        }
        assertEquals(List.of("8:" + 0x4c7 + ":2", "8:" + 0x4c7 + ":3"), got, "requests with our id, no replies");
    }
}
