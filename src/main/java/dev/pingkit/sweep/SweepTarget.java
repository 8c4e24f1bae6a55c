package dev.pingkit.sweep;

import dev.pingkit.packet.Addresses;

import java.net.InetAddress;
import java.util.Objects;

/**
 * <b>One target of a {@link Sweep}: its place in the sweep, its name as given, and its address.</b>
 *
 * @param index   0-based position in the sweep's target list
 * @param name    as the user gave it (a name or an address literal)
 * @param address what it resolved to
 */
public record SweepTarget(int index, String name, InetAddress address) {
    /** <b>Checks the fields.</b> */
    public SweepTarget {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
    }

    @Override
    public String toString() {
        String a = Addresses.text(address);
        return name.equals(a) || name.equals(address.getHostAddress()) ? name : name + " (" + a + ")";
    }
}
