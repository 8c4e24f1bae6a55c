package dev.pingkit.socket;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * <b>An {@link IcmpSocket} over a Linux socket file descriptor.</b>
 * All native structures (msghdr, iovec, sockaddr, control buffer, pollfd, data) are allocated once per socket and
 * reused, so send and receive allocate nothing. This class sends, sets options and waits on two sockets; the
 * receive side is {@link NativeReceiver} (control messages: {@link ControlMessages}), option calls
 * {@link NativeOptions}. Closing is safe against a concurrent receive ({@link Descriptors}): the descriptor is
 * closed only when no call is using it, so its number cannot be reused under a poll still running.
 */
final class NativeIcmpSocket implements IcmpSocket {
    private final int fd;
    private final int wakeFd;
    private final Family family;
    private final SocketKind kind;
    private final int localId;
    private final boolean errorQueue; // IP_RECVERR / IPV6_RECVERR is on: ICMP errors arrive on the error queue
    private final String netns;
    private String description; // made when first needed: string building on open costs start-up time
    private final Descriptors descriptors;
    private final NativeReceiver receiver;

    private final Object sendLock = new Object();
    private final SendClock sendClock = new SendClock();
    private final Memory sendAddress = new Memory(32);
    private final long sendAddressAt = Pointer.nativeValue(sendAddress);
    private InetAddress lastDestination;
    private InetAddress labelled; // the destination whose sends carry flowLabel (ping -F), else null
    private int flowLabel;
    private Memory sendData;
    private long sendDataAt;
    private ByteBuffer sendView;

    private final Object awaitLock = new Object();
    private static final int AWAIT_TIMEOUT = 4 * LibC.POLLFD_SIZE; // a timespec after the four pollfds
    private final Memory awaitMemory = new Memory(AWAIT_TIMEOUT + 16L);
    private final ByteBuffer awaitFds = NativeReceiver.view(awaitMemory);
    private final long awaitFdsAt = Pointer.nativeValue(awaitMemory);

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
        this.descriptors = new Descriptors(fd, wakeFd);
        this.receiver = new NativeReceiver(this, descriptors, errorQueue);
    }

    /** The socket in words, for error messages: kind, family, descriptor, identifier, namespace. */
    String description() {
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
                    long sentAt = sendClock.realtimeNanos();
                    if (LibC.sendto(fd, sendDataAt, length, 0, sendAddressAt, addressLength) >= 0) {
                        return sentAt;
                    }
                    int errno = LibC.errno();
                    if (errorQueue && !retried && NativeReceiver.isPendingError(errno)) {
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

    @Override
    public int labelFlow(InetAddress destination, int label) throws IOException {
        Objects.requireNonNull(destination, "destination");
        if (family != Family.IPV6 || !(destination instanceof Inet6Address)) {
            throw new IllegalArgumentException("a flow label is IPv6's: this is an " + family + " socket, destination "
                    + destination.getHostAddress());
        }
        if (label < 0 || label > 0xfffff) {
            throw new IllegalArgumentException("flow label must be 0..0xfffff, got 0x" + Integer.toHexString(label));
        }
        enter();
        try {
            synchronized (sendLock) {
                flowLabel = NativeOptions.requestFlowLabel(fd, destination, label);
                labelled = destination;
                lastDestination = null; // the next send writes the address with its label
                return flowLabel;
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
            if (destination.equals(labelled)) {
                NativeOptions.putBigEndian(sendAddress, 4, flowLabel); // sin6_flowinfo, in network order
            }
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
            return receiver.receive(into, timeoutNanos);
        } finally {
            exit();
        }
    }

    @Override
    public void setTtl(int ttl) throws IOException {
        if ((ttl < 1 || ttl > 255) && ttl != -1) {
            throw new IllegalArgumentException("ttl must be 1..255 (or -1 for the system default), got " + ttl);
        }
        enter();
        try {
            NativeOptions.ttl(fd, family, ttl);
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
            NativeOptions.ipOptions(fd, options);
        } finally {
            exit();
        }
    }

    @Override
    public void setIpHdrIncl(boolean on) throws IOException {
        if (kind != SocketKind.RAW || family != Family.IPV4) {
            throw new UnsupportedOperationException("IP_HDRINCL is for raw IPv4 sockets; this is a " + description());
        }
        enter();
        try {
            NativeOptions.setInt(fd, LibC.IPPROTO_IP, LibC.IP_HDRINCL, on ? 1 : 0, "IP_HDRINCL", null);
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
            NativeOptions.tos(fd, family, tos);
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
                    NativeReceiver.putTimespec(awaitFds, AWAIT_TIMEOUT, timeoutNanos);
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
        enter();
        try {
            NativeOptions.attachFilter(fd, program, description());
            // The filter applies only to packets queued from now on. Until it was attached a raw socket queued
            // every ICMP message on the host: under another process's flood that fills the receive buffer in a few
            // ms, and a full queue makes the kernel drop our own replies. Nothing of ours can be queued yet
            // (callers filter before sending), so everything there goes.
            receiver.discardQueued();
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
            NativeOptions.setIcmp6Filter(fd, types);
        } finally {
            exit();
        }
    }

    /** Reads an int socket option back (for tests and diagnostics). */
    int intOption(int level, int name) throws IOException {
        enter();
        try {
            return NativeOptions.intOption(fd, level, name);
        } finally {
            exit();
        }
    }

    @Override
    public void close() {
        descriptors.close();
    }

    private void enter() throws ClosedSocketException {
        if (!descriptors.enter()) {
            throw closed();
        }
    }

    private void exit() {
        descriptors.exit();
    }

    /** The error of a call on this socket once closed. */
    ClosedSocketException closed() {
        return new ClosedSocketException(description() + " is closed");
    }

    @Override
    public String toString() {
        return description() + (descriptors.isClosed() ? " closed" : "");
    }
}
