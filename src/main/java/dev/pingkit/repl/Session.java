package dev.pingkit.repl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.pingkit.Echo;
import dev.pingkit.SendResult;

/**
 * The mutable state of one REPL session: preferences, variables, hosts used, and the hook that Ctrl-C calls to stop
 * the command that is running. Everything the commands share lives here, nothing in statics.
 */
final class Session {
    /** Which socket kind send, ping and listen open. */
    enum SocketChoice { AUTO, RAW, DGRAM }

    /** Which address family a host name resolves to. */
    enum FamilyChoice { ANY, IPV4, IPV6 }

    private static final Pattern VARIABLE = Pattern.compile("\\$(\\w+)|\\$\\{(\\w+)}");

    private final Map<String, String> variables = new LinkedHashMap<>();
    private final Set<String> hosts = Collections.synchronizedSet(new LinkedHashSet<>());
    private volatile Runnable interruptHook;
    private volatile boolean quit;
    private volatile boolean stop;
    private final ResultLog results = new ResultLog();
    private SocketChoice socket = SocketChoice.AUTO;
    private FamilyChoice family = FamilyChoice.ANY;
    private Echo echo;
    private SendResult lastSend;
    private Echo lastSent;

    Session(Map<String, String> initialVariables) {
        variables.putAll(initialVariables);
    }

    /** The current packet, or null before the first {@code echo}. */
    Echo echo() {
        return echo;
    }

    void echo(Echo e) {
        echo = e;
    }

    /** What the last {@code send} got back, or null before the first. */
    SendResult lastSend() {
        return lastSend;
    }

    /** The probe the last {@code send} sent, or null before the first. */
    Echo lastSent() {
        return lastSent;
    }

    void lastSend(Echo sent, SendResult result) {
        lastSent = sent;
        lastSend = result;
    }

    /** The current packet, or the mistake of asking for it before {@code echo} made one. */
    Echo requireEcho(String command) {
        if (echo == null) {
            throw new UserError(command + " needs a packet first: echo to <host> [field value]...");
        }
        return echo;
    }

    SocketChoice socket() {
        return socket;
    }

    void socket(SocketChoice choice) {
        socket = choice;
    }

    FamilyChoice family() {
        return family;
    }

    void family(FamilyChoice choice) {
        family = choice;
    }

    Map<String, String> variables() {
        return Collections.unmodifiableMap(variables);
    }

    void variable(String name, String value) {
        variables.put(name, value);
    }

    /** Remembers a host the user typed, for completion. */
    void usedHost(String host) {
        hosts.add(host);
    }

    List<String> hosts() {
        synchronized (hosts) {
            return new ArrayList<>(hosts);
        }
    }

    /** Replaces {@code $name} and {@code ${name}} in each word; an unknown variable is a mistake, not an empty string. */
    List<String> expand(List<String> words) {
        List<String> out = new ArrayList<>(words.size());
        for (String w : words) {
            Matcher m = VARIABLE.matcher(w);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2);
                String value = variables.get(name);
                if (value == null) {
                    throw new UserError("unknown variable $" + name + (variables.isEmpty()
                            ? " (none defined; let <name> <value> defines one)"
                            : ", defined: " + String.join(" ", variables.keySet().stream().map(v -> "$" + v).toList())));
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(value));
            }
            m.appendTail(sb);
            out.add(sb.toString());
        }
        return out;
    }

    /**
     * Runs {@code body} as the interruptible command: Ctrl-C calls {@code onInterrupt} (close a socket, cancel a
     * wait, stop a pinger). The thread itself is not interrupted: each command knows how to end its own wait.
     */
    <T> T interruptible(Runnable onInterrupt, java.util.concurrent.Callable<T> body) throws Exception {
        interruptHook = onInterrupt;
        try {
            return body.call();
        } finally {
            interruptHook = null;
        }
    }

    /** Called from the terminal's signal handler on Ctrl-C while a command runs; it also stops a running loop. */
    void interrupt() {
        stop = true;
        Runnable hook = interruptHook;
        if (hook != null) {
            hook.run();
        }
    }

    /** Whether Ctrl-C came since {@link #clearStop()}: a loop ends at its next command. */
    boolean stopRequested() {
        return stop;
    }

    void clearStop() {
        stop = false;
    }

    /** The results this session's sends collected (results, save, plot). */
    ResultLog results() {
        return results;
    }

    void requestQuit() {
        quit = true;
    }

    boolean quitRequested() {
        return quit;
    }

    /** Releases whatever the session holds open. */
    void close() {
    }
}
