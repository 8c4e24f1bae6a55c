package dev.pingkit.engine;

import dev.pingkit.packet.IcmpMessage;
import dev.pingkit.packet.IcmpReader;
import dev.pingkit.packet.IcmpTypes;
import dev.pingkit.socket.Inbound;

import java.net.InetAddress;

/**
 * <b>The one matcher: says which probe of the {@link Engine}'s table a received message is about, and how.</b>
 *
 * <p>A reply of the probes' own reply type (echo 0/129, timestamp 14, information 16, address mask 18, extended
 * echo 43/161) belongs to the probe of (its source, the socket's identifier, its sequence number): the table's
 * slot of that sequence number, or an extra one when two targets share it; an ICMP error (a raw
 * socket's packet, or a datagram socket's error-queue report) when the query it quotes is of the probes' type and
 * carries our identifier, that sequence number and that target as destination. An extended echo's sequence number is byte 6 alone, and its reply with a non-zero
 * code (RFC 8335's No Such Interface...) fails the probe as an error does. A query with no identifier and sequence
 * number (RFC 4620 node information) is matched by its nonce ({@link FamilyState#nonceSequence}) and source; an
 * error quoting one is left a stray (its quote carries no nonce to match). Decoding reads the reused {@link Inbound} through a
 * reused {@link IcmpReader}: nothing is allocated per packet unless the listener asked for event objects.
 */
final class Matcher {
    final Inbound in = new Inbound();
    private final IcmpReader reader = new IcmpReader();
    private final ProbeLifecycle probes;
    private final ProbeSlots slots;
    private final TargetTable targets;
    // a block target's address, computed to compare with a message's (exactly 4 or 16 bytes, as they compare)
    private final byte[] scratch4 = new byte[4];
    private final byte[] scratch16 = new byte[16];
    private ProbeListener listener = ProbeListener.NONE;
    // A local report that names no probe (the kernel's EMSGSIZE report quotes no datagram), kept for the failed
    // send it explains: the first since forgetLocalReport(), as a send retried once leaves two.
    private boolean localReport;
    String localErrnoName;
    String localErrnoDescription;
    int localMtu;
    private boolean strays;
    private boolean messages;

    Matcher(ProbeLifecycle probes) {
        this.probes = probes;
        this.slots = probes.slots;
        this.targets = probes.targets;
    }

    void listening(ProbeListener l) {
        listener = l;
        strays = l.wantsStrays();
        messages = l.wantsMessages();
    }

    /** Matches and reports what {@link #in} holds, received on the socket of {@code fs}. */
    void handle(FamilyState fs) {
        if (in.isErrorReport()) {
            report(fs);
            return;
        }
        byte[] data = in.data();
        int len = in.length();
        if (fs.wireFamily == 4) {
            reader.reset(data, 0, len);
        } else {
            reader.resetV6(data, 0, len);
        }
        int type = reader.type();
        if (fs.isReply(type) && reader.valid() && (fs.byNonce || reader.id() == fs.id)) {
            int slot = slot(fs.byNonce ? fs.nonceSequence(reader) : reader.seq(), fs, FROM_TARGET);
            if (slot != ProbeSlots.NONE) {
                reply(slot, slots.target(slot), fs);
                return;
            }
        } else if (IcmpTypes.isError(fs.wireFamily, type) && reader.quotedType() == fs.request
                && reader.quotedId() == fs.id) {
            int slot = slot(reader.quotedSeq(), fs, QUOTING_TARGET);
            if (slot != ProbeSlots.NONE) {
                error(slot, fs, type, in.source(), IcmpMessage.from(reader));
                return;
            }
        }
        if (strays && len > 0) {
            listener.onEvent(new ProbeEvent.Stray(in.source(), IcmpMessage.from(reader)));
        }
    }

    // How slot() tells a probe's target: the reply's source, the destination an error quotes, or (a datagram
    // socket's error-queue report) the source the kernel names, which is the quoted destination.
    private static final int FROM_TARGET = 0;
    private static final int QUOTING_TARGET = 1;
    private static final int REPORTED_FROM_TARGET = 2;

