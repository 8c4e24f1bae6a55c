package dev.pingkit.ping;

import dev.pingkit.packet.Checksum;
import dev.pingkit.packet.EchoWire;
import dev.pingkit.packet.IcmpMessage;
import dev.pingkit.packet.IcmpReader;
import dev.pingkit.packet.IcmpTypes;
import dev.pingkit.socket.ClosedSocketException;
import dev.pingkit.socket.Family;
import dev.pingkit.socket.IcmpSocket;
import dev.pingkit.socket.IcmpSockets;
import dev.pingkit.socket.Inbound;
import dev.pingkit.socket.SocketKind;
import dev.pingkit.socket.SocketOptions;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * <b>The ping engine: sends probes on iputils' schedule, matches what comes back, keeps statistics, emits events.</b>
 *
 * <pre>{@code
 * try (Pinger p = Pinger.open(PingSettings.to(InetAddress.getByName("127.0.0.1")).count(3))) {
 *     PingStatistics s = p.run(System.out::println);
 * }
 * }</pre>
 *
 * <p>One thread runs the loop: it sends what the schedule says is due, then waits in {@code poll} for a packet no
 * longer than until the next send (or the deadline, or the end of the final wait). Receiving and matching allocate
 * nothing per packet: one reused {@link Inbound}, one {@link IcmpReader}, one send buffer patched in place; only the
 * events handed to the listener are new objects.
 *
 * <p>Matching: a reply counts only if its identifier (ours for raw sockets, the kernel's for datagram sockets),
 * sequence number (of a probe we sent), source (the target) and payload agree; a bad checksum or altered payload is
 * reported (and counted as corrupted), never taken for an answer. An ICMP error counts when the datagram it quotes
 * is one of our probes to the target; a datagram socket reports it on its error queue instead, quoting our probe
 * with the kernel's identifier, and it becomes the same {@link PingEvent.ErrorReply}. Everything else is foreign:
 * raw sockets see every ICMP message on the host, including other processes' pings, unless {@link #open} filtered
 * them out in the kernel. A send the kernel refuses is a {@link PingEvent.SendError}; its message is iputils'
 * reading of the kernel's local report ({@code local error: message too long, mtu=1500}).
 *
 * <p>Ending as iputils: with a count, once that many probes are answered or errored, or after the final wait
 * (max(2 × max RTT, interval) after the last probe if anything answered, else the reply timeout); with a deadline,
 * when it passes (or at the first error); or at {@link #stop()}.
 */
public final class Pinger implements AutoCloseable {
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** SO_RCVBUF asked for by {@link #open}: 4 MiB (the kernel doubles it, then caps it at rmem_max). */
    static final int RECEIVE_BUFFER = 4 << 20;

    private final PingSettings settings;
    private final IcmpSocket socket;
    private final TimeSource time;
    private final Family family;
    private final InetAddress target;
    private final byte[] targetBytes;
    // Loopback for a target of 0.0.0.0 or ::, which the kernel answers from there (iputils counts those replies).
    private final byte[] alsoFrom;
    private final boolean anySource; // -b: a broadcast is answered by every host on the link, each from itself
    private final int id;
    private final boolean datagram;
    private final boolean computeChecksum;
    private final int replyType;
    private final int requestType;
    private final byte[] payload;
    private final byte[] packet;
    private final ByteBuffer out;
    private final Inbound in = new Inbound();
    private final IcmpReader reader = new IcmpReader();
    private final ProbeTable probes = new ProbeTable();
    private final StatisticsRecorder stats = new StatisticsRecorder();
    private volatile boolean stopping;
    private boolean ran;
    // the listener's PingListener.wantsRoutineEvents(), asked once when the run starts
    private boolean routine;
    // the run's limits, set when it starts
    private long count;
    private boolean hasDeadline;
    private long deadlineAt;
    private long exitAt;
    private SendSchedule schedule;
    // While a failed send drains the socket: the first local error report found there, which explains the failure.
    private boolean draining;
    private String localError;
    /** At most this many messages are taken from the socket after a failed send, looking for its report. */
    private static final int DRAIN_LIMIT = 64;

    /**
     * <b>A pinger over an already open socket and a time source</b> (tests pass an in-memory socket and a fake
     * clock). The pinger owns the socket from now on: {@link #close()} and {@link #stop()} close it.
     *
     * @throws IllegalArgumentException if the socket's family differs from the target's
     */
    public Pinger(PingSettings settings, IcmpSocket socket, TimeSource time) {
        this(settings, socket, time, -1);
    }

    /** {@code rawId}: the identifier of a raw socket's probes, or -1 for the settings' (else the pid's). */
    private Pinger(PingSettings settings, IcmpSocket socket, TimeSource time, int rawId) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.socket = Objects.requireNonNull(socket, "socket");
        this.time = Objects.requireNonNull(time, "time");
        this.family = settings.family();
        if (socket.family() != family) {
            throw new IllegalArgumentException("socket must be " + family + " for target "
                    + settings.target().getHostAddress() + ", got " + socket.family());
        }
        this.target = settings.target();
        this.targetBytes = target.getAddress();
        this.anySource = settings.broadcast();
        this.alsoFrom = !target.isAnyLocalAddress() ? null
                : family == Family.IPV4 ? new byte[] {127, 0, 0, 1} : loopback6();
        this.datagram = socket.kind() == SocketKind.DATAGRAM;
        this.id = datagram ? socket.localId() : rawId >= 0 ? rawId : rawIdentifier(settings);
        // The kernel computes ICMPv6 checksums, and datagram sockets' checksums (it rewrites the identifier).
        this.computeChecksum = family == Family.IPV4 && !datagram;
        this.requestType = family == Family.IPV4 ? 8 : 128;
        this.replyType = family == Family.IPV4 ? 0 : 129;
        this.payload = settings.payload();
        this.packet = new byte[EchoWire.HEADER + payload.length];
        EchoWire.request(packet, family == Family.IPV4 ? 4 : 6, id, 0, payload, family == Family.IPV4);
        this.out = ByteBuffer.wrap(packet);
    }

    /**
     * <b>Opens the socket the settings describe (family, kind, options, namespace) and a pinger over it.</b>
     * On a raw socket it installs the kernel filter of {@link KernelFilters#echoReplies} for the pinger's
     * identifier, so other processes' pings never reach its queue (a pinger made with the constructor leaves the
     * socket as given).
     *
     * @throws dev.pingkit.socket.PermissionException if no ICMP socket may be opened; its message says how to
     *                                                get permission
     */
    public static Pinger open(PingSettings settings) throws IOException {
        SocketOptions options = settings.socketOptions();
        if (options.receiveBuffer() == null) {
            // A raw socket queues every ICMP message on the host: another process's flood would overflow the
            // default buffer and drop our replies with it. The kernel caps this at net.core.rmem_max.
            options = options.receiveBuffer(RECEIVE_BUFFER);
        }
        IcmpSocket s = IcmpSockets.open(settings.family(), settings.socketKind(), options);
        try {
            int rawId = -1;
            if (s.kind() == SocketKind.RAW) {
                // At once, before anything else: until the filter is on, the socket queues every ICMP message on
                // the host (the call discards them, but the fewer the better).
                rawId = rawIdentifier(settings);
                KernelFilters.echoReplies(s, rawId);
            }
            return new Pinger(settings, s, TimeSource.SYSTEM, rawId);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private static byte[] loopback6() {
        byte[] b = new byte[16];
        b[15] = 1;
        return b;
    }

    private static int rawIdentifier(PingSettings settings) {
        return settings.identifier() != null ? settings.identifier() : defaultId();
    }

    // iputils uses the pid; a second pinger in the same JVM gets the next value, so two runs never share an id.
    private static int defaultId() {
        return (int) ((ProcessHandle.current().pid() + INSTANCES.getAndIncrement()) & 0xffff);
    }

    /** <b>The settings this pinger runs with.</b> */
    public PingSettings settings() {
        return settings;
    }

    /** <b>The ICMP identifier of our probes</b> (the kernel's for a datagram socket). */
    public int identifier() {
        return id;
    }

    /** <b>The socket kind actually in use: RAW or DATAGRAM.</b> */
    public SocketKind socketKind() {
        return socket.kind();
    }

    /**
     * <b>Runs until the count, deadline, final wait or {@link #stop()} ends it; returns the final statistics.</b>
     * Events go to {@code listener} on this thread, in order. A pinger runs once.
     *
     * @throws IOException           if the socket fails in a way a retry cannot fix (a closed socket after
     *                               {@link #stop()} is a normal end, not an error)
     * @throws IllegalStateException if this pinger has already run
     */
    public PingStatistics run(PingListener listener) throws IOException {
        Objects.requireNonNull(listener, "listener");
        synchronized (this) {
            if (ran) {
                throw new IllegalStateException("a Pinger runs once; make a new one for another run");
            }
            ran = true;
        }
        routine = listener.wantsRoutineEvents();
        long start = time.nanoTime();
        stats.start(start);
        Duration d = settings.deadline();
        hasDeadline = d != null && !d.isZero();
        deadlineAt = hasDeadline ? start + d.toNanos() : Long.MAX_VALUE;
        count = settings.count();
        exitAt = Long.MAX_VALUE;
        schedule = new SendSchedule(settings.interval().toNanos(), settings.preload());
        try {
            // One call per turn, not the loop inline: a JIT compiles a called method after a few hundred calls,
            // a loop (by on-stack replacement) only after tens of thousands of turns, so a flood would spend its
            // first half interpreted.
            while (!stopping && step(listener)) {
                // the step did the work
            }
            return stats.snapshot();
        } finally {
            // A stopped run (Ctrl-C) was cut short: its unanswered probes did not time out.
            if (!stopping) {
                reportOutstanding(listener);
            }
        }
    }

    /** One turn of the run: send what is due, then wait for one message; false when the run is over. */
    private boolean step(PingListener listener) throws IOException {
        if (count > 0 && stats.received() + stats.errors() >= count) {
            return false;
        }
        if (hasDeadline && stats.errors() > 0) {
            return false;
        }
        long now = time.nanoTime();
        if (now >= deadlineAt || now >= exitAt) {
            // What arrived in time but was not read yet (this thread was late: load, a pause) still counts: one
            // look at the queue without waiting.
            takeQueued(count, listener);
            return false;
        }
        long wait = Long.MAX_VALUE;
        while (count == 0 || hasDeadline || probes.transmitted() < count) {
            long due = schedule.poll(now, probes.inFlight());
            if (due > 0) {
                wait = due;
                break;
            }
            if (!send(now, listener)) {
                return false;
            }
            if (count > 0 && !hasDeadline && probes.transmitted() >= count) {
                exitAt = now + finalWait();
            }
        }
        if (count > 0 && stats.received() + stats.errors() >= count) {
            return false; // the last probe failed at once (a local error): nothing left to wait for, as iputils
        }
        long until = Math.min(saturatedAdd(now, wait), Math.min(exitAt, deadlineAt));
        receive(Math.max(0, until - now), listener);
        return true;
    }

    // iputils' __schedule_exit: after some reply, twice the largest RTT but at least one interval; else -W.
    private long finalWait() {
        if (stats.received() > 0) {
            return Math.max(2 * stats.maxMicros() * 1000, settings.interval().toNanos());
        }
        return settings.replyTimeout().toNanos();
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /** Sends the next probe; false when the pinger was stopped meanwhile. */
    private boolean send(long now, PingListener listener) throws IOException {
        if (settings.reportOutstanding() && probes.transmitted() > 0) {
            int last = (int) (probes.transmitted() & 0xffff);
            if (!probes.answered(last)) {
                listener.onEvent(new PingEvent.NoAnswerYet(last));
            }
        }
        int seq = probes.nextSeq();
        packet[6] = (byte) (seq >>> 8);
        packet[7] = (byte) seq;
        if (computeChecksum) {
            packet[2] = 0;
            packet[3] = 0;
            int c = Checksum.of(packet, 0, packet.length);
            packet[2] = (byte) (c >>> 8);
            packet[3] = (byte) c;
        }
        long sentAt;
        try {
            sentAt = socket.send(out, target);
        } catch (ClosedSocketException e) {
            if (stopping) {
                return false;
            }
            throw e;
        } catch (IOException e) {
            String message = e.getMessage();
            // The kernel explains a local failure (EMSGSIZE against the path MTU) in a report on the error
            // queue; iputils reads it at once and prints it instead of the errno. Messages met meanwhile
            // are handled as usual.
            localError = null;
            draining = true;
            try {
                for (int i = 0; i < DRAIN_LIMIT && socket.receive(in, 0); i++) {
                    handle(listener);
                }
            } catch (ClosedSocketException closed) {
                if (stopping) {
                    return false;
                }
                throw closed;
            } finally {
                draining = false;
            }
            if (localError != null) {
                message = localError;
            }
            // iputils: a local send error still counts as a probe sent, and as an error.
            probes.sent(0);
            probes.markErrored(seq);
            stats.sent(now);
            stats.error();
            listener.onEvent(new PingEvent.SendError(seq, message));
            return true;
        }
        probes.sent(sentAt);
        stats.sent(now);
        if (routine) {
            listener.onEvent(new PingEvent.Sent(seq, sentAt));
        } else {
            listener.onSent(seq);
        }
        return true;
    }

    /** Receives and handles one message; false when none came within the timeout (or the run was stopped). */
    private boolean receive(long timeoutNanos, PingListener listener) throws IOException {
        try {
            if (!socket.receive(in, timeoutNanos)) {
                return false;
            }
        } catch (ClosedSocketException e) {
            if (stopping) {
                return false;
            }
            throw e;
        }
        handle(listener);
        return true;
    }

    /** Handles what is already queued, without waiting, until the count is met (at most a bounded number). */
    private void takeQueued(long count, PingListener listener) throws IOException {
        for (int i = 0; i < DRAIN_LIMIT; i++) {
            if (stopping || count > 0 && stats.received() + stats.errors() >= count || !receive(0, listener)) {
                return;
            }
        }
    }

    /** Matches and reports what {@link #in} holds. */
    private void handle(PingListener listener) {
        if (in.isErrorReport()) {
            errorReport(listener);
            return;
        }
        byte[] data = in.data();
        int len = in.length();
        if (family == Family.IPV4) {
            reader.reset(data, 0, len);
        } else {
            reader.resetV6(data, 0, len);
        }
        int type = reader.type();
        if (type == replyType && reader.valid()) {
            int seq = reader.seq();
            if (reader.id() == id && probes.wasSent(seq) && fromTarget()) {
                reply(seq, listener);
                return;
            }
        } else if (IcmpReader.isError(family == Family.IPV4 ? 4 : 6, type) && reader.quotedType() == requestType
                && reader.quotedId() == id && (reader.quotedDestinationEquals(targetBytes)
                || alsoFrom != null && reader.quotedDestinationEquals(alsoFrom))
                && probes.wasSent(reader.quotedSeq())) {
            int seq = reader.quotedSeq();
            countError(seq, type);
            listener.onEvent(new PingEvent.ErrorReply(seq, in.source(), IcmpMessage.from(reader)));
            return;
        }
        if (listener.wantsForeign() && len > 0) {
            listener.onEvent(new PingEvent.Foreign(in.source(), IcmpMessage.from(reader)));
        }
    }

    private void countError(int seq, int type) {
        // iputils reports redirects and source quenches but does not count them as errors.
        if (family == Family.IPV6 || (type != 4 && type != 5)) {
            stats.inFlight(probes.acknowledge(seq));
            probes.markErrored(seq);
            stats.error();
        }
    }

    /**
     * A datagram socket's error-queue report: an ICMP error about one of our probes (the report quotes it, the
     * kernel's identifier included) becomes the same {@link PingEvent.ErrorReply} a raw socket's error does; a
     * local report explains a failed send.
     */
    private void errorReport(PingListener listener) {
        byte[] d = in.data();
        int len = in.length();
        boolean quotesOurs = len >= 8 && (d[0] & 0xff) == requestType && u16(d, 4) == id;
        if (in.errorOrigin() == Inbound.ORIGIN_LOCAL) {
            if (draining) {
                // A send tried twice (the socket retries once) leaves two reports: the first explains it.
                if (localError == null) {
                    localError = localErrorText(in);
                }
                return;
            }
            // Not taken right after its send: still an error, as iputils counts every local report.
            int seq = quotesOurs ? u16(d, 6) : (int) (probes.transmitted() & 0xffff);
            stats.error();
            listener.onEvent(new PingEvent.SendError(seq, localErrorText(in)));
            return;
        }
        if (quotesOurs && fromTarget() && probes.wasSent(u16(d, 6))) {
            int seq = u16(d, 6);
            countError(seq, in.errorType());
            listener.onEvent(new PingEvent.ErrorReply(seq, reporter(in),
                    fromReport(in, family == Family.IPV4 ? 4 : 6)));
            return;
        }
        if (listener.wantsForeign() && in.errorType() >= 0) {
            IcmpMessage m = fromReportOrNull(in, family == Family.IPV4 ? 4 : 6);
            if (m != null) {
                listener.onEvent(new PingEvent.Foreign(reporter(in), m));
            }
        }
    }

    private boolean fromTarget() {
        return anySource || in.sourceIs(targetBytes) || alsoFrom != null && in.sourceIs(alsoFrom);
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static InetAddress reporter(Inbound in) {
        InetAddress from = in.errorSource();
        return from != null ? from : in.source();
    }

    private static IcmpMessage fromReport(Inbound in, int fam) {
        return IcmpMessage.fromErrorReport(fam, in.errorType(), in.errorCode(), in.errorInfo(), in.errorSource(),
                in.source(), in.data(), 0, in.length());
    }

    private static IcmpMessage fromReportOrNull(Inbound in, int fam) {
        try {
            return fromReport(in, fam);
        } catch (IllegalArgumentException notAnError) {
            return null;
        }
    }

    /**
     * iputils' wording of a local error report: {@code local error: message too long, mtu=1500} (IPv6:
     * {@code mtu: 1500}, as its ping6 code says it), else {@code local error: } and the errno's description.
     */
    static String localErrorText(Inbound in) {
        if ("EMSGSIZE".equals(in.errorErrnoName())) {
            return "local error: message too long, mtu" + (in.family() == Family.IPV6 ? ": " : "=")
                    + Integer.toUnsignedString(in.errorInfo());
        }
        return "local error: " + in.errorErrnoDescription();
    }

    private void reply(int seq, PingListener listener) {
        boolean checksumOk = family == Family.IPV6 || reader.checksumValid();
        int wrong = reader.firstPayloadDifference(payload);
        int expected = wrong >= 0 && wrong < payload.length ? payload[wrong] & 0xff : -1;
        int actual = wrong >= 0 ? reader.payloadByte(wrong) : -1;
        long rtt = Math.max(0, in.kernelTimeNanos() - probes.sentAt(seq));
        boolean duplicate;
        if (checksumOk && wrong < 0) {
            stats.inFlight(probes.acknowledge(seq));
            duplicate = probes.markAnswered(seq);
            stats.reply(rtt, duplicate);
        } else {
            duplicate = probes.answered(seq);
            stats.corrupted();
        }
        if (!routine && checksumOk && wrong < 0 && !duplicate) {
            listener.onReply(seq);
            return;
        }
        int ttl = in.ttl() >= 0 ? in.ttl() : reader.ipTtl();
        // The source's bytes are the target's (matched above): an IPv4 target is that very address, made once.
        InetAddress from = family == Family.IPV4 && alsoFrom == null && !anySource ? target : in.source();
        listener.onEvent(new PingEvent.Reply(seq, from, reader.icmpLength(), ttl, rtt, duplicate, checksumOk,
                wrong, expected, actual, in.kernelTimestamp(),
                listener.wantsMessages() ? IcmpMessage.from(reader) : null));
    }

    // At the end, one Timeout per probe that got neither a reply nor an error (within the last 65536).
    private void reportOutstanding(PingListener listener) {
        long tx = probes.transmitted();
        for (long n = Math.max(1, tx - ProbeTable.SLOTS + 1); n <= tx; n++) {
            int seq = (int) (n & 0xffff);
            if (!probes.answered(seq) && !probes.errored(seq)) {
                listener.onEvent(new PingEvent.Timeout(seq));
            }
        }
    }

    /**
     * <b>Ends the run as soon as possible; thread-safe (a signal handler or another thread may call it).</b>
     * Closes the socket, which wakes the loop at once; {@link #run} then returns the statistics so far.
     */
    public void stop() {
        stopping = true;
        socket.close();
    }

    /** <b>The statistics so far; thread-safe, for interim reports (SIGQUIT) while the run goes on.</b> */
    public PingStatistics snapshot() {
        return stats.snapshot();
    }

    /** <b>Closes the socket; idempotent.</b> */
    @Override
    public void close() {
        stopping = true;
        socket.close();
    }

    /** One line: target, socket kind and identifier. */
    @Override
    public String toString() {
        return "Pinger[" + settings.targetName() + " " + socket.kind() + " id=" + id + "]";
    }
}
