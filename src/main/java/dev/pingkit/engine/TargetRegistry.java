package dev.pingkit.engine;

import dev.pingkit.socket.Family;
import dev.pingkit.socket.IcmpSocket;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * <b>The {@link Engine}'s targets and sockets as other threads see them: every target ever added, in index order,
 * and one socket per family, opened with the first target of that family.</b>
 *
 * <p>Thread-safe: every method holds this registry's lock. The engine takes its own lock first when it needs both
 * (never the other way round). The run thread reads {@link #families()} without the lock: a family's socket is
 * published before the command that starts its first target.
 */
final class TargetRegistry {
    private final EngineOptions options;
    private final Engine.SocketOpener opener;
    private final FamilyState[] families = new FamilyState[2];
    private final List<TargetBlock> added = new ArrayList<>(); // every target ever added, a block or one by one
    private int size; // targets added
    private StatisticsRecorder shared; // every target's, recording nothing, when statistics are not kept

    TargetRegistry(EngineOptions options, Engine.SocketOpener opener) {
        this.options = Objects.requireNonNull(options, "options");
        this.opener = Objects.requireNonNull(opener, "opener");
    }

    /** Registers a target of {@code address} (opening its family's socket if it is the first). */
    synchronized TargetBlock add(InetAddress address, TargetPlan plan) throws IOException {
        FamilyState fs = familyState(Family.of(address));
        return push(TargetBlock.single(new ProbeTarget(size, address), fs, plan, shared));
    }

    /**
     * Registers a target of every address of {@code block} in order (one socket opened at most), all kept as one
     * {@link TargetBlock}: its first address, count and plan.
     */
    synchronized TargetBlock add(AddressBlock block, TargetPlan plan) throws IOException {
        FamilyState fs = familyState(Family.of(block.first()));
        if ((long) size + block.size() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("targets must be at most " + (Integer.MAX_VALUE - 8) + ", got "
                    + ((long) size + block.size()));
        }
        return push(TargetBlock.of(size, block, fs, plan, shared));
    }

    // guarded by this
    private TargetBlock push(TargetBlock b) {
        added.add(b);
        size = b.end();
        return b;
    }

    /** The handle of the target added {@code index}-th. */
    synchronized ProbeTarget target(int index) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("target index must be 0.." + (size - 1) + ", got " + index);
        }
        return TargetBlock.find(added, index).handle(index);
    }

    /** Targets added so far. */
    synchronized int size() {
        return size;
    }

    /** The block of {@code target}, which must be one of this registry's. */
    TargetBlock state(ProbeTarget target) {
        Objects.requireNonNull(target, "target");
        synchronized (this) {
            if (target.index() >= 0 && target.index() < size) {
                TargetBlock b = TargetBlock.find(added, target.index());
                if (b.is(target)) {
                    return b;
                }
            }
        }
        throw new IllegalArgumentException("target must be one of this engine's, got " + target);
    }

    /** Turns per-target statistics on or off; only before the first target. */
    synchronized void keepStatistics(boolean keep) {
        if (size > 0) {
            throw new IllegalStateException("keepStatistics is set before the first target is added");
        }
        shared = keep ? null : StatisticsRecorder.off();
    }

    /** True when each target keeps its own statistics. */
    synchronized boolean keepsStatistics() {
        return shared == null;
    }

    synchronized List<ProbeTarget> handles() {
        List<ProbeTarget> l = new ArrayList<>(size);
        for (TargetBlock b : added) {
            for (int i = b.first; i < b.end(); i++) {
                l.add(b.handle(i));
            }
        }
        return l;
    }

    /** The state of {@code address}'s family, or null while no target of it was added. */
    synchronized FamilyState family(InetAddress address) {
        return families[Family.of(address) == Family.IPV4 ? 0 : 1];
    }

    /** The array of both families' states (IPv4, IPv6; null while not opened): the run thread's view, unlocked. */
    FamilyState[] families() {
        return families;
    }

    /** Both families' states now (null while not opened), a copy. */
    synchronized FamilyState[] familiesNow() {
        return families.clone();
    }

    /** Gives back the identifiers this engine acquired. */
    synchronized void releaseIdentifiers() {
        for (FamilyState f : families) {
            if (f != null && f.ownId) {
                Identifiers.release(f.id);
            }
        }
    }

    /** Targets, sockets and identifiers, for the engine's one-line summary. */
    synchronized void describe(StringBuilder b) {
        b.append(size).append(" targets");
        for (FamilyState f : families) {
            if (f != null) {
                b.append(", ").append(f.family).append(' ').append(f.datagram ? "DATAGRAM" : "RAW")
                        .append(" id=").append(f.id);
            }
        }
    }

    /** Rejects a spec that cannot go out over a socket of {@code family}. */
    static void checkFits(Family family, ProbeSpec spec) {
        if (family == Family.IPV6 && spec.checksum() >= 0) {
            // The kernel writes every ICMPv6 checksum: one forced by the caller would silently not go out.
            throw new IllegalArgumentException("checksum cannot be forced over an ICMPv6 socket (the kernel computes"
                    + " it), got 0x" + Integer.toHexString(spec.checksum()));
        }
        if (family == Family.IPV4 && !spec.fitsIpv4()) {
            throw new IllegalArgumentException("payload must be 0.." + ProbeSpec.MAX_PAYLOAD_V4
                    + " bytes for an IPv4 target, got " + spec.payloadSize());
        }
    }

    // guarded by this
    private FamilyState familyState(Family family) throws IOException {
        int i = family == Family.IPV4 ? 0 : 1;
        if (families[i] == null) {
            IcmpSocket s = opener.open(family);
            try {
                families[i] = new FamilyState(family, s, options);
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
        }
        return families[i];
    }
}