    /**
     * The slot of the probe on this family's socket that carried {@code seq} to the target {@code how} names, or
     * {@link ProbeSlots#NONE}: the one in flight if there is one, else the latest that ended. Slot {@code seq}
     * first; only a sequence number shared by two targets, or sent again to one, has extra slots to look up.
     */
    private int slot(int seq, FamilyState fs, int how) {
        if (seq < 0) {
            return ProbeSlots.NONE;
        }
        int ended = ProbeSlots.NONE;
        if (slots.state(seq) != ProbeSlots.FREE && isFor(slots.target(seq), fs, how)) {
            if (slots.state(seq) == ProbeSlots.PENDING || !slots.shared(seq)) {
                return seq; // the common case: one probe under this seq
            }
            ended = seq;
        }
        if (!slots.shared(seq)) {
            return ended;
        }
        // Extra slots of this seq (several targets share it, or it went again to one): by the address named.
        int k = ProbeSlots.key(seq, how == QUOTING_TARGET
                ? ProbeSlots.addressHash(in.data(), reader.quotedDestinationOffset(), reader.quotedAddressLength())
                : ProbeSlots.addressHash(in.sourceBytes(), 0, in.family().addressLength()));
        for (int p = slots.first(k), s; (s = slots.at(p, k)) != -2; p = slots.after(p)) {
            if (s == ProbeSlots.NONE || slots.seq(s) != seq || slots.state(s) == ProbeSlots.FREE
                    || !isFor(slots.target(s), fs, how)) {
                continue;
            }
            if (slots.state(s) == ProbeSlots.PENDING) {
                return s;
            }
            // ended: a duplicate or a late reply; of a (target, seq) sent twice, the latest probe's
            ended = ended == ProbeSlots.NONE || slots.number(s) > slots.number(ended) ? s : ended;
        }
        return ended;
    }

    /** True when the message names target {@code index} as {@code how} says, on that target's family's socket. */
    private boolean isFor(int index, FamilyState fs, int how) {
        TargetBlock t = targets.block(index);
        if (t.family != fs) {
            return false;
        }
        if (how == FROM_TARGET && fs.anySource) {
            return true;
        }
        byte[] a = address(t, index);
        byte[] also = t.alsoFrom(index, a);
        return how == QUOTING_TARGET
                ? reader.quotedDestinationEquals(a) || also != null && reader.quotedDestinationEquals(also)
                : in.sourceIs(a) || also != null && in.sourceIs(also);
    }

    /** Target {@code index}'s address bytes (of {@code t}), in a reused array: valid until the next call. */
    private byte[] address(TargetBlock t, int index) {
        return t.address(index, t.addressLength() == 4 ? scratch4 : scratch16);
    }

    private void reply(int slot, int index, FamilyState fs) {
        TargetBlock t = targets.block(index);
        StatisticsRecorder stats = t.stats(index);
        byte[] payload = slots.spec(slot).payloadBytes();
        boolean checksumOk = fs.wireFamily == 6 || reader.checksumValid();
        // Only an echo reply gives the request's data back; a timestamp or PROBE reply carries its own fields.
        int wrong = fs.comparesPayload ? reader.firstPayloadDifference(payload) : -1;
        if (wrong >= 0 && slots.shared(slots.seq(slot))) {
            // The same (target, id, seq) went out again (sizes at one seq): a reply with the earlier probe's data is
            // that probe's late reply, not a corrupted answer to the one now in flight.
            int before = slots.sibling(slot, ProbeSlots.addressHash(address(t, index), 0, t.addressLength()));
            if (before != ProbeSlots.NONE && reader.firstPayloadDifference(slots.spec(before).payloadBytes()) < 0) {
                slot = before;
                payload = slots.spec(slot).payloadBytes();
                wrong = -1;
            }
        }
        int expected = wrong >= 0 && wrong < payload.length ? payload[wrong] & 0xff : -1;
        int actual = wrong >= 0 ? reader.payloadByte(wrong) : -1;
        long rtt = Math.max(0, in.kernelTimeNanos() - slots.sentAt(slot));
        int ttl = in.ttl() >= 0 ? in.ttl() : reader.ipTtl();
        int length = reader.icmpLength();
        if (!checksumOk || wrong >= 0) {
            stats.corrupted();
            listener.onEvent(new ProbeEvent.Corrupted(probes.probe(slot), from(t, index), rtt, ttl, length,
                    in.kernelTimestamp(), checksumOk, wrong, expected, actual, messages ? message() : null));
            return;
        }
        if (fs.seqMask == 0xff && reader.code() != 0) {
            // RFC 8335: an extended echo reply with a non-zero code (No Such Interface, Malformed Query...) says
            // the query could not be answered; it ends the probe as an error would, not as an answer.
            error(slot, fs, reader.type(), in.source(), message());
            return;
        }
        switch (slots.state(slot)) {
            case ProbeSlots.PENDING:
                probes.answer(slot);
                stats.reply(rtt, false);
                if (probes.routine) {
                    listener.onEvent(new ProbeEvent.Answered(probes.probe(slot), from(t, index), rtt, ttl, length,
                            in.kernelTimeNanos(), in.kernelTimestamp(), messages ? message() : null));
                } else {
                    listener.onAnswered(index, slots.number(slot), rtt);
                }
                return;
            case ProbeSlots.ANSWERED:
                stats.reply(rtt, true);
                listener.onEvent(new ProbeEvent.Duplicate(probes.probe(slot), from(t, index), rtt, ttl, length,
                        in.kernelTimestamp(), messages ? message() : null));
                return;
            default:
                listener.onEvent(new ProbeEvent.Late(probes.probe(slot), from(t, index), rtt, ttl, length,
                        in.kernelTimestamp(), messages ? message() : null));
        }
    }

