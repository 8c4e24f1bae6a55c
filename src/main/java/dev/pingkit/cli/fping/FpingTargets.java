package dev.pingkit.cli.fping;

import dev.pingkit.engine.AddressBlock;
import dev.pingkit.engine.BlockTooLargeException;
import dev.pingkit.sweep.SweepTarget;
import dev.pingkit.sweep.SweepTargets;
import dev.pingkit.packet.Addresses;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * <b>fping's target list: from the arguments, a file, stdin or {@code -g}, each resolved as fping resolves it.</b>
 * A name that does not resolve is warned about (unless quiet) and counted, the others are still probed.
 */
final class FpingTargets {
    /** fping's MAX_GENERATE, the most a {@code -g start end} range may hold. */
    static final int MAX_GENERATE = 100_000;

    /** The targets found, set by {@link #of}. */
    List<SweepTarget> targets;
    int unknown;
    private final SweepTargets.Builder builder = SweepTargets.builder();
    private final FpingInvocation inv;
    private final PrintStream err;

    private FpingTargets(FpingInvocation inv, PrintStream err) {
        this.inv = inv;
        this.err = err;
    }

    /** The targets of {@code inv}; {@code stdin} is read for {@code -f -} (and when nothing else is given). */
    static FpingTargets of(FpingInvocation inv, InputStream stdin, PrintStream err) throws FpingUsageException {
        FpingTargets t = new FpingTargets(inv, err);
        List<String> args = inv.targets();
        if (!args.isEmpty() && !inv.generate()) {
            args.forEach(t::add);
        } else if (inv.file() != null) {
            t.readFile(inv.file(), stdin);
        } else if (args.size() == 1) {
            t.cidr(args.get(0));
        } else if (args.size() == 2) {
            t.range(args.get(0), args.get(1));
        } else {
            throw FpingUsageException.usage();
        }
        t.targets = t.builder.build();
        return t;
    }

    /** Longest line of a targets file: far beyond any name (253 characters), short of an endless file's memory. */
    static final int MAX_LINE = 4096;

