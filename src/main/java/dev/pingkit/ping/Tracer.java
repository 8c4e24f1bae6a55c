package dev.pingkit.ping;

import dev.pingkit.packet.Checksum;
import dev.pingkit.packet.IcmpMessage;
import dev.pingkit.packet.IcmpReader;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * <b>Traces the path to a target with TTL-limited echo requests over one socket, traceroute's way.</b>
 * Probes go out {@link TraceSettings#simultaneous()} at a time (so a trace costs about one round trip per batch,
 * not one per hop); an answer is matched to its probe by the echo identifier and sequence number, either in an echo
 * reply from the target or in the datagram an ICMP error quotes; a probe not answered within traceroute's wait
 * (the longest, or a multiple of an answered probe's RTT of the same or a later hop) is a timeout. The trace ends
 * with the hop whose answer is final (the destination's reply, an unreachable) or at the maximum TTL.
 *
 * <pre>{@code
 * try (Tracer t = Tracer.open(TraceSettings.to(InetAddress.getByName("127.0.0.1")))) {
 *     List<TraceProbe> probes = t.run(System.out::println);
 * }
 * }</pre>
 */
public final class Tracer implements AutoCloseable {
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** traceroute adds a millisecond to an RTT before multiplying it, so a tiny RTT still gives a usable wait. */
    private static final long WAIT_PRECISION_NANOS = 1_000_000;

    private final TraceSettings settings;
    private final IcmpSocket socket;
    private final TimeSource time;
    private final int fam;
    private final InetAddress target;
    private final byte[] targetBytes;
    private final int id;
    private final boolean datagram;
    private final int requestType;
    private final int replyType;
    private final byte[] packet;
    private final ByteBuffer out;
    private final Inbound in = new Inbound();
    private final IcmpReader reader = new IcmpReader();
    private final int baseSeq;
    private volatile boolean stopping;

    // per probe, by index = (ttl - firstTtl) * probesPerHop + number within the hop
    private long[] sentMono;
    private long[] sentReal;
    private TraceProbe[] result;

    /** <b>A tracer over an open socket and a clock</b> (tests pass an in-memory socket). It owns the socket. */
    public Tracer(TraceSettings settings, IcmpSocket socket, TimeSource time) {
        this(settings, socket, time, -1);
    }

    private Tracer(TraceSettings settings, IcmpSocket socket, TimeSource time, int rawId) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.socket = Objects.requireNonNull(socket, "socket");
        this.time = Objects.requireNonNull(time, "time");
        this.fam = settings.family();
        if ((socket.family() == Family.IPV4 ? 4 : 6) != fam) {
            throw new IllegalArgumentException("socket must be IPv" + fam + " for target "
                    + settings.target().getHostAddress() + ", got " + socket.family());
        }
        this.target = settings.target();
        this.targetBytes = target.getAddress();
        this.datagram = socket.kind() == SocketKind.DATAGRAM;
        this.id = datagram ? socket.localId() : rawId >= 0 ? rawId : nextId();
        this.requestType = fam == 4 ? 8 : 128;
        this.replyType = fam == 4 ? 0 : 129;
        this.baseSeq = 1;
        this.packet = new byte[8 + settings.payloadLength()];
        packet[0] = (byte) requestType;
        packet[4] = (byte) (id >>> 8);
        packet[5] = (byte) id;
        // traceroute's filler: '@', 'A', 'B', ... repeating every 64 bytes
        for (int i = 8; i < packet.length; i++) {
            packet[i] = (byte) (0x40 + ((i - 8) & 0x3f));
        }
        this.out = ByteBuffer.wrap(packet);
    }

    /**
     * <b>Opens the socket the settings ask for (raw when permitted, else a datagram ping socket; in their
     * namespace, bound as asked) and a tracer over it.</b> A raw socket lets through only echo replies with the
     * tracer's identifier and ICMP errors.
     *
     * @throws dev.pingkit.socket.PermissionException if no ICMP socket may be opened
     */
    public static Tracer open(TraceSettings settings) throws IOException {
        SocketOptions o = SocketOptions.DEFAULTS.receiveBuffer(Pinger.RECEIVE_BUFFER);
        if (settings.tos() >= 0) {
            o = o.tos(settings.tos());
        }
        if (settings.dontFragment()) {
            o = o.dontFragment(true);
        }
        o = o.source(settings.source()).device(settings.device()).netns(settings.netns());
        IcmpSocket s = IcmpSockets.open(settings.family() == 4 ? Family.IPV4 : Family.IPV6, SocketKind.AUTO, o);
        try {
            int rawId = -1;
            if (s.kind() == SocketKind.RAW) {
                rawId = nextId();
                s.filterEchoReplies(rawId);
            }
            return new Tracer(settings, s, TimeSource.SYSTEM, rawId);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * <b>Loads the native layer without opening anything</b>, so a command can do it on a spare thread while it
     * parses its options (JNA's start-up is most of a short trace's own time).
     */
    public static void prepare() {
        IcmpSockets.prepare();
    }

    private static int nextId() {
        return (int) ((ProcessHandle.current().pid() + 0x5a5a + INSTANCES.getAndIncrement()) & 0xffff);
    }

    /** <b>The settings this tracer runs with.</b> */
    public TraceSettings settings() {
        return settings;
    }

    /**
     * <b>Runs the trace; each probe goes to {@code listener} as soon as it and every probe before it have
     * ended.</b> Returns every probe up to the final hop (or the maximum TTL), in order. A tracer runs once.
     *
     * @throws IOException if the socket fails (a {@link #stop()} is a normal end, returning what ended so far)
     */
    public List<TraceProbe> run(TraceListener listener) throws IOException {
        Objects.requireNonNull(listener, "listener");
        if (result != null) {
            throw new IllegalStateException("a tracer runs once");
        }
        int q = settings.probesPerHop();
        int n = (settings.maxTtl() - settings.firstTtl() + 1) * q;
        sentMono = new long[n];
        sentReal = new long[n];
        result = new TraceProbe[n];
        boolean[] sent = new boolean[n];
        List<TraceProbe> done = new ArrayList<>();
        int end = n;
        int next = 0; // the first probe not yet handed to the listener
        long lastSend = Long.MIN_VALUE / 2;
        long sendWait = settings.sendWait().toNanos();
        try {
            while (next < end && !stopping) {
                long now = time.nanoTime();
                long wake = Long.MAX_VALUE;
                // expire what waited long enough
                for (int i = next; i < end; i++) {
                    if (sent[i] && result[i] == null) {
                        long due = sentMono[i] + waitFor(i, n);
                        if (due <= now) {
                            result[i] = TraceProbe.timeout(ttlOf(i), i % q, seqOf(i));
                        } else {
                            wake = Math.min(wake, due);
                        }
                    }
                }
                // hand over, in order
                while (next < end && result[next] != null) {
                    TraceProbe p = result[next++];
                    done.add(p);
                    listener.onProbe(p);
                    if (p.isFinal()) {
                        end = Math.min(end, (p.ttl() - settings.firstTtl() + 1) * q);
                    }
                }
                if (next >= end) {
                    break;
                }
                // send while fewer than `simultaneous` are in flight
                int inFlight = 0;
                for (int i = next; i < end; i++) {
                    if (sent[i] && result[i] == null) {
                        inFlight++;
                    }
                }
                for (int i = next; i < end && inFlight < settings.simultaneous(); i++) {
                    if (sent[i]) {
                        continue;
                    }
                    now = time.nanoTime();
                    if (sendWait > 0 && now - lastSend < sendWait) {
                        wake = Math.min(wake, lastSend + sendWait);
                        break;
                    }
                    send(i);
                    sent[i] = true;
                    lastSend = now;
                    inFlight++;
                    wake = Math.min(wake, sentMono[i] + waitFor(i, n));
                }
                now = time.nanoTime();
                long timeout = wake == Long.MAX_VALUE ? 0 : Math.max(0, wake - now);
                if (socket.receive(in, timeout)) {
                    handle(n);
                    // take what else is queued before deciding anything
                    for (int k = 0; k < 64 && socket.receive(in, 0); k++) {
                        handle(n);
                    }
                }
            }
        } catch (ClosedSocketException e) {
            if (!stopping) {
                throw e;
            }
        }
        return List.copyOf(done);
    }

    private int ttlOf(int i) {
        return settings.firstTtl() + i / settings.probesPerHop();
    }

    private int seqOf(int i) {
        return (baseSeq + i) & 0xffff;
    }

    private int indexOf(int seq, int n) {
        int i = (seq - baseSeq) & 0xffff;
        return i < n ? i : -1;
    }

    // traceroute's get_timeout(): a multiple of an answered probe's RTT of this hop, else of a later one, capped.
    private long waitFor(int i, int n) {
        long max = settings.waitMax().toNanos();
        int q = settings.probesPerHop();
        if (settings.hereFactor() > 0) {
            int first = i - i % q;
            for (int k = first; k < first + q; k++) {
                if (result[k] != null && !result[k].timedOut()) {
                    return Math.min(max, (long) ((result[k].rttNanos() + WAIT_PRECISION_NANOS) * settings.hereFactor()));
                }
            }
        }
        if (settings.nearFactor() > 0) {
            for (int k = i + 1; k < n && sentMono[k] != 0; k++) {
                if (result[k] != null && !result[k].timedOut()) {
                    return Math.min(max, (long) ((result[k].rttNanos() + WAIT_PRECISION_NANOS) * settings.nearFactor()));
                }
            }
        }
        return max;
    }

    private void send(int i) throws IOException {
        int seq = seqOf(i);
        packet[6] = (byte) (seq >>> 8);
        packet[7] = (byte) seq;
        if (fam == 4 && !datagram) {
            packet[2] = 0;
            packet[3] = 0;
            int c = Checksum.of(packet, 0, packet.length);
            packet[2] = (byte) (c >>> 8);
            packet[3] = (byte) c;
        }
        socket.setTtl(ttlOf(i));
        long mono = time.nanoTime();
        sentReal[i] = socket.send(out, target);
        sentMono[i] = mono == 0 ? 1 : mono; // 0 means "not sent" to waitFor's forward scan
    }

    private void handle(int n) {
        if (in.isErrorReport()) {
            errorReport(n);
            return;
        }
        if (fam == 4) {
            reader.reset(in.data(), 0, in.length());
        } else {
            reader.resetV6(in.data(), 0, in.length());
        }
        if (!reader.valid()) {
            return;
        }
        int type = reader.type();
        if (type == replyType) {
            int i = indexOf(reader.seq(), n);
            if (reader.id() == id && i >= 0 && sentMono[i] != 0 && result[i] == null && in.sourceIs(targetBytes)) {
                result[i] = answer(i, in.source(), IcmpMessage.from(reader), false);
            }
        } else if (IcmpReader.isError(fam, type) && reader.quotedType() == requestType && reader.quotedId() == id
                && reader.quotedDestinationEquals(targetBytes)) {
            int i = indexOf(reader.quotedSeq(), n);
            if (i >= 0 && sentMono[i] != 0 && result[i] == null) {
                result[i] = answer(i, in.source(), IcmpMessage.from(reader), quoteAltered());
            }
        }
    }

    // A datagram socket's error queue: the report carries our request as sent (the kernel's identifier in it).
    private void errorReport(int n) {
        byte[] d = in.data();
        if (in.errorOrigin() == Inbound.ORIGIN_LOCAL || in.length() < 8 || (d[0] & 0xff) != requestType
                || u16(d, 4) != id || !in.sourceIs(targetBytes)) {
            return;
        }
        int i = indexOf(u16(d, 6), n);
        if (i < 0 || sentMono[i] == 0 || result[i] != null) {
            return;
        }
        InetAddress from = in.errorSource() != null ? in.errorSource() : in.source();
        IcmpMessage m;
        try {
            m = IcmpMessage.fromErrorReport(fam, in.errorType(), in.errorCode(), in.errorInfo(), in.errorSource(),
                    in.source(), d, 0, in.length());
        } catch (IllegalArgumentException notAnError) {
            return;
        }
        result[i] = answer(i, from, m, false);
    }

    private TraceProbe answer(int i, InetAddress from, IcmpMessage m, boolean altered) {
        int ttl = in.ttl() >= 0 ? in.ttl() : in.isErrorReport() ? -1 : reader.ipTtl();
        long rtt = Math.max(0, in.kernelTimeNanos() - sentReal[i]);
        return new TraceProbe(ttlOf(i), i % settings.probesPerHop(), seqOf(i), from, rtt, ttl, m, altered);
    }

    /**
     * True when the quoted echo request differs from what we sent in a byte a router has no business changing:
     * type, code, (IPv4) checksum, or the quoted part of the payload. The sequence number is patched in the send
     * buffer per probe, and id/seq were matched already; the ICMPv6 checksum is the kernel's, so it is skipped.
     */
    private boolean quoteAltered() {
        int off = reader.quotedIcmpOffset();
        int avail = reader.icmpOffset() + reader.icmpLength() - off;
        if (off < 0 || avail < 8) {
            return false;
        }
        byte[] d = in.data();
        int seq = reader.quotedSeq();
        byte[] expected = packet.clone();
        expected[6] = (byte) (seq >>> 8);
        expected[7] = (byte) seq;
        if (fam == 4 && !datagram) {
            expected[2] = 0;
            expected[3] = 0;
            int c = Checksum.of(expected, 0, expected.length);
            expected[2] = (byte) (c >>> 8);
            expected[3] = (byte) c;
        }
        int len = Math.min(avail, expected.length);
        for (int k = 0; k < len; k++) {
            if (fam == 6 && (k == 2 || k == 3)) {
                continue;
            }
            if (d[off + k] != expected[k]) {
                return true;
            }
        }
        return false;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    /** <b>Ends the run as soon as possible; thread-safe.</b> {@link #run} returns the probes ended so far. */
    public void stop() {
        stopping = true;
        socket.close();
    }

    /** <b>Closes the socket; idempotent.</b> */
    @Override
    public void close() {
        stopping = true;
        socket.close();
    }

    /** One line: target, socket kind, identifier. */
    @Override
    public String toString() {
        return "Tracer[" + target.getHostAddress() + " " + socket.kind() + " id=" + id + "]";
    }

}
