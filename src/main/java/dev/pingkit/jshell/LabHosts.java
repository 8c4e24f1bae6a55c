package dev.pingkit.jshell;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * <b>The namespace lab's hosts by name, for JShell exercises:</b> {@code lab("far")} is far's IPv4 address,
 * {@code lab("far6")} its IPv6 address.
 *
 * <p>Where the address comes from, first match wins:
 * <ol>
 *   <li>the system property {@code pingkit.lab.far} (e.g. {@code scripts/jshell -R-Dpingkit.lab.far=198.18.1.2});</li>
 *   <li>the environment variable {@code PINGKIT_LAB_FAR};</li>
 *   <li>the project's own lab, as {@code scripts/netlab hosts} lists it.</li>
 * </ol>
 * Before answering it checks that JShell runs where the lab's client is (an interface here carries the client's
 * address, {@code lab("client")}), so an exercise fails at once with one line instead of waiting for replies
 * that cannot come. A lab of your own: configure its hosts, and {@code client} too if you want that check.
 *
 * <p>The start-up imports it on demand ({@code import static dev.pingkit.jshell.LabHosts.*}), so a learner may
 * define a {@code lab(String)} of their own: it takes precedence without an "ambiguous reference" error.
 */
public final class LabHosts {
    private static volatile Map<String, String> projectTable;

    private LabHosts() {
    }

    /**
     * <b>The IPv4 address of a lab host ("peer", "router", "far", ...), as text.</b>
     *
     * @throws IllegalArgumentException {@code lab host must be one of [...], got x} for a name the lab lacks
     * @throws IllegalStateException    one line when the lab is down or JShell is not in its client namespace
     */
    public static String lab(String host) {
        return resolve(host, System::getProperty, System::getenv, LabHosts::projectTable, LabHosts::localAddresses,
                LabHosts::clientNamespaceExists);
    }

    /** The lookup itself, every source passed in so that tests can give their own. */
    static String resolve(String host, Function<String, String> properties, Function<String, String> environment,
                          Supplier<Map<String, String>> table,
                          Supplier<Set<String>> localAddresses,
                          BooleanSupplier clientNamespaceExists) {
        if (host == null || !host.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("lab host must be a name such as \"far\", got " + host);
        }
        String configured = configured(host, properties, environment);
        String client = configured("client", properties, environment);
        // A configured host is the learner's own lab: the project's table is not needed (nor its client, unless
        // configured too).
        Map<String, String> hosts = configured == null ? table.get() : Map.of();
        if (client == null) {
            client = hosts.get("client");
        }
        if (client != null && !localAddresses.get().contains(client)) {
            String netns = namespacePrefix(environment) + "client";
            if (configured == null && !clientNamespaceExists.getAsBoolean()) {
                throw new IllegalStateException("the lab is down (no namespace " + netns + "): run scripts/netlab up,"
                        + " then start JShell in it: ip netns exec " + netns + " scripts/jshell");
            }
            throw new IllegalStateException("JShell is not in the lab's client namespace (no interface here has "
                    + client + "): start it with ip netns exec " + netns + " scripts/jshell,"
                    + " or configure your own hosts (PINGKIT_LAB_" + host.toUpperCase(Locale.ROOT).replace('-', '_')
                    + "=address, PINGKIT_LAB_CLIENT=yours)");
        }
        if (configured != null) {
            return configured;
        }
        String address = hosts.get(host);
        if (address == null) {
            throw new IllegalArgumentException("lab host must be one of " + hosts.keySet() + ", got " + host);
        }
        return address;
    }

    private static String configured(String host, Function<String, String> properties,
                                     Function<String, String> environment) {
        String value = properties.apply("pingkit.lab." + host);
        if (value == null || value.isBlank()) {
            value = environment.apply("PINGKIT_LAB_" + host.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String namespacePrefix(Function<String, String> environment) {
        String prefix = environment.apply("NETLAB_PREFIX");
        return prefix == null || prefix.isBlank() ? "pingkit-" : prefix;
    }

    /** The table of {@code scripts/netlab hosts} (name to IPv4), read once. */
    private static Map<String, String> projectTable() {
        Map<String, String> table = projectTable;
        if (table != null) {
            return table;
        }
        String home = System.getenv().getOrDefault("PINGKIT_HOME", ".");
        try {
            Process p = new ProcessBuilder("bash", home + "/scripts/netlab", "hosts").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("cannot read the lab's hosts: " + home + "/scripts/netlab hosts says "
                        + out.strip().lines().findFirst().orElse("nothing") + " (set PINGKIT_HOME to pingkit's directory)");
            }
            table = parse(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + home + "/scripts/netlab hosts: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + home + "/scripts/netlab hosts");
        }
        projectTable = table;
        return table;
    }

    /** "name ipv4 ipv6" lines to name -> ipv4, in order. */
    static Map<String, String> parse(String hostsOutput) {
        Map<String, String> table = new LinkedHashMap<>();
        for (String line : hostsOutput.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2) {
                table.put(f[0], f[1]);
            }
            if (f.length >= 3 && f[2].contains(":")) {
                table.put(f[0] + "6", f[2]); // "far6": far's IPv6 address, as scripts/repl --lab names it
            }
        }
        return table;
    }

    private static Set<String> localAddresses() {
        try {
            return NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                    .map(InetAddress::getHostAddress).collect(Collectors.toSet());
        } catch (SocketException e) {
            return Set.of();
        }
    }

    private static boolean clientNamespaceExists() {
        return Files.exists(Path.of("/var/run/netns", namespacePrefix(System::getenv) + "client"));
    }
}
