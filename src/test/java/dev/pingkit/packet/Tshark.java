package dev.pingkit.packet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code tshark -r} on a capture and returns its field rows; fails on any warning it prints. */
final class Tshark {
    /** Fields per packet, every occurrence comma-separated; ICMPv4 and ICMPv6 names side by side. */
    static final List<String> FIELDS = List.of("frame.time_epoch", "frame.len", "icmp.type", "icmp.code", "icmp.ident", "icmp.seq",
            "icmp.checksum.status", "icmpv6.type", "icmpv6.code", "icmpv6.echo.identifier",
            "icmpv6.echo.sequence_number", "icmpv6.checksum.status", "data.len", "_ws.malformed", "_ws.expert.severity",
            "icmp.data_time");

    private Tshark() {
    }

    static boolean available() {
        try {
            return new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** One row per packet, one string per field of {@link #FIELDS}. */
    static List<List<String>> fields(Path capture) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", capture.toString(), "-T", "fields",
                "-E", "separator=|", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String f : FIELDS) {
            cmd.add("-e");
            cmd.add(f);
        }
        Process p = new ProcessBuilder(cmd).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)
                .replaceAll("(?m)^Running as user \"root\".*\\n?", "");
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tshark did not finish in 60 s");
        }
        if (p.exitValue() != 0 || !err.isBlank()) {
            throw new AssertionError("tshark -r " + capture + " exited " + p.exitValue() + ": " + err);
        }
        List<List<String>> rows = new ArrayList<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                rows.add(Arrays.asList(line.split("\\|", -1)));
            }
        }
        return rows;
    }
}
