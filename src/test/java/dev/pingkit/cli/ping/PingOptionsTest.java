package dev.pingkit.cli.ping;

import dev.pingkit.cli.Invocation;
import dev.pingkit.cli.Target;
import dev.pingkit.cli.UsageException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PingOptionsTest {

    private static Invocation run(boolean root, String... args) throws UsageException {
        return assertInstanceOf(PingOptions.Run.class, PingOptions.parse(args, root)).invocation();
    }

    private static String error(boolean root, String... args) {
        UsageException e = assertThrows(UsageException.class, () -> PingOptions.parse(args, root));
        assertEquals(2, e.exitCode());
        return e.line();
    }

    @Test
    void defaultsAreIputilsDefaults() throws UsageException {
        Invocation i = run(false, "127.0.0.1");
        assertEquals("127.0.0.1", i.host());
        assertEquals(0, i.count());
        assertEquals(56, i.size());
        assertEquals(Duration.ofSeconds(1), i.effectiveInterval());
        assertEquals(1, i.preload());
        assertEquals(Optional.empty(), i.ttl());
        assertFalse(i.flood() || i.quiet() || i.numeric() || i.json());
    }

    @Test
    void optionsMayFollowTheHostAndClusterAsWithGetopt() throws UsageException {
        Invocation i = run(true, "127.0.0.1", "-nqc3", "-i0.2", "-s", "100", "-t", "7", "-W", "1.5", "-w", "9",
                "-p", "abc", "-Q", "0x10", "-M", "do", "-m", "5", "-l", "4", "-DOv", "--json", "-4");
        assertEquals(3, i.count());
        assertTrue(i.numeric() && i.quiet() && i.timestamps() && i.outstanding() && i.verbose() && i.json());
        assertEquals(Duration.ofMillis(200), i.effectiveInterval());
        assertEquals(100, i.size());
        assertEquals(Optional.of(7), i.ttl());
        assertEquals(Optional.of(Duration.ofMillis(1500)), i.replyTimeout());
        assertEquals(Optional.of(9), i.deadline());
        assertArrayEquals(new byte[] {(byte) 0xab, 0x0c}, i.pattern());
        assertEquals(Optional.of(16), i.tos());
        assertEquals(Optional.of("do"), i.pmtu());
        assertEquals(Optional.of(5L), i.mark());
        assertEquals(4, i.preload());
        assertEquals(4, i.family());
    }

    @Test
    void theLastValueOfARepeatedOptionWins() throws UsageException {
        assertEquals(2, run(false, "-c", "1", "-c", "2", "::1").count());
    }

    @Test
    void dashIIsAnAddressOrAnInterface() throws UsageException {
        assertEquals(Optional.of("lo"), run(false, "-I", "lo", "127.0.0.1").device());
        assertEquals(Optional.of("127.0.0.1"), run(false, "-I", "127.0.0.1", "127.0.0.1").source());
        Invocation v6 = run(false, "-I", "::1%lo", "::1");
        assertEquals(Optional.of("::1"), v6.source());
        assertEquals(Optional.of("lo"), v6.device());
    }

    @Test
    void floodIsNumericAndHasNoInterval() throws UsageException {
        Invocation i = run(true, "-f", "-c", "5", "127.0.0.1");
        assertTrue(i.numeric());
        assertEquals(Duration.ZERO, i.effectiveInterval());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-c -1 127.0.0.1         | ping: invalid argument: '-1': out of range: 1 <= value <= 9223372036854775807",
        "-c 0 127.0.0.1          | ping: invalid argument: '0': out of range: 1 <= value <= 9223372036854775807",
        "-c abc 127.0.0.1        | ping: invalid argument: 'abc'",
        "-c 99999999999999999999 127.0.0.1 | ping: invalid argument: '99999999999999999999': Numerical result out of range",
        "-s 70000 127.0.0.1      | ping: invalid -s value: '70000': out of range: 0 <= value <= 65507",
        "-s 65508 -4 localhost   | ping: invalid -s value: '65508': out of range: 0 <= value <= 65507",
        "-s 65528 ::1            | ping: invalid -s value: '65528': out of range: 0 <= value <= 65527",
        "-s abc 127.0.0.1        | ping: invalid argument: 'abc'",
        "-t 300 127.0.0.1        | ping: invalid argument: '300': out of range: 0 <= value <= 255",
        "-t -1 127.0.0.1         | ping: invalid argument: '-1': out of range: 0 <= value <= 255",
        "-p zz 127.0.0.1         | ping: patterns must be specified as hex digits: zz",
        "-p 1g2 127.0.0.1        | ping: patterns must be specified as hex digits: g2",
        "-i abc 127.0.0.1        | ping: option argument contains garbage: abc",
        "-i 1x 127.0.0.1         | ping: option argument contains garbage: x",
        "-i -1 127.0.0.1         | ping: bad timing interval: -1",
        "-W -1 127.0.0.1         | ping: bad linger time: -1",
        "-W 1e9 127.0.0.1        | ping: bad linger time: 1e9",
        "-w -1 127.0.0.1         | ping: invalid argument: '-1': out of range: 0 <= value <= 2147483647",
        "-Q 300 127.0.0.1        | ping: the decimal value of TOS bits must be in range 0-255: 300",
        "-Q abc 127.0.0.1        | ping: bad TOS value: abc",
        "-l 0 127.0.0.1          | ping: invalid argument: '0': out of range: 1 <= value <= 65536",
        "-m -1 127.0.0.1         | ping: invalid argument: '-1': out of range: 0 <= value <= 4294967295",
        "-M foo 127.0.0.1        | ping: invalid -M argument: foo",
        "-4 -6 127.0.0.1         | ping: only one -4 or -6 option may be specified",
        "-Z 127.0.0.1            | ping: invalid option -- 'Z'",
        "-nZ 127.0.0.1           | ping: invalid option -- 'Z'",
        "--foo 127.0.0.1         | ping: unrecognized option '--foo'",
        "-c                      | ping: option requires an argument -- 'c'",
        "-n                      | ping: usage error: Destination address required",
    })
    void badInputIsOneIputilsLineAndExitTwo(String args, String expected) {
        assertEquals(expected, error(true, args.trim().split("\\s+")));
    }

    @Test
    void theFirstBadOptionInCommandLineOrderIsReported() {
        assertEquals("ping: invalid -M argument: x", error(true, "-M", "x", "-t", "300", "127.0.0.1"));
        assertEquals("ping: invalid argument: '300': out of range: 0 <= value <= 255",
                error(true, "-t", "300", "-M", "x", "127.0.0.1"));
    }

    @Test
    void onlyRootMayGoBelowTwoMillisecondsOrPreloadMoreThanThree() throws UsageException {
        assertEquals("ping: cannot flood; minimal interval allowed for user is 2ms", error(false, "-f", "127.0.0.1"));
        assertEquals("ping: cannot flood; minimal interval allowed for user is 2ms",
                error(false, "-i", "0.001", "127.0.0.1"));
        assertEquals("ping: cannot set preload to value greater than 3: 5", error(false, "-l", "5", "127.0.0.1"));
        assertEquals(Duration.ofMillis(2), run(false, "-i", "0.002", "127.0.0.1").effectiveInterval());
        assertEquals(Duration.ZERO, run(true, "-i", "0", "127.0.0.1").effectiveInterval());
        assertEquals(5, run(true, "-l", "5", "127.0.0.1").preload());
    }

    @Test
    void helpAndVersionNeedNoHost() throws UsageException {
        assertEquals(new PingOptions.Help(false), PingOptions.parse(new String[] {"-h"}, false));
        assertEquals(new PingOptions.Help(true), PingOptions.parse(new String[] {"--help"}, false));
        assertEquals(new PingOptions.Help(true), PingOptions.parse(new String[] {"-h", "--help"}, false));
        assertInstanceOf(PingOptions.Version.class, PingOptions.parse(new String[] {"-V"}, false));
        assertInstanceOf(PingOptions.Version.class, PingOptions.parse(new String[] {"--version"}, false));
        StringBuilder help = new StringBuilder();
        PingOptions.printHelp(help);
        assertTrue(help.toString().contains("-c <count>"), help::toString);
        assertTrue(help.toString().contains("--json"), help::toString);
    }

    @Test
    void jIsIputilsJsonSpellingOfJson() throws UsageException {
        assertTrue(run(false, "-j", "127.0.0.1").json());
        assertTrue(run(false, "--json", "127.0.0.1").json());
        assertFalse(run(false, "127.0.0.1").json());
    }

    @Test
    void longHelpGoesToStdoutWithZeroAndShortHelpToStderrWithTwoAsIputils() {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int code = PingCommand.run(new String[] {"--help"}, new java.io.PrintStream(out, true),
                new java.io.PrintStream(err, true), false);
        assertEquals(0, code);
        assertTrue(out.toString().contains("-c <count>"), out::toString);
        assertEquals("", err.toString());

        out.reset();
        code = PingCommand.run(new String[] {"-h"}, new java.io.PrintStream(out, true), new java.io.PrintStream(err, true),
                false);
        assertEquals(2, code);
        assertEquals("", out.toString());
        assertTrue(err.toString().contains("-c <count>"), err::toString);

        out.reset();
        err.reset();
        code = PingCommand.run(new String[] {"--version"}, new java.io.PrintStream(out, true),
                new java.io.PrintStream(err, true), false);
        assertEquals(0, code);
        assertTrue(out.toString().startsWith("ping from pingkit "), out::toString);
    }

    @Test
    void aSecondDestinationIsRefusedNotSilentlyDropped() {
        assertEquals("ping: usage error: only one destination allowed, got 2",
                error(true, "-c", "1", "127.0.0.1", "127.0.0.2"));
        assertEquals("ping: usage error: only one destination allowed, got 3", error(false, "::1", "-6", "::1", "::1"));
    }

    @Test
    void anEmptyDestinationIsAnUnknownNameAsGetaddrinfoSays() {
        UsageException e = assertThrows(UsageException.class, () -> Target.resolve("", 0));
        assertEquals("ping: : Name or service not known", e.line());
        assertEquals(2, e.exitCode());
    }

    @Test
    void patternDigitsAreAsciiHexOnly() {
        assertEquals("ping: patterns must be specified as hex digits: \uff10\uff11",
                error(false, "-p", "\uff10\uff11", "127.0.0.1"));
        assertEquals("ping: invalid argument: '\u0661\u0662'", error(false, "-c", "\u0661\u0662", "127.0.0.1"));
    }

    @Test
    void controlBytesInAnEchoedValueAreEscapedAndAHugeValueIsCut() {
        String line = error(false, "-M", "x\u001b[2J\u0007y", "127.0.0.1");
        assertEquals("ping: invalid -M argument: x\\x1b[2J\\x07y", line);
        String huge = error(false, "-s", "9".repeat(100_000), "127.0.0.1");
        assertTrue(huge.length() < 300, "cut to a line: " + huge.length());
        assertTrue(huge.startsWith("ping: invalid argument: '9999"), huge);
        assertTrue(huge.endsWith("': Numerical result out of range"), huge);
        assertTrue(huge.contains("characters cut)"), huge);
    }

    @Test
    void ttlZeroOnIpv4IsTheKernelsRefusalInIputilsWords() throws Exception {
        Invocation inv = run(true, "-t", "0", "127.0.0.1");
        UsageException e = assertThrows(UsageException.class,
                () -> PingCommand.Settings.of(inv, Target.resolve("127.0.0.1", 0)));
        assertEquals("ping: cannot set unicast time-to-live: Invalid argument", e.line());
    }
}