    private void readFile(String file, InputStream stdin) throws FpingUsageException {
        // Bytes that are not UTF-8 decode to U+FFFD, as fping reads bytes: each line is still tried (and is no
        // host name), instead of the whole file failing with the decoder's "Input length = 1".
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(file.equals("-") ? stdin
                : Files.newInputStream(Path.of(file)), decoder))) {
            int n = 0;
            for (String line; (line = line(r, file, ++n)) != null; ) {
                if (n == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1); // a UTF-8 byte order mark is not part of the first name
                }
                String host = line.strip().split("\\s+", 2)[0];
                if (!host.isEmpty() && !host.startsWith("#")) {
                    add(host);
                }
            }
        } catch (NoSuchFileException e) {
            throw new FpingUsageException(FpingWords.fileError("No such file or directory"), 4);
        } catch (IOException e) {
            throw new FpingUsageException(FpingWords.fileError(e.getMessage()), 4);
        }
    }

    /** The next line, at most {@link #MAX_LINE} characters (a link to /dev/zero is one endless line); null at the end. */
    private static String line(BufferedReader r, String file, int n) throws IOException, FpingUsageException {
        StringBuilder b = new StringBuilder();
        for (int c = r.read(); c >= 0; c = r.read()) {
            if (c == '\n') {
                return b.toString();
            }
            if (b.length() == MAX_LINE) {
                throw new FpingUsageException(FpingWords.PROG + ": " + file + ": line " + n + " is longer than "
                        + MAX_LINE + " characters, not a list of targets", 4);
            }
            b.append((char) c);
        }
        return b.length() == 0 ? null : b.toString();
    }

    /** A host name's characters (RFC 1123 and the odd underscore), or an address literal's; at most 253. */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile(
            "[A-Za-z0-9_][A-Za-z0-9_.-]{0,252}|[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");

    /** {@code name} for a message: a very long one cut, so one bad line does not fill the screen. */
    private static String shown(String name) {
        return name.length() <= 255 ? name : name.substring(0, 64) + "...(" + name.length() + " characters)";
    }

    /** {@code -g a.b.c.d/n}; beyond fping 5.1, IPv6 blocks too. */
    private void cidr(String spec) throws FpingUsageException {
        int slash = spec.indexOf('/');
        if (slash < 0) {
            throw FpingUsageException.usage();
        }
        String address = spec.substring(0, slash), mask = spec.substring(slash + 1);
        if (!FpingOptions.isAddressLiteral(address)) {
            throw new FpingUsageException(FpingWords.cidrAddress(address));
        }
        int bits = address.contains(":") ? 128 : 32;
        int prefix = atoi(mask);
        if (prefix < 1 || prefix > bits) {
            throw new FpingUsageException(bits == 32 ? FpingWords.netmask(mask)
                    : FpingWords.netmask(mask).replace("32", "128"));
        }
        if (bits - prefix > 20) {
            throw new FpingUsageException(FpingWords.tooMany());
        }
        addAll(AddressBlock.parse(address + "/" + prefix));
    }

    private void range(String first, String last) throws FpingUsageException {
        for (String a : new String[] {first, last}) {
            if (!FpingOptions.isAddressLiteral(a)) {
                throw new FpingUsageException(FpingWords.rangeAddress(a));
            }
        }
        if (first.contains(":") != last.contains(":")) {
            // one IPv4 end and one IPv6: fping's words (it takes no IPv6 range at all; we take two IPv6 ends)
            throw new FpingUsageException(FpingWords.PROG + ": -g works only with IPv4 addresses");
        }
        AddressBlock b;
        try {
            b = AddressBlock.range(first, last);
        } catch (BlockTooLargeException e) {
            throw new FpingUsageException(FpingWords.tooMany());
        } catch (IllegalArgumentException e) {
            return; // last before first, or two families: fping generates nothing
        }
        if (b.size() > MAX_GENERATE + 1) {
            throw new FpingUsageException(FpingWords.tooMany());
        }
        addAll(b);
    }

    private void addAll(AddressBlock block) {
        if (block.size() > 0 && !inv.rdns() && !inv.name() && familyMatches(block.first())) {
            // every address named by itself (with or without -A): the block as it is, no object per address
            builder.add(block);
            return;
        }
        for (InetAddress a : block.hosts()) {
            if (familyMatches(a)) {
                builder.add(display(Addresses.text(a), a), a);
            } else {
                warnUnknown(Addresses.text(a), true);
            }
        }
    }

    /**
     * fping's add_name: resolve, warn and count on failure, else add under its display name: the first address of
     * the family asked for, or with {@code -m} every one, in the resolver's order.
     */
    private void add(String name) {
        InetAddress found = null;
        List<InetAddress> more = new ArrayList<>(0);
        boolean mismatch = false;
        String reason = null;
        String lower = name.toLowerCase(Locale.ROOT);
        // A word that cannot be a host name ("127.0.0.1;touch x", a binary line) never goes to the resolver: it
        // would only ask the network about it, to get the "Name or service not known" said here.
        if (!lower.endsWith(".invalid") && !lower.endsWith(".invalid.") && NAME.matcher(name).matches()) {
            try {
                for (InetAddress a : InetAddress.getAllByName(name)) {
                    if (!familyMatches(a)) {
                        mismatch = true;
                    } else if (found == null) {
                        found = a;
                        if (!inv.all()) {
                            break;
                        }
                    } else if (!more.contains(a) && !a.equals(found)) {
                        more.add(a);
                    }
                }
            } catch (UnknownHostException e) {
                // The JDK's message is "name: <getaddrinfo's reason>", the words fping prints.
                String m = e.getMessage();
                reason = m != null && m.startsWith(name + ": ") ? m.substring(name.length() + 2) : null;
            }
        }
        if (found == null) {
            // A literal of the other family is "not supported" to getaddrinfo; a name without one is unknown.
            if (reason != null && !mismatch) {
                unknown++;
                if (!inv.quiet()) {
                    err.println(shown(name) + ": " + reason);
                }
                return;
            }
            warnUnknown(name, mismatch && FpingOptions.isAddressLiteral(name));
            return;
        }
        builder.add(display(name, found), found);
        for (InetAddress a : more) {
            builder.add(display(name, a), a);
        }
    }

    private void warnUnknown(String name, boolean familyMismatch) {
        unknown++;
        if (!inv.quiet()) {
            err.println(FpingWords.unknownHost(shown(name), familyMismatch));
        }
    }

    private boolean familyMatches(InetAddress a) {
        return inv.family() == 0 || (inv.family() == 4 && a instanceof Inet4Address)
                || (inv.family() == 6 && a instanceof Inet6Address);
    }

    /** What fping prints for a target: as given, its address ({@code -A}), or its reverse name ({@code -n -d}). */
    private String display(String name, InetAddress a) {
        String shown = name;
        if (inv.rdns() || (inv.name() && FpingOptions.isAddressLiteral(name))) {
            shown = a.getCanonicalHostName();
        }
        if (inv.addr()) {
            return inv.name() || inv.rdns() ? shown + " (" + Addresses.text(a) + ")" : Addresses.text(a);
        }
        return shown;
    }

    private static int atoi(String s) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*([+-]?\\d{1,9})").matcher(s);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
