package dev.pingkit.packet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** An ICMP error's show(): the datagram it quotes, field by field, named as the fields of the probe it was. */
class IcmpMessageShowQuotedTest {

    @Test
    void showsTheQuotedIpHeaderAndIcmpMessageFieldByField() {
        String s = IcmpMessageTest.decode(Vectors.TIME_EXCEEDED).show();
        for (String line : new String[] {
                "quoted.ip.src = 198.51.100.1", "quoted.ip.dst = 198.18.0.9", "quoted.ip.ttl = 1",
                "quoted.ip.proto = 1 (icmp)", "quoted.icmp.type = 8 (echo-request)", "quoted.icmp.code = 0",
                "quoted.icmp.id = 7 (0x0007)", "quoted.icmp.seq = 3"}) {
            assertTrue(s.contains("\n" + line + "\n"), "no line \"" + line + "\" in\n" + s);
        }
    }

    @Test
    void anEchoRequestQuotesNothing() {
        String s = IcmpMessageTest.decode(Vectors.ECHO_REQUEST).show();
        assertTrue(!s.contains("quoted"), s);
    }
}
