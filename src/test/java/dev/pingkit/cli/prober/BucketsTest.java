package dev.pingkit.cli.prober;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Histogram bounds: labels as plain decimals, and which bucket a value falls in (le is inclusive). */
class BucketsTest {

    @Test
    void smokepingDefaultsHaveTwentyPlainDecimalLabels() {
        Buckets b = Buckets.SMOKEPING;
        assertEquals(20, b.size());
        assertEquals("0.00005", b.label(0));
        assertEquals("26.2144", b.label(19));
    }

    @Test
    void aValueOnABoundCountsInThatBucketAndAboveTheLastInInf() {
        Buckets b = Buckets.parse("0.001, 0.002,1e-2");
        assertEquals("0.001,0.002,0.01", b.toString());
        assertEquals(0, b.indexOf(0));
        assertEquals(0, b.indexOf(1_000_000));
        assertEquals(1, b.indexOf(1_000_001));
        assertEquals(2, b.indexOf(10_000_000));
        assertEquals(3, b.indexOf(10_000_001));
    }
}
