package dev.pingkit.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HexdumpTest {

    @Test
    void laysOutLinesLikeHexdumpC() {
        // Expected text copied from `printf 'hello world\n' | hexdump -C` (its final offset line left out).
        assertEquals("00000000  68 65 6c 6c 6f 20 77 6f  72 6c 64 0a              |hello world.|",
                Hexdump.of("hello world\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void breaksEverySixteenBytes() {
        byte[] b = new byte[40];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) i;
        }
        // From `python3 -c 'import sys;sys.stdout.buffer.write(bytes(range(40)))' | hexdump -C`.
        assertEquals(String.join("\n",
                "00000000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  |................|",
                "00000010  10 11 12 13 14 15 16 17  18 19 1a 1b 1c 1d 1e 1f  |................|",
                "00000020  20 21 22 23 24 25 26 27                           | !\"#$%&'|"), Hexdump.of(b));
    }

    @Test
    void countsOffsetsFromTheGivenStart() {
        byte[] b = {9, 9, 0x41, 0x42};
        assertEquals("00000000  41 42                                             |AB|", Hexdump.of(b, 2, 2));
        assertEquals("", Hexdump.of(b, 0, 0));
        assertEquals("0909", Hexdump.hex(b, 0, 2));
    }

    @Test
    void foldsRepeatedLinesWithAStarAsHexdumpCDoes() {
        // From `printf 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab' | hexdump -C` (final offset line left out).
        assertEquals(String.join("\n",
                "00000000  61 61 61 61 61 61 61 61  61 61 61 61 61 61 61 61  |aaaaaaaaaaaaaaaa|",
                "*",
                "00000030  62                                                |b|"),
                Hexdump.of("a".repeat(48).concat("b").getBytes(StandardCharsets.US_ASCII)));
        // From `head -c 40 /dev/zero | hexdump -C`: a short last line is never folded.
        assertEquals(String.join("\n",
                "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|",
                "*",
                "00000020  00 00 00 00 00 00 00 00                           |........|"), Hexdump.of(new byte[40]));
    }

    @Test
    void endsAFoldWithTheLengthSoTheSizeStillShows() {
        // From `head -c 1000 /dev/zero | hexdump -C` (final offset line left out: the short last line shows the size).
        assertEquals(String.join("\n",
                "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|",
                "*",
                "000003e0  00 00 00 00 00 00 00 00                           |........|"), Hexdump.of(new byte[1000]));
        // From `head -c 64 /dev/zero | hexdump -C`, all of it: the dump ends in a fold, so the offset line stays.
        assertEquals(String.join("\n",
                "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|",
                "*",
                "00000040"), Hexdump.of(new byte[64]));
    }

    @Test
    void foldsOnlyLinesEqualToTheOneBeforeAndStartsAgainAfterAChange() {
        byte[] b = new byte[80];
        b[32] = 1;   // lines: 0 0 1 0 0 -> line 1 folds, line 3 differs from line 2, line 4 folds again
        String[] lines = Hexdump.of(b).split("\n");
        assertEquals(List.of("00000000", "*", "00000020", "00000030", "*", "00000050"),
                java.util.Arrays.stream(lines).map(l -> l.split(" ")[0]).collect(java.util.stream.Collectors.toList()));
    }

    @Test
    void parsesHexDigitsIgnoringSpacesColonsAndA0xPrefixOrSaysNull() {
        org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe,
                (byte) 0xef}, Hexdump.parse(" 0xDE:ad be ef "));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[0], Hexdump.parse(""));
        org.junit.jupiter.api.Assertions.assertNull(Hexdump.parse("abc"));
        org.junit.jupiter.api.Assertions.assertNull(Hexdump.parse("zz"));
    }
}
