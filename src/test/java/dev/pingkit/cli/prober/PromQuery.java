package dev.pingkit.cli.prober;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.pingkit.lab.Lab;

/**
 * Asks a Prometheus server in the lab's client namespace through its HTTP API, with Debian's {@code promtool query
 * instant} (part of the prometheus package, so no HTTP client is needed in the namespace).
 */
final class PromQuery {
    private static final Pattern SAMPLE = Pattern.compile(
            "\\{\"metric\":\\{([^}]*)},\"value\":\\[[0-9.e+]+,\"([^\"]+)\"]}");
    private static final Pattern LABEL = Pattern.compile("\"([^\"]+)\":\"([^\"]*)\"");

    private final String server;

    PromQuery(int port) {
        this.server = "http://127.0.0.1:" + port;
    }

    /** Whether the server answers queries yet. */
    boolean ready() {
        return Lab.run(Duration.ofSeconds(10), "promtool", "query", "instant", "-o", "json", server, "1").ok();
    }

    /**
     * The instant vector of {@code expr} evaluated at {@code unixSeconds}, keyed by the value of label {@code key}
     * of each sample ({@code ""} when absent).
     */
    Map<String, Double> vector(String expr, String key, double unixSeconds) {
        Lab.Result r = Lab.run(Duration.ofSeconds(10), "promtool", "query", "instant", "-o", "json",
                "--time=" + String.format(java.util.Locale.ROOT, "%.3f", unixSeconds), server, expr);
        if (!r.ok()) {
            throw new AssertionError("promtool query '" + expr + "' failed: " + r);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        Matcher m = SAMPLE.matcher(r.stdout());
        while (m.find()) {
            String k = "";
            Matcher l = LABEL.matcher(m.group(1));
            while (l.find()) {
                if (l.group(1).equals(key)) {
                    k = l.group(2);
                }
            }
            out.put(k, Double.parseDouble(m.group(2)));
        }
        return out;
    }

    /** The single value of {@code expr} at {@code unixSeconds} for the sample whose {@code key} is {@code value}. */
    double value(String expr, String key, String value, double unixSeconds) {
        Double v = vector(expr, key, unixSeconds).get(value);
        if (v == null) {
            throw new AssertionError("no sample with " + key + "=\"" + value + "\" for '" + expr + "'");
        }
        return v;
    }
}
