package dev.pingkit.batch;

import dev.pingkit.Echo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results as values in memory: tables, statistics, CSV and JSON, with fixed RTTs. */
class ResultsTest {
    @TempDir
    Path dir;

    private static ProbeResult answered(Echo e, long rttMicros) throws Exception {
        return new ProbeResult(e.query(), 1_000_000_000L * e.seq(), ProbeResult.Status.ANSWERED, e.target(),
                rttMicros * 1000, 64, null);
    }

    private static ProbeResult lost(Echo e) {
        return new ProbeResult(e.query(), 1_000_000_000L * e.seq(), ProbeResult.Status.LOST, null, -1, -1, null);
    }

    private static Results sample() throws Exception {
        Echo a = Echo.to("198.51.100.2").id(7);
        Echo b = Echo.to("2001:db8::2").id(7);
        return Results.of(List.of(answered(a.seq(1).size(0), 100), answered(b.seq(2).size(0), 250),
                answered(a.seq(3).size(200), 120), lost(b.seq(4).size(200)), answered(a.seq(5).size(200), 90)));
    }

    @Test
    void makeTableHasARowPerRowValueAndAColumnPerColumnValueLastProbeWins() throws Exception {
        assertEquals("""
                size  198.51.100.2  2001:db8::2
                0            0.100        0.250
                200          0.090            -
                """, sample().table("size", "target", "rtt").toString());
        assertEquals("""
                     198.51.100.2  2001:db8::2
                0               1            2
                200             5            4
                """, sample().table(p -> p.request().payloadLength(), p -> p.field("target"),
                p -> p.request().seq()).toString());
    }

    @Test
    void statsPerGroupNearestRank() throws Exception {
        assertEquals("""
                size  sent  lost  loss    min  median    p90    max
                0        2     0    0%  0.100   0.100  0.250  0.250
                200      3     1   33%  0.090   0.090  0.120  0.120
                """, sample().stats("size").toString());
    }

    private static ProbeResult error(Echo e, int type, long rttMicros) throws Exception {
        return new ProbeResult(e.query(), 1_000_000_000L * e.seq(), ProbeResult.Status.ERROR,
                java.net.InetAddress.getByName("198.18.0.1"), rttMicros * 1000, 63, null, type, 0);
    }

    @Test
    void statsCountATracesTimeExceededAsAHopAnsweringNotAsLost() throws Exception {
        Echo t = Echo.to("198.51.100.2").id(7);
        Results trace = Results.of(List.of(error(t.seq(1).ttl(1), 11, 300), error(t.seq(2).ttl(1), 11, 500),
                lost(t.seq(3).ttl(2)), error(t.seq(4).ttl(2), 3, 700), answered(t.seq(5).ttl(3), 900)));
        assertEquals("""
                ttl  sent  hop  lost  loss    min  median    p90    max
                1       2    2     0    0%  0.300   0.300  0.500  0.500
                2       2    0     2  100%      -       -      -      -
                3       1    0     0    0%  0.900   0.900  0.900  0.900
                """, trace.stats("ttl").toString());
        // over IPv6 the time exceeded type is 3 (RFC 4443), and IPv4's 3 (unreachable) stays a loss above
        Echo v6 = Echo.to("2001:db8::2").id(7);
        assertEquals("""
                target       sent  hop  lost  loss    min  median    p90    max
                2001:db8::2     1    1     0    0%  0.200   0.200  0.200  0.200
                """, Results.of(List.of(error(v6.seq(1).ttl(1), 3, 200))).stats("target").toString());
    }

    @Test
    void summaryAndToStringReadAsALog() throws Exception {
        Results r = sample();
        assertEquals("Results: 5 probes, 4 answered, 0 errors, 1 lost", r.toString());
        assertEquals("198.51.100.2 seq=1 size=0: reply from 198.51.100.2 ttl=64 time=0.100 ms",
                r.summary().lines().findFirst().orElseThrow());
        assertEquals("2001:db8::2 seq=4 size=200: no reply", r.summary().lines().skip(3).findFirst().orElseThrow());
        assertEquals(1, r.unanswered().size());
        assertEquals(4, r.rtts().length - 1);
    }

