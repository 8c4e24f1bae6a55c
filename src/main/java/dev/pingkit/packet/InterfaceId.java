package dev.pingkit.packet;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * <b>RFC 8335's Interface Identification Object: which interface a PROBE asks about</b>, by name (C-Type 1), by
 * index (2) or by address (3), or any other C-Type as raw bytes for experiments. {@link #toObject()} is the
 * object's payload as it goes in the extension structure (class 3).
 *
 * <pre>{@code InterfaceId.name("eth0")  InterfaceId.index(2)  InterfaceId.address(InetAddress.getByName("::1"))}</pre>
 */
public sealed interface InterfaceId {
    /** The Class-Num of the Interface Identification Object. */
    int CLASS_NUM = 3;

    /** <b>The C-Type: 1 name, 2 index, 3 address.</b> */
    int cType();

    /** <b>The object's payload (after its 4-byte header), a new array.</b> */
    byte[] payload();

    /** <b>One line, e.g. {@code name "eth0"}, {@code index 2}, {@code address 198.51.100.2}.</b> */
    String text();

    /** <b>By name: 1..255 bytes of ASCII</b>, padded with NULs to a 32-bit boundary on the wire as RFC 8335 asks. */
    static Name name(String name) {
        Objects.requireNonNull(name, "name");
        int n = name.getBytes(StandardCharsets.ISO_8859_1).length;
        if (n < 1 || n > 255 || !StandardCharsets.US_ASCII.newEncoder().canEncode(name)) {
            throw new IllegalArgumentException("interface name must be 1..255 ASCII characters, got " + n
                    + (n == 1 ? " character" : " characters") + (n > 0 && n <= 40 ? " '" + name + "'" : ""));
        }
        return new Name(name);
    }

    /**
     * <b>The interface as a person names it on a command line: digits are an index, an IPv4 or IPv6 literal an
     * address, anything else a name</b> ({@code ping --probe eth0|2|198.51.100.2 host}). Never consults a resolver.
     *
     * @throws IllegalArgumentException naming the value when it is none of them
     */
    static InterfaceId parse(String text) {
        Objects.requireNonNull(text, "interface");
        if (text.matches("\\d{1,10}")) {
            long index = Long.parseLong(text);
            if (index > 0xffffffffL) {
                throw new IllegalArgumentException("interface index must be 0..4294967295, got " + text);
            }
            return index(index);
        }
        boolean v4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (v4 || (text.contains(":") && text.matches("[0-9a-fA-F:.]+"))) {
            try {
                return address(InetAddress.getByName(text)); // a literal: no lookup
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException("interface address must be an IPv4 or IPv6 address, got '"
                        + text + "'");
            }
        }
        return name(text);
    }

    /** <b>By index, 0..2^32-1 (the kernel's ifindex, as {@code ip link} lists it).</b> */
    static Index index(long index) {
        return new Index(QueryWire.check32("index", index));
    }

    /** <b>By one of the interface's addresses, IPv4 or IPv6.</b> */
    static Address address(InetAddress address) {
        return new Address(Objects.requireNonNull(address, "address"));
    }

    /** <b>Another C-Type with its payload as given (copied), to see what a responder makes of it.</b> */
    static Other other(int cType, byte[] payload) {
        QueryWire.check("cType", cType, 0xff);
        if (payload.length > 65531) {
            throw new IllegalArgumentException("payload must be 0..65531 bytes, got " + payload.length);
        }
        return new Other(cType, payload);
    }

    /** The interface's name (C-Type 1), as it reads without its NUL padding. */
    record Name(String name) implements InterfaceId {
        /** Checks the name is there. */
        public Name {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public int cType() {
            return 1;
        }

        @Override
        public byte[] payload() {
            byte[] text = name.getBytes(StandardCharsets.ISO_8859_1);
            return Arrays.copyOf(text, (text.length + 3) & ~3);
        }

        @Override
        public String text() {
            return "name \"" + name + "\"";
        }
    }

    /** The interface's index (C-Type 2). */
    record Index(long index) implements InterfaceId {
        @Override
        public int cType() {
            return 2;
        }

        @Override
        public byte[] payload() {
            byte[] b = new byte[4];
            QueryWire.put32(b, 0, index);
            return b;
        }

        @Override
        public String text() {
            return "index " + index;
        }
    }

    /** One of the interface's addresses (C-Type 3): AFI 1 (IPv4) or 2 (IPv6), its length, the address. */
    record Address(InetAddress address) implements InterfaceId {
        /** Checks the address is there. */
        public Address {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public int cType() {
            return 3;
        }

        /** The address family identifier: 1 IPv4, 2 IPv6. */
        public int afi() {
            return address instanceof Inet6Address ? 2 : 1;
        }

        @Override
        public byte[] payload() {
            byte[] a = address.getAddress();
            byte[] b = new byte[4 + a.length];
            b[1] = (byte) afi();
            b[2] = (byte) a.length;
            System.arraycopy(a, 0, b, 4, a.length);
            return b;
        }

        @Override
        public String text() {
            return "address " + Addresses.text(address);
        }
    }

    /** A C-Type this decoder does not read, or a payload that does not fit its C-Type: kept as bytes. */
    record Other(int cType, byte[] bytes) implements InterfaceId {
        /** Copies the bytes in. */
        public Other {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public byte[] payload() {
            return bytes.clone();
        }

        @Override
        public String text() {
            return "c-type " + cType + ", " + IcmpFieldView.bytes(bytes.length)
                    + (bytes.length > 0 ? " " + Hexdump.hex(bytes, 0, Math.min(bytes.length, 32))
                    + (bytes.length > 32 ? " ..." : "") : "");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Other x && cType == x.cType && Arrays.equals(bytes, x.bytes);
        }

        @Override
        public int hashCode() {
            return 31 * cType + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Other[" + text() + "]";
        }
    }

    /**
     * Reads an object payload of {@code cType}; {@code problems} gets what does not fit RFC 8335 (an empty or
     * over-long name, an index of another length, an address whose AFI or length lies), and such a payload comes
     * back as {@link Other}.
     */
    static InterfaceId read(int cType, byte[] b, int off, int len, java.util.List<String> problems) {
        byte[] p = Arrays.copyOfRange(b, off, off + len);
        switch (cType) {
            case 1 -> {
                int n = len;
                while (n > 0 && p[n - 1] == 0) {
                    n--;
                }
                if (n == 0) {
                    problems.add("PROBE interface name is empty (" + IcmpFieldView.bytes(len)
                            + "): RFC 8335 needs 1 character at least");
                    return new Other(cType, p);
                }
                if (n > 255) {
                    problems.add("PROBE interface name of " + n + " bytes: longer than 255");
                }
                return new Name(new String(p, 0, n, StandardCharsets.ISO_8859_1));
            }
            case 2 -> {
                if (len != 4) {
                    problems.add("PROBE interface index of " + IcmpFieldView.bytes(len) + ", 4 expected");
                    return new Other(cType, p);
                }
                return new Index(QueryWire.u32(p, 0));
            }
            case 3 -> {
                if (len < 4) {
                    problems.add("PROBE interface address of " + IcmpFieldView.bytes(len)
                            + ": shorter than its 4-byte AFI and length");
                    return new Other(cType, p);
                }
                int afi = QueryWire.u16(p, 0);
                int alen = p[2] & 0xff;
                int want = afi == 1 ? 4 : afi == 2 ? 16 : -1;
                if (want < 0) {
                    problems.add("PROBE interface address AFI " + afi + ": not 1 (IPv4) or 2 (IPv6)");
                    return new Other(cType, p);
                }
                if (alen != want || len != 4 + alen) {
                    problems.add("PROBE interface address length " + alen + " with AFI " + afi + " in "
                            + IcmpFieldView.bytes(len - 4) + ": " + want + " expected");
                    return new Other(cType, p);
                }
                try {
                    byte[] a = Arrays.copyOfRange(p, 4, 4 + alen);
                    return new Address(alen == 16 ? Inet6Address.getByAddress(null, a, null)
                            : InetAddress.getByAddress(a));
                } catch (java.net.UnknownHostException e) {
                    throw new AssertionError("4 or 16 bytes are an address", e);
                }
            }
            default -> {
                problems.add("PROBE interface identification c-type " + cType + ": not 1 (name), 2 (index) or"
                        + " 3 (address)");
                return new Other(cType, p);
            }
        }
    }
}
