package dev.pingkit.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ArithmeticTest {
    private static final Map<String, String> VARS = Map.of("s", "200", "name", "far");

    @Test
    void precedenceParenthesesUnaryMinusAndVariablesWithOrWithoutDollar() {
        assertEquals(7, Arithmetic.evaluate("1 + 2 * 3", VARS));
        assertEquals(9, Arithmetic.evaluate("(1 + 2) * 3", VARS));
        assertEquals(-1, Arithmetic.evaluate("-(3 - 2)", VARS));
        assertEquals(208, Arithmetic.evaluate("$s + 8", VARS));
        assertEquals(2, Arithmetic.evaluate("s / 100 % 3", VARS));
        assertEquals(-3, Arithmetic.evaluate("-7 / 2", VARS), "truncates toward zero, as the shell");
    }

    @Test
    void expandsEveryOccurrenceInALineAndLeavesTheRestAlone() {
        assertEquals("send size 208 ttl 3 $far", Arithmetic.expand("send size $(( $s + 8 )) ttl $((1+2)) $far", VARS));
        assertEquals("no arithmetic here", Arithmetic.expand("no arithmetic here", VARS));
    }

    @Test
    void mistakesNameTheExpressionAndWhere() {
        assertEquals("arithmetic: division by zero at position 5 of $((s / 0))",
                assertThrows(UserError.class, () -> Arithmetic.evaluate("s / 0", VARS)).getMessage());
        assertEquals("arithmetic: unknown variable x at position 1 of $((x + 1))",
                assertThrows(UserError.class, () -> Arithmetic.evaluate("x + 1", VARS)).getMessage());
        assertEquals("arithmetic: variable name is far, not an integer at position 1 of $((name))",
                assertThrows(UserError.class, () -> Arithmetic.evaluate("name", VARS)).getMessage());
        assertEquals("arithmetic: overflow at position 21 of $((9223372036854775807 + 1))",
                assertThrows(UserError.class, () -> Arithmetic.evaluate("9223372036854775807 + 1", VARS))
                        .getMessage());
        assertEquals("arithmetic: unexpected ')' at position 3 of $((1 ) 2)))",
                assertThrows(UserError.class, () -> Arithmetic.evaluate("1 ) 2)", VARS)).getMessage());
        assertEquals("arithmetic: $(( at column 6 has no closing ))",
                assertThrows(UserError.class, () -> Arithmetic.expand("send $((1 + 2", VARS)).getMessage());
    }
}