    // ICMPv6 with our address known (IPV6_PKTINFO): the checksum verified with the pseudo-header, as show() prints it.
    private IcmpMessage message() {
        InetAddress to = reader.family() == 6 ? in.destination() : null;
        return to == null ? IcmpMessage.from(reader) : IcmpMessage.from(reader, in.source(), to);
    }

    // The target's own address when the reply came from it (a single target's made once, a block's per event),
    // else who sent it.
    private InetAddress from(TargetBlock t, int index) {
        return in.sourceIs(address(t, index)) ? t.inet(index) : in.source();
    }

    /** An ICMP error quoting probe {@code slot}: it fails the probe, or only advises (IPv4 redirect, quench). */
    private void error(int slot, FamilyState fs, int type, InetAddress reporter, IcmpMessage m) {
        if (IcmpTypes.isAdvisory(fs.wireFamily, type)) {
            // A source quench or a redirect advises, it does not refuse: the probe goes on, uncounted as an error.
            listener.onEvent(new ProbeEvent.Advisory(probes.probe(slot), reporter, m));
            return;
        }
        if (slots.state(slot) == ProbeSlots.PENDING) {
            probes.fail(slot);
            long rtt = Math.max(0, in.kernelTimeNanos() - slots.sentAt(slot));
            int ttl = in.ttl() >= 0 ? in.ttl() : in.isErrorReport() ? -1 : reader.ipTtl();
            listener.onEvent(new ProbeEvent.Failed(probes.probe(slot), reporter, m, rtt, ttl));
        } else if (strays) {
            // a second word about a probe that has already ended
            listener.onEvent(new ProbeEvent.Stray(reporter, m));
        }
    }

    /**
     * A datagram socket's error-queue report (or a raw socket's local one): it quotes the request as sent, the
     * kernel's identifier included, and names its destination as the source.
     */
    private void report(FamilyState fs) {
        byte[] d = in.data();
        int len = in.length();
        InetAddress reporter = in.errorSource() != null ? in.errorSource() : in.source();
        if (len >= 8 && (d[0] & 0xff) == fs.request && u16(d, 4) == fs.id) {
            int slot = slot(fs.seqMask == 0xff ? d[6] & 0xff : u16(d, 6), fs, REPORTED_FROM_TARGET);
            if (slot != ProbeSlots.NONE) {
                if (in.errorOrigin() == Inbound.ORIGIN_LOCAL) {
                    if (slots.state(slot) == ProbeSlots.PENDING) {
                        String name = in.errorErrnoName();
                        probes.fail(slot);
                        listener.onEvent(new ProbeEvent.SendFailed(probes.probe(slot), name,
                                in.errorErrnoDescription(), "EMSGSIZE".equals(name) ? in.errorInfo() : 0));
                    }
                    return;
                }
                IcmpMessage m = fromReport(fs);
                if (m != null) {
                    error(slot, fs, in.errorType(), reporter, m);
                    return;
                }
            }
        }
        if (in.errorOrigin() == Inbound.ORIGIN_LOCAL) {
            if (!localReport) {
                localReport = true;
                localErrnoName = in.errorErrnoName();
                localErrnoDescription = in.errorErrnoDescription();
                localMtu = "EMSGSIZE".equals(localErrnoName) ? in.errorInfo() : 0;
            }
            return;
        }
        if (strays && in.errorType() >= 0) {
            IcmpMessage m = fromReport(fs);
            if (m != null) {
                listener.onEvent(new ProbeEvent.Stray(reporter, m));
            }
        }
    }

    /** Forgets the last local report that named no probe; true if there was one. */
    boolean forgetLocalReport() {
        boolean was = localReport;
        localReport = false;
        return was;
    }

    private IcmpMessage fromReport(FamilyState fs) {
        try {
            return IcmpMessage.fromErrorReport(fs.wireFamily, in.errorType(), in.errorCode(), in.errorInfo(),
                    in.errorSource(), in.source(), in.data(), 0, in.length());
        } catch (IllegalArgumentException notAnError) {
            return null;
        }
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }
}
