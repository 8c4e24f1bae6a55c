package dev.pingkit.socket;

/**
 * <b>errno numbers to their names and to advice a person can act on.</b>
 * The one place that maps errno to words (Linux generic numbering, as on x86-64 and aarch64).
 */
final class Errno {
    private Errno() {
    }

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EBADF = 9;
    static final int EAGAIN = 11;
    static final int ENOMEM = 12;
    static final int EACCES = 13;
    static final int EINVAL = 22;
    static final int ENFILE = 23;
    static final int EMFILE = 24;
    static final int ENODEV = 19;
    static final int EMSGSIZE = 90;
    static final int ENOPROTOOPT = 92;
    static final int EPROTONOSUPPORT = 93;
    static final int EAFNOSUPPORT = 97;
    static final int EADDRINUSE = 98;
    static final int EADDRNOTAVAIL = 99;
    static final int ENETDOWN = 100;
    static final int ENETUNREACH = 101;
    static final int ENOBUFS = 105;
    static final int EHOSTUNREACH = 113;

    private static final String[] NAMES = new String[134];

    static {
        String[] table = {
            "1 EPERM", "2 ENOENT", "3 ESRCH", "4 EINTR", "5 EIO", "6 ENXIO", "7 E2BIG", "9 EBADF", "11 EAGAIN",
            "12 ENOMEM", "13 EACCES", "14 EFAULT", "16 EBUSY", "17 EEXIST", "19 ENODEV", "20 ENOTDIR",
            "22 EINVAL", "23 ENFILE", "24 EMFILE", "28 ENOSPC", "32 EPIPE", "38 ENOSYS", "88 ENOTSOCK",
            "89 EDESTADDRREQ", "90 EMSGSIZE", "91 EPROTOTYPE", "92 ENOPROTOOPT", "93 EPROTONOSUPPORT",
            "94 ESOCKTNOSUPPORT", "95 EOPNOTSUPP", "96 EPFNOSUPPORT", "97 EAFNOSUPPORT", "98 EADDRINUSE",
            "99 EADDRNOTAVAIL", "100 ENETDOWN", "101 ENETUNREACH", "102 ENETRESET", "103 ECONNABORTED",
            "104 ECONNRESET", "105 ENOBUFS", "106 EISCONN", "107 ENOTCONN", "110 ETIMEDOUT",
            "111 ECONNREFUSED", "112 EHOSTDOWN", "113 EHOSTUNREACH",
        };
        for (String entry : table) {
            int space = entry.indexOf(' ');
            NAMES[Integer.parseInt(entry.substring(0, space))] = entry.substring(space + 1);
        }
    }

    /** The symbolic name, e.g. {@code EPERM}; {@code errno 200} for one this table lacks. */
    static String name(int errno) {
        String name = errno > 0 && errno < NAMES.length ? NAMES[errno] : null;
        return name != null ? name : "errno " + errno;
    }

    /** The C library's own description, or null when it cannot be had. */
    static String description(int errno) {
        try {
            return LibC.strerror(errno);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Generic advice for an errno; callers pass a better one where they know the context. */
    static String advice(int errno) {
        switch (errno) {
            case EPERM:
            case EACCES:
                return "not permitted: run as root or give java CAP_NET_RAW";
            case EMSGSIZE:
                return "the packet is larger than the path MTU or the socket buffer allows: "
                        + "send less, or allow fragmentation";
            case ENETUNREACH:
                return "no route to that network: check 'ip route'";
            case EHOSTUNREACH:
                return "no route to that host (or an ICMP error said so): check 'ip route' and the neighbour table";
            case ENETDOWN:
                return "the outgoing interface is down: check 'ip link'";
            case EADDRNOTAVAIL:
                return "that source address is not configured here: check 'ip addr' (in the right namespace)";
            case EADDRINUSE:
                return "that identifier or address is already in use by another socket: choose another";
            case ENODEV:
                return "no such network interface: check 'ip link' (in the right namespace)";
            case EAFNOSUPPORT:
            case EPROTONOSUPPORT:
                return "this kernel does not offer that family or protocol (IPv6 disabled?)";
            case EMFILE:
            case ENFILE:
                return "too many open files: close sockets you no longer need or raise 'ulimit -n'";
            case ENOBUFS:
            case ENOMEM:
                return "the kernel is short of buffer memory: send more slowly or use a larger socket buffer";
            case EBADF:
                return "the socket is already closed";
            case EINVAL:
            case ENOPROTOOPT:
                return "the kernel rejected the arguments: a pingkit bug, please report it with this message";
            default:
                return "see the man page of the call named";
        }
    }
}
