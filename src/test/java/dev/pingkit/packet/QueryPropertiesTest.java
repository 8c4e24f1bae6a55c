package dev.pingkit.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

/** Whatever the fields, a query value or an IPv4 option decodes back to itself, and its checksums verify. */
class QueryPropertiesTest {

    @Property(tries = 300)
    void timestampMessagesRoundTrip(@ForAll @IntRange(min = 13, max = 14) int type,
                                    @ForAll @IntRange(max = 0xffff) int id, @ForAll @IntRange(max = 0xffff) int seq,
                                    @ForAll @LongRange(max = 0xffffffffL) long originate,
                                    @ForAll @LongRange(max = 0xffffffffL) long receive,
                                    @ForAll @LongRange(max = 0xffffffffL) long transmit) {
        TimestampMessage m = new TimestampMessage(type, 0, id, seq, originate, receive, transmit, -1);
        byte[] b = m.toBytes();
        assertEquals(0, Checksum.of(b, 0, b.length));
        IcmpMessage d = ProblemOracle.check(b, 0, b.length, false);
        assertEquals(m, d.query().orElseThrow());
        assertTrue(d.problems().isEmpty(), d.problems().toString());
    }

    @Property(tries = 300)
    void probeRequestsRoundTripInBothFamilies(@ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 40)
                                              String name, @ForAll @IntRange(max = 0xffff) int id,
                                              @ForAll @IntRange(max = 0xff) int seq, @ForAll boolean v6) {
        ExtendedEchoMessage m = ExtendedEchoMessage.request(v6 ? 6 : 4, InterfaceId.name(name)).identifier(id)
                .sequence(seq);
        if (v6) {
            m = m.pseudoHeader(ExtendedEchoMessageTest.address("2001:db8::fe"),
                    ExtendedEchoMessageTest.address("2001:db8::1"));
        }
        byte[] b = m.toBytes();
        IcmpMessage d = ProblemOracle.check(b, 0, b.length, v6);
        assertTrue(d.problems().isEmpty(), d.problems().toString());
        assertEquals(m, d.query().orElseThrow());
        assertEquals(InterfaceId.name(name), m.interfaceId().orElseThrow());
        assertEquals(0, Checksum.of(b, 8, b.length - 8), "the extension checksum verifies");
        assertEquals(0, (b.length - 8) % 4, "the object is padded to 32 bits");
    }

    @Property(tries = 300)
    void recordRouteAndTimestampOptionsRoundTrip(@ForAll @IntRange(min = 1, max = 9) int slots,
                                                 @ForAll @IntRange(max = 255) int pointer,
                                                 @ForAll @IntRange(min = 1, max = 4) int pairs,
                                                 @ForAll @IntRange(max = 15) int overflow,
                                                 @ForAll @LongRange(max = 0xffffffffL) long stamp) {
        List<Inet4Address> s = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            s.add(Ipv4Header.v4(new byte[] {(byte) 198, 51, 100, (byte) i}, 0));
        }
        RecordRouteOption rr = new RecordRouteOption(pointer, s);
        Ipv4Options d = Ipv4Options.decode(rr.toBytes());
        assertEquals(List.of(rr), d.options());
        assertEquals(rr.problems(), d.problems(), "a lying pointer is listed, a true one is not");
        assertArrayEquals(rr.toBytes(), d.options().get(0).toBytes());

        List<TimestampOption.Entry> e = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            e.add(new TimestampOption.Entry(s.get(i % slots), stamp));
        }
        TimestampOption ts = new TimestampOption(TimestampOption.TSANDADDR, pointer, overflow, e);
        Ipv4Options t = Ipv4Options.decode(ts.toBytes());
        assertEquals(List.of(ts), t.options());
        assertEquals(ts.problems(), t.problems());
    }
}
