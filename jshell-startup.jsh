// pingkit's JShell start-up, loaded by scripts/jshell after jshell's DEFAULT start-up.
// Kept to a few snippets: each one is compiled at start-up, and start-up should stay close to bare jshell's.
// Start-up snippets are hidden from /list (see them with /list -start).

import dev.pingkit.*;
import dev.pingkit.packet.*;
import dev.pingkit.engine.*;
import dev.pingkit.ping.*;
import dev.pingkit.sweep.*;
import dev.pingkit.trace.*;
import dev.pingkit.batch.*;
import dev.pingkit.capture.*;
import dev.pingkit.jshell.TeachingSocket;  // the learner's own socket, exercises 7 to 13
import java.time.Duration;
// println/print/printf as in JShell's PRINTING start-up, and lab("far") for the lab exercises: compiled classes,
// so start-up stays close to a bare jshell's.
import static dev.pingkit.jshell.Printing.*;
import static dev.pingkit.jshell.LabHosts.*;  // on demand: a lab(String) of your own then wins, unambiguously

// No banner when scripts/jshell runs a file as a script (ScriptRunner sets pingkit.script).
if (System.getProperty("pingkit.script") == null) System.out.println("""
    pingkit ready. Try:
      var hi = Echo.to("127.0.0.1").id(7).seq(1).payload("hi")
      println(hi.show())     // every field (a bare hi.show() is a String: JShell prints it quoted, \\n and all)
      hi.send()
    Learn: scripts/jshell --exercise 01  (your own copy in ~/pingkit-exercises; thirteen exercises, see exercises/README.md)""");
