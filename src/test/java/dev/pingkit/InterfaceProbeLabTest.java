package dev.pingkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.engine.EngineOptions;
import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;
import dev.pingkit.packet.Addresses;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link InterfaceProbe#send} against the lab's kernels: peer answers PROBE in both families, far does not. */
@LabTest
class InterfaceProbeLabTest {
    private static final EngineOptions LAB = EngineOptions.defaults().netns(Lab.CLIENT_NETNS);
    private static final Duration WAIT = Duration.ofSeconds(2);

    @Test
    void peerSaysItsInterfaceIsUpWithBothFamilies() throws Exception {
        for (int family : new int[] {4, 6}) {
            InterfaceStatus s = InterfaceProbe.to(Lab.host(Lab.PEER).address(family)).interfaceName("eth0").seq(9)
                    .send(WAIT, LAB);
            assertTrue(s.answered() && s.active() && s.ipv4() && s.ipv6(), s.show());
            assertEquals("No Error", s.codeText());
            assertEquals(family == 6 ? 161 : 43, s.reply().orElseThrow().type());
            assertEquals(9, s.reply().orElseThrow().sequence());
            assertTrue(s.show().contains("reply from " + Addresses.text(Lab.host(Lab.PEER).address(family)) + " after "),
                    s.show());
        }
    }

    @Test
    void noSuchInterfaceIsAReplyThatDidNotAnswer() throws Exception {
        InterfaceStatus s = InterfaceProbe.to(Lab.host(Lab.PEER).v4()).interfaceName("nosuch0").send(WAIT, LAB);
        assertFalse(s.answered(), s.show());
        assertTrue(s.reply().isPresent() && s.error().isEmpty(), s.toString());
        assertEquals("No Such Interface", s.codeText());
        assertTrue(s.toString().startsWith("InterfaceStatus[from=198.51.100.2 No Such Interface rtt="), s.toString());
    }

    @Test
    void farStaysSilent() throws Exception {
        InterfaceStatus s = InterfaceProbe.to(Lab.host(Lab.FAR).v4()).interfaceName("eth0")
                .send(Duration.ofMillis(800), LAB);
        assertTrue(s.reply().isEmpty() && s.error().isEmpty(), s.toString());
        assertEquals("InterfaceStatus[no reply within 800 ms]", s.toString());
    }
}
