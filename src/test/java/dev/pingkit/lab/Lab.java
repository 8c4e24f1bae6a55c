package dev.pingkit.lab;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * **The namespace lab as seen from a test**: its namespaces, its hosts' addresses, and a way to run commands
 * inside the client namespace.
 *
 * <p>Addresses are not repeated here: they are read once from {@code scripts/netlab hosts} and
 * {@code scripts/netlab ranges}, so the script stays the single description of the topology.
 * <pre>{@code
 * InetAddress peer = Lab.host("peer").v4();                       // 198.51.100.2
 * Lab.Result r = Lab.run(Duration.ofSeconds(10), "ping", "-c1", peer.getHostAddress());
 * }</pre>
 * Commands run with {@code LC_ALL=C} (so iputils wording is stable) and stdin from {@code /dev/null}.
 */
public final class Lab {

    /** Prefix of every namespace the lab creates: env {@code NETLAB_PREFIX} (as {@code scripts/netlab}), else pingkit-. */
    public static final String NETNS_PREFIX = System.getenv().getOrDefault("NETLAB_PREFIX", "pingkit-");
    /** The namespace tests and commands run in. */
    public static final String CLIENT_NETNS = NETNS_PREFIX + "client";

    /** Host names of {@code scripts/netlab hosts}, for readable call sites. */
    public static final String CLIENT = "client", PEER = "peer", ROUTER = "router", FAR = "far",
            UNREACHABLE = "unreachable", PROHIBIT = "prohibit", BLACKHOLE = "blackhole",
            LOSSY = "lossy", DUP = "dup", SWEEP = "sweep";

    private static final Duration QUICK = Duration.ofSeconds(30);

    private static Map<String, Host> hosts;
    private static Map<String, Range> ranges;

    private Lab() {
    }

    /**
     * **A lab host: its name and its IPv4 and IPv6 address.** For the client, the address on its link to peer;
     * for router, the address the client reaches it by (and the source of its ICMP errors).
     */
    public record Host(String name, InetAddress v4, InetAddress v6) {
        /** The address of the given family: 4 or 6. */
        public InetAddress address(int family) {
            return switch (family) {
                case 4 -> v4;
                case 6 -> v6;
                default -> throw new IllegalArgumentException("family must be 4 or 6, got " + family);
            };
        }

        @Override
        public String toString() {
            return name + " " + v4.getHostAddress() + " " + v6.getHostAddress();
        }
    }

    /** **A range of addresses answered as a whole** (every address of both prefixes replies). */
    public record Range(String name, InetAddress v4Base, int v4PrefixLength, InetAddress v6Base, int v6PrefixLength) {
        /** Number of IPv4 addresses in the range. */
        public int size4() {
            return 1 << (32 - v4PrefixLength);
        }

        /** Number of IPv6 addresses in the range (the lab keeps it small enough to sweep). */
        public int size6() {
            return 1 << (128 - v6PrefixLength);
        }

        /** The {@code index}-th IPv4 address of the range, 0-based. */
        public InetAddress v4(int index) {
            return offset(v4Base, index, size4(), "v4 index");
        }

        /** The {@code index}-th IPv6 address of the range, 0-based. */
        public InetAddress v6(int index) {
            return offset(v6Base, index, size6(), "v6 index");
        }

        /** Every address of the given family (4 or 6), in order. */
        public List<InetAddress> all(int family) {
            int n = family == 4 ? size4() : family == 6 ? size6() : -1;
            if (n < 0) {
                throw new IllegalArgumentException("family must be 4 or 6, got " + family);
            }
            List<InetAddress> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(family == 4 ? v4(i) : v6(i));
            }
            return out;
        }

        private static InetAddress offset(InetAddress base, int index, int size, String what) {
            if (index < 0 || index >= size) {
                throw new IllegalArgumentException(what + " must be 0.." + (size - 1) + ", got " + index);
            }
            byte[] raw = new BigInteger(1, base.getAddress()).add(BigInteger.valueOf(index)).toByteArray();
            byte[] bytes = new byte[base.getAddress().length];
            // toByteArray may carry a leading sign byte or be shorter: right-align into the address width.
            int n = Math.min(raw.length, bytes.length);
            System.arraycopy(raw, raw.length - n, bytes, bytes.length - n, n);
            try {
                return InetAddress.getByAddress(bytes);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return name + " " + v4Base.getHostAddress() + "/" + v4PrefixLength + " "
                    + v6Base.getHostAddress() + "/" + v6PrefixLength;
        }
    }

    /** **What a command did**: its exit code and everything it wrote. */
    public record Result(int exitCode, String stdout, String stderr) {
        /** Whether it exited 0. */
        public boolean ok() {
            return exitCode == 0;
        }

        /** stdout followed by stderr, for assertions that do not care which stream a line went to. */
        public String output() {
            return stdout + stderr;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** **The project root**: env {@code PINGKIT_HOME} (the pom passes it to surefire), else the working directory. */
    public static Path home() {
        String env = System.getenv("PINGKIT_HOME");
        return Path.of(env != null && !env.isBlank() ? env : System.getProperty("user.dir")).toAbsolutePath();
    }

    /** The {@code scripts/netlab} of {@link #home()}. */
    public static Path script() {
        Path p = home().resolve("scripts").resolve("netlab");
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("scripts/netlab not found under " + home()
                    + " (set PINGKIT_HOME to the project root)");
        }
        return p;
    }

