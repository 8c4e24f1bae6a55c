package dev.pingkit.engine;

import java.net.InetAddress;
import java.util.Objects;

/**
 * <b>A target of one {@link Engine} run: its index in the run (0, 1, 2, ... in the order added) and its address.</b>
 * Events name the target of their probe with it; {@link Engine#statistics(ProbeTarget)} takes it.
 *
 * @param index   position in the run, from 0
 * @param address the address probed
 */
public record ProbeTarget(int index, InetAddress address) {
    /** Validates the fields. */
    public ProbeTarget {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        Objects.requireNonNull(address, "address");
    }

    /** One line: {@code #3 198.19.0.3}. */
    @Override
    public String toString() {
        return "#" + index + " " + address.getHostAddress();
    }
}
