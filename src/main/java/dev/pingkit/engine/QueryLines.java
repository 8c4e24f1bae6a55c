package dev.pingkit.engine;

import dev.pingkit.packet.Addresses;
import dev.pingkit.packet.Hexdump;

import java.nio.charset.StandardCharsets;

/** How an {@link Query} presents itself: the one-line summary and the field-by-field view. */
final class QueryLines {
    private QueryLines() {
    }

    /** Every field, one per line, with its meaning; send options last. */
    static String show(Query e) {
        StringBuilder sb = new StringBuilder();
        sb.append("target   = ").append(Addresses.text(e.target())).append('\n');
        for (String line : e.message().show().split("\n")) {
            if (!line.startsWith("src      =") && !line.startsWith("dst      =")) { // the target and source follow
                sb.append(line).append('\n');
            }
        }
        sb.append("source   = ").append(e.source().map(Addresses::text).orElse("(kernel's choice)")).append('\n');
        sb.append("ttl      = ").append(e.hasTtl() ? String.valueOf(e.ttl()) : "(kernel default)").append('\n');
        sb.append("tos      = ").append(e.hasTos() ? String.format("0x%02x", e.tos()) : "(kernel default)")
                .append('\n');
        sb.append("df       = ").append(dontFragmentMeaning(e));
        return sb.toString();
    }

    /**
     * What the kernel does with this probe's don't-fragment choice. Unset is not "DF off": Linux sends ICMP with
     * path-MTU discovery (IP_PMTUDISC_WANT), so the DF bit is set all the same and a router quotes it back.
     */
    private static String dontFragmentMeaning(Query e) {
        if (e.family() == 6) {
            return e.dontFragment()
                    ? "true (never fragmented, not even by this host: a probe too big for the path fails)"
                    : "false (IPv6 routers never fragment; this host may, for a probe above the path MTU)";
        }
        return e.dontFragment() ? "true (DF set, never fragmented: a probe too big for the path fails)"
                : "false (not forced: Linux still sets DF on ICMP and discovers the path MTU, fragmenting only above it)";
    }

    /** One line: {@code Echo 127.0.0.1 id=7 seq=1 len=5 "hello" checksum=0x….} */
    static String line(Query e) {
        StringBuilder sb = new StringBuilder("Echo ").append(Addresses.text(e.target()));
        e.source().ifPresent(s -> sb.append(" from ").append(Addresses.text(s)));
        if (e.type() != (e.family() == 6 ? 128 : 8)) {
            sb.append(" type=").append(e.type());
        }
        if (e.code() != 0) {
            sb.append(" code=").append(e.code());
        }
        sb.append(" id=").append(e.id()).append(" seq=").append(e.seq()).append(" len=").append(e.payloadLength());
        if (!e.pattern().isEmpty()) {
            sb.append(" pattern=").append(e.pattern());
        } else if (e.payloadLength() > 0) {
            sb.append(' ').append(preview(e.payload()));
        }
        if (!e.checksumKnown()) {
            sb.append(" checksum=kernel");
        } else {
            sb.append(String.format(" checksum=0x%04x", e.checksum())).append(e.checksumForced() ? " (forced)" : "");
        }
        if (e.hasTtl()) {
            sb.append(" ttl=").append(e.ttl());
        }
        if (e.hasTos()) {
            sb.append(String.format(" tos=0x%02x", e.tos()));
        }
        if (e.dontFragment()) {
            sb.append(" df");
        }
        return sb.toString();
    }

    /** The payload's start: quoted text if it is printable ASCII, else hex; an ellipsis if cut. */
    private static String preview(byte[] payload) {
        boolean text = true;
        for (byte b : payload) {
            if (b < 0x20 || b >= 0x7f || b == '"') {
                text = false;
                break;
            }
        }
        int n = Math.min(payload.length, text ? 24 : 8);
        String s = text ? "\"" + new String(payload, 0, n, StandardCharsets.US_ASCII) + "\""
                : Hexdump.hex(payload, 0, n);
        return n < payload.length ? s + "…" : s;
    }
}
