package dev.pingkit.socket;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import dev.pingkit.socket.LibCBinding.Boxed;
import dev.pingkit.socket.LibCBinding.Direct;
import java.util.Locale;

/**
 * <b>The few libc calls the socket layer needs, through JNA.</b> Calls return the raw C result; on {@code -1} the
 * caller reads {@link #errno()}, which JNA preserves per thread, so a routine EAGAIN on the hot path costs no
 * exception.
 *
 * <p>The per-packet calls below go through {@link LibCBinding}: JNA's direct mapping once bound (no conversion, no
 * allocation per call), JNA Function calls for the first calls of a run until then. The natives are looked up in
 * the process itself, where the JVM has already loaded libc, so JNA searches no library path.
 *
 * <p>Calls of rarer paths (namespaces, diagnostics, error wording, the socket filter) are in {@link Rare}, always
 * through {@link Function}: never per packet, so never worth binding.
 *
 * <p>Layouts and constants are for Linux on a 64-bit ABI (x86-64, aarch64, riscv64 share them):
 * {@code size_t}/pointers are 8 bytes, {@code socklen_t} 4; so a native address passed as a Java {@code long}
 * means the same to either way of calling.
 */
final class LibC {
    private LibC() {
    }

    /** The process as a library; its global symbols include libc's. */
    static final NativeLibrary PROCESS;

    static {
        if (!Platform.isLinux() || Native.POINTER_SIZE != 8) {
            throw new UnsupportedOperationException(
                    "pingkit sockets need 64-bit Linux, this is " + System.getProperty("os.name") + " "
                            + System.getProperty("os.arch"));
        }
        PROCESS = process();
        LibCBinding.start();
    }

    /**
     * The running process as a library: its global symbols include libc's. Before JNA's NativeLibrary first
     * loads, an unset {@code jna.platform.library.path} is set to the usual system directories, because JNA
     * would otherwise work them out by running {@code /sbin/ldconfig -p} (a process spawn, some 20-30 ms)
     * for a search this layer never makes. Set on the command line, the property is left as given.
     */
    private static NativeLibrary process() {
        if (System.getProperty("jna.platform.library.path") == null) {
            String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
            String multiarch = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64-linux-gnu"
                    : arch.equals("aarch64") ? "aarch64-linux-gnu"
                    : arch.equals("riscv64") ? "riscv64-linux-gnu" : null;
            String dirs = "/usr/lib64:/lib64:/usr/lib:/lib";
            // String.join, not +: on JDK 17 a + of strings is an invokedynamic whose first use spins method
            // handle classes at run time (~10 ms here, on the thread the first socket waits for)
            System.setProperty("jna.platform.library.path", multiarch == null ? dirs
                    : String.join("", "/usr/lib/", multiarch, ":/lib/", multiarch, ":", dirs));
        }
        return NativeLibrary.getProcess();
    }

    /** <b>The libc calls off the open/send/receive path</b>, always through {@link Function}. */
    static final class Rare {
        private Rare() {
        }

        private static final Function GETSOCKOPT = PROCESS.getFunction("getsockopt");
        private static final Function SETSOCKOPT = PROCESS.getFunction("setsockopt");
        private static final Function OPEN = PROCESS.getFunction("open");
        private static final Function SETNS = PROCESS.getFunction("setns");
        private static final Function STRERROR = PROCESS.getFunction("strerror");

        static int getsockopt(int fd, int level, int name, byte[] value, int[] length) {
            return GETSOCKOPT.invokeInt(new Object[] {fd, level, name, value, length});
        }

        /** setsockopt with a native value, for options holding pointers ({@code SO_ATTACH_FILTER}). */
        static int setsockopt(int fd, int level, int name, Pointer value, int length) {
            return SETSOCKOPT.invokeInt(new Object[] {fd, level, name, value, length});
        }

        /** open(2) without a mode: {@code flags} must not ask to create. */
        static int open(String path, int flags) {
            return OPEN.invokeInt(new Object[] {path, flags});
        }

        static int setns(int fd, int nstype) {
            return SETNS.invokeInt(new Object[] {fd, nstype});
        }

        static String strerror(int errno) {
            return STRERROR.invokeString(new Object[] {errno}, false);
        }
    }

    // address families, socket types, protocols
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int IPPROTO_IP = 0;
    static final int IPPROTO_ICMP = 1;
    static final int IPPROTO_IPV6 = 41;
    static final int IPPROTO_ICMPV6 = 58;

    // SOL_SOCKET options (asm-generic values, as on x86-64 and aarch64)
    static final int SOL_SOCKET = 1;
    static final int SO_RCVBUF = 8;
    static final int SO_SNDBUF = 7;
    static final int SO_DONTROUTE = 5;
    static final int SO_DEBUG = 1;
    static final int SO_BINDTODEVICE = 25;
    static final int SO_TIMESTAMPNS = 35;
    static final int SCM_TIMESTAMPNS = SO_TIMESTAMPNS;
    static final int SO_MARK = 36;
    static final int SO_BROADCAST = 6;
    static final int SO_ATTACH_FILTER = 26;

    // IPPROTO_IP options
    static final int IP_TOS = 1;
    static final int IP_TTL = 2;
    static final int IP_HDRINCL = 3;
    static final int IP_OPTIONS = 4;
    static final int IP_MTU_DISCOVER = 10;
    static final int IP_RECVTTL = 12;
    static final int IP_RECVERR = 11;
    static final int IP_RECVTOS = 13;
    static final int IP_PMTUDISC_DONT = 0;
    static final int IP_PMTUDISC_DO = 2;

