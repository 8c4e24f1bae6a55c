package dev.pingkit.engine;

import dev.pingkit.packet.IcmpTypes;
import dev.pingkit.socket.Bpf;
import dev.pingkit.socket.Family;
import dev.pingkit.socket.IcmpSocket;
import dev.pingkit.socket.SocketKind;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * <b>The kernel filters of the engine's raw sockets, written from the packet layer's ICMP tables</b>: a raw socket
 * keeps echo replies carrying our identifier and ICMP errors, and the kernel drops everything else before it is
 * queued, so another process's pings can never fill our queue. Stricter than a filter that lets every non-reply
 * through: only the error types pass. The socket layer only installs what is written here.
 */
public final class KernelFilters {
    private static final int ACCEPT_ALL = -1; // ~0U: the whole packet

    private KernelFilters() {
    }

    /**
     * <b>On a raw socket: only echo replies with {@code identifier} and ICMP errors get queued</b> (for ICMPv6 also
     * the type mask, which keeps even our own echo requests out); on a datagram socket, which the kernel already
     * gives only its own replies and errors, nothing. Call it before sending: it also discards what was queued.
     *
     * @throws IllegalArgumentException if {@code identifier} is not 0..65535
     */
    public static void echoReplies(IcmpSocket socket, int identifier) throws IOException {
        replies(socket, IcmpTypes.echoReply(socket.family().version()), identifier);
    }

    /**
     * <b>On a raw socket: only replies of type {@code replyType} with {@code identifier} and ICMP errors get
     * queued</b> (a timestamp reply, a PROBE reply: any query's reply has its identifier at bytes 4..5); on a
     * datagram socket nothing. Call it before sending: it also discards what was queued.
     *
     * @throws IllegalArgumentException if {@code identifier} is not 0..65535 or {@code replyType} not 0..255
     */
    public static void replies(IcmpSocket socket, int replyType, int identifier) throws IOException {
        List<Bpf.Instruction> program = program(socket.family(), socket.headerIncluded(), replyType, identifier);
        if (socket.kind() != SocketKind.RAW) {
            return;
        }
        passIcmpv6(socket, replyType);
        socket.attachFilter(program);
    }

    /**
     * <b>On a raw ICMPv6 socket: only echo replies and the ICMPv6 error types get queued</b> (the kernel's type
     * mask); other sockets are left as they are.
     */
    public static void repliesAndErrors(IcmpSocket socket) throws IOException {
        passIcmpv6(socket, IcmpTypes.ECHO_REPLY_V6);
    }

    // The ICMPv6 type mask of a raw socket: the error types and replyType.
    private static void passIcmpv6(IcmpSocket socket, int replyType) throws IOException {
        if (socket.kind() == SocketKind.RAW && socket.family() == Family.IPV6) {
            int[] errors = IcmpTypes.errors(6);
            int[] pass = java.util.Arrays.copyOf(errors, errors.length + 1);
            pass[errors.length] = replyType;
            socket.passIcmpv6Types(pass);
        }
    }

    /**
     * <b>On a raw socket: only what a capture of {@code selection} keeps gets queued</b>, as far as the kernel can
     * tell: the ICMP type, code and identifier (bytes 4-5, wherever the message has them; a capture checks again
     * that the message is one with an identifier) and, for IPv4, whose header the filter sees, the source address.
     * ICMPv6 also gets the type mask when a type is chosen. Discards what was queued before.
     */
    public static void capture(IcmpSocket socket, IcmpReceiver.Selection selection) throws IOException {
        if (socket.kind() != SocketKind.RAW) {
            return;
        }
        if (socket.family() == Family.IPV6 && selection.type() >= 0) {
            socket.passIcmpv6Types(selection.type());
        }
        socket.attachFilter(captureProgram(socket.family(), socket.headerIncluded(), selection));
    }

