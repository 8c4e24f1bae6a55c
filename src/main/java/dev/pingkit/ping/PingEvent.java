package dev.pingkit.ping;

import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.packet.IcmpMessage;

import java.net.InetAddress;

/**
 * <b>Something that happened to a {@link Pinger} run's probes, as an immutable value: the single-target view of the
 * engine's {@link ProbeEvent}s, keyed by sequence number.</b> Front ends word these (iputils lines, JSON); the
 * engine writes no sentences.
 */
public sealed interface PingEvent {

    /** <b>A probe left: its sequence number and the CLOCK_REALTIME nanoseconds at send.</b> */
    record Sent(int seq, long sentNanos) implements PingEvent {
    }

    /**
     * <b>A reply to one of our probes.</b>
     *
     * @param seq              its sequence number
     * @param from             who sent it (the target)
     * @param bytes            ICMP length (header + payload), what iputils prints as "N bytes from"
     * @param ttl              received TTL / hop limit, -1 if unknown
     * @param rttNanos         receive time - send time of the probe (from the probe table, never the payload)
     * @param duplicate        the probe had already been answered
     * @param checksumOk       the ICMP checksum verified (ICMPv6: the kernel verifies it and drops bad ones)
     * @param wrongByteOffset  index in the payload of the first byte that differs from the probe's, -1 if intact
     *                         (a reply shorter than the probe reports the first missing index)
     * @param expectedByte     the probe's byte at that index (0..255), -1 if intact or if the reply is longer than
     *                         the probe with the probe's payload as its prefix ({@link #tooLong()})
     * @param actualByte       the reply's byte there (0..255), -1 if intact or missing
     * @param kernelTimestamp  the receive time came from the kernel ({@code SO_TIMESTAMPNS})
     * @param message          the decoded reply, or null unless the listener asked for it
     *                         ({@link PingListener#wantsMessages()})
     */
    record Reply(int seq, InetAddress from, int bytes, int ttl, long rttNanos, boolean duplicate, boolean checksumOk,
                 int wrongByteOffset, int expectedByte, int actualByte, boolean kernelTimestamp,
                 IcmpMessage message) implements PingEvent {
        /** <b>True when the reply is intact: good checksum and the probe's payload.</b> */
        public boolean intact() {
            return checksumOk && wrongByteOffset < 0;
        }

        /** <b>True when the reply carries the probe's whole payload and more bytes after it.</b> */
        public boolean tooLong() {
            return wrongByteOffset >= 0 && expectedByte < 0;
        }
    }

    /** <b>An ICMP error (time exceeded, unreachable, ...) quoting our probe {@code seq}, sent by {@code from}.</b> */
    record ErrorReply(int seq, InetAddress from, IcmpMessage error) implements PingEvent {
    }

    /**
     * <b>Sending probe {@code seq} failed locally</b> (no route, message too long, ...); as iputils does, the probe
     * counts as transmitted and as an error.
     *
     * @param errnoName        the errno's symbol, e.g. {@code EMSGSIZE}
     * @param errnoDescription the C library's text for it, e.g. {@code Message too long}
     * @param mtu              the path MTU of the kernel's local report when it explained the failure
     *                         (EMSGSIZE), else 0
     */
    record SendError(int seq, String errnoName, String errnoDescription, int mtu) implements PingEvent {
    }

    /** <b>No reply for {@code seq} yet when the next probe went out ({@code -O}).</b> */
    record NoAnswerYet(int seq) implements PingEvent {
    }

    /** <b>No reply or error for {@code seq} before the run's final wait ended.</b> */
    record Timeout(int seq) implements PingEvent {
    }

    /**
     * <b>An ICMP message that is not about our probes, ignored</b> (raw sockets see every ICMP message on the host).
     * Only delivered to listeners that ask ({@link PingListener#wantsForeign()}).
     */
    record Foreign(InetAddress from, IcmpMessage message) implements PingEvent {
    }
}
