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
    private static final int R_SIZE = R_CONTROL + CONTROL_SIZE;

    private final int fd;
    private final int wakeFd;
    private final Family family;
    private final SocketKind kind;
    private final int localId;
    private final String description;
    private final AtomicInteger state = new AtomicInteger();

    private final Object sendLock = new Object();
    private final Memory sendAddress = new Memory(32);
    private final long[] sendClock = new long[2];
    private InetAddress lastDestination;
    private Memory sendData;
    private ByteBuffer sendView;

    private final Object receiveLock = new Object();
    private final Memory receiveBlock = new Memory(R_SIZE);
    private final Pointer pollFds = receiveBlock.share(R_POLLFDS);
    private final long[] receiveClock = new long[2];
    private Memory receiveData;

    NativeIcmpSocket(int fd, int wakeFd, Family family, SocketKind kind, int localId, String netns) {
        this.fd = fd;
        this.wakeFd = wakeFd;
        this.family = family;
        this.kind = kind;
        this.localId = localId;
        this.description = kind + " " + family + " ICMP socket (fd " + fd + (localId >= 0 ? ", id " + localId : "")
                + (netns != null ? ", netns " + netns : "") + ")";
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
                }
                sendView.put(0, icmpMessage, icmpMessage.position(), length);
                if (!destination.equals(lastDestination)) {
                    writeDestination(destination);
                }
                int addressLength = family == Family.IPV4 ? LibC.SOCKADDR_IN_SIZE : LibC.SOCKADDR_IN6_SIZE;
                while (true) {
                    LibC.clock_gettime(LibC.CLOCK_REALTIME, sendClock);
                    long sentAt = sendClock[0] * 1_000_000_000L + sendClock[1];
                    if (LibC.sendto(fd, sendData, length, 0, sendAddress, addressLength) >= 0) {
                        return sentAt;
                    }
                    int errno = LibC.errno();
                    if (errno != Errno.EINTR) {
                        throw new NativeSocketException("sendto(" + destination.getHostAddress() + ", " + length
                                + " bytes) on " + description, errno, null);
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
                while (true) {
                    if ((state.get() & CLOSED) != 0) {
                        throw closed();
                    }
                    // Try first: under load a message is already queued and the poll would be a wasted call.
                    if (receiveNow(into)) {
                        return true;
                    }
                    long remaining = timeoutNanos - (System.nanoTime() - start);
                    if (remaining <= 0) {
                        return false;
                    }
                    // Round up: returning before the timeout would report a timeout too early.
                    long millis = (remaining + 999_999) / 1_000_000;
                    int ready = LibC.poll(pollFds, 2, (int) Math.min(millis, Integer.MAX_VALUE));
                    if (ready < 0) {
                        int errno = LibC.errno();
                        if (errno != Errno.EINTR) {
                            throw new NativeSocketException("poll on " + description, errno, null);
                        }
                    } else if (ready > 0 && receiveBlock.getShort(R_POLLFDS + LibC.POLLFD_SIZE + 6) != 0) {
                        throw closed();
                    }
                }
            }
        } finally {
            exit();
        }
    }

    /** One non-blocking recvmsg; false when nothing is queued. */
    private boolean receiveNow(Inbound into) throws IOException {
        int capacity = into.capacity();
        if (receiveData == null || receiveData.size() < capacity) {
            receiveData = new Memory(capacity);
        }
        Memory block = receiveBlock;
        block.setPointer(R_IOVEC, receiveData);
        block.setLong(R_IOVEC + 8, capacity);
        block.setInt(R_MSGHDR + LibC.MSGHDR_NAMELEN, 32);
        block.setLong(R_MSGHDR + LibC.MSGHDR_CONTROLLEN, CONTROL_SIZE);
        block.setInt(R_MSGHDR + LibC.MSGHDR_FLAGS, 0);
        long n = LibC.recvmsg(fd, block, LibC.MSG_DONTWAIT);
        if (n < 0) {
            int errno = LibC.errno();
            if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
                return false;
            }
            throw new NativeSocketException("recvmsg on " + description, errno, null);
        }
        int flags = block.getInt(R_MSGHDR + LibC.MSGHDR_FLAGS);
        into.reset(family, headerIncluded());
        int length = (int) Math.min(n, capacity);
        receiveData.read(0, into.data(), 0, length);
        into.length(length, (flags & LibC.MSG_TRUNC) != 0);
        if (family == Family.IPV4) {
            block.read(R_NAME + 4, into.sourceBytes(), 0, 4);
        } else {
            block.read(R_NAME + 8, into.sourceBytes(), 0, 16);
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
                    into.tos(block.getByte(data) & 0xff);
                } else if (level == LibC.IPPROTO_IPV6 && type == LibC.IPV6_HOPLIMIT) {
                    into.ttl(block.getInt(data));
                } else if (level == LibC.IPPROTO_IPV6 && type == LibC.IPV6_TCLASS) {
                    into.tos(block.getInt(data));
                }
                offset += (int) ((cmsgLength + 7) & ~7L);
            }
        }
        if (!stamped) {
            LibC.clock_gettime(LibC.CLOCK_REALTIME, receiveClock);
            into.kernelTime(receiveClock[0] * 1_000_000_000L + receiveClock[1], false);
        }
        return true;
    }

    @Override
    public void setTtl(int ttl) throws IOException {
        if (ttl < 1 || ttl > 255) {
            throw new IllegalArgumentException("ttl must be 1..255, got " + ttl);
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

    /** Reads an int socket option back (for tests and diagnostics). */
    int intOption(int level, int name) throws IOException {
        enter();
        try {
            byte[] value = new byte[4];
            int[] length = {4};
            if (LibC.getsockopt(fd, level, name, value, length) < 0) {
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
        return new ClosedSocketException(description + " is closed");
    }

    @Override
    public String toString() {
        return description + ((state.get() & CLOSED) != 0 ? " closed" : "");
    }
}
