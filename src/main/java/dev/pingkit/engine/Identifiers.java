package dev.pingkit.engine;

/**
 * <b>The ICMP identifiers raw-socket runs of this process use, so that two runs never share one</b>: a reply is
 * matched by identifier first, and two runs with the same identifier would see (and could take) each other's
 * replies. The first choice is the process id (what other ping programs use, so a capture reads familiar); later ones walk on from it, skipping those in use.
 * Datagram sockets need none of this: the kernel gives each its own identifier.
 */
final class Identifiers {
    private static final long[] IN_USE = new long[1024];
    private static int next = (int) (ProcessHandle.current().pid() & 0xffff);

    private Identifiers() {
    }

    /** An identifier no other live run of this process holds; released with {@link #release}. */
    static synchronized int acquire() {
        for (int tries = 0; tries < 0x10000; tries++) {
            int id = next;
            next = (next + 1) & 0xffff;
            if ((IN_USE[id >>> 6] & (1L << id)) == 0) {
                IN_USE[id >>> 6] |= 1L << id;
                return id;
            }
        }
        throw new IllegalStateException("all 65536 ICMP identifiers are in use by runs of this process");
    }

    /** Gives {@code id} back; ids the caller chose itself (never acquired) are not released. */
    static synchronized void release(int id) {
        IN_USE[id >>> 6] &= ~(1L << id);
    }
}
