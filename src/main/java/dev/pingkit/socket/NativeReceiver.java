package dev.pingkit.socket;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The receive side of a {@link NativeIcmpSocket}: one native block (msghdr, iovec, sockaddr, two pollfds, control
 * buffer, timespecs) allocated once and reused, so a receive allocates nothing; recvmsg of the data and of the
 * error queue, the wait on the socket and its wake descriptor, and draining what was queued before a filter.
 */
final class NativeReceiver {
    private static final int CONTROL_SIZE = 256;
    // the block's layout
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

    private final NativeIcmpSocket socket;
    private final Descriptors descriptors;
    private final boolean errorQueue; // IP_RECVERR / IPV6_RECVERR is on: ICMP errors arrive on the error queue
    private final Object receiveLock = new Object();
    private final Memory receiveBlock = new Memory(R_SIZE);
    // The block read and written through a direct buffer: Memory's own get/set are one JNI call each, a direct
    // buffer's compile to plain loads and stores.
    private final ByteBuffer rb = view(receiveBlock);
    private final long receiveBlockAt = Pointer.nativeValue(receiveBlock);
    private Memory receiveData;
    private ByteBuffer receiveDataView;
    private long iovLength = -1; // the iovec's length as last written: rewritten only when it changes

    NativeReceiver(NativeIcmpSocket socket, Descriptors descriptors, boolean errorQueue) {
        this.socket = socket;
        this.descriptors = descriptors;
        this.errorQueue = errorQueue;
        receiveBlock.clear();
        receiveBlock.setPointer(R_MSGHDR + LibC.MSGHDR_NAME, receiveBlock.share(R_NAME));
        receiveBlock.setPointer(R_MSGHDR + LibC.MSGHDR_IOV, receiveBlock.share(R_IOVEC));
        receiveBlock.setLong(R_MSGHDR + LibC.MSGHDR_IOVLEN, 1);
        receiveBlock.setPointer(R_MSGHDR + LibC.MSGHDR_CONTROL, receiveBlock.share(R_CONTROL));
        receiveBlock.setInt(R_POLLFDS, descriptors.fd);
        receiveBlock.setShort(R_POLLFDS + 4, LibC.POLLIN);
        receiveBlock.setInt(R_POLLFDS + LibC.POLLFD_SIZE, descriptors.wakeFd);
        receiveBlock.setShort(R_POLLFDS + LibC.POLLFD_SIZE + 4, LibC.POLLIN);
    }

    /** Writes a wait as a {@code struct timespec} at {@code at}, capped at poll(2)'s longest. */
    static void putTimespec(ByteBuffer b, int at, long nanos) {
        long n = Math.min(nanos, MAX_WAIT_NANOS);
        b.putLong(at, n / 1_000_000_000L).putLong(at + 8, n % 1_000_000_000L);
    }

    /** A native-order direct view of {@code m}. */
    static ByteBuffer view(Memory m) {
        return m.getByteBuffer(0, m.size()).order(java.nio.ByteOrder.nativeOrder());
    }

