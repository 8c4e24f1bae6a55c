package dev.pingkit.jshell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.execution.Util;

/**
 * The JVM the snippets of an interactive {@code scripts/jshell} run in, started by the launcher beside the tool's
 * JVM so that both boot at once; {@link EngineProvider} connects the tool to it.
 *
 * <p>{@code java ... dev.pingkit.jshell.EngineAgent SOCKET} listens on the Unix socket SOCKET (in a directory only
 * the user can enter, so no one else can hand it code), takes the tool's two connections (commands and snippet I/O,
 * then the stop channel), removes the socket, and serves JShell's protocol until the tool closes or goes. No JDWP
 * agent: a stop (Ctrl-C) comes as a byte on the stop channel and is JShell's own local stop, which on JDK 20+ ends
 * snippet code at its next method entry or backward branch (JShell instruments the classes it loads) and interrupts
 * a snippet that waits, and on JDK 17 stops the snippet's thread. It exits when its parent (the tool) is gone before
 * connecting, after {@link #CONNECT_WAIT_MS} without a tool, or when the tool closes.
 */
public final class EngineAgent {
    /** How long to wait for the tool to connect: the tool is started at the same moment and connects in ~0.5 s. */
    static final long CONNECT_WAIT_MS = 60_000;
    static final byte MAIN = 'M';
    static final byte STOP = 'S';

    private EngineAgent() {}

    /** Serves one tool over the Unix socket {@code args[0]}; exits when the tool is done. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: EngineAgent SOCKET");
            System.exit(2);
        }
        Path path = Path.of(args[0]);
        SocketChannel main = null, stop = null;
        try (var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            watchForNoTool(server);
            while (main == null || stop == null) {
                SocketChannel c;
                try {
                    c = server.accept();
                } catch (java.nio.channels.AsynchronousCloseException noTool) {
                    System.exit(0); // closed by watchForNoTool: nothing to serve
                    return;
                }
                int kind = read(c);
                if (kind == MAIN && main == null) {
                    main = c;
                } else if (kind == STOP && stop == null) {
                    stop = c;
                } else {
                    c.close();
                }
            }
        } finally {
            Files.deleteIfExists(path);
            deleteIfEmpty(path.getParent());
        }
        try {
            serve(main, stop);
        } finally {
            // The JVM's exit waits up to 0.3 s for threads blocked in a native read: closing wakes ours first.
            main.close();
            stop.close();
        }
        System.exit(0); // threads a snippet started must not keep the engine alive once the tool is gone
    }

    private static void serve(SocketChannel main, SocketChannel stop) throws IOException {
        InputStream in = input(main);
        Charset out = charset(readLine(in)), err = charset(readLine(in));
        var engine = new Stoppable();
        var stopper = new Thread(() -> {
            try {
                while (read(stop) >= 0) {
                    engine.stop();
                }
            } catch (Exception e) {
                // the tool is gone, as at the end of the channel
            }
            // The tool closed the channel or died: a snippet still running (a runaway loop when the terminal
            // was closed) must not keep this JVM alive on its own.
            System.exit(0);
        }, "pingkit engine stop");
        stopper.setDaemon(true);
        stopper.start();
        Map<String, Consumer<OutputStream>> outputs = Map.of(
                "out", s -> System.setOut(new PrintStream(s, true, out)),
                "err", s -> System.setErr(new PrintStream(s, true, err)));
        Map<String, Consumer<InputStream>> inputs = Map.of("in", System::setIn);
        Util.forwardExecutionControlAndIO(engine, in, output(main), outputs, inputs);
    }

    /**
     * JShell's local engine, with one difference: a snippet that a stop interrupted (a sleep, a wait) ends as
     * stopped, quietly, as under the default engine, rather than with the InterruptedException it was woken by.
     */
    private static final class Stoppable extends LocalExecutionControl {
        private volatile boolean stopAsked;

        @Override
        public void stop() throws EngineTerminationException, InternalException {
            stopAsked = true;
            super.stop();
        }

        @Override
        protected String invoke(Method doit) throws Exception {
            stopAsked = false;
            try {
                return super.invoke(doit);
            } catch (InvocationTargetException e) {
                if (stopAsked) {
                    throw new StoppedException();
                }
                throw e;
            }
        }
    }

    /** Closes the listening socket (so accept fails and the JVM exits) when no tool connects in time. */
    private static void watchForNoTool(ServerSocketChannel server) {
        long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        var watch = new Thread(() -> {
            long deadline = System.nanoTime() + CONNECT_WAIT_MS * 1_000_000;
            while (server.isOpen()) {
                boolean orphaned = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) != parent;
                if (orphaned || System.nanoTime() > deadline) {
                    try {
                        server.close();
                    } catch (IOException e) {
                        // closing is all we wanted
                    }
                    return;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "pingkit engine watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static void deleteIfEmpty(Path dir) {
        try {
            if (dir != null) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            // not empty, or not ours to remove: left as it is
        }
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        var b = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new IOException("the tool closed the engine's channel while saying hello");
            }
            b.append((char) c);
        }
        return b.toString();
    }

    private static int read(SocketChannel c) throws IOException {
        var one = ByteBuffer.allocate(1);
        return c.read(one) < 0 ? -1 : one.get(0) & 0xff;
    }

    /**
     * A stream that reads the channel directly: {@code Channels.newInputStream} and {@code newOutputStream} take the
     * channel's blocking lock, so a read that waits would hold up every write the other way.
     */
    static InputStream input(SocketChannel c) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : c.read(ByteBuffer.wrap(b, off, len));
            }

            @Override
            public void close() throws IOException {
                c.close();
            }
        };
    }

    /** The writing half, as {@link #input}. */
    static OutputStream output(SocketChannel c) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                var buffer = ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) {
                    c.write(buffer);
                }
            }

            @Override
            public void close() throws IOException {
                c.close();
            }
        };
    }
}
