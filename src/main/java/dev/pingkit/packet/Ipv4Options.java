package dev.pingkit.packet;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * <b>The options area of an IPv4 header, 0..40 bytes, as a list of {@link Ipv4Option}s: encoded for a probe
 * ({@code IP_OPTIONS}), decoded from a received header.</b> Decoding never throws: an option whose length lies
 * (below 2, or past the area) ends the walk, what is left is kept as an {@link Ipv4Option.Unknown}, and every such
 * defect is in {@link #problems()}.
 *
 * <pre>{@code
 * byte[] rr = Ipv4Options.encode(List.of(new Ipv4Option.NoOperation(), RecordRouteOption.slots(9))); // ping -R
 * Ipv4Options.decode(rr).options();
 * }</pre>
 *
 * @param options  the options in order (an end-of-list ends it; the padding after it is not listed)
 * @param problems what is wrong with them, in words
 */
public record Ipv4Options(List<Ipv4Option> options, List<String> problems) {
    /** The most option bytes an IPv4 header holds (IHL 15). */
    public static final int MAX = 40;

    /** Copies the lists. */
    public Ipv4Options {
        options = List.copyOf(options);
        problems = List.copyOf(problems);
    }

    /**
     * <b>The options as they go in a header: in order, padded with end-of-list bytes to a multiple of 4.</b>
     *
     * @throws IllegalArgumentException if they take more than 40 bytes
     */
    public static byte[] encode(List<? extends Ipv4Option> options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Ipv4Option o : options) {
            out.writeBytes(o.toBytes());
        }
        int n = out.size();
        if (n > MAX) {
            throw new IllegalArgumentException("IPv4 options must fit 40 bytes, got " + n + " (" + options + ")");
        }
        while (out.size() % 4 != 0) {
            out.write(0);
        }
        return out.toByteArray();
    }

    /** <b>Decodes an options area (the bytes after the first 20 of an IPv4 header).</b> */
    public static Ipv4Options decode(byte[] area) {
        return decode(area, 0, area.length);
    }

    /** <b>Decodes {@code b[off, off+len)} as an options area.</b> */
    public static Ipv4Options decode(byte[] b, int off, int len) {
        List<Ipv4Option> list = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int end = off + len;
        int p = off;
        while (p < end) {
            int type = b[p] & 0xff;
            int at = p - off;
            if (type == 0) {
                list.add(new Ipv4Option.EndOfList());
                break;
            }
            if (type == 1) {
                list.add(new Ipv4Option.NoOperation());
                p++;
                continue;
            }
            String name = Ipv4Option.Unknown.name(type);
            if (p + 1 >= end) {
                problems.add("IP option " + name + " (type " + type + ") at byte " + at
                        + " has no length byte: the options end");
                list.add(new Ipv4Option.Unknown(type, 1, new byte[0]));
                break;
            }
            int olen = b[p + 1] & 0xff;
            if (olen < 2 || olen > end - p) {
                problems.add("IP option " + name + " (type " + type + ") at byte " + at + ": length " + olen
                        + (olen < 2 ? " is less than 2" : " runs past the options' end (" + (end - p) + " left)"));
                list.add(new Ipv4Option.Unknown(type, olen, java.util.Arrays.copyOfRange(b, p + 2, end)));
                break;
            }
            list.add(switch (type) {
                case RecordRouteOption.TYPE -> RecordRouteOption.read(b, p, olen, problems);
                case TimestampOption.TYPE -> TimestampOption.read(b, p, olen, problems);
                default -> new Ipv4Option.Unknown(type, olen, java.util.Arrays.copyOfRange(b, p + 2, p + olen));
            });
            p += olen;
        }
        return new Ipv4Options(list, problems);
    }

    /** <b>The first record route option, if any.</b> */
    public java.util.Optional<RecordRouteOption> recordRoute() {
        return options.stream().filter(RecordRouteOption.class::isInstance).map(RecordRouteOption.class::cast)
                .findFirst();
    }

    /** <b>The first timestamp option, if any.</b> */
    public java.util.Optional<TimestampOption> timestamp() {
        return options.stream().filter(TimestampOption.class::isInstance).map(TimestampOption.class::cast)
                .findFirst();
    }

    /** The field view's lines: one per option, one per entry of a record route or timestamp option. */
    void show(java.util.function.BiConsumer<String, String> line) {
        for (int i = 0; i < options.size(); i++) {
            Ipv4Option o = options.get(i);
            String name = "ip.opt[" + i + "]";
            line.accept(name, o.text());
            if (o instanceof RecordRouteOption rr) {
                for (int k = 0; k < rr.slots().size(); k++) {
                    line.accept(name + ".rr[" + k + "]", k < rr.filled() ? Addresses.text(rr.slots().get(k))
                            : "(empty)");
                }
            } else if (o instanceof TimestampOption ts) {
                for (int k = 0; k < ts.entries().size(); k++) {
                    line.accept(name + ".ts[" + k + "]", ts.entryText(k));
                }
            }
        }
    }
}
