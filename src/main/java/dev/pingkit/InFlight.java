package dev.pingkit;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.Set;

/**
 * <b>The (family, id, seq, target) of every single probe in flight in this process</b>, so two concurrent sends of
 * the same probe never take each other's reply: a raw socket sees every reply carrying its identifier, and two
 * threads sending {@code Echo.to(h).id(7).seq(1)} at once would each take whichever reply came first. The second
 * waits until the first has its answer (or gave up), then opens its socket: a reply already queued for the first
 * can then not reach it either.
 */
final class InFlight {
    private record Key(int family, int id, int seq, InetAddress target) {
    }

    private static final Set<Key> HELD = new HashSet<>();

    private InFlight() {
    }

    /** Waits until no other send holds this probe, then holds it until the returned handle is closed. */
    static Hold hold(int family, int id, int seq, InetAddress target) throws java.io.InterruptedIOException {
        Key k = new Key(family, id, seq, target);
        synchronized (HELD) {
            while (HELD.contains(k)) {
                try {
                    HELD.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while another send of the same probe ("
                            + "id " + id + ", seq " + seq + ") was in flight");
                }
            }
            HELD.add(k);
        }
        return () -> {
            synchronized (HELD) {
                HELD.remove(k);
                HELD.notifyAll();
            }
        };
    }

    /** A held probe; closing releases it. */
    interface Hold extends AutoCloseable {
        @Override
        void close();
    }
}
