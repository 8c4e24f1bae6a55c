package dev.pingkit.ping;

import dev.pingkit.packet.Addresses;
import dev.pingkit.packet.IcmpMessage;

import java.net.InetAddress;
import java.util.Locale;

/**
 * <b>Something that happened during a ping run, as an immutable value with a one-line {@code toString}.</b>
 * Front ends turn these into iputils lines, JSON or coloured REPL output; the engine never prints.
 */
public sealed interface PingEvent {

    /** <b>A probe left: its sequence number and the CLOCK_REALTIME nanoseconds at send.</b> */
    record Sent(int seq, long sentNanos) implements PingEvent {
        @Override
        public String toString() {
            return "Sent icmp_seq=" + seq;
        }
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

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            b.append(bytes).append(" bytes from ").append(Addresses.text(from)).append(": icmp_seq=").append(seq);
            if (ttl >= 0) {
                b.append(" ttl=").append(ttl);
            }
            b.append(" time=").append(String.format(Locale.ROOT, "%.3f", rttNanos / 1e6)).append(" ms");
            if (duplicate) {
                b.append(" (DUP!)");
            }
            if (!checksumOk) {
                b.append(" (BAD CHECKSUM!)");
            }
            if (tooLong()) {
                b.append(" too long: more than ").append(wrongByteOffset).append(" data bytes");
            } else if (wrongByteOffset >= 0) {
                b.append(" wrong data byte #").append(wrongByteOffset).append(" should be 0x")
                        .append(Integer.toHexString(expectedByte)).append(" but was ")
                        .append(actualByte < 0 ? "missing" : "0x" + Integer.toHexString(actualByte));
            }
            return b.toString();
        }
    }

    /** <b>An ICMP error (time exceeded, unreachable, ...) quoting our probe {@code seq}, sent by {@code from}.</b> */
    record ErrorReply(int seq, InetAddress from, IcmpMessage error) implements PingEvent {
        @Override
        public String toString() {
            String what = error.codeName() == null || error.codeName().isEmpty() ? error.typeName() : error.codeName();
            return "From " + Addresses.text(from) + " icmp_seq=" + seq + " " + what;
        }
    }

    /**
     * <b>Sending probe {@code seq} failed locally</b> (no route, message too long, ...); as iputils does, the probe
     * counts as transmitted and as an error. {@code message} is the kernel's local error report in iputils'
     * words where a datagram socket gave one ({@code local error: message too long, mtu=1500}), else the
     * socket's error message.
     */
    record SendError(int seq, String message) implements PingEvent {
        @Override
        public String toString() {
            return "send icmp_seq=" + seq + ": " + message;
        }
    }

    /** <b>No reply for {@code seq} yet when the next probe went out ({@code -O}).</b> */
    record NoAnswerYet(int seq) implements PingEvent {
        @Override
        public String toString() {
            return "no answer yet for icmp_seq=" + seq;
        }
    }

    /** <b>No reply or error for {@code seq} before the run's final wait ended.</b> */
    record Timeout(int seq) implements PingEvent {
        @Override
        public String toString() {
            return "no reply for icmp_seq=" + seq;
        }
    }

    /**
     * <b>An ICMP message that is not about our probes, ignored</b> (raw sockets see every ICMP message on the host).
     * Only delivered to listeners that ask ({@link PingListener#wantsForeign()}).
     */
    record Foreign(InetAddress from, IcmpMessage message) implements PingEvent {
        @Override
        public String toString() {
            return "ignored from " + Addresses.text(from) + ": " + message;
        }
    }
}
