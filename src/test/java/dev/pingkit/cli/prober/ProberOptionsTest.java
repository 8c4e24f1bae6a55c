package dev.pingkit.cli.prober;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.pingkit.cli.UsageException;

/** Parsing scripts/prober's options, and the one line and exit code 2 of every mistake (no socket needed). */
class ProberOptionsTest {

    private static ProberConfig parse(String... args) throws UsageException {
        return ((ProberOptions.Run) ProberOptions.parse(args)).config();
    }

    /** The command run to its first error: exit code, stdout, stderr. */
    private record Outcome(int code, String out, String err) { }

    private static Outcome command(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = ProberCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ProberControl() {
                    @Override
                    public void onReload(Runnable reload) {
                    }

                    @Override
                    public void onStop(Runnable stop) {
                        stop.run(); // a run that gets this far stops at once
                    }
                });
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void defaultsAreSmokepingProbersOnLoopback() throws UsageException {
        ProberConfig c = parse("198.51.100.2");
        assertEquals(List.of("198.51.100.2"), c.targets());
        assertEquals(Duration.ofSeconds(1), c.interval());
        assertEquals(0, c.rate());
        assertEquals(56, c.size());
        assertEquals(0, c.family());
        assertEquals(Optional.of(new InetSocketAddress("127.0.0.1", 9374)), c.listen());
        assertEquals(Buckets.SMOKEPING, c.buckets());
        assertFalse(c.json());
        assertEquals(Optional.empty(), c.targetsFile());
    }

    @Test
    void everyOptionReachesTheConfig() throws UsageException {
        ProberConfig c = parse("-i", "0.25", "-r", "500", "-s", "100", "-6", "--listen", "[::1]:0", "--buckets", "0.001,0.01",
                "-f", "/tmp/targets", "a", "b");
        assertEquals(Duration.ofMillis(250), c.interval());
        assertEquals(500, c.rate());
        assertEquals(100, c.size());
        assertEquals(6, c.family());
        assertEquals(Optional.of(new InetSocketAddress("::1", 0)), c.listen());
        assertEquals("0.001,0.01", c.buckets().toString());
        assertEquals(Optional.of(Path.of("/tmp/targets")), c.targetsFile());
        assertEquals(List.of("a", "b"), c.targets());
        ProberConfig j = parse("--json", "a");
        assertTrue(j.json());
        assertEquals(Optional.empty(), j.listen());
    }

    @Test
    void helpPrintsTheOptionsAndExitsZero() {
        Outcome o = command("-h");
        assertEquals(0, o.code());
        assertTrue(o.out().contains("--targets-file") && o.out().contains("--listen"), o.out());
        assertEquals("", o.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-i 0                | -i/--interval must be seconds from 0.01 to 3600, got '0'",
        "-i fast             | -i/--interval must be seconds from 0.01 to 3600, got 'fast'",
        "-r 0                | -r/--rate must be a whole number from 1 to 1000000, got '0'",
        "-s 1473             | -s/--size must be a whole number from 0 to 1472, got '1473'",
        "-s -1               | -s/--size must be a whole number from 0 to 1472, got '-1'",
        "--listen 9374       | --listen must be address:port with an IP literal and a port 0..65535 (e.g. 127.0.0.1:9374 or [::1]:9374), got '9374'",
        "--listen 1.2.3:80   | --listen must be address:port with an IP literal and a port 0..65535 (e.g. 127.0.0.1:9374 or [::1]:9374), got '1.2.3:80'",
        "--listen 127.0.0.1:65536 | --listen must be address:port with an IP literal and a port 0..65535 (e.g. 127.0.0.1:9374 or [::1]:9374), got '127.0.0.1:65536'",
        "--buckets 0.1,0.01  | --buckets must ascend (at least 1 ns apart), got '0.01' after '0.1'",
        "--buckets 1,x       | --buckets must be positive numbers of seconds, got 'x'",
        "--buckets 0,1       | --buckets must be positive numbers of seconds, got '0'",
        "--buckets NaN       | --buckets must be positive numbers of seconds, got 'NaN'",
        "--bogus             | unknown option '--bogus' (see --help)",
        "-i                  | option -i needs a value",
        "-4 -6               | options -4 and -6 exclude each other",
        "--json --listen 127.0.0.1:1 | options --json and --listen exclude each other (--json serves no HTTP)",
        "--json --web.config.file w.yml | options --json and --web.config.file exclude each other (--json serves no HTTP)",
        "--listen [fe80::1]:9377 | --listen [fe80::1]:9377: a link-local address needs its interface, which --listen does not take; listen on a global or loopback address, or [::]:9377",
        "--listen [ff02::1]:9377 | --listen [ff02::1]:9377: a multicast address cannot be listened on",
        "--native-histogram-factor 1 | --native-histogram-factor must be a number above 1 and at most 65536 (e.g. 1.05, finer 1.01, coarser 1.5), got '1'",
        "--native-histogram-factor x | --native-histogram-factor must be a number above 1 and at most 65536 (e.g. 1.05, finer 1.01, coarser 1.5), got 'x'",
        "--web.config.file /nonexistent/web.yml | --web.config.file /nonexistent/web.yml: no such file",
    })
    void badOptionsAreOneLineAndExitTwo(String args, String message) {
        String[] argv = ("198.51.100.2 " + args).split(" ");
        Outcome o = command(argv);
        assertEquals(2, o.code(), o::toString);
        assertEquals("prober: " + message + "\n", o.err());
        assertEquals("", o.out());
    }

    @Test
    void versionPrintsOneLineAndExitsZero() {
        Outcome o = command("--version");
        assertEquals(0, o.code());
        assertTrue(o.out().startsWith("prober (pingkit) ") && o.out().lines().count() == 1, o.out());
    }

    @Test
    void noTargetsAtAllIsAnError() {
        Outcome o = command();
        assertEquals(2, o.code());
        assertEquals("prober: no targets: name some, or a targets file with -f (see --help)\n", o.err());
    }

    @Test
    void anUnreadableTargetsFileIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Outcome missing = command("-f", dir.resolve("nope").toString());
        assertEquals(2, missing.code());
        assertEquals("prober: cannot read targets file " + dir.resolve("nope") + ": no such file\n", missing.err());
        Outcome directory = command("-f", dir.toString());
        assertEquals(2, directory.code());
        assertTrue(directory.err().startsWith("prober: cannot read targets file " + dir + ": "), directory.err());
        assertEquals(1, directory.err().lines().count(), directory.err());
        Path bad = dir.resolve("bad");
        Files.writeString(bad, "198.51.100.2\ntwo words\n");
        Outcome badLine = command("-f", bad.toString());
        assertEquals(2, badLine.code());
        assertEquals("prober: cannot read targets file " + bad + ":2: a line must hold one target, got 'two words'\n",
                badLine.err());
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "# nothing yet\n\n");
        Outcome none = command("-f", empty.toString());
        assertEquals(2, none.code());
        assertEquals("prober: no targets: the targets file " + empty + " lists none and none were named\n",
                none.err());
    }

    @Test
    void aTargetThatDoesNotResolveAtStartIsOneLineAndExitTwo() {
        Outcome o = command("-6", "198.51.100.2");
        assertEquals(2, o.code());
        assertEquals("prober: 198.51.100.2: Address family for hostname not supported\n", o.err());
    }
}
