package dev.pingkit.socket;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * <b>An {@link IcmpSocket} over a Linux socket file descriptor.</b>
 * All native structures (msghdr, iovec, sockaddr, control buffer, pollfd, data) are allocated once per socket and
 * reused, so send and receive allocate nothing. Closing is safe against a concurrent receive: the descriptor is
 * closed only when no call is using it, so its number cannot be reused under a poll still running.
 */
final class NativeIcmpSocket implements IcmpSocket {
    private static final int CLOSED = 1 << 30; // in state; the low bits count calls in progress
    private static final int CONTROL_SIZE = 256;
    // receive-side block layout
    private static final int R_MSGHDR = 0;
    private static final int R_IOVEC = R_MSGHDR + LibC.MSGHDR_SIZE;
    private static final int R_NAME = R_IOVEC + LibC.IOVEC_SIZE;
    private static final int R_POLLFDS = R_NAME + 32;
    private static final int R_CONTROL = R_POLLFDS + 2 * LibC.POLLFD_SIZE;
    private static final int R_CLOCK = R_CONTROL + CONTROL_SIZE; // a timespec
    private static final int R_TIMEOUT = R_CLOCK + 16; // a timespec: the receive's wait
    private static final int R_SIZE = R_TIMEOUT + 16;
    /** poll(2)'s longest wait, which the waits here keep as their cap (~24.8 days). */
    private static final long MAX_WAIT_NANOS = Integer.MAX_VALUE * 1_000_000L;

    private final int fd;
    private final int wakeFd;
    private final Family family;
    private final SocketKind kind;
    private final int localId;
    private final boolean errorQueue; // IP_RECVERR / IPV6_RECVERR is on: ICMP errors arrive on the error queue
    private final String netns;
    private String description; // made when first needed: string building on open costs start-up time
    private final AtomicInteger state = new AtomicInteger();

    private final Object sendLock = new Object();
    private final Memory sendClockMemory = new Memory(16);
    private final ByteBuffer sendClock = view(sendClockMemory);
    private final long sendClockAt = Pointer.nativeValue(sendClockMemory);
    private final Memory sendAddress = new Memory(32);
    private final long sendAddressAt = Pointer.nativeValue(sendAddress);
    private InetAddress lastDestination;
    private Memory sendData;
    private long sendDataAt;
    private ByteBuffer sendView;

    private final Object receiveLock = new Object();
    private final Object awaitLock = new Object();
    private static final int AWAIT_TIMEOUT = 4 * LibC.POLLFD_SIZE; // a timespec after the four pollfds
    private final Memory awaitMemory = new Memory(AWAIT_TIMEOUT + 16L);
    private final ByteBuffer awaitFds = view(awaitMemory);
    private final long awaitFdsAt = Pointer.nativeValue(awaitMemory);
    private final Memory receiveBlock = new Memory(R_SIZE);
    // The block read and written through a direct buffer: Memory's own get/set are one JNI call each, a direct
    // buffer's compile to plain loads and stores.
    private final ByteBuffer rb = view(receiveBlock);
    private final long receiveBlockAt = Pointer.nativeValue(receiveBlock);
    private Memory receiveData;
    private ByteBuffer receiveDataView;

    NativeIcmpSocket(int fd, int wakeFd, Family family, SocketKind kind, int localId, String netns) {
        this.fd = fd;
        this.wakeFd = wakeFd;
        this.family = family;
        this.kind = kind;
        this.localId = localId;
        // Both kinds turn IP_RECVERR on: a datagram socket hears of ICMP errors only there, a raw one needs it for
        // the kernel's local reports (EMSGSIZE with the path MTU) and gets its ICMP errors as packets anyway.
        this.errorQueue = true;
        this.netns = netns;
        receiveBlock.clear();
        receiveBlock.setPointer(R_MSGHDR + LibC.MSGHDR_NAME, receiveBlock.share(R_NAME));
        receiveBlock.setPointer(R_MSGHDR + LibC.MSGHDR_IOV, receiveBlock.share(R_IOVEC));
        receiveBlock.setLong(R_MSGHDR + LibC.MSGHDR_IOVLEN, 1);
        receiveBlock.setPointer(R_MSGHDR + LibC.MSGHDR_CONTROL, receiveBlock.share(R_CONTROL));
        receiveBlock.setInt(R_POLLFDS, fd);
        receiveBlock.setShort(R_POLLFDS + 4, LibC.POLLIN);
        receiveBlock.setInt(R_POLLFDS + LibC.POLLFD_SIZE, wakeFd);
        receiveBlock.setShort(R_POLLFDS + LibC.POLLFD_SIZE + 4, LibC.POLLIN);
    }

