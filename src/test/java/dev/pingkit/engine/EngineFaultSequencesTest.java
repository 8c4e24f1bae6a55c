package dev.pingkit.engine;

import dev.pingkit.fakes.FakeNet;
import dev.pingkit.fakes.FakeSocket;
import dev.pingkit.fakes.Wire;
import dev.pingkit.socket.Inbound;
import dev.pingkit.socket.SocketKind;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random fault sequences through in-memory sockets: each probe's replies may be lost, duplicated, reordered (every
 * copy has its own delay), corrupted, replaced by an ICMP error, and strays (other ids, other sources, unsent
 * sequence numbers, redirects) fly around; the run may start just before the sequence number wraps. A model
 * computed from what the peer did says how each probe must end; the engine must agree for every probe, credit
 * each answer with its own probe's RTT, and count transmitted = answered + lost + failed for every target.
 */
class EngineFaultSequencesTest {
    static final long MS = 1_000_000L;
    static final long TIMEOUT = 100 * MS;

    /** What the peer did with one probe. */
    static final class Fate {
        final int target;
        final long number;
        final long sentAt;
        final List<Long> intact = new ArrayList<>();
        final List<Long> corrupt = new ArrayList<>();
        final List<Long> errors = new ArrayList<>();

        Fate(int target, long number, long sentAt) {
            this.target = target;
            this.number = number;
            this.sentAt = sentAt;
        }

        long first(List<Long> arrivals) {
            return arrivals.stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
        }

        /** The ending the engine owes: the first intact reply or error before the timeout, else lost. */
        String expected() {
            long reply = first(intact);
            long error = first(errors);
            long deadline = sentAt + TIMEOUT;
            if (reply < error && reply < deadline) {
                return "answered";
            }
            if (error < reply && error < deadline) {
                return "failed";
            }
            return "lost";
        }
    }

