package dev.pingkit.cli.docs;

import dev.pingkit.tools.RequiredTool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.pingkit.cli.CommandDoc;
import dev.pingkit.cli.ping.PingOptions;

/**
 * The committed completion script and man pages are what the generator writes from the option tables, bash's
 * completion function completes them for real, and {@code man -l} reads the pages.
 */
class GeneratedDocsTest {
    private static final Path HOME = Path.of(System.getenv().getOrDefault("PINGKIT_HOME", "."));
    private static final Path DOCS = HOME.resolve("docs");
    private static final Path COMPLETION = DOCS.resolve("completion/pingkit.bash");

    record Result(int code, String out, String err) {
    }

    private static Result exec(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(HOME.toFile());
        pb.environment().putAll(env);
        Path out = Files.createTempFile("pingkit-docs", ".out");
        Path err = Files.createTempFile("pingkit-docs", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** What bash's completion function for {@code words} (the last one being completed) offers. */
    private static Set<String> complete(String function, String... words) throws Exception {
        StringBuilder script = new StringBuilder("source docs/completion/pingkit.bash; COMP_WORDS=(");
        for (String w : words) {
            script.append('\'').append(w).append("' ");
        }
        script.append("); COMP_CWORD=").append(words.length - 1).append("; ").append(function)
                .append("; printf '%s\\n' \"${COMPREPLY[@]}\"");
        Result r = exec(Map.of(), "bash", "-c", script.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        return new HashSet<>(r.out().lines().filter(s -> !s.isEmpty()).toList());
    }

    @Test
    void committedFilesAreWhatTheGeneratorWrites() throws IOException {
        for (Map.Entry<String, String> f : DocsGenerator.files(DocsGenerator.commands()).entrySet()) {
            Path committed = DOCS.resolve(f.getKey());
            assertTrue(Files.exists(committed), committed + " is missing: run scripts/gen-docs");
            assertEquals(f.getValue(), Files.readString(committed, StandardCharsets.UTF_8),
                    committed + " is out of date with the option tables: run scripts/gen-docs and commit");
        }
    }

    @Test
    void bashCompletesEveryPingOptionAfterADash() throws Exception {
        Set<String> offered = complete("_pingkit_ping", "scripts/ping", "-");
        Set<String> expected = new HashSet<>();
        PingOptions.options().getOptions().forEach(o -> {
            if (o.getOpt() != null) {
                expected.add("-" + o.getOpt());
            }
            if (o.getLongOpt() != null) {
                expected.add("--" + o.getLongOpt());
            }
        });
        assertEquals(expected, offered);
        assertTrue(offered.containsAll(List.of("-c", "-M", "--json", "--help", "--version")), offered::toString);
    }

    @Test
    void bashCompletesLongOptionsPrefixesAndOptionValues() throws Exception {
        assertEquals(Set.of("--help", "--histogram"), complete("_pingkit_ping", "scripts/ping", "--h"));
        assertEquals(Set.of("--pcap"), complete("_pingkit_ping", "scripts/ping", "--pc"));
        assertEquals(Set.of("do", "dont"), complete("_pingkit_ping", "scripts/ping", "-M", "d"));
        assertEquals(Set.of(), complete("_pingkit_ping", "scripts/ping", "-c", ""));
        assertTrue(complete("_pingkit_ping", "scripts/ping", "-I", "l").contains("lo"));
        assertEquals(Set.of("--keep-going"), complete("_pingkit_repl", "scripts/repl", "--k"));
        assertEquals(Set.of("--vcount", "--version"), complete("_pingkit_fping", "scripts/fping", "--v"));
        Set<String> files = complete("_pingkit_repl", "scripts/repl", "-f", "examples/ttl-walk.");
        assertEquals(Set.of("examples/ttl-walk.repl"), files);
    }

    @Test
    void completionIsRegisteredForTheLaunchersAsTyped() throws Exception {
        Result r = exec(Map.of(), "bash", "-c", "source docs/completion/pingkit.bash; complete -p scripts/ping "
                + "./scripts/ping \"$PWD/scripts/ping\" scripts/repl");
        assertEquals(0, r.code(), r.err());
        assertEquals(4, r.out().lines().filter(l -> l.startsWith("complete -F _pingkit_")).count(), r.out());
    }

    @Test
    void manReadsEveryPageWithoutWarningsAndListsOptionsAndAdditions() throws Exception {
        boolean haveMan = exec(Map.of(), "sh", "-c", "command -v man && command -v groff").code() == 0;
        RequiredTool.need(haveMan, "man or groff is not on PATH (apt-get install man-db groff-base)");
        for (CommandDoc c : DocsGenerator.commands()) {
            Path page = DOCS.resolve("man").resolve(ManPage.fileName(c));
            Result r = exec(Map.of("MANWIDTH", "100", "MANROFFOPT", "-ww", "MAN_KEEP_FORMATTING", ""),
                    "man", "-l", page.toString());
            assertEquals(0, r.code(), r.err());
            assertEquals("", r.err(), "roff warnings in " + page);
            String text = r.out().replaceAll(".\b", "");
            assertTrue(text.contains("OPTIONS") && text.contains("EXIT STATUS"), text);
            c.options().getOptions().forEach(o -> assertTrue(
                    text.contains(o.getOpt() != null ? "-" + o.getOpt() : "--" + o.getLongOpt()), o + "\n" + text));
            if (!c.additions().isEmpty()) {
                assertTrue(text.contains("PINGKIT ADDITIONS"), text);
            }
        }
        String ping = exec(Map.of("MANWIDTH", "200"), "man", "-l", DOCS.resolve("man/pingkit-ping.1").toString()).out();
        assertTrue(ping.replaceAll(".\b", "").contains("--json (-j): one JSON object per event"), ping);
    }

    @Test
    void roffEscapesHyphensBackslashesAndLeadingDots() {
        assertEquals("\\-c \\ea", ManPage.text("-c \\a"));
        assertEquals("\\&.hidden", ManPage.text(".hidden"));
        assertFalse(Arrays.asList(ManPage.roff(PingOptions.doc()).split("\n")).stream()
                .anyMatch(l -> l.startsWith(".") && !l.matches("\\.(TH|SH|TP|PP|IP|B|\\\\\").*")), "stray request");
    }
}
