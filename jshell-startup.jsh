// pingkit's JShell start-up, loaded by scripts/jshell after jshell's DEFAULT and PRINTING start-ups.
// Kept to a few snippets: each one is compiled at start-up, and start-up should stay close to bare jshell's.
// Start-up snippets are hidden from /list (see them with /list -start).

import dev.pingkit.*;
import dev.pingkit.packet.*;
import dev.pingkit.ping.*;
import java.time.Duration;

/**
 * The IPv4 address of a lab host ("peer", "router", "far", ...), as `scripts/netlab hosts` lists them.
 * The lab is reached from its client namespace: `scripts/netlab up`, then `ip netns exec pingkit-client scripts/jshell`.
 */
String lab(String host) {
    var home = System.getenv().getOrDefault("PINGKIT_HOME", ".");
    var names = new ArrayList<String>();
    try {
        var p = new ProcessBuilder("bash", home + "/scripts/netlab", "hosts").redirectErrorStream(true).start();
        for (var line : new String(p.getInputStream().readAllBytes()).split("\n")) {
            var f = line.trim().split("\\s+");
            if (f.length < 2) continue;
            if (f[0].equals(host)) return f[1];
            names.add(f[0]);
        }
        p.waitFor();
    } catch (IOException | InterruptedException e) {
        throw new IllegalStateException("cannot run " + home + "/scripts/netlab hosts: " + e.getMessage());
    }
    throw new IllegalArgumentException("lab host must be one of " + names + ", got " + host);
}

System.out.println("""
    pingkit ready. Try:
      var hi = Echo.to("127.0.0.1").id(7).seq(1).payload("hi")
      println(hi.show())     // every field (a bare hi.show() is a String: JShell prints it quoted, \\n and all)
      hi.send()
    Learn: /open exercises/01-echo-fields.jsh  (six exercises, see exercises/README.md)""");