    // IPPROTO_IPV6 options
    static final int IPV6_UNICAST_HOPS = 16;
    static final int IPV6_MTU_DISCOVER = 23;
    static final int IPV6_RECVERR = 25;
    static final int IPV6_RECVPKTINFO = 49;
    static final int IPV6_PKTINFO = 50; // struct in6_pktinfo: 16-byte address, int interface index
    static final int IPV6_RECVHOPLIMIT = 51;
    static final int IPV6_HOPLIMIT = 52;
    static final int IPV6_RECVTCLASS = 66;
    static final int IPV6_FLOWLABEL_MGR = 32; // struct in6_flowlabel_req: ask for (or create) a flow label
    static final int IPV6_FLOWINFO_SEND = 33; // sends take the flow label from sin6_flowinfo
    static final int IN6_FLOWLABEL_REQ_SIZE = 32;
    static final int IPV6_TCLASS = 67;
    static final int IPV6_PMTUDISC_DONT = 0;
    static final int IPV6_PMTUDISC_DO = 2;

    // IPPROTO_ICMPV6 options
    static final int ICMP6_FILTER = 1;

    // flags and misc
    static final int MSG_CTRUNC = 0x8;
    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_ERRQUEUE = 0x2000;
    static final short POLLIN = 0x1;
    static final short POLLERR = 0x8;
    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final int EFD_CLOEXEC = 0x80000;
    static final int EFD_NONBLOCK = 0x800;
    static final int CLONE_NEWNET = 0x40000000;
    static final int CLOCK_REALTIME = 0;

    // struct sizes and offsets (64-bit Linux)
    static final int SOCKADDR_IN_SIZE = 16;
    static final int SOCKADDR_IN6_SIZE = 28;
    static final int MSGHDR_SIZE = 56;
    static final int MSGHDR_NAME = 0;
    static final int MSGHDR_NAMELEN = 8;
    static final int MSGHDR_IOV = 16;
    static final int MSGHDR_IOVLEN = 24;
    static final int MSGHDR_CONTROL = 32;
    static final int MSGHDR_CONTROLLEN = 40;
    static final int MSGHDR_FLAGS = 48;
    static final int IOVEC_SIZE = 16;
    static final int CMSGHDR_SIZE = 16; // size_t len, int level, int type; data follows, 8-aligned
    static final int POLLFD_SIZE = 8; // int fd, short events, short revents
    // struct sock_extended_err: u32 errno, u8 origin, type, code, pad, u32 info, data; the offender sockaddr follows
    static final int EE_ERRNO = 0;
    static final int EE_ORIGIN = 4;
    static final int EE_TYPE = 5;
    static final int EE_CODE = 6;
    static final int EE_INFO = 8;
    static final int EE_OFFENDER = 16;
    // classic BPF: struct sock_filter {u16 code; u8 jt; u8 jf; u32 k}; struct sock_fprog {u16 len; ptr filter}
    static final int SOCK_FILTER_SIZE = 8;
    static final int SOCK_FPROG_SIZE = 16;
    static final int SOCK_FPROG_FILTER = 8;

    static int socket(int domain, int type, int protocol) {
        return LibCBinding.direct() ? Direct.socket(domain, type, protocol) : Boxed.socket(domain, type, protocol);
    }

    static int setsockopt(int fd, int level, int name, byte[] value, int length) {
        return LibCBinding.direct() ? Direct.setsockopt(fd, level, name, value, length)
                : Boxed.setsockopt(fd, level, name, value, length);
    }

    static int bind(int fd, byte[] address, int length) {
        return LibCBinding.direct() ? Direct.bind(fd, address, length) : Boxed.bind(fd, address, length);
    }

    static int getsockname(int fd, byte[] address, int[] length) {
        return LibCBinding.direct() ? Direct.getsockname(fd, address, length) : Boxed.getsockname(fd, address, length);
    }

    static long sendto(int fd, long buffer, long length, int flags, long address, int addressLength) {
        return LibCBinding.direct() ? Direct.sendto(fd, buffer, length, flags, address, addressLength)
                : Boxed.sendto(fd, buffer, length, flags, address, addressLength);
    }

    static long recvmsg(int fd, long message, int flags) {
        return LibCBinding.direct() ? Direct.recvmsg(fd, message, flags) : Boxed.recvmsg(fd, message, flags);
    }

    /** poll with a timespec: a wait shorter than poll's millisecond (a sweep's 1 µs gap) stays that short. */
    static int ppoll(long fds, long count, long timespec, long sigmask) {
        return LibCBinding.direct() ? Direct.ppoll(fds, count, timespec, sigmask)
                : Boxed.ppoll(fds, count, timespec, sigmask);
    }

    static int close(int fd) {
        return LibCBinding.direct() ? Direct.close(fd) : Boxed.close(fd);
    }

    static int eventfd(int initial, int flags) {
        return LibCBinding.direct() ? Direct.eventfd(initial, flags) : Boxed.eventfd(initial, flags);
    }

    static long write(int fd, long[] buffer, long count) {
        return LibCBinding.direct() ? Direct.write(fd, buffer, count) : Boxed.write(fd, buffer, count);
    }

    static int clock_gettime(int clock, long timespec) {
        return LibCBinding.direct() ? Direct.clock_gettime(clock, timespec) : Boxed.clock_gettime(clock, timespec);
    }

    /** The errno of the last failed call on this thread (JNA keeps it per thread, for either way of calling). */
    static int errno() {
        return Native.getLastError();
    }
}
