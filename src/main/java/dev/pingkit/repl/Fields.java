package dev.pingkit.repl;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import dev.pingkit.Echo;
import dev.pingkit.packet.IcmpNames;

/**
 * The packet fields {@code echo} and {@code set} take, each a word the user types and the {@link Echo} call it maps
 * to. Range checks with field/value/allowed messages happen here for what the user types (a number that is not one)
 * and in {@code Echo} for the value itself, so both say the same thing.
 */
final class Fields {
    /** One settable field: how to apply a typed value, what Tab offers for it, and its one-line help. */
    record Field(String name, String help, List<String> suggestions, BiFunction<Echo, String, Echo> apply) {
    }

    private final Map<String, Field> fields = new LinkedHashMap<>();
    private final Resolver resolver;

    Fields(Resolver resolver) {
        this.resolver = resolver;
        add("id", "identifier 0..65535 (decimal or 0x..)", List.of(),
                (e, v) -> e.id(Values.intIn("id", v, 0, 65535)));
        add("seq", "sequence number 0..65535", List.of(), (e, v) -> e.seq(Values.intIn("seq", v, 0, 65535)));
        add("payload", "payload text (quote it: \"hello there\"), or hex:dead beef for bytes", List.of("\"", "hex:"),
                Fields::payload);
        add("size", "payload size in bytes like ping -s: byte i is i & 0xff, or the pattern",
                List.of("0", "1", "56", "1472"), (e, v) -> e.size(Values.intIn("size", v, 0, e.family() == 6 ? Echo.MAX_PAYLOAD_V6 : Echo.MAX_PAYLOAD_V4)));
        add("pattern", "fill the payload with 1..16 hex bytes like ping -p (ff00)", List.of("ff", "00", "ff00"),
                Echo::pattern);
        add("type", "ICMP type 0..255 or a name (echo-request, timestamp-request, ...)",
                List.of("echo-request", "echo-reply", "timestamp-request"), Fields::type);
        add("code", "ICMP code 0..255", List.of("0"), (e, v) -> e.code(Values.intIn("code", v, 0, 255)));
        add("checksum", "force the checksum field 0..65535 (a wrong one on purpose), or auto to compute it",
                List.of("auto", "0x0000", "0xffff"),
                (e, v) -> v.equalsIgnoreCase("auto") ? e.computedChecksum()
                        : e.checksum(Values.intIn("checksum", v, 0, 65535)));
        add("ttl", "IP TTL / IPv6 hop limit to send with, 1..255", List.of("1", "2", "3", "64"),
                (e, v) -> e.ttl(Values.intIn("ttl", v, 1, 255)));
        add("tos", "IP TOS / IPv6 traffic class byte 0..255", List.of("0", "0x10", "0xb8"),
                (e, v) -> e.tos(Values.intIn("tos", v, 0, 255)));
        add("df", "don't-fragment on or off", List.of("on", "off"), (e, v) -> e.dontFragment(Values.flag("df", v)));
        add("source", "source address (same family as the target), or auto", List.of("auto"), this::source);
    }

    private void add(String name, String help, List<String> suggestions, BiFunction<Echo, String, Echo> apply) {
        fields.put(name, new Field(name, help, suggestions, apply));
    }

    List<String> names() {
        return new ArrayList<>(fields.keySet());
    }

    Field field(String name) {
        Field f = fields.get(name);
        if (f == null) {
            throw new UserError("unknown field " + name + "; fields: " + String.join(" ", fields.keySet())
                    + Spelling.hint(name, fields.keySet()));
        }
        return f;
    }

    boolean isField(String name) {
        return fields.containsKey(name);
    }

    /** Lines for help: each field and what it takes. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        for (Field f : fields.values()) {
            sb.append(String.format("  %-9s %s%n", f.name(), f.help()));
        }
        return sb.toString().stripTrailing();
    }

    Echo apply(Echo echo, String name, String value) {
        return field(name).apply().apply(echo, value);
    }

    private static Echo payload(Echo e, String v) {
        if (v.startsWith("hex:")) {
            return e.payloadHex(v.substring(4));
        }
        return e.payload(v);
    }

    private static Echo type(Echo e, String v) {
        return queryBody(e, typeOf(e, v));
    }

    /**
     * An echo's default payload becomes the body of the query its new type is (RFC 792 / 950): a timestamp
     * request's originate (now), receive and transmit, an information request's nothing, an address mask
     * request's zero mask. A payload the user set is kept as given.
     */
    private static Echo queryBody(Echo e, Echo typed) {
        boolean defaultPayload = java.util.Arrays.equals(e.payload(),
                dev.pingkit.packet.EchoPayload.fill(Echo.DEFAULT_SIZE));
        if (!defaultPayload || typed.family() != 4) {
            return typed;
        }
        return switch (typed.type()) {
            case dev.pingkit.packet.IcmpTypes.TIMESTAMP_REQUEST -> typed.payload(java.nio.ByteBuffer.allocate(12)
                    .putInt((int) dev.pingkit.packet.TimestampMessage.now()).array());
            case dev.pingkit.packet.IcmpTypes.INFORMATION_REQUEST -> typed.payload(new byte[0]);
            case dev.pingkit.packet.IcmpTypes.ADDRESS_MASK_REQUEST -> typed.payload(new byte[4]);
            default -> typed;
        };
    }

    private static Echo typeOf(Echo e, String v) {
        if (!v.isEmpty() && Character.isLetter(v.charAt(0))) {
            List<String> known = new ArrayList<>();
            for (int t = 0; t < 256; t++) {
                String name = IcmpNames.typeName(e.family(), t);
                if (name.equals(v)) {
                    return e.type(t);
                }
                if (!name.equals("unknown")) {
                    known.add(name);
                }
            }
            throw new UserError("type must be 0..255 or an ICMPv" + e.family() + " type name (" + String.join(" ", known)
                    + "), got " + v);
        }
        return e.type(Values.intIn("type", v, 0, 255));
    }

    private Echo source(Echo e, String v) {
        if (v.equalsIgnoreCase("auto")) {
            return e.source(null);
        }
        InetAddress a = resolver.resolve(v, e.family());
        return e.source(a);
    }
}
