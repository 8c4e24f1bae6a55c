package dev.pingkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pingkit.batch.ProbeResult;
import dev.pingkit.batch.Results;
import dev.pingkit.capture.Capture;
import dev.pingkit.engine.Stop;
import dev.pingkit.packet.Pcap;
import dev.pingkit.packet.PcapPacket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real capture on loopback handed to {@link Icmp#results}: the rows, the stats and the pcapng. */
class IcmpResultsTest {
    @Test
    @Timeout(30)
    void aLoopbackCaptureBecomesResults(@TempDir Path dir) throws Exception {
        List<Capture.Packet> seen;
        try (Capture c = Capture.open(true, false, Capture.Filter.ANY.id(4350))) {
            Thread sender = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    Echo.to("127.0.0.1").id(4350).seq(7).payload("abc").send(Duration.ofSeconds(2));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            sender.start();
            seen = c.collect(Duration.ofSeconds(2), new Stop());
            sender.join();
        }
        Results r = Icmp.results(seen);
        // on loopback the raw socket hears the request arriving and the reply
        assertEquals(2, r.all().size(), r.all().toString());
        assertEquals(List.of(8, 0), r.all().stream().map(p -> p.field("type")).toList());
        for (ProbeResult p : r.all()) {
            assertEquals(ProbeResult.Status.CAPTURED, p.status());
            assertEquals("127.0.0.1", p.field("from"));
            assertEquals(4350, p.field("id"));
            assertEquals(7, p.field("seq"));
            assertEquals(3, p.field("size"));
            assertEquals(64, p.field("reply_ttl"));
            assertEquals(null, p.field("rtt"));
        }
        assertEquals("Results: 2 probes, 0 answered, 0 errors, 0 lost, 2 captured", r.toString());
        assertEquals(List.of("127.0.0.1", "2", "0", "0%", "-", "-", "-", "-"), r.stats("from").rows().get(0));
        // saved as it came: the two messages, nothing of ours added
        List<PcapPacket> file = Pcap.read(r.pcapng(dir.resolve("seen.pcapng")));
        assertEquals(2, file.size());
        assertEquals(8, file.get(0).icmp().orElseThrow().type());
        assertEquals(0, file.get(1).icmp().orElseThrow().type());
        assertEquals(4350, file.get(1).icmp().orElseThrow().id());
        assertEquals("captured", file.get(1).comment());
    }
}