    @Property(tries = 3000)
    void everyProbeEndsOnceAsTheModelSaysAndNoReplyIsCreditedToAnotherProbe(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed,
            @ForAll @IntRange(min = 1, max = 6) int targetCount,
            @ForAll @IntRange(min = 1, max = 8) int probes,
            @ForAll boolean datagram,
            @ForAll @IntRange(min = 65528, max = 65540) int firstSeq) throws Exception {
        Random random = new Random(seed);
        SocketKind kind = datagram ? SocketKind.DATAGRAM : SocketKind.RAW;
        EngineOptions options = EngineOptions.defaults().identifier(0x1234)
                .gap(Duration.ofNanos(random.nextInt(3) * MS));
        FakeNet net = new FakeNet(kind, options);
        net.engine.firstSequence(firstSeq & 0xffff);
        Map<InetAddress, Integer> index = new HashMap<>();
        Map<String, Fate> fates = new HashMap<>();
        Map<InetAddress, Integer> sends = new HashMap<>();
        InetAddress me4 = FakeNet.ip("198.51.100.254");
        InetAddress me6 = FakeNet.ip("2001:db8::fe");
        InetAddress router4 = FakeNet.ip("198.18.0.1");
        InetAddress router6 = FakeNet.ip("2001:db8:1::1");
        long[] unique = {0};
        net.peer = (s, icmp, dst, now) -> {
            boolean v6 = Wire.v6(dst);
            int number = sends.merge(dst, 1, Integer::sum);
            Fate f = new Fate(index.get(dst), number, now);
            fates.put(index.get(dst) + "/" + number, f);
            int copies = random.nextInt(10) < 3 ? 0 : 1 + random.nextInt(3);
            for (int c = 0; c < copies; c++) {
                // distinct arrival times (no ties to argue about), some after the timeout
                long at = now + (1 + random.nextInt(180)) * MS + ++unique[0];
                if (at == now + TIMEOUT) {
                    at++;
                }
                byte[] reply = Wire.reply(icmp, v6);
                if (random.nextInt(6) == 0 && reply.length > 8) {
                    reply[8 + random.nextInt(reply.length - 8)] ^= (byte) (1 + random.nextInt(255));
                    if (v6 || random.nextBoolean()) {
                        Wire.checksum(reply, v6); // a payload change only; else the checksum fails too
                    }
                    f.corrupt.add(at);
                } else {
                    f.intact.add(at);
                }
                s.deliver(at, Wire.delivered(s, dst, dst, 64, reply), dst, 64);
            }
            if (random.nextInt(8) == 0) {
                long at = now + (1 + random.nextInt(180)) * MS + ++unique[0];
                InetAddress router = v6 ? router6 : router4;
                if (s.kind == SocketKind.DATAGRAM) {
                    s.deliverReport(at, icmp, dst, v6 ? Inbound.ORIGIN_ICMP6 : Inbound.ORIGIN_ICMP, v6 ? 1 : 3, 1,
                            0, 113, router);
                } else {
                    s.deliver(at, Wire.delivered(s, router, v6 ? me6 : me4, 64,
                            Wire.error(v6 ? 1 : 3, 1, icmp, v6 ? me6 : me4, dst)), router, 64);
                }
                f.errors.add(at);
            }
            if (random.nextInt(4) == 0) {
                stray(s, icmp, dst, now + random.nextInt(150) * MS + ++unique[0], random, v6 ? me6 : me4,
                        v6 ? router6 : router4);
            }
        };
        List<ProbeTarget> targets = new ArrayList<>();
        for (int i = 0; i < targetCount; i++) {
            InetAddress a = random.nextInt(3) == 0 ? FakeNet.ip("2001:db8::" + (i + 1)) : FakeNet.sweep(i + 1);
            index.put(a, i);
            targets.add(net.engine.add(a, TargetPlan.count(probes, Duration.ofNanos((1 + random.nextInt(40)) * MS))
                    .spec(ProbeSpec.DEFAULT.timeout(Duration.ofNanos(TIMEOUT)))));
        }
        List<ProbeEvent> events = net.run();

        Map<String, String> ended = new HashMap<>();
        int[] answered = new int[targetCount];
        int[] lost = new int[targetCount];
        int[] failed = new int[targetCount];
        for (ProbeEvent e : events) {
            Probe p = e.probe();
            if (p == null) {
                continue;
            }
            String key = p.target().index() + "/" + p.number();
            Fate f = fates.get(key);
            assertNotNull(f, "an event about a probe never sent: " + e);
            assertEquals(index.get(p.target().address()), p.target().index(), "target and address agree");
            String end = null;
            if (e instanceof ProbeEvent.Answered a) {
                assertEquals(f.first(f.intact) - f.sentAt, a.rttNanos(), "credited with its own reply: " + e);
                answered[p.target().index()]++;
                end = "answered";
            } else if (e instanceof ProbeEvent.Lost) {
                lost[p.target().index()]++;
                end = "lost";
            } else if (e instanceof ProbeEvent.Failed) {
                failed[p.target().index()]++;
                end = "failed";
            } else if (e instanceof ProbeEvent.Duplicate d) {
                assertTrue(f.intact.contains(f.sentAt + d.rttNanos()), "a duplicate of its own reply: " + e);
                assertEquals("answered", ended.get(key), "duplicate only after the answer: " + e);
            } else if (e instanceof ProbeEvent.Late l) {
                assertTrue(f.intact.contains(f.sentAt + l.rttNanos()), "a late copy of its own reply: " + e);
                assertTrue(List.of("lost", "failed").contains(ended.get(key)), "late only after the end: " + e);
            } else if (e instanceof ProbeEvent.Corrupted c) {
                assertTrue(f.corrupt.contains(f.sentAt + c.rttNanos()), "a corrupted copy of its own: " + e);
            }
            if (end != null) {
                assertEquals(null, ended.put(key, end), "ended twice: " + e);
                assertEquals(f.expected(), end, "how " + key + " ended (" + seed + ")");
            }
        }
        for (ProbeTarget t : targets) {
            int i = t.index();
            ProbeStatistics s = net.engine.statistics(t);
            assertEquals(probes, s.transmitted(), "transmitted of " + t);
            assertEquals(s.transmitted(), answered[i] + lost[i] + failed[i], "transmitted = answered + lost + failed");
            assertEquals(answered[i], s.received());
            assertEquals(failed[i], s.errors());
        }
        assertEquals(fates.size(), ended.size(), "every probe ended");
    }

    /** Something that is no answer to any probe: another id, another source, an unsent seq, a redirect. */
    private static void stray(FakeSocket s, byte[] icmp, InetAddress dst, long at, Random random, InetAddress me,
                              InetAddress router) {
        boolean v6 = Wire.v6(dst);
        byte[] r = Wire.reply(icmp, v6);
        switch (random.nextInt(4)) {
            case 0 -> {
                r[4] ^= 0x40; // another identifier
                s.deliver(at, Wire.delivered(s, dst, dst, 64, Wire.checksum(r, v6)), dst, 64);
            }
            case 1 -> { // our reply, from an address not probed
                InetAddress other = v6 ? FakeNet.ip("2001:db8::ff") : FakeNet.ip("198.51.100.200");
                s.deliver(at, Wire.delivered(s, other, dst, 64, r), other, 64);
            }
            case 2 -> {
                r[6] ^= 0x10; // a sequence number far from any sent
                s.deliver(at, Wire.delivered(s, dst, dst, 64, Wire.checksum(r, v6)), dst, 64);
            }
            default -> {
                if (!v6 && s.kind == SocketKind.RAW) { // a redirect about the probe: advice, no ending
                    s.deliver(at, Wire.delivered(s, router, me, 64, Wire.error(5, 1, icmp, me, dst)), router, 64);
                }
            }
        }
    }
}
