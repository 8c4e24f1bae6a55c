package dev.pingkit.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Arrays;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of the decoders over structured packets (jqwik generates the fields, {@link WireBuilder} writes them):
 * what was written is what is read, a valid checksum verifies, a one-bit change never does, and every problem
 * listed is real ({@link ProblemOracle}). Documentation addresses only.
 */
class PacketPropertiesTest {

    /** The fields of an IPv4 echo as written on the wire. */
    record EchoV4(int type, int id, int seq, byte[] payload, int ttl, int tos, byte[] src, byte[] dst,
            byte[] options) {
        byte[] icmp() {
            return WireBuilder.withChecksumV4(WireBuilder.echo(type, id, seq, payload));
        }

        byte[] datagram() {
            return WireBuilder.ipv4(tos, 0x1c46, ttl, 1, src, dst, options, icmp());
        }
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    @Provide
    Arbitrary<byte[]> v4Addresses() {
        // 198.51.100.0/24 and 198.18.0.0/15 only
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 255).map(h -> new byte[] {(byte) 198, 51, 100, (byte) (int) h}),
                Arbitraries.integers().between(0, 0x1ffff).map(
                        h -> new byte[] {(byte) 198, (byte) (18 + (h >>> 16)), (byte) (h >>> 8), (byte) (int) h}));
    }

    @Provide
    Arbitrary<byte[]> ipOptions() {
        // NOPs and a router alert, whole 32-bit words (IHL counts words)
        return Arbitraries.integers().between(0, 10).map(words -> {
            byte[] o = new byte[words * 4];
            Arrays.fill(o, (byte) 1);
            if (words > 0) {
                o[0] = (byte) 0x94;
                o[1] = 4;
                o[2] = 0;
                o[3] = 0;
            }
            return o;
        });
    }

    @Provide
    Arbitrary<EchoV4> echoesV4() {
        return Combinators.combine(Arbitraries.of(0, 8), Arbitraries.integers().between(0, 0xffff),
                Arbitraries.integers().between(0, 0xffff), payloads(), Arbitraries.integers().between(1, 255),
                Arbitraries.integers().between(0, 255), v4Addresses(), v4Addresses())
                .flatAs((type, id, seq, payload, ttl, tos, src, dst) -> ipOptions().map(
                        o -> new EchoV4(type, id, seq, payload, ttl, tos, src, dst, o)));
    }

    @Property(tries = 300)
    void anIpv4EchoReadsBackAsWritten(@ForAll("echoesV4") EchoV4 e) throws Exception {
        byte[] wire = e.datagram();
        IcmpMessage m = ProblemOracle.check(wire, 0, wire.length, false);
        assertTrue(m.valid(), m.problems().toString());
        assertEquals(java.util.List.of(), m.problems());
        assertEquals(e.type(), m.type());
        assertEquals(0, m.code());
        assertEquals(e.id(), m.id());
        assertEquals(e.seq(), m.seq());
        assertArrayEquals(e.payload(), m.payload());
        assertEquals(e.ttl(), m.ttl());
        assertEquals(InetAddress.getByAddress(e.src()), m.source().orElseThrow());
        assertEquals(InetAddress.getByAddress(e.dst()), m.destination().orElseThrow());
        assertEquals(ChecksumStatus.VALID, m.checksumStatus());
        assertArrayEquals(e.icmp(), m.icmpBytes());
        // The bare message (what a datagram socket hands over) reads the same.
        byte[] bare = e.icmp();
        IcmpMessage b = ProblemOracle.check(bare, 0, bare.length, false);
        assertEquals(java.util.List.of(), b.problems());
        assertEquals(e.id(), b.id());
        assertEquals(e.seq(), b.seq());
        assertArrayEquals(e.payload(), b.payload());
        // And the allocation-free reader agrees on the fields the engine matches on.
        IcmpReader r = new IcmpReader().reset(wire, 0, wire.length);
        assertEquals(e.id(), r.id());
        assertEquals(e.seq(), r.seq());
        assertEquals(e.ttl(), r.ipTtl());
        assertEquals(e.payload().length, r.payloadLength());
        assertTrue(r.payloadEquals(e.payload()));
        assertTrue(r.checksumValid());
    }

    @Property(tries = 300)
    void oneFlippedBitInTheIcmpPartNeverVerifies(@ForAll("echoesV4") EchoV4 e, @ForAll @IntRange(min = 0,
            max = Integer.MAX_VALUE - 1) int where) {
        byte[] wire = e.datagram();
        int icmpOff = wire.length - e.icmp().length;
        int bit = where % ((wire.length - icmpOff) * 8);
        wire[icmpOff + bit / 8] ^= (byte) (1 << (bit % 8));
        IcmpMessage m = ProblemOracle.check(wire, 0, wire.length, false);
        assertFalse(m.checksumValid(), "bit " + bit + " of the ICMP part flipped");
        assertEquals(ChecksumStatus.INVALID, m.checksumStatus());
    }

    @Property(tries = 200)
    void oneFlippedBitInTheIpHeaderChecksumIsListed(@ForAll("echoesV4") EchoV4 e,
            @ForAll @IntRange(min = 0, max = 15) int bit) {
        byte[] wire = e.datagram();
        wire[10 + bit / 8] ^= (byte) (1 << (bit % 8));
        IcmpMessage m = ProblemOracle.check(wire, 0, wire.length, false);
        assertTrue(m.problems().stream().anyMatch(p -> p.startsWith("bad IP header checksum")), m.problems()::toString);
        assertTrue(m.checksumValid(), "the ICMP checksum is not the IP header's");
    }

    @Property(tries = 200)
    void aTimeExceededQuotingOurProbeNamesIt(@ForAll("echoesV4") EchoV4 probe, @ForAll("v4Addresses") byte[] router,
            @ForAll @IntRange(min = 0, max = 1) int code, @ForAll boolean wholeProbe) throws Exception {
        byte[] sent = probe.datagram();
        int ipHl = 20 + probe.options().length;
        // RFC 792 quotes the header and 8 bytes; RFC 1812 routers quote as much as fits.
        byte[] quote = Arrays.copyOf(sent, wholeProbe ? Math.min(sent.length, 548) : ipHl + 8);
        byte[] icmp = WireBuilder.withChecksumV4(WireBuilder.icmp(11, code, 0, quote));
        byte[] wire = WireBuilder.ipv4(0xc0, 7, 255, 1, router, probe.src(), new byte[0], icmp);
        IcmpMessage m = ProblemOracle.check(wire, 0, wire.length, false);
        assertTrue(m.valid(), m.problems().toString());
        assertEquals(11, m.type());
        assertEquals(code, m.code());
        Quoted q = m.quoted().orElseThrow();
        assertEquals(probe.id(), q.id());
        assertEquals(probe.seq(), q.seq());
        assertEquals(probe.type(), q.icmpType());
        assertEquals(1, q.protocol());
        assertEquals(InetAddress.getByAddress(probe.dst()), q.destination());
        assertEquals(InetAddress.getByAddress(probe.src()), q.source());
    }

    @Provide
    Arbitrary<byte[]> v6Addresses() {
        return Arbitraries.bytes().array(byte[].class).ofSize(14).map(tail -> {
            byte[] a = new byte[16];
            a[0] = 0x20;
            a[1] = 0x01;
            a[2] = 0x0d;
            a[3] = (byte) 0xb8;
            System.arraycopy(tail, 2, a, 4, 12);
            return a;
        });
    }

    @Property(tries = 300)
    void anIpv6EchoReadsBackAndOneFlippedBitNeverVerifies(@ForAll("payloads") byte[] payload,
            @ForAll @IntRange(min = 0, max = 0xffff) int id, @ForAll @IntRange(min = 0, max = 0xffff) int seq,
            @ForAll boolean reply, @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int where) {
        byte[] icmp = WireBuilder.withChecksumV6(WireBuilder.echo(reply ? 129 : 128, id, seq, payload),
                ProblemOracle.SRC6, ProblemOracle.DST6);
        IcmpMessage m = ProblemOracle.check(icmp, 0, icmp.length, true);
        assertEquals(java.util.List.of(), m.problems());
        assertEquals(reply ? 129 : 128, m.type());
        assertEquals(id, m.id());
        assertEquals(seq, m.seq());
        assertArrayEquals(payload, m.payload());
        assertEquals(ChecksumStatus.VALID, m.checksumStatus());

        int bit = where % (icmp.length * 8);
        icmp[bit / 8] ^= (byte) (1 << (bit % 8));
        IcmpMessage flipped = ProblemOracle.check(icmp, 0, icmp.length, true);
        assertFalse(flipped.checksumValid(), "bit " + bit + " flipped");
    }

    @Property(tries = 200)
    void anIpv6ErrorQuotingOurProbeNamesIt(@ForAll("payloads") byte[] payload,
            @ForAll @IntRange(min = 0, max = 0xffff) int id, @ForAll @IntRange(min = 0, max = 0xffff) int seq,
            @ForAll("v6Addresses") byte[] target, @ForAll @IntRange(min = 1, max = 4) int kind) throws Exception {
        byte[] probe = WireBuilder.withChecksumV6(WireBuilder.echo(128, id, seq, payload), ProblemOracle.DST6, target);
        byte[] sent = WireBuilder.ipv6(64, ProblemOracle.DST6, target, probe);
        byte[] quote = Arrays.copyOf(sent, Math.min(sent.length, 1280 - 48));
        int type = kind; // 1 unreachable, 2 packet too big, 3 time exceeded, 4 parameter problem
        int rest = type == 2 ? 1280 : type == 4 ? 6 : 0;
        byte[] icmp = WireBuilder.withChecksumV6(WireBuilder.icmp(type, 0, rest, quote), ProblemOracle.SRC6,
                ProblemOracle.DST6);
        IcmpMessage m = ProblemOracle.check(icmp, 0, icmp.length, true);
        assertTrue(m.valid(), m.problems().toString());
        assertEquals(type, m.type());
        Quoted q = m.quoted().orElseThrow();
        assertEquals(id, q.id());
        assertEquals(seq, q.seq());
        assertEquals(128, q.icmpType());
        assertEquals(InetAddress.getByAddress(target), q.destination());
        if (type == 2) {
            assertEquals(1280, m.mtu());
        }
        if (type == 4) {
            assertEquals(6, m.pointer());
        }
    }

    @Property(tries = 300)
    void everyPrefixOfAValidPacketListsOnlyRealProblems(@ForAll("echoesV4") EchoV4 e,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int cut) {
        byte[] wire = e.datagram();
        int n = cut % (wire.length + 1);
        ProblemOracle.check(wire, 0, n, false);
        byte[] icmp = e.icmp();
        ProblemOracle.check(icmp, 0, cut % (icmp.length + 1), false);
        ProblemOracle.check(icmp, 0, cut % (icmp.length + 1), true);
    }
}
