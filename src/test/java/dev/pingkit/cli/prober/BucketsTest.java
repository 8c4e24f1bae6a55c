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
    void boundsParseFromSecondsWithSpacesAndExponents() {
        Buckets b = Buckets.parse("0.001, 0.002,1e-2");
        assertEquals("0.001,0.002,0.01", b.toString());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0.001, 0.002, 0.01}, b.seconds());
    }
}
