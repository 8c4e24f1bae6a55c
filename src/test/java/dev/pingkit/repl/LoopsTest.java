package dev.pingkit.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoopsTest {
    private static List<Loops.Statement> complete(String text) throws Loops.SyntaxError {
        return assertInstanceOf(Loops.Complete.class, Loops.parse(text, 1)).statements();
    }

    private static String error(String text, int firstLine) {
        return assertThrows(Loops.SyntaxError.class, () -> Loops.parse(text, firstLine)).getMessage();
    }

    @Test
    void oneLineRangeLoopWithStepAndTwoCommands() throws Exception {
        List<Loops.Statement> s = complete("for size in 0..1400 step 200 { set size $size; send -q }");
        Loops.ForLoop f = assertInstanceOf(Loops.ForLoop.class, s.get(0));
        assertEquals("size", f.variable());
        assertEquals("0..1400", f.values());
        assertEquals("200", f.step());
        assertEquals(List.of(new Loops.Command("set size $size", 1, 32), new Loops.Command("send -q", 1, 48)),
                f.body());
    }

    @Test
    void nestedBlocksOverLinesWithListsRepeatAndComments() throws Exception {
        List<Loops.Statement> s = complete("for t in $far,$far6 {\n  repeat 3 {\n    send -q # quiet\n  }\n}");
        Loops.ForLoop f = (Loops.ForLoop) s.get(0);
        assertEquals("$far,$far6", f.values());
        Loops.Repeat r = (Loops.Repeat) f.body().get(0);
        assertEquals("3", r.count());
        assertEquals(List.of(new Loops.Command("send -q", 3, 5)), r.body());
    }

    @Test
    void bracesInsideWordsAndQuotesAreText() throws Exception {
        List<Loops.Statement> s = complete("repeat 1 { echo to ${far} payload \"a; {b} }\" }");
        Loops.Repeat r = (Loops.Repeat) s.get(0);
        assertEquals("echo to ${far} payload \"a; {b} }\"", ((Loops.Command) r.body().get(0)).text());
    }

    @Test
    void anOpenBlockIsIncompleteNotAnError() throws Exception {
        assertInstanceOf(Loops.Incomplete.class, Loops.parse("for i in 1..3 {\n send", 1));
        assertInstanceOf(Loops.Incomplete.class, Loops.parse("for i in 1..3", 1));
        assertInstanceOf(Loops.Incomplete.class, Loops.parse("for i in 1..3 {\n repeat 2 {\n }", 1));
    }

    @Test
    void syntaxErrorsNameLineAndColumn() {
        assertEquals("line 4, column 5: loop variable must be a name (letters, digits, _), got 1x",
                error("for 1x in 1..2 {", 4));
        assertEquals("line 1, column 7: 'in' expected after 'for i', got on", error("for i on 1..2 {", 1));
        assertEquals("line 1, column 16: 'step' or '{' expected after the values, got by",
                error("for i in 1..10 by 2 {", 1));
        assertEquals("line 1, column 16: step goes with a range A..B, not a list", error("for i in 1,2,3 step 2 {", 1));
        assertEquals("line 2, column 3: } without a for or repeat to close", error("repeat 1 { send }\n  }", 1));
        assertEquals("line 2, column 1: { expected after 'for i in 1..2'", error("for i in 1..2\nsend {", 1));
        assertEquals("line 1, column 17: { must follow a for or repeat header", error("for i in 1..2 { { }", 1));
        assertTrue(error("repeat 2 { send payload \"x }", 1).startsWith("line 1, column 25: unclosed \" quote"));
        assertEquals("line 1, column 7: repeat needs 'repeat N {', got 'repeat'", error("repeat", 1));
    }

    @Test
    void onlyLoopKeywordsAndStrayBracesGoThroughTheParser() {
        assertTrue(Loops.startsLoop("for i in 1..2 {"));
        assertTrue(Loops.startsLoop("  repeat 3 {"));
        assertTrue(Loops.startsLoop("}"));
        assertFalse(Loops.startsLoop("echo to 127.0.0.1 payload \"a;b\""));
        assertFalse(Loops.startsLoop("format json"));
    }
}
