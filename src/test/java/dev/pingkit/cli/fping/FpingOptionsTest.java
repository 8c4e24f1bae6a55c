package dev.pingkit.cli.fping;

import dev.pingkit.tools.RequiredTool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** fping 5.1's option checks, in its words and with its exit codes (read from its source and measured here). */
class FpingOptionsTest {

    private static FpingInvocation run(String... args) throws FpingUsageException {
        return assertInstanceOf(FpingOptions.Run.class, FpingOptions.parse(args)).invocation();
    }

    private static FpingUsageException refused(String... args) {
        return assertThrows(FpingUsageException.class, () -> FpingOptions.parse(args));
    }

    @Test
    void defaultsAreFpings() throws FpingUsageException {
        FpingInvocation i = run("198.51.100.2");
        assertEquals(56, i.size());
        assertEquals(1.5, i.backoff());
        assertEquals(3, i.retry());
        assertEquals(10_000_000L, i.gapNanos());
        assertEquals(1_000_000_000L, i.intervalNanos());
        assertEquals(-1, i.timeoutNanos());
        assertEquals(0, i.count());
        assertTrue(i.verbose());
        assertFalse(i.perReply());
        assertEquals(List.of("198.51.100.2"), i.targets());
    }

    @Test
    void longFormsAndAttachedValuesMeanTheSame() throws FpingUsageException {
        FpingInvocation a = run("-c3", "-p", "100", "-t50", "--interval=5", "198.51.100.2");
        FpingInvocation b = run("--count=3", "--period", "100", "--timeout=50", "-i", "5", "198.51.100.2");
        assertEquals(a, b);
        assertEquals(3, a.count());
        assertEquals(100_000_000L, a.intervalNanos());
        assertEquals(50_000_000L, a.timeoutNanos());
        assertEquals(5_000_000L, a.gapNanos());
        assertTrue(a.perReply());
        assertFalse(a.verbose());
    }

    @Test
    void numbersAreReadAsLeniently_asCDoes() throws FpingUsageException {
        assertEquals(3, run("-c", "3x", "198.51.100.2").count()); // atoi
        assertEquals(1_500_000L, run("-i", "1.5", "198.51.100.2").gapNanos()); // %f
        assertEquals(16, run("-O", "0x10", "198.51.100.2").tos()); // %i
    }

    @Test
    void countModeSwitchesOffTheAliveAndUnreachableLists() throws FpingUsageException {
        FpingInvocation i = run("-a", "-c", "2", "198.51.100.2");
        assertFalse(i.listAlive());
        assertFalse(i.perReply());
        assertTrue(run("-C", "2", "198.51.100.2").verboseCount());
    }

