package dev.pingkit.engine;

import dev.pingkit.packet.IcmpMessage;

import java.net.InetAddress;

/**
 * <b>What happened to a probe in an {@link Engine} run, as values; delivered in order on the run's thread.</b>
 *
 * <p>The lifecycle: every probe sent ({@link Sent}) ends exactly once, as {@link Answered}, {@link Lost} (at its
 * timeout, or cut short by {@link Engine#stop()}) or {@link Failed} / {@link SendFailed} (an ICMP error quoting it,
 * or the kernel refusing the send). Beside it, without ending anything: {@link Duplicate} (another intact reply to
 * an answered probe), {@link Late} (an intact reply to a probe already lost or failed), {@link Corrupted} (a reply
 * whose checksum fails or whose payload differs from what was sent), {@link Advisory} (an IPv4 redirect or source
 * quench about it: reported, not counted as an error, the probe goes on) and {@link Stray} (a message that is no
 * reply to any probe of the run, only when the listener {@link ProbeListener#wantsStrays() asks}).
 *
 * <p>RTTs are the kernel's receive timestamp minus the send time kept in the engine's probe table, never a time
 * read from the payload. The engine writes no sentences: front ends word these values.
 */
public sealed interface ProbeEvent {

    /** <b>The probe this event is about; null for a {@link Stray}.</b> */
    Probe probe();

    /**
     * <b>Something that came back about one of the run's probes: a {@link Reply} or the ICMP error that
     * {@link Failed failed} it.</b> Who sent it, when and with what TTL are read here, so a mode that shows what came
     * back need not take each kind apart.
     */
    sealed interface Response extends ProbeEvent permits Reply, Failed {
        /** <b>Who sent it: the replying host, or the host that reported the error.</b> */
        InetAddress from();

        /** <b>Kernel receive time minus the probe's send time.</b> */
        long rttNanos();

        /** <b>Its TTL / hop limit as it arrived, -1 if the kernel did not say.</b> */
        int ttl();

        /**
         * <b>It decoded: the ICMP error (always), or the reply when the listener
         * {@link ProbeListener#wantsMessages() asked}; else null.</b>
         */
        IcmpMessage message();
    }

    /**
     * <b>A reply to one of the run's probes, whichever it turned out to be: the {@link Answered answer}, a
     * {@link Duplicate}, a {@link Late} one or a {@link Corrupted} one.</b> What every reply has is read here, so a
     * mode that treats them alike need not take each kind apart.
     */
    sealed interface Reply extends Response permits Answered, Duplicate, Late, Corrupted {
        /** <b>ICMP bytes received (header included).</b> */
        int length();

        /** <b>True when the RTT ends at the kernel's receive stamp, false for a user-space read.</b> */
        boolean kernelTimestamp();
    }

    /** <b>The probe left; {@code sentAtNanos} is CLOCK_REALTIME nanoseconds read just before {@code sendto}.</b> */
    record Sent(Probe probe, long sentAtNanos) implements ProbeEvent {
    }

    /**
     * <b>The first intact reply: the probe ends answered.</b>
     *
     * @param from            who replied (the target; the loopback address for a target of 0.0.0.0 or ::)
     * @param rttNanos        kernel receive time minus send time
     * @param ttl             the reply's TTL / hop limit, -1 if the kernel did not say
     * @param length          ICMP bytes received (header included)
     * @param receivedAtNanos CLOCK_REALTIME nanoseconds of the receive
     * @param kernelTimestamp true when {@code receivedAtNanos} is the kernel's stamp, false for a user-space read
     * @param message         the decoded reply when the listener {@link ProbeListener#wantsMessages() asked}, else null
     */
    record Answered(Probe probe, InetAddress from, long rttNanos, int ttl, int length, long receivedAtNanos,
                    boolean kernelTimestamp, IcmpMessage message) implements Reply {
    }

    /**
     * <b>No answer or error within the probe's timeout: the probe ends lost.</b>
     *
     * @param stopped true when {@link Engine#stop()} ended the run before the timeout came
     */
    record Lost(Probe probe, boolean stopped) implements ProbeEvent {
    }