    /** Writes a wait as a {@code struct timespec} at {@code at}, capped at poll(2)'s longest. */
    private static void putTimespec(ByteBuffer b, int at, long nanos) {
        long n = Math.min(nanos, MAX_WAIT_NANOS);
        b.putLong(at, n / 1_000_000_000L).putLong(at + 8, n % 1_000_000_000L);
    }

    private static ByteBuffer view(Memory m) {
        return m.getByteBuffer(0, m.size()).order(java.nio.ByteOrder.nativeOrder());
    }

    private String description() {
        if (description == null) {
            description = kind + " " + family + " ICMP socket (fd " + fd + (localId >= 0 ? ", id " + localId : "")
                    + (netns != null ? ", netns " + netns : "") + ")";
        }
        return description;
    }

    @Override
    public Family family() {
        return family;
    }

    @Override
    public SocketKind kind() {
        return kind;
    }

    @Override
    public int localId() {
        return localId;
    }

    @Override
    public boolean headerIncluded() {
        return kind == SocketKind.RAW && family == Family.IPV4;
    }

    @Override
    public long send(ByteBuffer icmpMessage, InetAddress destination) throws IOException {
        Objects.requireNonNull(icmpMessage, "icmpMessage");
        Objects.requireNonNull(destination, "destination");
        if (Family.of(destination) != family) {
            throw new IllegalArgumentException("destination must be an " + family + " address for this socket, got "
                    + destination.getHostAddress());
        }
        enter();
        try {
            synchronized (sendLock) {
                int length = icmpMessage.remaining();
                if (sendData == null || sendData.size() < length) {
                    sendData = new Memory(Math.max(length, 2048));
                    sendView = sendData.getByteBuffer(0, sendData.size());
                    sendDataAt = Pointer.nativeValue(sendData);
                }
                sendView.put(0, icmpMessage, icmpMessage.position(), length);
                if (!destination.equals(lastDestination)) {
                    writeDestination(destination);
                }
                int addressLength = family == Family.IPV4 ? LibC.SOCKADDR_IN_SIZE : LibC.SOCKADDR_IN6_SIZE;
                boolean retried = false;
                while (true) {
                    LibC.clock_gettime(LibC.CLOCK_REALTIME, sendClockAt);
                    long sentAt = sendClock.getLong(0) * 1_000_000_000L + sendClock.getLong(8);
                    if (LibC.sendto(fd, sendDataAt, length, 0, sendAddressAt, addressLength) >= 0) {
                        return sentAt;
                    }
                    int errno = LibC.errno();
                    if (errorQueue && !retried && isPendingError(errno)) {
                        // An earlier ICMP error leaves its errno pending on the socket, and the next send fails
                        // with it without sending. Its report is on the error queue for receive; this send was
                        // never tried, so try it once more (a real local failure fails again).
                        retried = true;
                        continue;
                    }
                    if (errno != Errno.EINTR) {
                        throw new NativeSocketException("sendto(" + destination.getHostAddress() + ", " + length
                                + " bytes) on " + description(), errno, null);
                    }
                }
            }
        } finally {
            exit();
        }
    }

