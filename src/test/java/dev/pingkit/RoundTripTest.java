package dev.pingkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.packet.ChecksumStatus;
import dev.pingkit.packet.Checksum;
import dev.pingkit.packet.IcmpMessage;
import dev.pingkit.packet.IcmpReader;
import dev.pingkit.packet.Ipv4Header;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random fields -> bytes -> decode -> the same fields. */
class RoundTripTest {
    static final int CASES = 5000;

    static InetAddress v4(Random r) throws Exception {
        // 198.51.100.0/24 or 198.18.0.0/15
        return r.nextBoolean()
                ? InetAddress.getByAddress(new byte[] {(byte) 198, 51, 100, (byte) r.nextInt(256)})
                : InetAddress.getByAddress(new byte[] {(byte) 198, (byte) (18 + r.nextInt(2)), (byte) r.nextInt(256), (byte) r.nextInt(256)});
    }

    static InetAddress v6(Random r) throws Exception {
        byte[] a = new byte[16];
        r.nextBytes(a);
        a[0] = 0x20;
        a[1] = 0x01;
        a[2] = 0x0d;
        a[3] = (byte) 0xb8;
        return InetAddress.getByAddress(a);
    }

    static Echo randomEcho(Random r, InetAddress target) {
        Echo e = Echo.to(target).id(r.nextInt(65536)).seq(r.nextInt(65536));
        byte[] p = new byte[r.nextInt(10) == 0 ? r.nextInt(2000) : r.nextInt(80)];
        r.nextBytes(p);
        e = e.payload(p);
        if (r.nextInt(4) == 0) {
            e = e.code(r.nextInt(256));
        }
        return e;
    }

    @Test
    void icmpv4EchoFieldsSurviveBytesAndDecode() throws Exception {
        Random r = new Random(792);
        for (int i = 0; i < CASES; i++) {
            Echo e = randomEcho(r, v4(r));
            if (r.nextBoolean()) {
                e = e.type(0); // an echo reply, as a peer would send
            }
            IcmpMessage m = Icmp.decode(e.toBytes());
            assertEquals(e.type(), m.type());
            assertEquals(e.code(), m.code());
            assertEquals(e.id(), m.id());
            assertEquals(e.seq(), m.seq());
            assertEquals(e.checksum(), m.checksum());
            assertTrue(m.checksumValid(), e.toString());
            assertArrayEquals(e.payload(), m.payload());
            assertEquals(List.of(), m.problems());
        }
    }

    @Test
    void icmpv6EchoFieldsSurviveBytesAndDecodeWithThePseudoHeader() throws Exception {
        Random r = new Random(4443);
        for (int i = 0; i < CASES; i++) {
            InetAddress src = v6(r);
            InetAddress dst = v6(r);
            Echo e = randomEcho(r, dst).source(src);
            if (r.nextBoolean()) {
                e = e.type(129);
            }
            IcmpMessage m = Icmp.decodeV6(e.toBytes(), src, dst);
            assertEquals(6, m.family());
            assertEquals(e.type(), m.type());
            assertEquals(e.code(), m.code());
            assertEquals(e.id(), m.id());
            assertEquals(e.seq(), m.seq());
            assertEquals(ChecksumStatus.VALID, m.checksumStatus(), e.toString());
            assertArrayEquals(e.payload(), m.payload());
        }
    }

    @Test
    void ipv4PacketsWithRandomHeadersAndOptionsDecodeToTheSameFields() throws Exception {
        Random r = new Random(791);
        IcmpReader reader = new IcmpReader();
        for (int i = 0; i < CASES; i++) {
            Echo e = randomEcho(r, v4(r)).type(0);
            byte[] icmp = e.toBytes();
            byte[] opts = new byte[4 * r.nextInt(11)];
            r.nextBytes(opts);
            int total = 20 + opts.length + icmp.length;
            Ipv4Header h = new Ipv4Header(4, 5 + opts.length / 4, r.nextInt(256), total, r.nextInt(65536),
                    r.nextInt(2) << 1, 0, 1 + r.nextInt(255), 1, 0, (Inet4Address) v4(r), (Inet4Address) e.target(),
                    opts);
            byte[] hb = h.toBytes();
            int c = Checksum.of(hb, 0, hb.length);
            hb[10] = (byte) (c >>> 8);
            hb[11] = (byte) c;
            byte[] packet = new byte[total];
            System.arraycopy(hb, 0, packet, 0, hb.length);
            System.arraycopy(icmp, 0, packet, hb.length, icmp.length);

            IcmpMessage m = Icmp.decode(packet);
            Ipv4Header got = m.ip().orElseThrow();
            assertEquals(h.ttl(), got.ttl());
            assertEquals(h.tos(), got.tos());
            assertEquals(h.identification(), got.identification());
            assertEquals(h.flags(), got.flags());
            assertEquals(h.source(), got.source());
            assertEquals(h.destination(), got.destination());
            assertArrayEquals(opts, got.options());
            assertEquals(c, got.headerChecksum());
            assertEquals(e.id(), m.id());
            assertEquals(e.seq(), m.seq());
            assertArrayEquals(e.payload(), m.payload());
            assertTrue(m.checksumValid());
            // the options are random bytes: their own verdicts are the only problems of the message
            assertEquals(dev.pingkit.packet.Ipv4Options.decode(opts).problems(), m.problems());

            reader.reset(packet, 0, packet.length);
            assertEquals(h.ttl(), reader.ipTtl());
            assertEquals(e.id(), reader.id());
            assertTrue(reader.payloadEquals(e.payload()));
        }
    }
}
