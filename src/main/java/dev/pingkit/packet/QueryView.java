package dev.pingkit.packet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** How the body of a query, a query reply or a router advertisement shows in a message's field view and line. */
final class QueryView {
    private QueryView() {
    }

    /**
     * The body's fields, one {@code line} each, with their meaning; false when there is nothing of the kind (echo
     * and other types show their payload instead).
     */
    static boolean show(IcmpQuery q, RouterAdvertisement ra, BiConsumer<String, String> line) {
        if (ra != null) {
            line.accept("ra.addrs", String.valueOf(ra.addresses()));
            line.accept("ra.size", ra.entrySize() + " (32-bit words per entry)");
            line.accept("ra.lifetime", ra.lifetime() + " s");
            for (int i = 0; i < ra.entries().size(); i++) {
                line.accept("ra.router[" + i + "]", ra.entries().get(i).toString());
            }
            return true;
        }
        if (q instanceof TimestampMessage t) {
            line.accept("originate", t.originate() + " (" + UtClock.meaning(t.originate()) + ", when the request left)");
            // A request's receive and transmit are the responder's to write; 0 there is no time of day.
            boolean blank = !t.isReply();
            line.accept("receive", t.receive() + (blank && t.receive() == 0 ? " (for the responder to fill in)"
                    : " (" + UtClock.meaning(t.receive()) + ", when the responder got it)"));
            line.accept("transmit", t.transmit() + (blank && t.transmit() == 0 ? " (for the responder to fill in)"
                    : " (" + UtClock.meaning(t.transmit()) + ", when the reply left)"));
            return true;
        }
        if (q instanceof AddressMaskMessage a) {
            int prefix = a.prefix();
            line.accept("mask", Addresses.text(a.maskAddress()) + (prefix >= 0 ? " (/" + prefix + ")"
                    : " (ones not contiguous)"));
            return true;
        }
        if (q instanceof InformationMessage) {
            return true;
        }
        if (q instanceof NodeInfoMessage n) {
            line.accept("qtype", n.qtype() + " (" + n.qtypeName() + ")");
            line.accept("flags", String.format("0x%04x (%s)", n.flags(), n.flagText()));
            line.accept("nonce", n.nonceText());
            List<String> data = n.dataText(new ArrayList<>());
            line.accept("data", IcmpFieldView.bytes(n.data().length) + " (" + n.codeText() + ")");
            for (String d : data) { // "name peer.lab.": the kind names the line
                int sp = d.indexOf(' ');
                line.accept("  " + d.substring(0, sp), d.substring(sp + 1));
            }
            return true;
        }
        if (q instanceof ExtendedEchoMessage x) {
            if (x.isReply()) {
                line.accept("reply", x.codeText() + (x.answered() ? ": the interface exists" : ": not answered"));
                line.accept("state", x.state() + " (" + x.stateName() + ")");
                line.accept("flags", String.format("0x%02x (A=%d active, 4=%d ipv4, 6=%d ipv6)", x.flags(),
                        x.active() ? 1 : 0, x.ipv4() ? 1 : 0, x.ipv6() ? 1 : 0));
            } else {
                line.accept("flags", String.format("0x%02x (L=%d: %s)", x.flags(), x.local() ? 1 : 0, x.local()
                        ? "the interface is on the probed node" : "the interface is on a neighbour of the node"));
            }
            x.decodedExtension().ifPresentOrElse(e -> extension(e, line),
                    () -> line.accept("ext", "none"));
            return true;
        }
        return false;
    }

    private static void extension(IcmpExtension e, BiConsumer<String, String> line) {
        if (e.version() < 0) {
            line.accept("ext", "truncated");
            return;
        }
        line.accept("ext.ver", String.valueOf(e.version()));
        line.accept("ext.cksum", String.format("0x%04x (%s)", e.checksum(), e.checksumValid() ? "correct"
                : String.format("wrong, expected 0x%04x", e.expectedChecksum())));
        for (int i = 0; i < e.objects().size(); i++) {
            IcmpExtension.ExtensionObject o = e.objects().get(i);
            String name = "ext.obj[" + i + "]";
            if (o.classNum() == InterfaceId.CLASS_NUM) {
                byte[] p = o.payload();
                InterfaceId id = InterfaceId.read(o.cType(), p, 0, p.length, new java.util.ArrayList<>());
                line.accept(name, "interface identification (class 3, c-type " + o.cType() + ", len " + o.length()
                        + "): " + id.text());
            } else {
                line.accept(name, "class " + o.classNum() + " c-type " + o.cType() + " len " + o.length());
            }
        }
    }

    /** A few words for the one-line summary: the fields that tell this reply from another. */
    static String summary(IcmpQuery q) {
        if (q instanceof TimestampMessage t) {
            return " originate=" + t.originate() + " receive=" + t.receive() + " transmit=" + t.transmit();
        }
        if (q instanceof AddressMaskMessage a) {
            return " mask=" + Addresses.text(a.maskAddress());
        }
        if (q instanceof NodeInfoMessage n) {
            List<String> data = n.dataText(new ArrayList<>());
            return " qtype=" + n.qtype() + " nonce=" + n.nonceText() + (data.isEmpty() ? "" : " "
                    + String.join(" ", data));
        }
        if (q instanceof ExtendedEchoMessage x) {
            if (x.isReply()) {
                return " state=" + x.stateName() + (x.active() ? " A" : "") + (x.ipv4() ? " 4" : "") + (x.ipv6() ? " 6" : "");
            }
            return (x.local() ? " L" : "") + x.interfaceId().map(i -> " " + i.text()).orElse("");
        }
        return "";
    }
}