    /** Waits up to {@code timeoutNanos} for a message or an error-queue report; see {@link IcmpSocket#receive}. */
    boolean receive(Inbound into, long timeoutNanos) throws IOException {
        synchronized (receiveLock) {
            long start = 0;
            boolean timed = false; // the clock is read at the first wait: a flood's first look finds its reply
            boolean errorReady = false;
            boolean lastLook = false;
            while (true) {
                if (descriptors.isClosed()) {
                    throw socket.closed();
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
                long elapsed = 0;
                if (!timed) {
                    start = System.nanoTime();
                    timed = true;
                } else {
                    elapsed = System.nanoTime() - start;
                }
                long remaining = timeoutNanos - elapsed;
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
                        throw new NativeSocketException("poll on " + socket.description(), errno, null);
                    }
                } else if (ready > 0) {
                    if (rb.getShort(R_POLLFDS + LibC.POLLFD_SIZE + 6) != 0) {
                        throw socket.closed();
                    }
                    // POLLERR (always reported): a report waits on the error queue, or an errno is pending.
                    errorReady = errorQueue && (rb.getShort(R_POLLFDS + 6) & LibC.POLLERR) != 0;
                }
            }
        }
    }

    /**
     * True when a failed call's errno is the socket's pending error ({@code sk_err}), which an ICMP error sets on a
     * socket with the error queue on, rather than a failure of the call itself.
     */
    static boolean isPendingError(int errno) {
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
        if (iovLength != capacity) {
            block.putLong(R_IOVEC + 8, capacity);
            iovLength = capacity;
        }
        // The name and control lengths are value-result (the kernel leaves what it wrote); msg_flags is only
        // written by the kernel.
        block.putInt(R_MSGHDR + LibC.MSGHDR_NAMELEN, 32);
        block.putLong(R_MSGHDR + LibC.MSGHDR_CONTROLLEN, CONTROL_SIZE);
        long n = LibC.recvmsg(descriptors.fd, receiveBlockAt,
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
                    + socket.description(), errno, null);
        }
        int flags = block.getInt(R_MSGHDR + LibC.MSGHDR_FLAGS);
        if (fromErrorQueue && socket.kind() == SocketKind.RAW && (flags & LibC.MSG_CTRUNC) == 0
                && !ControlMessages.isLocalReport(block, R_CONTROL, block.getLong(R_MSGHDR + LibC.MSGHDR_CONTROLLEN))) {
            // A raw socket receives every ICMP error as an ordinary packet too: the report would count it twice.
            return receiveNow(into, true);
        }
        into.reset(socket.family(), socket.headerIncluded());
        if (fromErrorQueue) {
            into.errorReport();
        }
        int length = (int) Math.min(n, capacity);
        receiveDataView.get(0, into.data(), 0, length);
        into.length(length, (flags & LibC.MSG_TRUNC) != 0);
        if (socket.family() == Family.IPV4) {
            block.get(R_NAME + 4, into.sourceBytes(), 0, 4);
        } else {
            block.get(R_NAME + 8, into.sourceBytes(), 0, 16);
            into.sourceScopeId(block.getInt(R_NAME + 24));
        }
        boolean stamped = (flags & LibC.MSG_CTRUNC) == 0 && ControlMessages.read(block, R_CONTROL,
                block.getLong(R_MSGHDR + LibC.MSGHDR_CONTROLLEN), fromErrorQueue, into);
        if (!stamped) {
            LibC.clock_gettime(LibC.CLOCK_REALTIME, receiveBlockAt + R_CLOCK);
            into.kernelTime(block.getLong(R_CLOCK) * 1_000_000_000L + block.getLong(R_CLOCK + 8), false);
        }
        return true;
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
    void discardQueued() throws IOException {
        synchronized (receiveLock) {
            receiveBuffer(1);
            ByteBuffer block = rb;
            block.putLong(R_IOVEC + 8, receiveData.size());
            iovLength = receiveData.size();
            while (true) {
                block.putInt(R_MSGHDR + LibC.MSGHDR_NAMELEN, 32);
                block.putLong(R_MSGHDR + LibC.MSGHDR_CONTROLLEN, CONTROL_SIZE);
                if (LibC.recvmsg(descriptors.fd, receiveBlockAt, LibC.MSG_DONTWAIT) < 0) {
                    int errno = LibC.errno();
                    if (errno == Errno.EAGAIN) {
                        return;
                    }
                    // A pending error (an ICMP error left it) is cleared by this very call: look again.
                    if (errno != Errno.EINTR && !isPendingError(errno)) {
                        throw new NativeSocketException("recvmsg (discarding what was queued before the filter) on "
                                + socket.description(), errno, null);
                    }
                }
            }
        }
    }
}
