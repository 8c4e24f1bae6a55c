package dev.pingkit.jshell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * <b>The namespace lab's hosts by name, for JShell exercises:</b> {@code lab("far")} is far's IPv4 address as
 * {@code scripts/netlab hosts} lists it. The lab is reached from its client namespace: {@code scripts/netlab up},
 * then {@code ip netns exec pingkit-client scripts/jshell}.
 */
public final class LabHosts {
    private LabHosts() {
    }

    /**
     * The IPv4 address of a lab host ("peer", "router", "far", ...); with a 6 after the name ("far6"), its IPv6
     * address.
     *
     * @throws IllegalArgumentException {@code lab host must be one of [...], got x} for a name the lab lacks
     */
    public static String lab(String host) {
        String home = System.getenv().getOrDefault("PINGKIT_HOME", ".");
        List<String> names = new ArrayList<>();
        try {
            Process p = new ProcessBuilder("bash", home + "/scripts/netlab", "hosts").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            for (String line : out.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 2) {
                    continue;
                }
                if (f[0].equals(host)) {
                    return f[1];
                }
                if (f.length >= 3 && host.equals(f[0] + "6")) {
                    return f[2]; // "far6": far's IPv6 address, as scripts/repl --lab names it
                }
                names.add(f[0]);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + home + "/scripts/netlab hosts: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + home + "/scripts/netlab hosts");
        }
        throw new IllegalArgumentException("lab host must be one of " + names + ", got " + host);
    }
}
