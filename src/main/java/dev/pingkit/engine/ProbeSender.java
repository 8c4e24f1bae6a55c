package dev.pingkit.engine;

import dev.pingkit.packet.EchoWire;
import dev.pingkit.socket.ClosedSocketException;
import dev.pingkit.socket.NativeSocketException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * <b>Sends one probe of the {@link Engine}'s run: takes the next sequence number (or the probe's own), sets the socket's TTL and TOS as
 * the spec asks, encodes the request into one reused buffer and starts the probe's lifecycle.</b>
 *
 * <p>Run thread only: no lock, no allocation (the encoding of a spec is reused while only the sequence number
 * changes), unless every probe carries new random data. A send the kernel refuses ends the probe as a
 * {@link ProbeEvent.SendFailed}, with the kernel's own report when one is queued.
 */
final class ProbeSender {
    /** At most this many messages are taken from the socket after a failed send, looking for its report. */
    private static final int DRAIN_LIMIT = 64;

    private final Engine engine;
    private final ProbeLifecycle probes;
    private final Matcher matcher;
    private final byte[] out = new byte[EchoWire.HEADER + ProbeSpec.MAX_PAYLOAD];
    private final byte[] scratch = new byte[16]; // a block target's address, computed for the probe table
    private final ByteBuffer outBuffer = ByteBuffer.wrap(out);
    private ProbeSpec encodedSpec;
    private FamilyState encodedFamily;
    private int encodedLength;
    private int nextSeq = 1;
    private long lastSend;
    private boolean sentAny;
    private ProbeListener listener = ProbeListener.NONE;
    private boolean routine;
    private SplittableRandom random; // new random data bytes for every probe, null: the spec's

    ProbeSender(Engine engine, ProbeLifecycle probes, Matcher matcher) {
        this.engine = engine;
        this.probes = probes;
        this.matcher = matcher;
    }

    void listening(ProbeListener l) {
        listener = l;
        routine = l.wantsRoutineEvents();
    }

    /** The sequence number of the next probe (0..65535). */
    void firstSequence(int seq) {
        nextSeq = seq;
    }

    void randomPayloads(boolean on) {
        random = on ? new SplittableRandom() : null;
    }

    /** True once a probe was sent (or tried). */
    boolean sentAny() {
        return sentAny;
    }

    /** The clock reading the last probe was sent at. */
    long lastSend() {
        return lastSend;
    }

    /** Sends one probe to target {@code index} with the counter's next sequence number, stamped {@code now}. */
    void send(int index, ProbeSpec spec, int tag, long now) throws IOException {
        send(index, spec, tag, -1, now);
    }

    /**
     * Sends one probe to target {@code index}, stamped {@code now}, carrying {@code ownSeq} (-1: the counter's
     * next); its events go to the listener before this returns. A probe with its own seq must not find one to that
     * target with that seq in flight (the schedule holds it back until that one ends).
     */
    void send(int index, ProbeSpec spec, int tag, int ownSeq, long now) throws IOException {
        TargetBlock t = probes.targets.block(index);
        if (random != null) {
            byte[] data = new byte[spec.payloadSize()];
            random.nextBytes(data);
            spec = spec.payload(data); // the slot keeps it: the reply is checked against these bytes
        }
        FamilyState fs = t.family;
        int seq;
        int slot;
        if (ownSeq < 0) {
            seq = nextSeq & fs.seqMask; // PROBE's sequence number is 8 bits: it wraps at 256
            nextSeq = (seq + 1) & fs.seqMask;
            probes.reuse(seq);
            slot = seq;
        } else {
            seq = ownSeq;
            slot = probes.slots.claim(index, ProbeSlots.addressHash(t.address(index, scratch), 0, t.addressLength()),
                    seq);
        }
        int ttl = spec.ttl() >= 0 ? spec.ttl() : fs.baseTtl;
        if (ttl != fs.ttl) {
            fs.socket.setTtl(ttl);
            fs.ttl = ttl;
        }
        int tos = spec.tos() >= 0 ? spec.tos() : fs.baseTos;
        if (tos != fs.tos) {
            fs.socket.setTos(tos);
            fs.tos = tos;
        }
        if (spec != encodedSpec || fs != encodedFamily) {
            encodedLength = EchoWire.request(out, fs.wireFamily, fs.wireId(), fs.wireSequence(seq), spec.payloadBytes(),
                    fs.checksum);
            encodedSpec = spec;
            encodedFamily = fs;
        } else {
            EchoWire.sequence(out, encodedLength, fs.wireSequence(seq), fs.checksum);
        }
        if (!fs.echo || spec.checksum() >= 0) {
            header(fs, spec, seq);
        }
        if (fs.byNonce && encodedLength >= 16) {
            fs.writeNonce(out, 8, seq); // over the payload's first 8 bytes, kept free for it
        }
        outBuffer.limit(encodedLength).position(0);
        long number = probes.targets.nextNumber(index);
        probes.start(slot, index, number, spec, tag, satAdd(now, spec.timeoutNanos()));
        lastSend = now;
        sentAny = true;
        t.stats(index).sent();
        long sentAt;
        try {
            sentAt = fs.socket.send(outBuffer, t.inet(index));
        } catch (ClosedSocketException e) {
            if (engine.stopped()) {
                return;
            }
            throw e;
        } catch (IOException e) {
            sendFailed(slot, fs, e);
            return;
        }
        probes.sent(slot, sentAt);
        if (routine) {
            listener.onEvent(new ProbeEvent.Sent(probes.probe(slot), sentAt));
        } else {
            listener.onSent(index, number);
        }
    }

    /**
     * Another query than echo (timestamp, PROBE: the spec's payload is the body after byte 7), an experiment's
     * type or code, or a checksum sent as given, not computed.
     */
    private void header(FamilyState fs, ProbeSpec spec, int seq) {
        out[0] = (byte) fs.request;
        out[1] = (byte) fs.code;
        EchoWire.sequence(out, encodedLength, fs.wireSequence(seq), fs.checksum);
        if (spec.checksum() >= 0) {
            out[2] = (byte) (spec.checksum() >>> 8);
            out[3] = (byte) spec.checksum();
        }
        encodedSpec = null; // the buffer no longer holds the plain encoding of spec
    }

    /**
     * The kernel refused a send: its local report (EMSGSIZE with the path MTU) waits on the error queue and the
     * matcher fails the probe with it; what else is queued meanwhile is handled as usual.
     */
    private void sendFailed(int slot, FamilyState fs, IOException e) throws IOException {
        matcher.forgetLocalReport();
        for (int i = 0; i < DRAIN_LIMIT && probes.isPending(slot) && fs.socket.receive(matcher.in, 0); i++) {
            matcher.handle(fs);
        }
        if (probes.isPending(slot)) {
            probes.fail(slot);
            if (matcher.forgetLocalReport()) {
                // the report quoted nothing (as the kernel's EMSGSIZE report does) but came with this send
                listener.onEvent(new ProbeEvent.SendFailed(probes.probe(slot), matcher.localErrnoName,
                        matcher.localErrnoDescription, matcher.localMtu));
                return;
            }
            String name = e instanceof NativeSocketException n ? n.errnoName() : "EIO";
            String description = e instanceof NativeSocketException n ? n.errnoDescription() : e.getMessage();
            listener.onEvent(new ProbeEvent.SendFailed(probes.probe(slot), name, description, 0));
        }
    }

    /** {@code a + b}, or {@code Long.MAX_VALUE} where that overflows (a timeout of "never"). */
    static long satAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