    @Test
    void csvRoundTripsAndJsonHasNumbersAndNulls() throws Exception {
        Results r = sample();
        Path csv = r.csv(dir.resolve("r.csv"));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("target,id,seq,size,ttl,tos,status,from,rtt,reply_ttl,type,code,sent_ns", lines.get(0));
        assertEquals("2001:db8::2,7,4,200,,,lost,,,,,,4000000000", lines.get(4));
        Results back = Results.readCsv(csv);
        assertEquals(r.table("size", "target", "rtt").toString(), back.table("size", "target", "rtt").toString());
        assertEquals(r.summary(), back.summary());
        String json = Files.readString(r.json(dir.resolve("r.json")));
        assertTrue(json.contains("{\"target\":\"2001:db8::2\",\"id\":7,\"seq\":4,\"size\":200,\"ttl\":null,\"tos\":null,"
                + "\"status\":\"lost\",\"from\":null,\"rtt\":null,"), json);
        assertTrue(json.contains("\"rtt\":0.250,\"reply_ttl\":64"), json);
    }

    @Test
    void unknownFieldsAndBadCsvLinesAreOneLineErrors() throws Exception {
        assertEquals("field must be one of target id seq size ttl tos status from rtt reply_ttl type code, got sz",
                assertThrows(IllegalArgumentException.class, () -> sample().table("sz", "target", "rtt"))
                        .getMessage());
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "target,id,seq,size,ttl,tos,status,from,rtt,reply_ttl,type,code,sent_ns\n"
                + "198.51.100.2,7,1,0,,,maybe,,,,,,1\n");
        assertEquals(bad + " line 2: status must be answered, corrupted, error, lost, send-failed or captured, got maybe",
                assertThrows(IllegalArgumentException.class, () -> Results.readCsv(bad)).getMessage());
        Files.writeString(bad, "a,b\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Results.readCsv(bad)).getMessage()
                .startsWith(bad + " line 1: header must be target,id,"));
    }

    @Test
    void lostProbesShowInThePicture() throws Exception {
        String h = sample().histogram(RttChart.Glyphs.ASCII);
        assertTrue(h.startsWith("rtt histogram: 4 answered, 1 lost\n"), h);
        assertTrue(h.stripTrailing().endsWith("_#.!_"), h);
    }


    @Test
    void aTableCellShowsTheStatisticAskedForOverItsProbesTheMedianByDefault() throws Exception {
        Echo a = Echo.to("198.51.100.2").id(7);
        Results r = Results.of(List.of(answered(a.seq(1).size(0), 100), answered(a.seq(2).size(0), 300),
                answered(a.seq(3).size(0), 200), lost(a.seq(4).size(0)), answered(a.seq(5).size(8), 50)));
        assertEquals("""
                size  198.51.100.2
                0            0.200
                8            0.050
                """, r.table("size", "target", "rtt").toString());
        assertEquals("0            0.300", r.table("size", "target", "rtt", CellStatistic.MAX).toString().lines()
                .skip(1).findFirst().orElseThrow());
        assertEquals("0                3", r.table("size", "target", "rtt", CellStatistic.COUNT).toString().lines()
                .skip(1).findFirst().orElseThrow(), "the lost probe has no rtt to count");
        assertEquals("0            0.200", r.table("size", "target", "rtt", CellStatistic.LAST).toString().lines()
                .skip(1).findFirst().orElseThrow());
        assertEquals("0     answered/lost", r.table("size", "target", "status").toString().lines().skip(1)
                .findFirst().orElseThrow(), "words: every value once");
        assertEquals("0                2", r.table("size", "target", "seq").toString().lines().skip(1).findFirst()
                .orElseThrow(), "integers stay integers: the median of 1 2 3 4 is 2");
        assertEquals("statistic must be one of min p10 median p90 max mean count last, got average",
                assertThrows(IllegalArgumentException.class, () -> CellStatistic.of("average")).getMessage());
    }
}
