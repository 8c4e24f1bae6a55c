package dev.pingkit.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Asserts that tshark dissects every packet of a capture as pingkit's decoder does: time, length, type, code, id,
 * seq (of the echo, or of the probe an error quotes), checksum status and echo payload length. Shared by the packet
 * tests and the tests of the front ends that write captures.
 */
public final class TsharkAgreement {
    private static final int WARNING = 0x00600000;

    private TsharkAgreement() {
    }

    /** True if tshark runs here. */
    public static boolean tsharkAvailable() {
        return Tshark.available();
    }

    /** Reads {@code capture} with pingkit and with tshark and fails on the first field they disagree on; returns
     * pingkit's packets. Packets with a bad checksum may carry tshark's "bad checksum" warning, others none. */
    public static List<PcapPacket> assertAgrees(Path capture) throws IOException, InterruptedException {
        List<PcapPacket> ours = Pcap.read(capture);
        List<List<String>> rows = Tshark.fields(capture);
        assertEquals(ours.size(), rows.size(), "packets: pingkit vs tshark in " + capture);
        for (int i = 0; i < ours.size(); i++) {
            PcapPacket p = ours.get(i);
            List<String> t = rows.get(i);
            String where = capture + " packet " + (i + 1) + " " + p + ": tshark " + t + ": ";
            assertEquals(new BigDecimal(p.epochNanos()).movePointLeft(9), new BigDecimal(t.get(0)), where + "time");
            assertEquals(String.valueOf(p.originalLength()), t.get(1), where + "length");
            IcmpMessage m = p.icmp().orElseThrow(() -> new AssertionError(where + "pingkit found no ICMP"));
            boolean v6 = m.family() == 6;
            int base = v6 ? 7 : 2;
            assertTrue(t.get(v6 ? 2 : 7).isEmpty(), where + "the other family's fields are empty");
            List<String> types = new ArrayList<>(List.of(String.valueOf(m.type())));
            List<String> codes = new ArrayList<>(List.of(String.valueOf(m.code())));
            m.quoted().filter(Quoted::isEcho).ifPresent(q -> {
                types.add(String.valueOf(q.icmpType()));
                codes.add(String.valueOf(q.icmpCode()));
            });
            assertEquals(String.join(",", types), t.get(base), where + "type");
            assertEquals(String.join(",", codes), t.get(base + 1), where + "code");
            int id = m.isError() ? m.quoted().map(Quoted::id).orElse(-1) : m.id();
            int seq = m.isError() ? m.quoted().map(Quoted::seq).orElse(-1) : m.seq();
            if (id >= 0) {
                assertEquals(id, Integer.decode(t.get(base + 2)), where + "id");
                assertEquals(seq, Integer.parseInt(t.get(base + 3)), where + "seq");
            }
            String status = t.get(base + 4).split(",")[0];
            assertEquals(m.checksumValid() ? "1" : "0", status, where + "checksum status");
            if (m.isEchoRequest() || m.isEchoReply()) {
                // tshark reads the first 8 bytes of an iputils payload as a timestamp, outside data.len
                int data = (t.get(12).isEmpty() ? 0 : Integer.parseInt(t.get(12))) + (t.get(15).isEmpty() ? 0 : 8);
                assertEquals(m.payloadLength(), data, where + "payload length");
            }
            assertTrue(t.get(13).isEmpty(), where + "tshark calls it malformed");
            boolean warned = !t.get(14).isEmpty() && maxSeverity(t.get(14)) >= WARNING;
            if (m.checksumValid()) {
                assertFalse(warned, where + "tshark warns about a packet with a good checksum");
            }
        }
        return ours;
    }

    private static int maxSeverity(String list) {
        int max = 0;
        for (String s : list.split(",")) {
            max = Math.max(max, Integer.decode(s.trim()));
        }
        return max;
    }
}
