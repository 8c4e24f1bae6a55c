package dev.pingkit.repl;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import dev.pingkit.Echo;
import dev.pingkit.SendReport;
import dev.pingkit.SendResult;

/** The commands that build and inspect the current packet: echo, set, show, hex. */
final class PacketCommands {
    private final Session session;
    private final Console console;
    private final Resolver resolver;
    private final Fields fields;

    PacketCommands(Session session, Console console) {
        this.session = session;
        this.console = console;
        this.resolver = new Resolver(session);
        this.fields = new Fields(resolver);
    }

    Fields fields() {
        return fields;
    }

    Resolver resolver() {
        return resolver;
    }

    void register(Commands commands) {
        commands.add(new CommandSpec("echo", "echo to <host> [<field> <value>]...",
                "make a new echo request the current packet, and show it",
                "echo to 127.0.0.1 id 7 seq 1 payload \"hello\"\n"
                        + "Without 'to', the new packet goes to the current packet's target. Fields:\n"
                        + fields.describe(),
                this::completeFieldPairs, this::echo));
        commands.add(new CommandSpec("set", "set <field> <value> [<field> <value>]...",
                "change fields of the current packet, and show it",
                "set ttl 3    set payload \"odd\"    set checksum 0xdead    set checksum auto\n"
                        + "set target <host>: the same packet to another host (first, before other pairs)\nFields:\n"
                        + fields.describe(),
                this::completeSetPairs, this::set));
        commands.add(new CommandSpec("show", "show", "print every field of the current packet (after a send: of the "
                + "request and what came back)",
                "The decoded view: type, code, checksum verdict, id, seq, payload (text and hex), send options.\n"
                        + "After 'send', until the packet changes: the request and the reply, ICMP error or timeout,\n"
                        + "field by field, with RTT, TTL and the checksum verdict.",
                CommandSpec.Completion.words(), args -> {
                    Commands.noArguments("show", args);
                    Echo current = session.requireEcho("show");
                    SendResult sent = session.lastSend();
                    console.println(sent != null && current.equals(session.lastSent())
                            ? SendReport.show(current, sent) : current.show());
                }));
        commands.add(new CommandSpec("hex", "hex", "print the current packet's bytes as a hexdump",
                "The ICMP message as it goes on the wire (no IP header), hexdump -C style.",
                CommandSpec.Completion.words(), args -> {
                    Commands.noArguments("hex", args);
                    console.println(session.requireEcho("hex").hexdump());
                }));
    }

    private List<String> completeFieldPairs(List<String> before) {
        if (!before.isEmpty() && before.size() % 2 == 1) {
            return valuesFor(before.get(before.size() - 1));
        }
        List<String> names = new ArrayList<>();
        if (!before.contains("to")) {
            names.add("to");
        }
        names.addAll(fields.names());
        return names;
    }

    private List<String> completeSetPairs(List<String> before) {
        if (before.size() % 2 == 1) {
            String f = before.get(before.size() - 1);
            return valuesFor(f.equals("target") ? "to" : f);
        }
        if (before.isEmpty()) {
            List<String> first = new ArrayList<>(List.of("target"));
            first.addAll(fields.names());
            return first;
        }
        return fields.names();
    }

    private List<String> valuesFor(String field) {
        if (field.equals("to")) {
            List<String> hosts = new ArrayList<>(session.hosts());
            for (String h : List.of("127.0.0.1", "::1", "localhost")) {
                if (!hosts.contains(h)) {
                    hosts.add(h);
                }
            }
            return hosts;
        }
        return fields.isField(field) ? fields.field(field).suggestions() : List.of();
    }

    private void echo(List<String> args) {
        Echo current = session.echo();
        String host = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i += 2) {
            if (args.get(i).equals("to")) {
                if (i + 1 >= args.size()) {
                    throw new UserError("to needs a host, e.g. echo to 127.0.0.1");
                }
                host = args.get(i + 1);
            } else {
                rest.add(args.get(i));
                if (i + 1 < args.size()) {
                    rest.add(args.get(i + 1));
                }
            }
        }
        Echo e;
        if (host != null) {
            InetAddress target = resolver.resolve(host);
            session.usedHost(host);
            e = Echo.to(target);
        } else if (current != null) {
            e = Echo.to(current.target());
        } else {
            throw new UserError("echo needs a destination: echo to <host> [<field> <value>]...");
        }
        e = applyPairs(e, rest, "echo");
        session.echo(e);
        console.println(e.show());
    }

    private void set(List<String> args) {
        Echo e = session.requireEcho("set");
        if (args.isEmpty()) {
            throw new UserError("set needs a field and a value; fields: " + String.join(" ", fields.names()));
        }
        List<String> pairs = new ArrayList<>(args);
        boolean retargeted = false;
        if (pairs.get(0).equals("target")) { // set target <host>: the same probe to another host
            if (pairs.size() < 2) {
                throw new UserError("target needs a value: set target <host>");
            }
            String host = pairs.get(1);
            e = retarget(e, resolver.resolve(host));
            session.usedHost(host);
            pairs = pairs.subList(2, pairs.size());
            retargeted = true;
        }
        e = applyPairs(e, pairs, "set");
        session.echo(e);
        if (retargeted) {
            console.println(String.format("%-8s = %s", "target", dev.pingkit.packet.Addresses.text(e.target())));
        }
        for (int i = 0; i < pairs.size(); i += 2) {
            console.println(fieldLine(e, pairs.get(i)));
        }
        console.println(e.toString());
    }

    /**
     * {@code e} sent to {@code target} instead: identifier, sequence, payload, TTL, TOS and DF carry over; a forced
     * type, code or checksum too when the family stays (across families they mean other things).
     */
    private static Echo retarget(Echo e, InetAddress target) {
        Echo r = Echo.to(target).id(e.id()).seq(e.seq()).payload(e.payload()).dontFragment(e.dontFragment());
        r = e.hasTtl() ? r.ttl(e.ttl()) : r;
        r = e.hasTos() ? r.tos(e.tos()) : r;
        if (r.family() == e.family()) {
            r = r.type(e.type()).code(e.code());
            r = e.checksumForced() ? r.checksum(e.checksum()) : r;
        }
        return r;
    }

    /** Applies field/value pairs left to right; nothing changes if one of them is wrong. */
    private Echo applyPairs(Echo e, List<String> pairs, String command) {
        for (int i = 0; i < pairs.size(); i += 2) {
            String name = pairs.get(i);
            if (i >= 2 && pairs.get(i - 2).equals("payload") && !fields.isField(name)) {
                throw new UserError("unknown field " + name + ": to put spaces in a payload, quote it: payload \""
                        + pairs.get(i - 1) + " " + name + (i + 1 < pairs.size() ? " ..." : "") + "\"");
            }
            fields.field(name);
            if (i + 1 >= pairs.size()) {
                throw new UserError(name + " needs a value: " + command + " " + name + " <value> ("
                        + fields.field(name).help() + ")");
            }
            e = fields.apply(e, name, pairs.get(i + 1));
        }
        return e;
    }

    /** The line of {@link Echo#show()} for one field, so set confirms what it changed in the packet's own words. */
    private static String fieldLine(Echo e, String field) {
        String key = field.equals("size") || field.equals("pattern") ? "payload" : field;
        for (String line : e.show().split("\n")) {
            if (line.startsWith(key + " ") || line.startsWith(key + "=")) {
                return line;
            }
        }
        return field + " set";
    }
}
