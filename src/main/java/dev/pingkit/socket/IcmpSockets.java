package dev.pingkit.socket;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
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
        return inNamespace(options.netns(), () -> openHere(family, kind, options));
    }

    /**
     * <b>Loads the native layer now (JNA, its dispatcher library, the libc bindings) without opening anything</b>,
     * so a command can do it on a spare thread while it parses its options; the first {@link #open} then finds it
     * done (or waits for it to finish). Opens no socket and enters no namespace. Does nothing off Linux, where
     * {@link #open} reports the platform itself; a failure here is left for {@link #open} to meet and report.
     */
    public static void prepare() {
        if (!"Linux".equals(System.getProperty("os.name"))) {
            return;
        }
        try {
            Class.forName("dev.pingkit.socket.LibC", true, IcmpSockets.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError | RuntimeException ignored) {
            // open() loads it again on its own thread and reports what goes wrong there
        }
    }

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

    private interface Opener {
        IcmpSocket open() throws IOException;
    }

    /**
     * Runs {@code opener} on a short-lived thread that first joins the namespace: the network namespace is a
     * property of the thread on Linux, and a socket keeps the namespace it was created in for its whole life,
     * so the caller's threads (and the rest of the JVM) never leave their own namespace.
     */
    private static IcmpSocket inNamespace(String name, Opener opener) throws IOException {
        Object[] outcome = new Object[1];
        Thread thread = new Thread(() -> {
            try {
                String path = "/var/run/netns/" + name;
                int nsFd = LibC.Rare.open(path, LibC.O_RDONLY | LibC.O_CLOEXEC);
                if (nsFd < 0) {
                    int errno = LibC.errno();
                    throw new NativeSocketException("open(" + path + ")", errno, errno == Errno.ENOENT
                            ? "there is no network namespace '" + name + "': create it with 'ip netns add " + name + "'"
                            : null);
                }
                try {
                    if (LibC.Rare.setns(nsFd, LibC.CLONE_NEWNET) < 0) {
                        int errno = LibC.errno();
                        throw new NativeSocketException("setns(" + path + ", CLONE_NEWNET)", errno,
                                "entering a network namespace needs root (CAP_SYS_ADMIN)");
                    }
                } finally {
                    LibC.close(nsFd);
                }
                outcome[0] = opener.open();
            } catch (Throwable t) {
                outcome[0] = t;
            }
        }, "pingkit-netns-" + name);
        thread.setDaemon(true);
        thread.start();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                // The thread finishes quickly; leaving early would leak the socket it opens.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Object result = outcome[0];
        if (result instanceof IcmpSocket) {
            return (IcmpSocket) result;
        } else if (result instanceof IOException) {
            throw (IOException) result;
        } else if (result instanceof RuntimeException) {
            throw (RuntimeException) result;
        } else if (result instanceof Error) {
            throw (Error) result;
        }
        throw new InterruptedIOException("opening a socket in netns " + name + " failed: " + result);
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
                throw socketFailure(LibC.errno(), "socket(" + af + ", SOCK_DGRAM, " + proto + ")", kind, family);
            }
            opened = SocketKind.DATAGRAM;
        } else {
            fd = LibC.socket(domain, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol);
            opened = SocketKind.RAW;
            if (fd < 0) {
                int rawErrno = LibC.errno();
                if (kind == SocketKind.RAW || !isPermission(rawErrno)) {
                    throw socketFailure(rawErrno, "socket(" + af + ", SOCK_RAW, " + proto + ")", kind, family);
                }
                fd = LibC.socket(domain, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, protocol);
                if (fd < 0) {
                    throw socketFailure(LibC.errno(), "socket(" + af + ", SOCK_DGRAM, " + proto + ")", kind, family);
                }
                opened = SocketKind.DATAGRAM;
            }
        }
        int wakeFd = -1;
        try {
            int localId = configure(fd, family, opened, options);
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

    private static boolean isPermission(int errno) {
        return errno == Errno.EPERM || errno == Errno.EACCES;
    }

    private static NativeSocketException socketFailure(int errno, String call, SocketKind kind, Family family) {
        if (!isPermission(errno)) {
            return new NativeSocketException(call, errno, null);
        }
        String what = family == Family.IPV4 ? "ICMP" : "ICMPv6";
        String gid = egid();
        // The advice, best first: a ping socket for this group (the kernel's own unprivileged ICMP, nothing more),
        // root, and only then the capability, with its cost: it is given to a JVM binary, so to every Java program
        // that binary runs, and CAP_NET_RAW sees and forges all traffic, not just ICMP.
        String sysctl = "sysctl -w net.ipv4.ping_group_range=\"" + gid + " " + gid + "\"";
        String setcap = "setcap cap_net_raw+ep " + javaBinary() + " (which lets every Java program run by that JVM"
                + " open raw sockets, to read and forge any traffic)";
        String message;
        switch (kind) {
            case RAW:
                message = "no permission to open a raw " + what + " socket (" + call + ": " + Errno.name(errno)
                        + "): use a ping socket instead (datagram; as root, allow your group once: " + sysctl
                        + "), or run as root; last resort: " + setcap;
                break;
            case DATAGRAM:
                message = "no permission to open an " + what + " ping socket (" + call + ": " + Errno.name(errno)
                        + ", group " + gid + " is outside net.ipv4.ping_group_range " + pingGroupRange()
                        + "): allow your group as root with: " + sysctl + " (or use a raw socket as root)";
                break;
            default:
                message = "no permission to open an " + what + " socket: ping sockets are off for group " + gid
                        + " (net.ipv4.ping_group_range " + pingGroupRange() + ") and raw sockets need root or"
                        + " CAP_NET_RAW; best, allow ping sockets for your group as root: " + sysctl
                        + "; or run as root; last resort: " + setcap;
                break;
        }
        return new PermissionException(message, call, errno);
    }

    /**
     * The java binary this process runs, with links resolved (what setcap must be given): the launchers may pick
     * another JDK than the one on the PATH, so {@code $(which java)} could name the wrong one.
     */
    private static String javaBinary() {
        Path java = Path.of(System.getProperty("java.home", ""), "bin", "java");
        try {
            return ProcessHandle.current().info().command().map(Path::of).orElse(java).toRealPath().toString();
        } catch (IOException | RuntimeException e) {
            return java.toString();
        }
    }

    private static String egid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Gid:")) {
                    return line.split("\\s+")[2];
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // only decoration for the message
        }
        return "?";
    }

    private static String pingGroupRange() {
        try {
            // readAllLines, not readString: procfs files report size 0 and readString can come back short
            return "\"" + Files.readAllLines(Path.of("/proc/sys/net/ipv4/ping_group_range")).get(0).trim()
                    .replaceAll("\\s+", " ") + "\"";
        } catch (IOException | RuntimeException e) {
            return "(unreadable)";
        }
    }

    /** Applies the options and binds; returns the datagram identifier, or -1 for raw. */
    private static int configure(int fd, Family family, SocketKind kind, SocketOptions options) throws IOException {
        boolean v4 = family == Family.IPV4;
        if (kind == SocketKind.RAW && v4) {
            // We send ICMP only; the kernel writes the IP header (as the original tutorial does).
            setInt(fd, LibC.IPPROTO_IP, LibC.IP_HDRINCL, 0, "IP_HDRINCL", null);
        }
        setInt(fd, LibC.SOL_SOCKET, LibC.SO_TIMESTAMPNS, 1, "SO_TIMESTAMPNS", null);
        // An unconnected ping socket hears of ICMP errors only through its error queue, and only with this
        // set. A raw socket sees the errors as ordinary ICMP messages, but needs it for the kernel's local
        // reports (EMSGSIZE and the path MTU, as iputils prints them); the socket drops its ICMP duplicates.
        setInt(fd, v4 ? LibC.IPPROTO_IP : LibC.IPPROTO_IPV6, v4 ? LibC.IP_RECVERR : LibC.IPV6_RECVERR, 1,
                v4 ? "IP_RECVERR" : "IPV6_RECVERR", null);
        if (v4) {
            setInt(fd, LibC.IPPROTO_IP, LibC.IP_RECVTTL, 1, "IP_RECVTTL", null);
            setInt(fd, LibC.IPPROTO_IP, LibC.IP_RECVTOS, 1, "IP_RECVTOS", null);
        } else {
            setInt(fd, LibC.IPPROTO_IPV6, LibC.IPV6_RECVHOPLIMIT, 1, "IPV6_RECVHOPLIMIT", null);
            setInt(fd, LibC.IPPROTO_IPV6, LibC.IPV6_RECVTCLASS, 1, "IPV6_RECVTCLASS", null);
            // our own address as the reply's destination: with the sender, an ICMPv6 checksum can be verified
            setInt(fd, LibC.IPPROTO_IPV6, LibC.IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO", null);
        }
        if (options.ttl() != null) {
            setInt(fd, v4 ? LibC.IPPROTO_IP : LibC.IPPROTO_IPV6, v4 ? LibC.IP_TTL : LibC.IPV6_UNICAST_HOPS,
                    options.ttl(), v4 ? "IP_TTL" : "IPV6_UNICAST_HOPS", null);
        }
        if (options.tos() != null) {
            setInt(fd, v4 ? LibC.IPPROTO_IP : LibC.IPPROTO_IPV6, v4 ? LibC.IP_TOS : LibC.IPV6_TCLASS,
                    options.tos(), v4 ? "IP_TOS" : "IPV6_TCLASS", null);
        }
        if (options.dontFragment() != null) {
            int value = options.dontFragment()
                    ? (v4 ? LibC.IP_PMTUDISC_DO : LibC.IPV6_PMTUDISC_DO)
                    : (v4 ? LibC.IP_PMTUDISC_DONT : LibC.IPV6_PMTUDISC_DONT);
            setInt(fd, v4 ? LibC.IPPROTO_IP : LibC.IPPROTO_IPV6, v4 ? LibC.IP_MTU_DISCOVER : LibC.IPV6_MTU_DISCOVER,
                    value, v4 ? "IP_MTU_DISCOVER" : "IPV6_MTU_DISCOVER", null);
        }
        if (options.mark() != null) {
            setInt(fd, LibC.SOL_SOCKET, LibC.SO_MARK, options.mark(), "SO_MARK",
                    "setting a firewall mark needs root or CAP_NET_ADMIN");
        }
        if (options.broadcast()) {
            setInt(fd, LibC.SOL_SOCKET, LibC.SO_BROADCAST, 1, "SO_BROADCAST", null);
        }
        if (options.receiveBuffer() != null) {
            setInt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF, options.receiveBuffer(), "SO_RCVBUF", null);
        }
        if (options.device() != null) {
            byte[] name = (options.device() + "\0").getBytes(StandardCharsets.US_ASCII);
            if (LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_BINDTODEVICE, name, name.length) < 0) {
                int errno = LibC.errno();
                throw new NativeSocketException("setsockopt(SO_BINDTODEVICE, " + options.device() + ")", errno,
                        errno == Errno.ENODEV ? "there is no interface '" + options.device()
                                + "' here: check 'ip link' (in the socket's namespace)" : null);
            }
        }
        // A ping socket gets its identifier when bound; binding now lets localId() report it before any send.
        if (options.source() != null || kind == SocketKind.DATAGRAM) {
            byte[] address = sockaddr(family, options.source());
            if (LibC.bind(fd, address, address.length) < 0) {
                throw new NativeSocketException("bind(" + (options.source() != null
                        ? options.source().getHostAddress() : "any address") + ")", LibC.errno(), null);
            }
        }
        if (kind == SocketKind.RAW) {
            return -1;
        }
        byte[] bound = new byte[LibC.SOCKADDR_IN6_SIZE];
        int[] length = {bound.length};
        if (LibC.getsockname(fd, bound, length) < 0) {
            throw new NativeSocketException("getsockname", LibC.errno(), null);
        }
        return ((bound[2] & 0xff) << 8) | (bound[3] & 0xff); // sin_port / sin6_port, network order
    }

    /** Only the given types reach a raw ICMPv6 socket ({@code ICMP6_FILTER}); the caller checked them. */
    static void setIcmp6Filter(int fd, int[] types) throws IOException {
        int[] blocked = new int[8];
        java.util.Arrays.fill(blocked, -1); // a set bit blocks that type
        for (int type : types) {
            blocked[type >> 5] &= ~(1 << (type & 31));
        }
        byte[] filter = new byte[32];
        for (int i = 0; i < 8; i++) {
            putInt(filter, i * 4, blocked[i]);
        }
        if (LibC.setsockopt(fd, LibC.IPPROTO_ICMPV6, LibC.ICMP6_FILTER, filter, filter.length) < 0) {
            throw new NativeSocketException("setsockopt(ICMP6_FILTER)", LibC.errno(), null);
        }
    }

    private static byte[] sockaddr(Family family, InetAddress address) {
        byte[] sockaddr = new byte[family == Family.IPV4 ? LibC.SOCKADDR_IN_SIZE : LibC.SOCKADDR_IN6_SIZE];
        short af = (short) family.addressFamily();
        // sa_family is in host order
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            sockaddr[0] = (byte) af;
            sockaddr[1] = (byte) (af >> 8);
        } else {
            sockaddr[0] = (byte) (af >> 8);
            sockaddr[1] = (byte) af;
        }
        if (address != null) {
            byte[] bytes = address.getAddress();
            if (family == Family.IPV4) {
                System.arraycopy(bytes, 0, sockaddr, 4, 4);
            } else {
                System.arraycopy(bytes, 0, sockaddr, 8, 16);
                putInt(sockaddr, 24, ((Inet6Address) address).getScopeId());
            }
        }
        return sockaddr;
    }

    static void setInt(int fd, int level, int name, int value, String optionName, String advice) throws IOException {
        byte[] bytes = new byte[4];
        putInt(bytes, 0, value);
        if (LibC.setsockopt(fd, level, name, bytes, 4) < 0) {
            throw new NativeSocketException("setsockopt(" + optionName + "=" + value + ")", LibC.errno(), advice);
        }
    }

    /** Reads a C int (native byte order). */
    static int readInt(byte[] bytes, int offset) {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (bytes[offset + (LITTLE_ENDIAN ? i : 3 - i)] & 0xff) << (8 * i);
        }
        return v;
    }

    /** Writes a C int (native byte order). */
    static void putInt(byte[] bytes, int offset, int value) {
        for (int i = 0; i < 4; i++) {
            bytes[offset + (LITTLE_ENDIAN ? i : 3 - i)] = (byte) (value >>> (8 * i));
        }
    }
}
