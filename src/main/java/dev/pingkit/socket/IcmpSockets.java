package dev.pingkit.socket;

import java.io.IOException;
import java.util.Objects;

/**
 * <b>Opens ICMP sockets: raw or datagram ("ping socket"), IPv4 or IPv6, optionally inside a network namespace.</b>
 * <pre>{@code
 * try (IcmpSocket socket = IcmpSockets.open(Family.IPV4, SocketKind.AUTO, SocketOptions.DEFAULTS.ttl(64))) {
 *     long sentAt = socket.send(echoRequestBytes, InetAddress.getByName("127.0.0.1"));
 *     Inbound in = new Inbound();
 *     if (socket.receive(in, 1_000_000_000L)) { long rtt = in.kernelTimeNanos() - sentAt; }
 * }
 * }</pre>
 */
public final class IcmpSockets {
    // Plain code, not a byte-array VarHandle or a lambda: their first use costs start-up time (method handle spinning).
    private static final ThreadLocal<com.sun.jna.Memory> CLOCK = new ThreadLocal<>() {
        @Override
        protected com.sun.jna.Memory initialValue() {
            return new com.sun.jna.Memory(16);
        }
    };

    private IcmpSockets() {
    }

    /**
     * <b>Opens an ICMP socket of {@code family} and {@code kind} with {@code options} applied.</b>
     * {@link SocketKind#AUTO} opens a raw socket when this process may, else a datagram ping socket.
     *
     * @throws PermissionException   if the process may not open such a socket; the one-line message says how to
     *                               get permission
     * @throws NativeSocketException if the kernel refuses an option (e.g. an unknown device or source address)
     * @throws IllegalArgumentException if {@code options.source()} is not of {@code family}
     */
    public static IcmpSocket open(Family family, SocketKind kind, SocketOptions options) throws IOException {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(options, "options");
        if (options.source() != null && Family.of(options.source()) != family) {
            throw new IllegalArgumentException("source must be an " + family + " address for an " + family
                    + " socket, got " + options.source().getHostAddress());
        }
        if (options.netns() == null) {
            return openHere(family, kind, options);
        }
        return Namespaces.inNamespace(options.netns(), () -> openHere(family, kind, options));
    }

    /**
     * <b>Loads the native layer now (JNA, its dispatcher library, the libc bindings) without opening anything</b>,
     * so a command can do it on a spare thread while it parses its options; the first {@link #open} then finds it
     * done (or waits for it to finish). Returns once the per-packet calls are bound directly (they are made on a
     * thread of their own; until then calls work through slower, allocating JNA Function calls), or after a few
     * seconds. Opens no socket and enters no namespace. Does nothing off Linux, where {@link #open} reports the
     * platform itself; a failure here is left for {@link #open} to meet and report.
     */
    public static void prepare() {
        if (!"Linux".equals(System.getProperty("os.name"))) {
            return;
        }
        try {
            Class.forName("dev.pingkit.socket.LibC", true, IcmpSockets.class.getClassLoader());
            LibCBinding.prepare(PREPARE_WAIT_MILLIS);
        } catch (ClassNotFoundException | LinkageError | RuntimeException ignored) {
            // open() loads it again on its own thread and reports what goes wrong there
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How long {@link #prepare} waits for the direct bindings (they take ~20 ms; a loaded machine is slower). */
    private static final long PREPARE_WAIT_MILLIS = 5_000;

    /** <b>Opens an ICMP socket with kernel-default options</b>; see {@link #open(Family, SocketKind, SocketOptions)}. */
    public static IcmpSocket open(Family family, SocketKind kind) throws IOException {
        return open(family, kind, SocketOptions.DEFAULTS);
    }

    /**
     * <b>The current CLOCK_REALTIME in nanoseconds since the epoch</b>, the clock of {@link IcmpSocket#send}'s
     * return value and of {@link Inbound#kernelTimeNanos()}, so differences between them are round-trip times.
     */
    public static long realtimeNanos() {
        com.sun.jna.Memory timespec = CLOCK.get();
        LibC.clock_gettime(LibC.CLOCK_REALTIME, com.sun.jna.Pointer.nativeValue(timespec));
        return timespec.getLong(0) * 1_000_000_000L + timespec.getLong(8);
    }

    private static IcmpSocket openHere(Family family, SocketKind kind, SocketOptions options) throws IOException {
        int domain = family.addressFamily();
        int protocol = family.icmpProtocol();
        String af = family == Family.IPV4 ? "AF_INET" : "AF_INET6";
        String proto = family == Family.IPV4 ? "IPPROTO_ICMP" : "IPPROTO_ICMPV6";
        SocketKind opened;
        int fd;
        if (kind == SocketKind.DATAGRAM) {
            fd = LibC.socket(domain, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, protocol);
            if (fd < 0) {
                throw OpenFailures.socketFailure(LibC.errno(), "socket(" + af + ", SOCK_DGRAM, " + proto + ")", kind, family);
            }
            opened = SocketKind.DATAGRAM;
        } else {
            fd = LibC.socket(domain, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol);
            opened = SocketKind.RAW;
            if (fd < 0) {
                int rawErrno = LibC.errno();
                if (kind == SocketKind.RAW || !OpenFailures.isPermission(rawErrno)) {
                    throw OpenFailures.socketFailure(rawErrno, "socket(" + af + ", SOCK_RAW, " + proto + ")", kind, family);
                }
                fd = LibC.socket(domain, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, protocol);
                if (fd < 0) {
                    throw OpenFailures.socketFailure(LibC.errno(), "socket(" + af + ", SOCK_DGRAM, " + proto + ")", kind, family);
                }
                opened = SocketKind.DATAGRAM;
            }
        }
        int wakeFd = -1;
        try {
            int localId = NativeOptions.configure(fd, family, opened, options);
            wakeFd = LibC.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
            if (wakeFd < 0) {
                throw new NativeSocketException("eventfd", LibC.errno(), null);
            }
            return new NativeIcmpSocket(fd, wakeFd, family, opened, localId, options.netns());
        } catch (IOException | RuntimeException | Error e) {
            LibC.close(fd);
            if (wakeFd >= 0) {
                LibC.close(wakeFd);
            }
            throw e;
        }
    }
}
