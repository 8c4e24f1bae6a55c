package dev.pingkit.cli.ping;

import dev.pingkit.Echo;
import dev.pingkit.engine.Hosts;
import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.packet.IcmpMessage;
import dev.pingkit.packet.IpPackets;
import dev.pingkit.packet.PcapWriter;
import dev.pingkit.ping.PingEvent;
import dev.pingkit.ping.PingListener;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code --pcap FILE}: every probe and every reply or ICMP error of the run, written as it happens to a pcap file
 * Wireshark reads. A probe is the echo request the pinger sends (built the same way, from its identifier, sequence
 * number and payload), stamped with its send time; a reply is stamped with the kernel's receive time (send time
 * plus RTT). Where the socket shows no IP header (every request; ICMPv6 and datagram-socket replies) the capture
 * gets the one the wire carried: TTL and TOS as set, the source address of the route to the target, ICMPv6's
 * checksum as the kernel fills it in. Duplicates and damaged replies are written too: a capture hides nothing.
 */
final class CaptureTap extends Tap {
    private final PcapWriter writer;
    private final Path file;
    private final InetAddress target;
    private final byte[] payload;
    private final int ttl;
    private final int tos;
    private final int id;
    private InetAddress local;
    private IOException failure;

    CaptureTap(PingListener printer, Path file, InetAddress target, InetAddress source, byte[] payload, Integer ttl,
               Integer tos, int id) throws IOException {
        super(printer);
        this.file = file;
        this.writer = PcapWriter.create(file);
        this.target = target;
        this.local = source;
        this.payload = payload;
        this.ttl = ttl == null ? -1 : ttl;
        this.tos = tos == null ? -1 : tos;
        this.id = id;
    }

    @Override
    boolean needsMessages() {
        return true;
    }

    @Override
    void see(PingEvent event) {
        if (failure != null) {
            return;
        }
        try {
            ProbeEvent e = event instanceof PingEvent.Outcome o ? o.event() : null;
            if (e instanceof ProbeEvent.Sent s) {
                byte[] icmp = Echo.to(target).id(id).seq(s.probe().seq()).payload(payload).toBytes();
                if (icmp.length > 3 && target.getAddress().length == 16) {
                    icmp[2] = 0; // the kernel fills in every ICMPv6 checksum
                    icmp[3] = 0;
                }
                writer.write(s.sentAtNanos(), IpPackets.ip(local(), target, ttl, tos, icmp));
            } else if (e instanceof ProbeEvent.Reply r && r.message() != null) {
                write(r.probe().sentAtNanos() + r.rttNanos(), r.from(), r.ttl(), r.message());
            } else if (e instanceof ProbeEvent.Failed f && !f.error().fromErrorQueue()) {
                error(f.reporter(), f.error());
            } else if (e instanceof ProbeEvent.Advisory a && !a.message().fromErrorQueue()) {
                error(a.reporter(), a.message());
            }
        } catch (IOException | RuntimeException x) {
            failure = x instanceof IOException io ? io : new IOException(x.getMessage(), x);
        }
    }

    private void error(InetAddress from, IcmpMessage error) throws IOException {
        Instant now = Instant.now();
        write(now.getEpochSecond() * 1_000_000_000L + now.getNano(), from, error.ttl(), error);
    }

    private void write(long at, InetAddress from, int ttl, IcmpMessage m) throws IOException {
        if (m.ip().isPresent()) {
            local = m.ip().get().destination();
            writer.write(at, m.bytes());
        } else {
            writer.write(at, IpPackets.ip(from, local(), ttl, -1, m.icmpBytes()));
        }
    }

    private InetAddress local() {
        if (local == null) {
            local = Hosts.sourceToward(target);
        }
        return local;
    }

    /** Closes the file; the first write error of the run, if any, as one line's worth of message. */
    void finish() throws IOException {
        try {
            writer.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new IOException("cannot write capture " + file + ": " + reason(failure), failure);
        }
    }

    /** An I/O failure in words: the file exceptions' messages are only the path. */
    static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage();
    }
}
