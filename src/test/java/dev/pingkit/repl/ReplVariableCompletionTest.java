package dev.pingkit.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;

/** {@code $name<Tab>} offers the session's variables, in any command and any position, as JLine asks. */
class ReplVariableCompletionTest {
    private List<String> complete(Session session, String buffer) throws Exception {
        var t = new DumbTerminal("t", "dumb", new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                StandardCharsets.UTF_8);
        ReplCompleter completer = new ReplCompleter(new Commands(session, new Console(t)));
        ParsedLine line = new DefaultParser().parse(buffer, buffer.length(),
                org.jline.reader.Parser.ParseContext.COMPLETE);
        List<Candidate> out = new ArrayList<>();
        completer.complete(null, line, out);
        return out.stream().map(Candidate::value).toList();
    }

    @Test
    void aDollarWordCompletesToTheVariablesDefinedSoFar() throws Exception {
        Session s = new Session(Map.of("far", "198.18.1.2", "far6", "2001:db8:1:1::2", "peer", "198.51.100.2"));
        assertEquals(List.of("$far", "$far6", "$peer"), complete(s, "echo to $"));
        assertEquals(List.of("$far", "$far6", "$peer"), complete(s, "send size $f"), "JLine keeps those matching");
        assertEquals(List.of("$far", "$far6", "$peer"), complete(s, "$"), "even as the first word");
        s.variable("size", "200");
        assertEquals(List.of("$far", "$far6", "$peer", "$size"), complete(s, "for x in $"));
    }
}
