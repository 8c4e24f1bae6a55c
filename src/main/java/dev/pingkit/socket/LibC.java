package dev.pingkit.socket;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.util.Locale;

/**
 * <b>JNA direct mapping of the few libc calls the socket layer needs.</b>
 * Direct mapping (static natives bound once by {@link Native#register}) avoids the proxy and reflection of
 * interface mapping, which keeps start-up and the per-call cost low. The class is loaded, and the natives
 * bound, on first use only. Calls return the raw C result; on {@code -1} the caller reads {@link #errno()},
 * which JNA preserves per thread, so a routine EAGAIN on the hot path costs no exception.
 *
 * <p>Start-up: what opening, sending and receiving need is bound here; calls of rarer paths (namespaces,
 * diagnostics, error wording) are in {@link Rare}, bound when first used. The natives are looked up in the
 * process itself, where the JVM has already loaded libc, so JNA searches no library path.
 *
 * <p>Layouts and constants are for Linux on a 64-bit ABI (x86-64, aarch64, riscv64 share them):
 * {@code size_t}/pointers are 8 bytes, {@code socklen_t} 4.
 */
final class LibC {
    private LibC() {
    }

    static {
        if (!Platform.isLinux() || Native.POINTER_SIZE != 8) {
            throw new UnsupportedOperationException(
                    "pingkit sockets need 64-bit Linux, this is " + System.getProperty("os.name") + " "
                            + System.getProperty("os.arch"));
        }
        Native.register(LibC.class, process());
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
            System.setProperty("jna.platform.library.path",
                    multiarch == null ? dirs : "/usr/lib/" + multiarch + ":/lib/" + multiarch + ":" + dirs);
        }
        return NativeLibrary.getProcess();
    }

    /** <b>The libc calls off the open/send/receive path</b>, bound on first use. */
    static final class Rare {
        private Rare() {
        }

        static {
            Native.register(Rare.class, process());
        }

        static native int getsockopt(int fd, int level, int name, byte[] value, int[] length);

        /** setsockopt with a native value, for options holding pointers ({@code SO_ATTACH_FILTER}). */
        static native int setsockopt(int fd, int level, int name, Pointer value, int length);

        static native int open(String path, int flags);

        static native int setns(int fd, int nstype);

        static native String strerror(int errno);
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

    static native int socket(int domain, int type, int protocol);

    static native int setsockopt(int fd, int level, int name, byte[] value, int length);

    static native int bind(int fd, byte[] address, int length);

    static native int getsockname(int fd, byte[] address, int[] length);

    // The per-packet calls take native addresses as longs (Pointer.nativeValue of memory the caller keeps alive):
    // with only primitive arguments JNA's dispatch converts nothing, where each Pointer costs a JNI field read.

    static native long sendto(int fd, long buffer, long length, int flags, long address, int addressLength);

    static native long recvmsg(int fd, long message, int flags);

    /** poll with a timespec: a wait shorter than poll's millisecond (a sweep's 1 µs gap) stays that short. */
    static native int ppoll(long fds, long count, long timespec, long sigmask);

    static native int close(int fd);

    static native int eventfd(int initial, int flags);

    static native long write(int fd, long[] buffer, long count);

    static native int clock_gettime(int clock, long timespec);

    /** The errno of the last failed call on this thread (JNA keeps it per thread). */
    static int errno() {
        return Native.getLastError();
    }
}
