package dev.pingkit.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

/** Tab completion and highlighting, asked the way JLine asks them: a parsed line in, candidates or styles out. */
class ReplCompletionTest {
    private final Session session = new Session(java.util.Map.of());
    private final Commands commands;
    private final ReplCompleter completer;
    private final ReplHighlighter highlighter;

    ReplCompletionTest() throws IOException {
        var t = new DumbTerminal("t", "dumb", new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                StandardCharsets.UTF_8);
        commands = new Commands(session, new Console(t));
        completer = new ReplCompleter(commands);
        highlighter = new ReplHighlighter(commands);
    }

    private List<String> complete(String buffer) {
        ParsedLine line = new DefaultParser().parse(buffer, buffer.length(), org.jline.reader.Parser.ParseContext.COMPLETE);
        List<Candidate> out = new ArrayList<>();
        completer.complete((LineReader) null, line, out);
        return out.stream().map(Candidate::value).toList();
    }

    @Test
    void completesCommandNamesAtTheStartOfTheLine() {
        List<String> c = complete("");
        assertTrue(c.containsAll(List.of("echo", "set", "show", "hex", "help", "quit", "socket", "history")), c.toString());
        assertTrue(complete("se").contains("set"));
    }

    @Test
    void completesFieldNamesAndTheirValues() {
        assertTrue(complete("set ").containsAll(List.of("id", "seq", "payload", "checksum", "ttl", "df")));
        assertEquals(List.of("on", "off"), complete("set df "));
        assertTrue(complete("set checksum ").contains("auto"));
        assertTrue(complete("set ttl 3 ").contains("tos"), "after a pair, field names again");
        assertTrue(complete("echo ").contains("to"));
        assertTrue(complete("echo to 127.0.0.1 ").contains("payload"));
    }

    @Test
    void completesHostsUsedEarlierInTheSession() {
        session.usedHost("198.51.100.2");
        session.usedHost("localhost");
        List<String> c = complete("echo to ");
        assertTrue(c.containsAll(List.of("198.51.100.2", "localhost", "127.0.0.1", "::1")), c.toString());
        assertEquals("198.51.100.2", c.get(0), "hosts typed come first");
    }

    @Test
    void aPingedHostIsOfferedLaterButNotAnOptionsValue() throws Exception {
        // -h only prints the usage (and exits 2, as iputils does): no packet leaves
        org.junit.jupiter.api.Assertions.assertThrows(CommandFailed.class,
                () -> commands.run(java.util.List.of("ping", "-c", "3", "127.0.0.2", "-h")));
        List<String> c = complete("echo to ");
        assertTrue(c.contains("127.0.0.2"), c.toString());
        assertTrue(!c.contains("3"), c.toString());
    }

    @Test
    void completesCommandArguments() {
        assertEquals(List.of("raw", "dgram", "auto"), complete("socket "));
        assertTrue(complete("help ").contains("echo"));
        assertEquals(List.of(), complete("socket raw "));
    }

    @Test
    void highlightsCommandsNumbersAddressesAndMistakes() {
        String line = "echo to 127.0.0.1 id 7 payload \"hi\"";
        AttributedString a = highlighter.highlight(null, line);
        assertEquals(line, a.toString(), "highlighting never changes the text");
        assertEquals(ReplHighlighter.COMMAND, a.styleAt(0));
        assertEquals(ReplHighlighter.ADDRESS, a.styleAt(line.indexOf("127")));
        assertEquals(ReplHighlighter.NUMBER, a.styleAt(line.indexOf("7 ")));
        assertEquals(ReplHighlighter.QUOTED, a.styleAt(line.indexOf('"')));
        assertEquals(AttributedStyle.DEFAULT, a.styleAt(line.indexOf("to")));

        AttributedString field = highlighter.highlight(null, "set colour red ttl 3");
        assertEquals(ReplHighlighter.UNKNOWN, field.styleAt(4), "colour is no field");
        assertEquals(AttributedStyle.DEFAULT, field.styleAt("set colour red ".length()), "ttl is one");

        assertEquals(AttributedStyle.DEFAULT, highlighter.highlight(null, "ec").styleAt(0), "still typing echo");
        assertEquals(ReplHighlighter.UNKNOWN, highlighter.highlight(null, "ec ").styleAt(0), "ec is no command");
        assertEquals(AttributedStyle.DEFAULT, highlighter.highlight(null, "set pay").styleAt(4), "still typing payload");

        AttributedString bad = highlighter.highlight(null, "snd 2001:db8::1 --next");
        assertEquals(ReplHighlighter.UNKNOWN, bad.styleAt(0));
        assertEquals(ReplHighlighter.ADDRESS, bad.styleAt(4));
        assertEquals(ReplHighlighter.OPTION, bad.styleAt("snd 2001:db8::1 ".length()));
    }
}
