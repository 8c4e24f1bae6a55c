package dev.pingkit.engine;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;

/**
 * <b>A run of consecutive addresses of one family, from a CIDR block or a first..last range: the one expander of
 * address blocks</b> (a sweep's targets, a batch's targets).
 *
 * <pre>{@code
 * AddressBlock.parse("198.19.0.0/30").hosts()        // [198.19.0.1, 198.19.0.2]: no network or broadcast address
 * AddressBlock.whole("198.19.0.0/30").hosts()        // [198.19.0.0 .. 198.19.0.3]: every address of the block
 * AddressBlock.range("198.19.0.5", "198.19.0.7").hosts()  // [198.19.0.5, 198.19.0.6, 198.19.0.7]
 * AddressBlock.parse("2001:db8:2::/126").hosts()     // [2001:db8:2::1, ::2, ::3]: no subnet-router anycast
 * }</pre>
 *
 * <p>The rules, in one place. A block is an address literal (never a name: no resolver is asked), a {@code /} and a
 * prefix length of 1..32 (IPv4) or 1..128 (IPv6); the address's host bits are ignored. {@link #parse} gives the
 * block's hosts, the addresses a sweep probes: an IPv4 block with a prefix shorter than 31 leaves out its network and broadcast
 * addresses; IPv6 has no broadcast, so a block shorter than /127 leaves out only the all-zero Subnet-Router anycast
 * address (RFC 4291 2.6.1). {@link #whole} keeps every address of the block (a batch probing the network address on
 * purpose). A range keeps both ends. Whichever way, a block holds at most {@link #MAX_SIZE} addresses, else a
 * {@link BlockTooLargeException}. {@link #hosts()} is a view computed on access, so a /16 costs no memory until its
 * addresses are used.
 *
 * @param first the first address handed out
 * @param size  how many addresses
 */
public record AddressBlock(InetAddress first, int size) {

    /** <b>The most addresses a block may hold</b>: 2^20, sixteen times the lab's largest sweep. */
    public static final int MAX_SIZE = 1 << 20;

    /** <b>Checks the fields.</b> */
    public AddressBlock {
        Objects.requireNonNull(first, "first");
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be 1.." + MAX_SIZE + ", got " + size);
        }
    }

    /**
     * <b>The hosts of a CIDR block such as {@code 198.19.0.0/22} or {@code 2001:db8:2::/118}.</b>
     *
     * @throws IllegalArgumentException naming the part at fault: not an address literal, or a prefix length out
     *                                  of range (1..32, 1..128)
     * @throws BlockTooLargeException   for more than {@link #MAX_SIZE} hosts
     */
    public static AddressBlock parse(String cidr) {
        return parse(cidr, false);
    }

    /**
     * <b>Every address of a CIDR block, network and broadcast (or Subnet-Router anycast) included</b>:
     * {@code 198.19.0.0/30} is 198.19.0.0 .. 198.19.0.3.
     *
     * @throws IllegalArgumentException as {@link #parse}
     */
    public static AddressBlock whole(String cidr) {
        return parse(cidr, true);
    }

    private static AddressBlock parse(String cidr, boolean keepEnds) {
        Objects.requireNonNull(cidr, "cidr");
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("block must be ADDRESS/PREFIX, got '" + cidr + "'");
        }
        InetAddress base = literal(cidr.substring(0, slash), "block address");
        int bits = base.getAddress().length * 8;
        int prefix;
        try {
            prefix = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 1 || prefix > bits) {
            throw new IllegalArgumentException("prefix length must be 1.." + bits + ", got '"
                    + cidr.substring(slash + 1) + "'");
        }
        BigInteger hostBits = BigInteger.ONE.shiftLeft(bits - prefix);
        BigInteger network = value(base).subtract(value(base).mod(hostBits));
        BigInteger count = hostBits;
        boolean v4 = base instanceof Inet4Address;
        if (keepEnds) {
            // every address of the block
        } else if (v4 && prefix < 31) {
            network = network.add(BigInteger.ONE);
            count = count.subtract(BigInteger.TWO);
        } else if (!v4 && prefix < 127) {
            network = network.add(BigInteger.ONE);
            count = count.subtract(BigInteger.ONE);
        }
        return new AddressBlock(address(network, bits / 8), checkedSize(count, cidr));
    }

    /**
     * <b>Every address from {@code first} to {@code last}, both included, of one family.</b>
     *
     * @throws IllegalArgumentException if either is not an address literal, the families differ, or last comes
     *                                  before first
     * @throws BlockTooLargeException   if the range holds more than {@link #MAX_SIZE} addresses
     */
    public static AddressBlock range(String first, String last) {
        InetAddress a = literal(first, "first address"), b = literal(last, "last address");
        if (a.getAddress().length != b.getAddress().length) {
            throw new IllegalArgumentException("first and last address must be of one family, got " + first
                    + " and " + last);
        }
        BigInteger count = value(b).subtract(value(a)).add(BigInteger.ONE);
        if (count.signum() <= 0) {
            throw new IllegalArgumentException("last address must not come before first, got " + first + " .. "
                    + last);
        }
        return new AddressBlock(a, checkedSize(count, first + " .. " + last));
    }

    /** <b>The addresses, in order</b>, as a list computed on access (no memory per address). */
    public List<InetAddress> hosts() {
        BigInteger start = value(first);
        int width = first.getAddress().length;
        return new AbstractList<>() {
            @Override
            public InetAddress get(int index) {
                Objects.checkIndex(index, size);
                return address(start.add(BigInteger.valueOf(index)), width);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Override
    public String toString() {
        return first.getHostAddress() + " + " + size + " addresses";
    }

    private static int checkedSize(BigInteger count, String what) {
        if (count.compareTo(BigInteger.valueOf(MAX_SIZE)) > 0) {
            throw new BlockTooLargeException(what, count);
        }
        if (count.signum() <= 0) {
            throw new IllegalArgumentException("a block must hold 1.." + MAX_SIZE + " hosts, " + what + " holds "
                    + count);
        }
        return count.intValueExact();
    }

    private static InetAddress literal(String s, String field) {
        String t = s.strip();
        // Only literals: a block never consults a resolver.
        if (t.isEmpty() || !t.matches("[0-9a-fA-F.:]+") || (!t.contains(":") && !t.matches("\\d+(\\.\\d+){3}"))) {
            throw new IllegalArgumentException(field + " must be an IPv4 or IPv6 address, got '" + s + "'");
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(field + " must be an IPv4 or IPv6 address, got '" + s + "'");
        }
    }

    private static BigInteger value(InetAddress a) {
        return new BigInteger(1, a.getAddress());
    }

    private static InetAddress address(BigInteger v, int width) {
        byte[] raw = v.toByteArray(), bytes = new byte[width];
        int n = Math.min(raw.length, width);
        System.arraycopy(raw, raw.length - n, bytes, width - n, n);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
