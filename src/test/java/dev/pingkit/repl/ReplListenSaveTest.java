package dev.pingkit.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.Echo;
import dev.pingkit.packet.Pcap;
import dev.pingkit.packet.PcapPacket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code listen ... save FILE} over loopback: what was printed is what the capture file holds. */
class ReplListenSaveTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void listenSavesTheFilteredPacketsToPcapng() throws Exception {
        Path f = dir.resolve("heard.pcapng");
        Thread sender = new Thread(() -> {
            try {
                Thread.sleep(700);
                Echo.to("127.0.0.1").id(4331).seq(1).payload("no").send(Duration.ofSeconds(2));
                Echo.to("127.0.0.1").id(4330).seq(2).payload("yes").send(Duration.ofSeconds(2));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        sender.start();
        var t = ReplDriver.script("ipv4", "listen id 4330 type 0 code 0 save " + f + " 2");
        sender.join();
        assertEquals(0, t.status(), t.output());
        assertTrue(t.hasLine("1 packet seen"), t.output());
        assertTrue(t.hasLine("saved 1 packet to " + f), t.output());
        List<PcapPacket> p = Pcap.read(f);
        assertEquals(1, p.size());
        assertEquals(4330, p.get(0).icmp().orElseThrow().id());
        assertEquals(0, p.get(0).icmp().orElseThrow().type());
        assertEquals("captured from 127.0.0.1 ttl 64", p.get(0).comment());
        var bad = ReplDriver.script("listen save x.txt");
        assertTrue(bad.hasLine("error: save file must end in .pcap or .pcapng, got x.txt"), bad.output());
    }
}