    @Test
    void noTargetsMeansStdin() throws FpingUsageException {
        assertEquals("-", run("-a").file());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-4 -6 198.51.100.2 | fping: can't specify both -4 and -6",
        "-a -u 198.51.100.2 | fping: specify only one of a, u",
        "-c 2 -l 198.51.100.2 | fping: specify only one of c, l",
        "-n -d 198.51.100.2 | fping: use either one of -d or -n",
        "-H 300 198.51.100.2 | fping: ttl 300 out of range",
        "-b 70000 198.51.100.2 | fping: data size 70000 not valid, must be lower than 65488",
        "-B 0.5 198.51.100.2 | fping: backoff factor 0.5 not valid, must be between 1.0 and 5.0",
        "-S 1.2.3.x 198.51.100.2 | fping: can't parse source address: 1.2.3.x",
        "-Z 198.51.100.2 | fping: invalid option -- 'Z'~see 'fping -h' for usage information",
        "--bogus 198.51.100.2 | fping: invalid option -- 'bogus'~see 'fping -h' for usage information",
        "-X 198.51.100.2 | fping: invalid option -- 'X'~see 'fping -h' for usage information",
        "198.51.100.2 -x | fping: option requires an argument -- 'x'~see 'fping -h' for usage information",
    })
    void mistakesGetFpingsLineAndExitOne(String args, String message) {
        FpingUsageException e = refused(args.strip().split(" "));
        assertEquals(message.replace("~", "\n"), e.getMessage());
        assertEquals(1, e.exitCode());
    }

    @ParameterizedTest
    @CsvSource({"-c abc", "-c 0", "-p abc", "-t -1", "-b abc", "-B abc", "-x 0", "-O abc", "-g"})
    void badValuesGetFpingsUsageOnStderrAndExitOne(String args) {
        // -g alone: no block to generate from
        FpingUsageException e = refused(args.equals("-g") ? new String[] {"-g"} : (args + " 198.51.100.2").split(" "));
        assertTrue(e.getMessage().startsWith("Usage: fping [options] [targets...]"), e.getMessage());
        assertEquals(1, e.exitCode());
    }

    @Test
    void fileTogetherWithTargetsOrGenerateIsAUsageError() {
        assertTrue(refused("-f", "list", "198.51.100.2").getMessage().startsWith("Usage:"));
        assertTrue(refused("-f", "list", "-g", "198.51.100.0/30").getMessage().startsWith("Usage:"));
    }

    @Test
    void outOfRangeNumbersAreNamedAsTyped() {
        // atoi clamps to 2147483647; the message names what was typed (fping 5.1 itself crashes on this one)
        assertEquals("fping: count must be 1..100000, got 99999999999",
                refused("-c", "99999999999", "127.0.0.1").getMessage());
        // %u wraps a negative size, and fping names the wrapped value
        assertEquals("fping: data size 4294967295 not valid, must be lower than 65488",
                refused("-b", "-1", "127.0.0.1").getMessage());
    }

    @Test
    void aRangeFromIpv4ToIpv6IsFpingsOneLine() {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int code = FpingCommand.run(new String[] {"-g", "198.19.0.1", "2001:db8::1"},
                java.io.InputStream.nullInputStream(), new java.io.PrintStream(out, true),
                new java.io.PrintStream(err, true), stop -> { });
        org.junit.jupiter.api.Assumptions.assumeFalse(code == 4, "no ICMP socket here: " + err);
        assertEquals("fping: -g works only with IPv4 addresses\n", err.toString());
        assertEquals(1, code);
    }

    private record Ran(int code, String out, String err) {
    }

    private static Ran runFping(String... args) {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int code = FpingCommand.run(args, java.io.InputStream.nullInputStream(),
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8), stop -> { });
        org.junit.jupiter.api.Assumptions.assumeFalse(code == 4 && err.toString().contains("can't create socket"),
                "no ICMP socket here");
        return new Ran(code, out.toString(java.nio.charset.StandardCharsets.UTF_8),
                err.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aTargetsFileWithABomBinaryBytesAndAShellLineTriesEachLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path f = dir.resolve("targets");
        java.nio.file.Files.write(f, new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '1', '2', '7', '.', '0', '.',
            '0', '.', '1', '\n', (byte) 0xff, (byte) 0xfe, 'x', '\n', '1', '2', '7', '.', '0', '.', '0', '.', '1', ';',
            't', 'o', 'u', 'c', 'h', ' ', 'x', '\n'});
        Ran r = runFping("-t", "500", "-f", f.toString());
        // the BOM is no part of the first name; the other two lines are names that cannot resolve (fping: exit 2)
        assertEquals("127.0.0.1 is alive\n", r.out(), r::toString);
        assertEquals("\ufffd\ufffdx: Name or service not known\n127.0.0.1;touch: Name or service not known\n",
                r.err(), r::toString);
        assertEquals(2, r.code(), r::toString);
    }

    @Test
    void anEndlessTargetsFileOrAHugeNameIsOneShortLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path zero = java.nio.file.Files.createSymbolicLink(dir.resolve("zero"),
                java.nio.file.Path.of("/dev/zero"));
        Ran r = runFping("-f", zero.toString());
        assertEquals(new Ran(4, "", "fping: " + zero + ": line 1 is longer than 4096 characters, not a list of"
                + " targets\n"), r);
        Ran huge = runFping("a".repeat(100_000));
        assertEquals(new Ran(2, "", "a".repeat(64) + "...(100000 characters): Name or service not known\n"), huge);
    }

    @Test
    void helpAndVersion() throws FpingUsageException {
        assertInstanceOf(FpingOptions.Help.class, FpingOptions.parse("-h"));
        assertInstanceOf(FpingOptions.Version.class, FpingOptions.parse("-v"));
    }

    @Test
    void usageIsFpingsWordForWord() throws Exception {
        RequiredTool.require("fping", "fping");
        Process p = new ProcessBuilder("fping", "-h").redirectErrorStream(true).start();
        String theirs = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        // fping's -g example names a private range; ours names the lab's documentation range (the project names no
        // other addresses), so that one example is compared as a shape
        String example = "\\(ex\\. fping -g [0-9./ ]+ or fping -g [0-9./]+\\)";
        assertTrue(FpingWords.usage().contains("(ex. fping -g 198.51.100.0 198.51.100.255 or fping -g 198.51.100.0/24)"));
        assertEquals(theirs.replaceAll(example, "(ex. ...)"), FpingWords.usage().replaceAll(example, "(ex. ...)"));
    }

    @ParameterizedTest
    @CsvSource({"0.000123, 0.000", "0.5, 0.500", "1.234, 1.23", "12.34, 12.3", "123.4, 123", "-0.5, -0.5", "-0.123, -0.12"})
    void timesArePrintedWithFpingsPrecision(double ms, String text) {
        assertEquals(text, FpingWords.ms((long) (ms * 1_000_000)));
    }

    @Test
    void timesPrintAsFormatWouldAtEveryRoundingEdge() {
        // ms() rounds in integers instead of String.format; the two must agree, ties (…500 ns) and carries included.
        java.util.Random random = new java.util.Random(17);
        List<Long> edges = new java.util.ArrayList<>(List.of(0L, 499L, 500L, 999_499L, 999_500L, 999_999L,
                1_000_000L, 9_994_999L, 9_995_000L, 99_950_000L, 99_949_999L, 999_999_499_999L, 123_456_789L));
        for (int i = 0; i < 20_000; i++) {
            long magnitude = (long) Math.pow(10, 3 + random.nextInt(9));
            long n = Math.floorMod(random.nextLong(), magnitude);
            edges.add(n);
            edges.add(n / 500 * 500); // a tie at some precision
        }
        for (long n : edges) {
            double t = n / 1e6;
            String format = t < 1 ? "%.3f" : t < 10 ? "%.2f" : t < 100 ? "%.1f" : "%.0f";
            assertEquals(String.format(java.util.Locale.ROOT, format, t), FpingWords.ms(n), "nanos " + n);
        }
        edges.addAll(List.of(-500_000L, -123_000L, 1_000_000_000_000L, 5_000_000_000_000L));
        for (long n : edges) {
            StringBuilder b = new StringBuilder("x");
            FpingWords.appendMs(b, n);
            assertEquals("x" + FpingWords.ms(n), b.toString(), "the summaries' appended time, nanos " + n);
        }
    }

    @Test
    void icmpErrorLinesAreFpings() {
        assertEquals("ICMP Host Unreachable from 198.18.129.5 for ICMP Echo sent to 198.18.129.5",
                FpingWords.icmpError(3, 1, "198.18.129.5", "198.18.129.5"));
        assertEquals("ICMP Time Exceeded from 198.51.100.6 for ICMP Echo sent to h",
                FpingWords.icmpError(11, 0, "198.51.100.6", "h"));
        // fping 5.1 reads ICMPv6 destination unreachable (type 1) against its IPv4 table: no line
        assertEquals(null, FpingWords.icmpError(1, 3, "2001:db8:0:5::2", "2001:db8:3:2::9"));
    }
}
