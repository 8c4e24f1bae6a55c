package dev.pingkit.cli.prober;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The targets file's lines: comments, blanks, repeats and a line that is not one target. */
class TargetsFileTest {

    @Test
    void commentsBlanksAndRepeatsAreSkippedOrderKept() throws TargetsFile.Unreadable {
        assertEquals(List.of("198.51.100.2", "2001:db8::2", "lab-host"), TargetsFile.parse("t", List.of(
                "# the lab", "", "  198.51.100.2   # the peer", "2001:db8::2", "\tlab-host", "198.51.100.2")));
    }

    @Test
    void aLineWithTwoWordsNamesTheFileAndLine() {
        TargetsFile.Unreadable e = assertThrows(TargetsFile.Unreadable.class,
                () -> TargetsFile.parse("t.txt", List.of("a", "b c")));
        assertEquals("t.txt:2: a line must hold one target, got 'b c'", e.getMessage());
    }
}