    /** The capture's BPF program: one test per chosen field, each jumping to reject when it fails. */
    static List<Bpf.Instruction> captureProgram(Family family, boolean headerIncluded,
                                                IcmpReceiver.Selection selection) {
        List<int[]> tests = new ArrayList<>(); // {load opcode, offset, value}
        if (headerIncluded && family == Family.IPV4 && selection.host() != null
                && selection.host().getAddress().length == 4) {
            byte[] a = selection.host().getAddress();
            tests.add(new int[] {Bpf.LD_W_ABS, 12, ((a[0] & 0xff) << 24) | ((a[1] & 0xff) << 16)
                    | ((a[2] & 0xff) << 8) | (a[3] & 0xff)});
        }
        if (selection.type() >= 0) {
            tests.add(new int[] {Bpf.LD_B_IND, 0, selection.type()});
        }
        if (selection.code() >= 0) {
            tests.add(new int[] {Bpf.LD_B_IND, 1, selection.code()});
        }
        if (selection.id() >= 0) {
            tests.add(new int[] {Bpf.LD_H_IND, 4, selection.id()});
        }
        int reject = 1 + 2 * tests.size() + 1;
        List<Bpf.Instruction> p = new ArrayList<>(reject + 1);
        p.add(new Bpf.Instruction(headerIncluded ? Bpf.LDX_MSH_B : Bpf.LDX_IMM, 0, 0, 0));
        for (int[] t : tests) {
            p.add(new Bpf.Instruction(t[0], 0, 0, t[1]));
            int at = p.size();
            p.add(jump(at, t[2], at + 1, reject));
        }
        p.add(new Bpf.Instruction(Bpf.RET_K, 0, 0, ACCEPT_ALL));
        p.add(new Bpf.Instruction(Bpf.RET_K, 0, 0, 0));
        return p;
    }

    /**
     * <b>The classic BPF program for a raw socket of {@code family}</b>: {@code headerIncluded} when the filter sees
     * the IPv4 header first (raw IPv4), else the ICMP header is at offset 0 (raw IPv6).
     */
    static List<Bpf.Instruction> program(Family family, boolean headerIncluded, int identifier) {
        return program(family, headerIncluded, IcmpTypes.echoReply(family.version()), identifier);
    }

    /** The same program passing replies of {@code reply} (any query's reply type) instead of echo replies. */
    static List<Bpf.Instruction> program(Family family, boolean headerIncluded, int reply, int identifier) {
        if (identifier < 0 || identifier > 0xffff) {
            throw new IllegalArgumentException("identifier must be 0..65535, got " + identifier);
        }
        if (reply < 0 || reply > 0xff) {
            throw new IllegalArgumentException("replyType must be 0..255, got " + reply);
        }
        int fam = family.version();
        int[] errors = IcmpTypes.errors(fam);
        int reject = 5 + errors.length;
        int accept = reject + 1;
        List<Bpf.Instruction> p = new ArrayList<>(accept + 1);
        // X = offset of the ICMP header: after the IPv4 header (IHL words, options included), else 0.
        p.add(new Bpf.Instruction(headerIncluded ? Bpf.LDX_MSH_B : Bpf.LDX_IMM, 0, 0, 0));
        p.add(new Bpf.Instruction(Bpf.LD_B_IND, 0, 0, 0));                       // 1: A = type
        p.add(jump(2, reply, 3, 5));                                              // 2: the reply type?
        p.add(new Bpf.Instruction(Bpf.LD_H_IND, 0, 0, 4));                       // 3: A = identifier
        p.add(jump(4, identifier, accept, reject));                               // 4: ours?
        for (int i = 0; i < errors.length; i++) {                                 // 5..: an error type?
            int at = 5 + i;
            p.add(jump(at, errors[i], accept, at + 1));
        }
        p.add(new Bpf.Instruction(Bpf.RET_K, 0, 0, 0));                          // reject
        p.add(new Bpf.Instruction(Bpf.RET_K, 0, 0, ACCEPT_ALL));                 // accept
        return p;
    }

    // Jump offsets count from the next instruction.
    private static Bpf.Instruction jump(int at, int k, int ifEqual, int otherwise) {
        return new Bpf.Instruction(Bpf.JEQ_K, ifEqual - at - 1, otherwise - at - 1, k);
    }
}