    /** **The host called {@code name}** ({@link #PEER}, {@link #FAR}, ...), as listed by {@code netlab hosts}. */
    public static Host host(String name) {
        Host h = hosts().get(name);
        if (h == null) {
            throw new IllegalArgumentException("host must be one of " + hosts().keySet() + ", got '" + name + "'");
        }
        return h;
    }

    /** Every lab host by name, in the script's order. */
    public static synchronized Map<String, Host> hosts() {
        if (hosts == null) {
            Map<String, Host> m = new LinkedHashMap<>();
            for (String[] f : table("hosts")) {
                m.put(f[0], new Host(f[0], literal(f[1]), literal(f[2])));
            }
            hosts = Collections.unmodifiableMap(m);
        }
        return hosts;
    }

    /** **The address range called {@code name}** (the lab has {@code sweep}), as listed by {@code netlab ranges}. */
    public static synchronized Range range(String name) {
        if (ranges == null) {
            Map<String, Range> m = new LinkedHashMap<>();
            for (String[] f : table("ranges")) {
                String[] p4 = f[1].split("/"), p6 = f[2].split("/");
                m.put(f[0], new Range(f[0], literal(p4[0]), Integer.parseInt(p4[1]),
                        literal(p6[0]), Integer.parseInt(p6[1])));
            }
            ranges = Collections.unmodifiableMap(m);
        }
        Range r = ranges.get(name);
        if (r == null) {
            throw new IllegalArgumentException("range must be one of " + ranges.keySet() + ", got '" + name + "'");
        }
        return r;
    }

    /** The sweep range: every address answers. */
    public static Range sweep() {
        return range(SWEEP);
    }

    /**
     * **Runs {@code command} inside the client namespace** ({@code ip netns exec pingkit-client ...}) and waits
     * for it. A command still running after {@code timeout} is killed (with its children) and reported as an
     * {@link IllegalStateException} carrying what it printed so far.
     */
    public static Result run(Duration timeout, String... command) {
        if (command.length == 0) {
            throw new IllegalArgumentException("command must not be empty");
        }
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", CLIENT_NETNS));
        argv.addAll(Arrays.asList(command));
        return exec(timeout, argv);
    }

    /**
     * **Runs {@code command} in the JVM's own (main) network namespace.** Only for looking (ip route, ip addr):
     * the lab never changes that namespace, and tests prove it with this.
     */
    public static Result runInMainNamespace(Duration timeout, String... command) {
        return exec(timeout, Arrays.asList(command));
    }

    /** **Runs {@code scripts/netlab} with {@code args}** (up, down, status, reset, ...). */
    public static Result netlab(Duration timeout, String... args) {
        List<String> argv = new ArrayList<>(List.of(script().toString()));
        argv.addAll(Arrays.asList(args));
        return exec(timeout, argv);
    }

    /**
     * **Resets the lossy host's drop counter**: after this, requests n, 2n, ... of each family are dropped
     * again, counting from the next one (n = 4 by default).
     */
    public static void resetCounters() {
        Result r = netlab(QUICK, "reset");
        if (!r.ok()) {
            throw new IllegalStateException("scripts/netlab reset failed: " + r);
        }
    }

    private static List<String[]> table(String what) {
        Result r = netlab(QUICK, what);
        if (!r.ok()) {
            throw new IllegalStateException("scripts/netlab " + what + " failed: " + r);
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 3) {
                rows.add(f);
            } else if (!line.isBlank()) {
                throw new IllegalStateException("scripts/netlab " + what + ": expected 'name ipv4 ipv6', got: " + line);
            }
        }
        return rows;
    }

    private static InetAddress literal(String s) {
        // Only literals reach here (the script's table), so this never consults a resolver.
        if (!s.matches("[0-9a-fA-F.:]+")) {
            throw new IllegalStateException("not an address literal: " + s);
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an address literal: " + s, e);
        }
    }

    private static Result exec(Duration timeout, List<String> argv) {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(new File("/dev/null"));
        pb.environment().put("LC_ALL", "C");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", argv) + ": " + e.getMessage(), e);
        }
        // Both streams are drained while the command runs, so a chatty command cannot block on a full pipe.
        Drain out = new Drain(p.getInputStream()), err = new Drain(p.getErrorStream());
        out.start();
        err.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s: "
                        + String.join(" ", argv) + "\n--- stdout\n" + out.text() + "--- stderr\n" + err.text());
            }
            return new Result(p.exitValue(), out.text(), err.text());
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", argv), e);
        }
    }

    private static final class Drain extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        Drain(InputStream in) {
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            byte[] chunk = new byte[8192];
            try (in) {
                for (int n; (n = in.read(chunk)) != -1; ) {
                    synchronized (buf) {
                        buf.write(chunk, 0, n);
                    }
                }
            } catch (IOException e) {
                // The process was killed: keep what arrived.
            }
        }

        String text() throws InterruptedException {
            join(2000);
            synchronized (buf) {
                return buf.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