    /**
     * <b>An ICMP error quoting the probe (unreachable, time exceeded, parameter problem, packet too big): the probe
     * ends failed.</b> So does an extended echo reply whose code says the query could not be answered (RFC 8335:
     * Malformed Query, No Such Interface, No Such Table Entry, Multiple Interfaces Satisfy Query); {@code error}
     * is then that reply.
     *
     * @param reporter who sent the error (for time exceeded: the router where the TTL ran out)
     * @param error    the decoded error, its quoted datagram included (or the refusing PROBE reply)
     * @param rttNanos kernel receive time of the error minus the probe's send time (a hop's RTT when the TTL ran out)
     * @param ttl      the error's own TTL / hop limit as it arrived, -1 if unknown
     */
    record Failed(Probe probe, InetAddress reporter, IcmpMessage error, long rttNanos, int ttl)
            implements Response {
        /** <b>The {@link #reporter()}, as every response names its sender.</b> */
        @Override
        public InetAddress from() {
            return reporter;
        }

        /** <b>The {@link #error()}, as every response names what came back.</b> */
        @Override
        public IcmpMessage message() {
            return error;
        }
    }

    /**
     * <b>The kernel refused to send the probe: it ends failed, counted as sent and as an error.</b>
     *
     * @param errnoName        the errno's symbol, e.g. {@code EMSGSIZE}
     * @param errnoDescription the C library's text for it, e.g. {@code Message too long}
     * @param mtu              the MTU the kernel reported with EMSGSIZE, else 0
     */
    record SendFailed(Probe probe, String errnoName, String errnoDescription, int mtu) implements ProbeEvent {
    }

    /**
     * <b>Another intact reply to an answered probe.</b>
     *
     * @param kernelTimestamp true when the RTT ends at the kernel's receive stamp, false for a user-space read
     * @param message         the decoded reply when the listener {@link ProbeListener#wantsMessages() asked}, else null
     */
    record Duplicate(Probe probe, InetAddress from, long rttNanos, int ttl, int length, boolean kernelTimestamp,
                     IcmpMessage message) implements Reply {
    }

    /**
     * <b>An intact reply to a probe that had already ended lost or failed.</b>
     *
     * @param kernelTimestamp true when the RTT ends at the kernel's receive stamp, false for a user-space read
     * @param message         the decoded reply when the listener {@link ProbeListener#wantsMessages() asked}, else null
     */
    record Late(Probe probe, InetAddress from, long rttNanos, int ttl, int length, boolean kernelTimestamp,
                IcmpMessage message) implements Reply {
    }

    /**
     * <b>A reply to the probe whose checksum fails or whose payload differs from what was sent</b>; the probe's
     * state does not change (it may still be answered, or lost).
     *
     * @param kernelTimestamp true when the RTT ends at the kernel's receive stamp, false for a user-space read
     * @param checksumValid  false when the ICMP checksum does not verify (ICMPv6: the kernel checked it; true)
     * @param firstDifferent index of the first payload byte that differs, or -1 when the payload is intact; a
     *                       payload of another length differs at the shorter one's length
     * @param expected       the byte sent there (0..255), -1 when the reply is longer than the probe
     * @param actual         the byte received there (0..255), -1 when the reply is shorter
     * @param message        the decoded reply when the listener {@link ProbeListener#wantsMessages() asked}, else null
     */
    record Corrupted(Probe probe, InetAddress from, long rttNanos, int ttl, int length, boolean kernelTimestamp,
                     boolean checksumValid, int firstDifferent, int expected, int actual, IcmpMessage message)
            implements Reply {
    }

    /** <b>An IPv4 redirect or source quench quoting the probe; the probe goes on.</b> */
    record Advisory(Probe probe, InetAddress reporter, IcmpMessage message) implements ProbeEvent {
    }

    /** <b>A message that answers no probe of the run (another process's traffic, a forged reply).</b> */
    record Stray(InetAddress from, IcmpMessage message) implements ProbeEvent {
        @Override
        public Probe probe() {
            return null;
        }
    }
}
