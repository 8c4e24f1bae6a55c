package dev.pingkit.cli.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pingkit.cli.CommandDoc;
import dev.pingkit.cli.ping.PingOptions;
import dev.pingkit.cli.ReplOptions;
import dev.pingkit.cli.fping.FpingDoc;
import dev.pingkit.cli.prober.ProberDoc;
import dev.pingkit.cli.traceroute.TracerouteDoc;

/**
 * <b>Writes the shell completion and the man pages from the commands' option tables</b>:
 * {@code DocsGenerator DIR} writes {@code DIR/completion/pingkit.bash} and {@code DIR/man/pingkit-NAME.1}
 * ({@code scripts/gen-docs} runs it on {@code docs/}; a test checks the committed files are what it writes).
 */
public final class DocsGenerator {

    private DocsGenerator() {
    }

    /**
     * Every launcher's page, in the order the generated files list them. A new command adds its {@code doc()} here
     * (its options with descriptions), then runs {@code scripts/gen-docs} and commits what it writes.
     */
    public static List<CommandDoc> commands() {
        return List.of(PingOptions.doc(), FpingDoc.doc(), TracerouteDoc.doc(), ProberDoc.doc(), ReplOptions.doc());
    }

    /** Every generated file, by its path relative to the output directory. */
    public static Map<String, String> files(List<CommandDoc> commands) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("completion/pingkit.bash", BashCompletion.script(commands));
        for (CommandDoc c : commands) {
            files.put("man/" + ManPage.fileName(c), ManPage.roff(c));
        }
        return files;
    }

    /** Writes the files under {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: DocsGenerator OUTPUT-DIRECTORY");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        for (Map.Entry<String, String> f : files(commands()).entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
            System.out.println("wrote " + p);
        }
    }
}
