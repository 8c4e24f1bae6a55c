package dev.pingkit.jshell;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.StreamingExecutionControl;
import jdk.jshell.execution.Util;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's execution engine {@code pingkit}, for the tool's JVM: {@code jshell --execution
 * 'pingkit:socket(PATH),pid(PID)'} runs the snippets in the {@link EngineAgent} the launcher started beside the tool
 * (process PID, listening on PATH), so the tool never waits for a JVM to boot under a debugger. That engine serves
 * the first session only: a later one (after {@code /reset}, {@code /env}, or an engine that ended) and a first one
 * whose agent is gone get JShell's default engine, as a plain {@code jshell} would.
 */
public final class EngineProvider implements ExecutionControlProvider {
    /** JShell's own default, the engine every session but the first gets. */
    private static final String DEFAULT_SPEC = "failover:0(jdi:hostname("
            + InetAddress.getLoopbackAddress().getHostAddress() + ")),1(jdi:launch(true)),2(jdi)";
    private static final long CONNECT_WAIT_NS = EngineAgent.CONNECT_WAIT_MS * 1_000_000;
    private static final Set<String> TAKEN = ConcurrentHashMap.newKeySet();

    @Override
    public String name() {
        return "pingkit";
    }

    @Override
    public Map<String, String> defaultParameters() {
        return Map.of("socket", "", "pid", "");
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) throws Throwable {
        String socket = parameters.getOrDefault("socket", "");
        Optional<ProcessHandle> agent = pid(parameters.getOrDefault("pid", "")).flatMap(ProcessHandle::of);
        if (!socket.isEmpty() && agent.isPresent() && TAKEN.add(socket)) {
            var main = connect(socket, agent.get());
            if (main != null) {
                return attach(env, main, connect(socket, agent.get()), agent.get());
            }
        }
        return ExecutionControl.generate(env, DEFAULT_SPEC);
    }

    private static ExecutionControl attach(ExecutionEnv env, SocketChannel main, SocketChannel stop,
                                           ProcessHandle agent) throws Throwable {
        if (stop == null) {
            main.close();
            return ExecutionControl.generate(env, DEFAULT_SPEC); // the agent went between the two connections
        }
        hello(main, EngineAgent.MAIN);
        hello(stop, EngineAgent.STOP);
        OutputStream out = EngineAgent.output(main);
        // what the tool's own streams encode with, as JShell's launch passes on (stdout.encoding and stderr's)
        out.write((System.getProperty("stdout.encoding", "UTF-8") + "\n"
                + System.getProperty("stderr.encoding", "UTF-8") + "\n").getBytes(StandardCharsets.US_ASCII));
        Map<String, OutputStream> outputs = Map.of("out", env.userOut(), "err", env.userErr());
        Map<String, InputStream> inputs = Map.of("in", env.userIn());
        return Util.remoteInputOutput(EngineAgent.input(main), out, outputs, inputs,
                (in, cmd) -> new Attached(cmd, in, stop, agent));
    }

    /** The engine as the tool drives it: JShell's streaming protocol, plus a stop sent on a channel of its own. */
    private static final class Attached extends StreamingExecutionControl {
        private final SocketChannel stop;
        private final ProcessHandle agent;

        Attached(ObjectOutput out, ObjectInput in, SocketChannel stop, ProcessHandle agent) {
            super(out, in);
            this.stop = stop;
            this.agent = agent;
        }

        @Override
        public void stop() throws EngineTerminationException {
            try {
                hello(stop, EngineAgent.STOP);
            } catch (IOException e) {
                throw new EngineTerminationException("the execution engine is gone: " + e.getMessage());
            }
        }

        @Override
        public void close() {
            super.close();
            try {
                stop.close();
            } catch (IOException e) {
                // closing is all we wanted
            }
            // the agent exits on the close command; one that hangs in a snippet's shutdown hook is not kept
            agent.onExit().completeOnTimeout(null, 1, java.util.concurrent.TimeUnit.SECONDS).join();
            agent.destroy();
        }
    }

    /** A connection to the agent at {@code path}, once it listens; null when it ends (or never listens) first. */
    private static SocketChannel connect(String path, ProcessHandle agent) throws Throwable {
        var address = UnixDomainSocketAddress.of(path);
        long deadline = System.nanoTime() + CONNECT_WAIT_NS;
        while (agent.isAlive() && System.nanoTime() < deadline) {
            var c = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                c.connect(address);
                return c;
            } catch (IOException notYet) {
                c.close();
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private static void hello(SocketChannel c, byte kind) throws IOException {
        c.write(ByteBuffer.wrap(new byte[] {kind}));
    }

    private static Optional<Long> pid(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
