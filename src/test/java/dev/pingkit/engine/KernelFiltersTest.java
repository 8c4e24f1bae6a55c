package dev.pingkit.engine;

import dev.pingkit.socket.Bpf;
import dev.pingkit.socket.Family;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The programs {@link KernelFilters} writes from the packet layer's tables (run on real sockets in AttachFilterTest). */
class KernelFiltersTest {

    @Test
    void theProgramChecksTheIdentifierOnlyOfEchoRepliesAndPassesEachErrorType() {
        List<Bpf.Instruction> p = KernelFilters.program(Family.IPV4, true, 0x1234);
        // ldx 4*([0]&0xf); ldb [x]; jeq #0; ldh [x+4]; jeq #id (to accept, else reject); 5 error types; ret #0; ret #-1
        assertEquals(12, p.size());
        assertEquals(Bpf.LDX_MSH_B, p.get(0).code());
        assertEquals(new Bpf.Instruction(Bpf.JEQ_K, 0, 0, 0).code(), p.get(2).code());
        assertEquals(new Bpf.Instruction(Bpf.JEQ_K, 6, 5, 0x1234), p.get(4));
        List<Integer> errors = p.subList(5, 10).stream().map(Bpf.Instruction::k).toList();
        assertEquals(List.of(3, 4, 5, 11, 12), errors);
        assertEquals(new Bpf.Instruction(Bpf.RET_K, 0, 0, 0), p.get(10));
        assertEquals(new Bpf.Instruction(Bpf.RET_K, 0, 0, -1), p.get(11));
        List<Bpf.Instruction> v6 = KernelFilters.program(Family.IPV6, false, 7);
        assertEquals(Bpf.LDX_IMM, v6.get(0).code());
        assertEquals(129, v6.get(2).k());
        assertEquals(11, v6.size());
    }

    @Test
    void theIdentifierMustFitSixteenBits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelFilters.program(Family.IPV4, true, 70000));
        assertEquals("identifier must be 0..65535, got 70000", e.getMessage());
    }
}
