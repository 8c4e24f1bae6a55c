package dev.pingkit.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The experiment language at the edges of a long and of the stack: ranges that end at Long.MAX_VALUE or span every
 * long, steps of Long.MIN_VALUE, overflowing arithmetic and thousands of nested blocks or parentheses. Each is either
 * run exactly or refused in one line, and the session goes on. (A range stepped past Long.MAX_VALUE wrapped around
 * and grew to an OutOfMemoryError; 2000 nested blocks ended in a StackOverflowError and the session was lost.) The
 * timeouts only turn such a runaway into a failure instead of a hung build.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReplLoopLimitsTest {

    private static List<String> assignments(ReplDriver.Transcript t, String variable) {
        List<String> out = new ArrayList<>();
        t.output().lines().filter(l -> l.startsWith("$" + variable + " = "))
                .forEach(l -> out.add(l.substring(variable.length() + 4)));
        return out;
    }

    @Test
    void aRangeEndingAtLongMaxMakesItsTwoPassesAndEnds() {
        var t = ReplDriver.script("for x in 9223372036854775806..9223372036854775807 { let y $x }", "let done 1");
        assertEquals(List.of("9223372036854775806", "9223372036854775807"), assignments(t, "y"), t.output());
        assertEquals(0, t.status(), t.output());
        assertTrue(t.hasLine("$done = 1"), t.output());
    }

    @Test
    void aDescendingRangeEndingAtLongMinAndAStepOfLongMinAreExact() {
        var t = ReplDriver.script("for x in -9223372036854775807..-9223372036854775808 { let y $x }",
                "for x in 9223372036854775807..-9223372036854775808 step -9223372036854775808 { let z $x }");
        assertEquals(List.of("-9223372036854775807", "-9223372036854775808"), assignments(t, "y"), t.output());
        assertEquals(List.of("9223372036854775807", "-1"), assignments(t, "z"), t.output());
    }

    @Test
    void aRangeOverEveryLongIsRefusedWithItsExactCountAndTheSessionGoesOn() {
        // to - from overflows a long here: it used to come out negative and pass the 100 000-pass guard.
        var t = ReplDriver.script("for x in -9223372036854775808..9223372036854775807 { let y $x }", "let after 1");
        assertTrue(t.hasLine("error: line 1, column 10: range -9223372036854775808..9223372036854775807 step 1 makes"
                + " 18446744073709551616 passes, at most 100000 allowed"), t.output());
        assertEquals(List.of(), assignments(t, "y"));
        assertTrue(t.hasLine("$after = 1"), t.output());
    }

    @Test
    void theLastAllowedRangeRunsAndOneMoreIsRefused() {
        var t = ReplDriver.script("for x in 1..100000 { let y $x }", "for x in 0..100000 { let z $x }");
        assertEquals(100_000, assignments(t, "y").size());
        assertTrue(t.hasLine("error: line 2, column 10: range 0..100000 step 1 makes 100001 passes, at most 100000"
                + " allowed"), t.output());
    }

    @Test
    void negatingLongMinIsAnOverflowErrorNotATrace() {
        var t = ReplDriver.script("let r $((-(-9223372036854775807-1)))", "let after 1");
        assertTrue(t.hasLine("error: arithmetic: overflow at position 1 of $((-(-9223372036854775807-1)))"),
                t.output());
        assertTrue(t.hasLine("$after = 1"), t.output());
    }

    @Test
    void thousandsOfNestedParenthesesOrSignsAreOneLineAndTheSessionGoesOn() {
        String parens = "let z $((" + "(".repeat(2000) + "1" + ")".repeat(2000) + "))";
        String signs = "let s $((" + "-".repeat(5000) + "1))";
        var t = ReplDriver.script(parens, signs, "let after 1");
        long refused = t.output().lines()
                .filter(l -> l.startsWith("error: arithmetic: too deeply nested (at most 64 parentheses and signs)"))
                .count();
        assertEquals(2, refused, t.output());
        assertTrue(t.hasLine("$after = 1"), t.output());
        // 64 levels is still arithmetic
        var ok = ReplDriver.script("let z $((" + "(".repeat(63) + "2" + ")".repeat(63) + " * " + "-".repeat(63) + "1))");
        assertTrue(ok.hasLine("$z = -2"), ok.output());
    }

    @Test
    void twoThousandNestedBlocksAreOneLineAndTheSessionGoesOn() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            lines.add("repeat 1 {");
        }
        lines.add("let y 1");
        lines.add("let after 1"); // inside: the error ends the block that was being read, so this runs on its own
        var t = ReplDriver.run(ReplConfig.script(true), lines.toArray(String[]::new));
        assertTrue(t.hasLine("error: line 65, column 10: too deeply nested (at most 64 blocks inside one another)"),
                t.output());
        assertTrue(t.output().lines().noneMatch(l -> l.contains("StackOverflowError")), t.output());
        // 64 levels still run
        String deep = "repeat 1 { ".repeat(64) + "let z 7" + " }".repeat(64);
        var ok = ReplDriver.script(deep);
        assertTrue(ok.hasLine("$z = 7"), ok.output());
        assertEquals(0, ok.status(), ok.output());
    }

    @Test
    void aSurplusCloseIsReportedAsSurplusNotAsMissing() {
        var t = ReplDriver.run(ReplConfig.script(true), "repeat 1 { let q 1 }}", "repeat 1 {", "let r 2", "}}",
                "let after 1");
        assertTrue(t.hasLine("error: line 1, column 21: } without a for or repeat to close"), t.output());
        assertTrue(t.hasLine("error: line 4, column 2: } without a for or repeat to close"), t.output());
        assertTrue(t.hasLine("$after = 1"), t.output());
        assertTrue(t.output().lines().noneMatch(l -> l.contains("no closing")), t.output());
    }
}