    private void writeDestination(InetAddress destination) {
        byte[] address = destination.getAddress();
        sendAddress.clear();
        sendAddress.setShort(0, (short) family.addressFamily());
        if (family == Family.IPV4) {
            sendAddress.write(4, address, 0, 4);
        } else {
            sendAddress.write(8, address, 0, 16);
            sendAddress.setInt(24, ((Inet6Address) destination).getScopeId());
        }
        lastDestination = destination;
    }

    @Override
    public boolean receive(Inbound into, long timeoutNanos) throws IOException {
        Objects.requireNonNull(into, "into");
        if (timeoutNanos < 0) {
            throw new IllegalArgumentException("timeoutNanos must be 0.." + Long.MAX_VALUE + ", got " + timeoutNanos);
        }
        enter();
        try {
            synchronized (receiveLock) {
                long start = System.nanoTime();
                boolean errorReady = false;
                boolean lastLook = false;
                while (true) {
                    if ((state.get() & CLOSED) != 0) {
                        throw closed();
                    }
                    if (errorReady && receiveNow(into, true)) {
                        return true;
                    }
                    // Try first: under load a message is already queued and the poll would be a wasted call.
                    if (receiveNow(into, false)) {
                        return true;
                    }
                    if (lastLook) {
                        return false;
                    }
                    long remaining = timeoutNanos - (System.nanoTime() - start);
                    long wait;
                    if (remaining > 0) {
                        // To the nanosecond (ppoll): poll's whole milliseconds made a 1 µs wait one of 1 ms.
                        wait = remaining;
                    } else if (errorQueue) {
                        // A report waiting on the error queue shows only as POLLERR: one more look, without
                        // waiting, so that even a zero timeout takes what is already queued there.
                        wait = 0;
                        lastLook = true;
                    } else {
                        return false;
                    }
                    putTimespec(rb, R_TIMEOUT, wait);
                    int ready = LibC.ppoll(receiveBlockAt + R_POLLFDS, 2, receiveBlockAt + R_TIMEOUT, 0);
                    if (ready < 0) {
                        int errno = LibC.errno();
                        if (errno != Errno.EINTR) {
                            throw new NativeSocketException("poll on " + description(), errno, null);
                        }
                    } else if (ready > 0) {
                        if (rb.getShort(R_POLLFDS + LibC.POLLFD_SIZE + 6) != 0) {
                            throw closed();
                        }
                        // POLLERR (always reported): a report waits on the error queue, or an errno is pending.
                        errorReady = errorQueue && (rb.getShort(R_POLLFDS + 6) & LibC.POLLERR) != 0;
                    }
                }
            }
        } finally {
            exit();
        }
    }

    /**
     * True when a failed call's errno is the socket's pending error ({@code sk_err}), which an ICMP error sets on a
     * socket with the error queue on, rather than a failure of the call itself.
     */
    private static boolean isPendingError(int errno) {
        switch (errno) {
            case Errno.EAGAIN: case Errno.EINTR: case Errno.EBADF: case Errno.EFAULT: case Errno.EINVAL:
            case Errno.ENOTSOCK: case Errno.ENOMEM: case Errno.ENOBUFS:
                return false;
            default:
                return true;
        }
    }

