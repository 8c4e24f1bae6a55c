package dev.pingkit.batch;

import dev.pingkit.engine.Hosts;
import dev.pingkit.engine.Query;
import dev.pingkit.packet.IcmpMessage;
import dev.pingkit.packet.IpPackets;
import dev.pingkit.packet.PcapNgWriter;
import dev.pingkit.packet.PcapWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Results as a capture: every probe and every reply or error as the wire carried them, for pcap and pcapng alike;
 * pcapng also gets a comment on each packet saying how its probe ended.
 */
final class ResultsCapture {
    /** Where packets go: a pcap writer drops the comment, a pcapng writer keeps it. */
    private interface Sink {
        void write(long epochNanos, byte[] ip, String comment) throws IOException;
    }

    private ResultsCapture() {
    }

    static void pcap(List<ProbeResult> probes, Path file) throws IOException {
        try (PcapWriter w = PcapWriter.create(file)) {
            write(probes, (t, ip, comment) -> w.write(t, ip));
        }
    }

    static void pcapng(List<ProbeResult> probes, Path file) throws IOException {
        try (PcapNgWriter w = PcapNgWriter.create(file)) {
            write(probes, w::write);
        }
    }

    private static void write(List<ProbeResult> probes, Sink sink) throws IOException {
        Map<InetAddress, InetAddress> local = new LinkedHashMap<>();
        for (ProbeResult p : probes) {
            if (p.status() == ProbeResult.Status.CAPTURED) {
                captured(p, sink, local);
                continue;
            }
            Query e = p.request();
            if (p.answered() && p.reply() != null && p.reply().id() != e.id()) {
                e = e.id(p.reply().id()); // a ping socket's kernel wrote its own identifier on the wire
            }
            Query sent = e;
            InetAddress src = e.source().orElseGet(() -> replyDestination(p)
                    .orElseGet(() -> local.computeIfAbsent(sent.target(), Hosts::sourceToward)));
            byte[] icmp = e.toBytes();
            if (e.family() == 6) {
                icmp[2] = 0; // the kernel computes every ICMPv6 checksum it sends, a forced one included
                icmp[3] = 0;
            }
            sink.write(p.sentEpochNanos(), IpPackets.ip(src, e.target(), e.ttl(), e.tos(), icmp), requestComment(p));
            IcmpMessage m = p.reply();
            if (m == null || m.fromErrorQueue()) {
                continue;
            }
            long at = p.sentEpochNanos() + Math.max(0, p.rttNanos());
            sink.write(at, m.ip().isPresent() ? m.bytes() : IpPackets.ip(p.from(), src, p.replyTtl(), -1,
                    m.icmpBytes()), replyComment(p));
        }
    }

    /** How the probe ended, on its request: {@code seq 5: lost}, {@code seq 4: answered in 0.061 ms}. */
    static String requestComment(ProbeResult p) {
        String seq = "seq " + p.request().seq() + ": ";
        return seq + switch (p.status()) {
            case ANSWERED -> String.format(Locale.ROOT, "answered in %.3f ms", p.rttMillis());
            case CORRUPTED -> String.format(Locale.ROOT, "corrupted reply in %.3f ms", p.rttMillis());
            case ERROR -> (p.reply() == null ? "ICMP error" : ProbeResult.errorName(p.reply()))
                    + (p.from() == null ? "" : " from " + dev.pingkit.packet.Addresses.text(p.from()));
            case LOST -> "lost";
            case SEND_FAILED -> "not sent";
            case CAPTURED -> "captured";
        };
    }

    /** A captured message alone, as it came (no request of ours went with it); one loaded from CSV has none. */
    private static void captured(ProbeResult p, Sink sink, Map<InetAddress, InetAddress> local) throws IOException {
        IcmpMessage m = p.reply();
        if (m == null) {
            return;
        }
        byte[] ip = m.ip().isPresent() ? m.bytes()
                : IpPackets.ip(p.from(), local.computeIfAbsent(p.from(), Hosts::sourceToward), p.replyTtl(), -1,
                        m.icmpBytes());
        sink.write(p.sentEpochNanos(), ip, "captured");
    }

    /** What the reply is: {@code answers seq 4}, {@code corrupted: byte 12 differs; answers seq 4}. */
    static String replyComment(ProbeResult p) {
        String answers = (p.status() == ProbeResult.Status.ERROR ? "error about seq " : "answers seq ")
                + p.request().seq();
        return p.status() == ProbeResult.Status.CORRUPTED ? "corrupted: " + damage(p) + "; " + answers : answers;
    }

    /** The first difference between what was sent and what came back, offsets within the ICMP message. */
    private static String damage(ProbeResult p) {
        byte[] sent = p.request().toBytes();
        byte[] got = p.reply().icmpBytes();
        // type, code and checksum differ in every reply; the identifier may be a ping socket's: compare from seq on
        for (int i = 6; i < Math.min(sent.length, got.length); i++) {
            if (sent[i] != got[i]) {
                return "byte " + i + " differs";
            }
        }
        if (sent.length != got.length) {
            return got.length + " bytes came back, " + sent.length + " were sent";
        }
        return p.reply().checksumValid() ? "payload differs" : String.format("bad checksum 0x%04x",
                p.reply().checksum());
    }

    private static Optional<InetAddress> replyDestination(ProbeResult p) {
        return p.reply() == null ? Optional.empty() : p.reply().ip().map(h -> h.destination());
    }
}
