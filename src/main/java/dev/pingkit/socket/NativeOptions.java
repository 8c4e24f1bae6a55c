package dev.pingkit.socket;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Socket options set and read through setsockopt(2) / getsockopt(2): the ones a new socket is opened with, the
 * ICMPv6 type filter, and C ints in native byte order. Errors name the option and its value.
 */
final class NativeOptions {
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private NativeOptions() {
    }

    /** Applies the options and binds; returns the datagram identifier, or -1 for raw. */
    static int configure(int fd, Family family, SocketKind kind, SocketOptions options) throws IOException {
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
        byte[] ipOptions = options.ipOptions();
        if (v4 && ipOptions != null && ipOptions.length > 0) {
            ipOptions(fd, ipOptions);
        }
        if (options.receiveBuffer() != null) {
            setInt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF, options.receiveBuffer(), "SO_RCVBUF", null);
        }
        if (options.sendBuffer() != null) {
            setInt(fd, LibC.SOL_SOCKET, LibC.SO_SNDBUF, options.sendBuffer(), "SO_SNDBUF", null);
        }
        if (options.dontRoute()) {
            setInt(fd, LibC.SOL_SOCKET, LibC.SO_DONTROUTE, 1, "SO_DONTROUTE", null);
        }
        if (options.debug()) {
            // iputils ignores a refusal (SO_DEBUG needs CAP_NET_ADMIN) and goes on
            byte[] one = {1, 0, 0, 0};
            LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_DEBUG, one, one.length);
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

    static byte[] sockaddr(Family family, InetAddress address) {
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

    /**
     * Asks the kernel's flow label manager for {@code label} towards {@code destination}, this socket's alone
     * (created if new; 0: the kernel picks one), and turns on sending it ({@code IPV6_FLOWINFO_SEND}), as iputils'
     * {@code ping -F} does. Returns the label granted.
     */
    static int requestFlowLabel(int fd, InetAddress destination, int label) throws IOException {
        try (com.sun.jna.Memory request = new com.sun.jna.Memory(LibC.IN6_FLOWLABEL_REQ_SIZE)) {
            request.clear();
            request.write(0, destination.getAddress(), 0, 16); // flr_dst
            putBigEndian(request, 16, label);                  // flr_label, network order
            request.setByte(20, (byte) 0);                     // flr_action: IPV6_FL_A_GET
            request.setByte(21, (byte) 1);                     // flr_share: IPV6_FL_S_EXCL
            request.setShort(22, (short) 1);                   // flr_flags: IPV6_FL_F_CREATE
            if (LibC.Rare.setsockopt(fd, LibC.IPPROTO_IPV6, LibC.IPV6_FLOWLABEL_MGR, request,
                    LibC.IN6_FLOWLABEL_REQ_SIZE) < 0) {
                int errno = LibC.errno();
                throw new NativeSocketException("setsockopt(IPV6_FLOWLABEL_MGR, flow 0x"
                        + String.format("%05x", label) + ")", errno, errno == Errno.EPERM
                        ? "another socket holds that flow label (or it is not yours to take)" : null);
            }
            int granted = (request.getByte(17) & 0x0f) << 16 | (request.getByte(18) & 0xff) << 8
                    | request.getByte(19) & 0xff; // the kernel's pick when 0 was asked
            setInt(fd, LibC.IPPROTO_IPV6, LibC.IPV6_FLOWINFO_SEND, 1, "IPV6_FLOWINFO_SEND", null);
            return granted;
        }
    }

    /** Writes {@code value} at {@code offset} in network (big-endian) byte order. */
    static void putBigEndian(com.sun.jna.Pointer p, long offset, int value) {
        p.setByte(offset, (byte) (value >>> 24));
        p.setByte(offset + 1, (byte) (value >>> 16));
        p.setByte(offset + 2, (byte) (value >>> 8));
        p.setByte(offset + 3, (byte) value);
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

    /** Sets the TTL (IPv4) or unicast hop limit (IPv6); -1 restores the system default. */
    static void ttl(int fd, Family family, int ttl) throws IOException {
        if (family == Family.IPV4) {
            setInt(fd, LibC.IPPROTO_IP, LibC.IP_TTL, ttl, "IP_TTL", null);
        } else {
            setInt(fd, LibC.IPPROTO_IPV6, LibC.IPV6_UNICAST_HOPS, ttl, "IPV6_UNICAST_HOPS", null);
        }
    }

    /** Sets the TOS (IPv4; -1 reads as 0) or traffic class (IPv6; -1 restores the default). */
    static void tos(int fd, Family family, int tos) throws IOException {
        if (family == Family.IPV4) {
            setInt(fd, LibC.IPPROTO_IP, LibC.IP_TOS, Math.max(0, tos), "IP_TOS", null);
        } else {
            setInt(fd, LibC.IPPROTO_IPV6, LibC.IPV6_TCLASS, tos, "IPV6_TCLASS", null);
        }
    }

    /** Sets the IPv4 options every datagram carries (0..40 bytes, checked by the caller). */
    static void ipOptions(int fd, byte[] options) throws IOException {
        if (LibC.setsockopt(fd, LibC.IPPROTO_IP, LibC.IP_OPTIONS, options, options.length) < 0) {
            throw new NativeSocketException("setsockopt(IP_OPTIONS, " + options.length + " bytes)", LibC.errno(),
                    null);
        }
    }

    /** Attaches a classic BPF program ({@code SO_ATTACH_FILTER}); {@code socket} names the socket in errors. */
    static void attachFilter(int fd, java.util.List<Bpf.Instruction> program, String socket) throws IOException {
        com.sun.jna.Memory instructions = new com.sun.jna.Memory((long) program.size() * LibC.SOCK_FILTER_SIZE);
        for (int i = 0; i < program.size(); i++) {
            Bpf.Instruction in = program.get(i);
            long at = (long) i * LibC.SOCK_FILTER_SIZE;
            instructions.setShort(at, (short) in.code());
            instructions.setByte(at + 2, (byte) in.jt());
            instructions.setByte(at + 3, (byte) in.jf());
            instructions.setInt(at + 4, in.k());
        }
        com.sun.jna.Memory fprog = new com.sun.jna.Memory(LibC.SOCK_FPROG_SIZE);
        fprog.clear();
        fprog.setShort(0, (short) program.size());
        fprog.setPointer(LibC.SOCK_FPROG_FILTER, instructions);
        // The kernel copies the program: the native memory may go once the call returns.
        if (LibC.Rare.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_ATTACH_FILTER, fprog, LibC.SOCK_FPROG_SIZE) < 0) {
            throw new NativeSocketException("setsockopt(SO_ATTACH_FILTER, " + program.size()
                    + " instructions) on " + socket, LibC.errno(), null);
        }
    }

    /** Reads an int socket option back (for tests and diagnostics); a one-byte option reads unsigned. */
    static int intOption(int fd, int level, int name) throws IOException {
        byte[] value = new byte[4];
        int[] length = {4};
        if (LibC.Rare.getsockopt(fd, level, name, value, length) < 0) {
            throw new NativeSocketException("getsockopt(" + level + ", " + name + ")", LibC.errno(), null);
        }
        return length[0] == 1 ? value[0] & 0xff : readInt(value, 0);
    }
}
