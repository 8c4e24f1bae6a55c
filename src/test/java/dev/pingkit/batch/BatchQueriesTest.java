package dev.pingkit.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.Echo;
import dev.pingkit.packet.TimestampMessage;
import org.junit.jupiter.api.Test;

/** A batch of queries other than echo: each probe answered by its own reply type, its fields decoded. */
class BatchQueriesTest {

    @Test
    void aTimestampBatchOverLoopbackGetsTheKernelsTimestampRepliesDecoded() throws Exception {
        ProbesTest.assumeRoot("a raw-socket batch of timestamp requests");
        long before = TimestampMessage.now();
        Results r = Echo.to("127.0.0.1").type(13).payload(new byte[12]).seq(1, 3).sendAll();
        assertEquals(3, r.answered().size(), r.summary());
        for (ProbeResult p : r.all()) {
            TimestampMessage ts = assertInstanceOf(TimestampMessage.class, p.reply().query().orElseThrow(),
                    p.toString());
            assertEquals(14, ts.type());
            assertEquals(p.request().seq(), ts.sequence());
            assertTrue(ts.receive() >= before && ts.transmit() >= ts.receive(), ts.toString());
        }
    }

    @Test
    void typesWithoutAReplyOfTheirOwnAreRefusedInOneLine() {
        String v4 = assertThrows(IllegalArgumentException.class,
                () -> Echo.to("127.0.0.1").type(42).sendAll()).getMessage();
        assertTrue(v4.startsWith("sendAll does not send PROBE (extended echo) requests: they name an interface, "
                + "which InterfaceProbe does; got "), v4);
    }
}
