package dev.pingkit.socket;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * <b>JNA direct mapping of the few libc calls the socket layer needs.</b>
 * Direct mapping (static natives bound once by {@link Native#register}) avoids the proxy and reflection of
 * interface mapping, which keeps start-up and the per-call cost low. The class is loaded, and the natives
 * bound, on first use only. Calls return the raw C result; on {@code -1} the caller reads {@link #errno()},
 * which JNA preserves per thread, so a routine EAGAIN on the hot path costs no exception.
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
        Native.register(LibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
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
    static final int SO_BINDTODEVICE = 25;
    static final int SO_TIMESTAMPNS = 35;
    static final int SCM_TIMESTAMPNS = SO_TIMESTAMPNS;
    static final int SO_MARK = 36;

    // IPPROTO_IP options
    static final int IP_TOS = 1;
    static final int IP_TTL = 2;
    static final int IP_HDRINCL = 3;
    static final int IP_MTU_DISCOVER = 10;
    static final int IP_RECVTTL = 12;
    static final int IP_RECVTOS = 13;
    static final int IP_PMTUDISC_DONT = 0;
    static final int IP_PMTUDISC_DO = 2;

    // IPPROTO_IPV6 options
    static final int IPV6_UNICAST_HOPS = 16;
    static final int IPV6_MTU_DISCOVER = 23;
    static final int IPV6_RECVHOPLIMIT = 51;
    static final int IPV6_HOPLIMIT = 52;
    static final int IPV6_RECVTCLASS = 66;
    static final int IPV6_TCLASS = 67;
    static final int IPV6_PMTUDISC_DONT = 0;
    static final int IPV6_PMTUDISC_DO = 2;

    // IPPROTO_ICMPV6 options
    static final int ICMP6_FILTER = 1;

    // flags and misc
    static final int MSG_CTRUNC = 0x8;
    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;
    static final short POLLIN = 0x1;
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

    static native int socket(int domain, int type, int protocol);

    static native int setsockopt(int fd, int level, int name, byte[] value, int length);

    static native int getsockopt(int fd, int level, int name, byte[] value, int[] length);

    static native int bind(int fd, byte[] address, int length);

    static native int getsockname(int fd, byte[] address, int[] length);

    static native long sendto(int fd, Pointer buffer, long length, int flags, Pointer address, int addressLength);

    static native long recvmsg(int fd, Pointer message, int flags);

    static native int poll(Pointer fds, long count, int timeoutMillis);

    static native int close(int fd);

    static native int eventfd(int initial, int flags);

    static native long write(int fd, long[] buffer, long count);

    static native int clock_gettime(int clock, long[] timespec);

    static native int open(String path, int flags);

    static native int setns(int fd, int nstype);

    static native int geteuid();

    static native String strerror(int errno);

    /** The errno of the last failed call on this thread (JNA keeps it per thread). */
    static int errno() {
        return Native.getLastError();
    }
}