    /** One non-blocking recvmsg, of the error queue when {@code fromErrorQueue}; false when nothing is queued. */
    private boolean receiveNow(Inbound into, boolean fromErrorQueue) throws IOException {
        int capacity = into.capacity();
        receiveBuffer(capacity);
        ByteBuffer block = rb;
        block.putLong(R_IOVEC + 8, capacity);
        block.putInt(R_MSGHDR + LibC.MSGHDR_NAMELEN, 32);
        block.putLong(R_MSGHDR + LibC.MSGHDR_CONTROLLEN, CONTROL_SIZE);
        block.putInt(R_MSGHDR + LibC.MSGHDR_FLAGS, 0);
        long n = LibC.recvmsg(fd, receiveBlockAt,
                fromErrorQueue ? LibC.MSG_DONTWAIT | LibC.MSG_ERRQUEUE : LibC.MSG_DONTWAIT);
        if (n < 0) {
            int errno = LibC.errno();
            if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
                return false;
            }
            if (errorQueue && !fromErrorQueue && isPendingError(errno)) {
                // recvmsg hands out (and clears) the errno an ICMP error left pending; its report, if the kernel
                // could queue it, is on the error queue.
                return receiveNow(into, true);
            }
            throw new NativeSocketException("recvmsg" + (fromErrorQueue ? "(MSG_ERRQUEUE)" : "") + " on "
                    + description(), errno, null);
        }
        int flags = block.getInt(R_MSGHDR + LibC.MSGHDR_FLAGS);
        if (fromErrorQueue && kind == SocketKind.RAW && !isLocalReport(block, flags)) {
            // A raw socket receives every ICMP error as an ordinary packet too: the report would count it twice.
            return receiveNow(into, true);
        }
        into.reset(family, headerIncluded());
        if (fromErrorQueue) {
            into.errorReport();
        }
        int length = (int) Math.min(n, capacity);
        receiveDataView.get(0, into.data(), 0, length);
        into.length(length, (flags & LibC.MSG_TRUNC) != 0);
        if (family == Family.IPV4) {
            block.get(R_NAME + 4, into.sourceBytes(), 0, 4);
        } else {
            block.get(R_NAME + 8, into.sourceBytes(), 0, 16);
            into.sourceScopeId(block.getInt(R_NAME + 24));
        }
        boolean stamped = false;
        if ((flags & LibC.MSG_CTRUNC) == 0) {
            long controlLength = block.getLong(R_MSGHDR + LibC.MSGHDR_CONTROLLEN);
            int offset = 0;
            while (offset + LibC.CMSGHDR_SIZE <= controlLength) {
                int at = R_CONTROL + offset;
                long cmsgLength = block.getLong(at);
                if (cmsgLength < LibC.CMSGHDR_SIZE || offset + cmsgLength > controlLength) {
                    break;
                }
                int level = block.getInt(at + 8);
                int type = block.getInt(at + 12);
                int data = at + LibC.CMSGHDR_SIZE;
                if (level == LibC.SOL_SOCKET && type == LibC.SCM_TIMESTAMPNS) {
                    into.kernelTime(block.getLong(data) * 1_000_000_000L + block.getLong(data + 8), true);
                    stamped = true;
                } else if (level == LibC.IPPROTO_IP && type == LibC.IP_TTL) {
                    into.ttl(block.getInt(data));
                } else if (level == LibC.IPPROTO_IP && type == LibC.IP_TOS) {
                    into.tos(block.get(data) & 0xff);
                } else if (level == LibC.IPPROTO_IPV6 && type == LibC.IPV6_HOPLIMIT) {
                    into.ttl(block.getInt(data));
                } else if (level == LibC.IPPROTO_IPV6 && type == LibC.IPV6_TCLASS) {
                    into.tos(block.getInt(data));
                } else if (level == LibC.IPPROTO_IPV6 && type == LibC.IPV6_PKTINFO
                        && cmsgLength >= LibC.CMSGHDR_SIZE + 20) {
                    block.get(data, into.destinationBytes(), 0, 16);
                    into.destinationKnown(block.getInt(data + 16));
                } else if (fromErrorQueue && (level == LibC.IPPROTO_IP && type == LibC.IP_RECVERR
                        || level == LibC.IPPROTO_IPV6 && type == LibC.IPV6_RECVERR)) {
                    readExtendedError(block, data, (int) cmsgLength - LibC.CMSGHDR_SIZE, into);
                }
                offset += (int) ((cmsgLength + 7) & ~7L);
            }
        }
        if (!stamped) {
            LibC.clock_gettime(LibC.CLOCK_REALTIME, receiveBlockAt + R_CLOCK);
            into.kernelTime(block.getLong(R_CLOCK) * 1_000_000_000L + block.getLong(R_CLOCK + 8), false);
        }
        return true;
    }

    /** True when the error-queue message just read into the block is the kernel's own report (ee_origin LOCAL). */
    private static boolean isLocalReport(ByteBuffer block, int flags) {
        if ((flags & LibC.MSG_CTRUNC) != 0) {
            return true; // cannot tell: keep it
        }
        long controlLength = block.getLong(R_MSGHDR + LibC.MSGHDR_CONTROLLEN);
        int offset = 0;
        while (offset + LibC.CMSGHDR_SIZE <= controlLength) {
            int at = R_CONTROL + offset;
            long cmsgLength = block.getLong(at);
            if (cmsgLength < LibC.CMSGHDR_SIZE || offset + cmsgLength > controlLength) {
                break;
            }
            int level = block.getInt(at + 8);
            int type = block.getInt(at + 12);
            if ((level == LibC.IPPROTO_IP && type == LibC.IP_RECVERR
                    || level == LibC.IPPROTO_IPV6 && type == LibC.IPV6_RECVERR)
                    && cmsgLength >= LibC.CMSGHDR_SIZE + LibC.EE_ORIGIN + 1) {
                return (block.get(at + LibC.CMSGHDR_SIZE + LibC.EE_ORIGIN) & 0xff) == Inbound.ORIGIN_LOCAL;
            }
            offset += (int) ((cmsgLength + 7) & ~7L);
        }
        return true;
    }

    /** Copies {@code struct sock_extended_err} and the offender's address that follows it into {@code into}. */
    private static void readExtendedError(ByteBuffer block, int at, int length, Inbound into) {
        if (length < LibC.EE_OFFENDER) {
            return;
        }
        into.errorFields(block.getInt(at + LibC.EE_ERRNO), block.get(at + LibC.EE_ORIGIN) & 0xff,
                block.get(at + LibC.EE_TYPE) & 0xff, block.get(at + LibC.EE_CODE) & 0xff,
                block.getInt(at + LibC.EE_INFO));
        int offender = at + LibC.EE_OFFENDER;
        // sa_family is AF_UNSPEC when the kernel names no offender (errors of local origin).
        int addressFamily = length >= LibC.EE_OFFENDER + 2 ? block.getShort(offender) : 0;
        if (addressFamily == LibC.AF_INET && length >= LibC.EE_OFFENDER + LibC.SOCKADDR_IN_SIZE
                && into.family() == Family.IPV4) {
            block.get(offender + 4, into.errorSourceBytes(), 0, 4);
            into.errorSourceKnown(0);
        } else if (addressFamily == LibC.AF_INET6 && length >= LibC.EE_OFFENDER + LibC.SOCKADDR_IN6_SIZE
                && into.family() == Family.IPV6) {
            block.get(offender + 8, into.errorSourceBytes(), 0, 16);
            into.errorSourceKnown(block.getInt(offender + 24));
        }
    }

    @Override
    public void setTtl(int ttl) throws IOException {
        if ((ttl < 1 || ttl > 255) && ttl != -1) {
            throw new IllegalArgumentException("ttl must be 1..255 (or -1 for the system default), got " + ttl);
        }
        enter();
        try {
            if (family == Family.IPV4) {
                IcmpSockets.setInt(fd, LibC.IPPROTO_IP, LibC.IP_TTL, ttl, "IP_TTL", null);
            } else {
                IcmpSockets.setInt(fd, LibC.IPPROTO_IPV6, LibC.IPV6_UNICAST_HOPS, ttl, "IPV6_UNICAST_HOPS", null);
            }
        } finally {
            exit();
        }
    }

    @Override
    public void setIpOptions(byte[] options) throws IOException {
        Objects.requireNonNull(options, "options");
        if (options.length > 40) {
            throw new IllegalArgumentException("IP options must be 0..40 bytes, got " + options.length);
        }
        if (family != Family.IPV4) {
            throw new UnsupportedOperationException("IP options are IPv4's; an " + family + " socket has none");
        }
        enter();
        try {
            if (LibC.setsockopt(fd, LibC.IPPROTO_IP, LibC.IP_OPTIONS, options, options.length) < 0) {
                throw new NativeSocketException("setsockopt(IP_OPTIONS, " + options.length + " bytes)", LibC.errno(),
                        null);
            }
        } finally {
            exit();
        }
    }

    @Override
    public void setTos(int tos) throws IOException {
        if (tos < -1 || tos > 255) {
            throw new IllegalArgumentException("tos must be 0..255 (or -1 for the default), got " + tos);
        }
        enter();
        try {
            if (family == Family.IPV4) {
                IcmpSockets.setInt(fd, LibC.IPPROTO_IP, LibC.IP_TOS, Math.max(0, tos), "IP_TOS", null);
            } else {
                IcmpSockets.setInt(fd, LibC.IPPROTO_IPV6, LibC.IPV6_TCLASS, tos, "IPV6_TCLASS", null);
            }
        } finally {
            exit();
        }
    }

    @Override
    public int await(IcmpSocket other, long timeoutNanos) throws IOException {
        if (!(other instanceof NativeIcmpSocket o)) {
            return IcmpSocket.super.await(other, timeoutNanos);
        }
        if (timeoutNanos < 0) {
            throw new IllegalArgumentException("timeoutNanos must be 0.." + Long.MAX_VALUE + ", got " + timeoutNanos);
        }
        enter();
        try {
            o.enter();
            try {
                synchronized (awaitLock) {
                    // Both sockets' descriptors and wake descriptors in one poll; what is ready is then taken by
                    // a receive without waiting.
                    awaitFds.putInt(0, fd).putShort(4, LibC.POLLIN).putShort(6, (short) 0);
                    awaitFds.putInt(8, wakeFd).putShort(12, LibC.POLLIN).putShort(14, (short) 0);
                    awaitFds.putInt(16, o.fd).putShort(20, LibC.POLLIN).putShort(22, (short) 0);
                    awaitFds.putInt(24, o.wakeFd).putShort(28, LibC.POLLIN).putShort(30, (short) 0);
                    putTimespec(awaitFds, AWAIT_TIMEOUT, timeoutNanos);
                    int ready = LibC.ppoll(awaitFdsAt, 4, awaitFdsAt + AWAIT_TIMEOUT, 0);
                    if (ready < 0) {
                        int errno = LibC.errno();
                        if (errno != Errno.EINTR) {
                            throw new NativeSocketException("poll on " + description() + " and " + o.description(),
                                    errno, null);
                        }
                        return 3; // interrupted: let the receives look
                    }
                    if (awaitFds.getShort(14) != 0) {
                        throw closed();
                    }
                    if (awaitFds.getShort(30) != 0) {
                        throw o.closed();
                    }
                    return (awaitFds.getShort(6) != 0 ? 1 : 0) | (awaitFds.getShort(22) != 0 ? 2 : 0);
                }
            } finally {
                o.exit();
            }
        } finally {
            exit();
        }
    }

    @Override
    public void attachFilter(java.util.List<Bpf.Instruction> program) throws IOException {
        IcmpSocket.super.attachFilter(program);
        Memory instructions = new Memory((long) program.size() * LibC.SOCK_FILTER_SIZE);
        for (int i = 0; i < program.size(); i++) {
            Bpf.Instruction in = program.get(i);
            long at = (long) i * LibC.SOCK_FILTER_SIZE;
            instructions.setShort(at, (short) in.code());
            instructions.setByte(at + 2, (byte) in.jt());
            instructions.setByte(at + 3, (byte) in.jf());
            instructions.setInt(at + 4, in.k());
        }
        Memory fprog = new Memory(LibC.SOCK_FPROG_SIZE);
        fprog.clear();
        fprog.setShort(0, (short) program.size());
        fprog.setPointer(LibC.SOCK_FPROG_FILTER, instructions);
        enter();
        try {
            // The kernel copies the program: the native memory may go once the call returns.
            if (LibC.Rare.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_ATTACH_FILTER, fprog, LibC.SOCK_FPROG_SIZE) < 0) {
                throw new NativeSocketException("setsockopt(SO_ATTACH_FILTER, " + program.size()
                        + " instructions) on " + description(), LibC.errno(), null);
            }
            // The filter applies only to packets queued from now on. Until it was attached a raw socket queued
            // every ICMP message on the host: under another process's flood that fills the receive buffer in a few
            // ms, and a full queue makes the kernel drop our own replies. Nothing of ours can be queued yet
            // (callers filter before sending), so everything there goes.
            discardQueued();
        } finally {
            exit();
        }
    }

    @Override
    public void passIcmpv6Types(int... types) throws IOException {
        IcmpSocket.super.passIcmpv6Types(types);
        if (family != Family.IPV6) {
            throw new IllegalArgumentException("an ICMPv6 type mask needs an IPv6 socket, this is " + description());
        }
        enter();
        try {
            IcmpSockets.setIcmp6Filter(fd, types);
        } finally {
            exit();
        }
    }

    /** Makes the native receive buffer at least {@code capacity} bytes and points the iovec at it. */
    private void receiveBuffer(int capacity) {
        if (receiveData == null || receiveData.size() < capacity) {
            receiveData = new Memory(Math.max(capacity, 2048));
            receiveDataView = view(receiveData);
            rb.putLong(R_IOVEC, Pointer.nativeValue(receiveData));
        }
    }

    /** Drops every message waiting in the receive queue, without copying them out. */
    private void discardQueued() throws IOException {
        synchronized (receiveLock) {
            receiveBuffer(1);
            ByteBuffer block = rb;
            block.putLong(R_IOVEC + 8, receiveData.size());
            while (true) {
                block.putInt(R_MSGHDR + LibC.MSGHDR_NAMELEN, 32);
                block.putLong(R_MSGHDR + LibC.MSGHDR_CONTROLLEN, CONTROL_SIZE);
                if (LibC.recvmsg(fd, receiveBlockAt, LibC.MSG_DONTWAIT) < 0) {
                    int errno = LibC.errno();
                    if (errno == Errno.EAGAIN) {
                        return;
                    }
                    // A pending error (an ICMP error left it) is cleared by this very call: look again.
                    if (errno != Errno.EINTR && !isPendingError(errno)) {
                        throw new NativeSocketException("recvmsg (discarding what was queued before the filter) on "
                                + description(), errno, null);
                    }
                }
            }
        }
    }

    /** Reads an int socket option back (for tests and diagnostics). */
    int intOption(int level, int name) throws IOException {
        enter();
        try {
            byte[] value = new byte[4];
            int[] length = {4};
            if (LibC.Rare.getsockopt(fd, level, name, value, length) < 0) {
                throw new NativeSocketException("getsockopt(" + level + ", " + name + ")", LibC.errno(), null);
            }
            return length[0] == 1 ? value[0] & 0xff : IcmpSockets.readInt(value, 0);
        } finally {
            exit();
        }
    }

    @Override
    public void close() {
        int seen;
        do {
            seen = state.get();
            if ((seen & CLOSED) != 0) {
                return;
            }
        } while (!state.compareAndSet(seen, seen | CLOSED));
        // Wakes every poll on this socket, now and later: the eventfd stays readable until released.
        LibC.write(wakeFd, new long[] {1}, 8);
        if (seen == 0) {
            release();
        }
    }

    private void enter() throws ClosedSocketException {
        while (true) {
            int seen = state.get();
            if ((seen & CLOSED) != 0) {
                throw closed();
            }
            if (state.compareAndSet(seen, seen + 1)) {
                return;
            }
        }
    }

    private void exit() {
        if (state.decrementAndGet() == CLOSED) {
            release();
        }
    }

    private void release() {
        LibC.close(fd);
        LibC.close(wakeFd);
    }

    private ClosedSocketException closed() {
        return new ClosedSocketException(description() + " is closed");
    }

    @Override
    public String toString() {
        return description() + ((state.get() & CLOSED) != 0 ? " closed" : "");
    }
}
