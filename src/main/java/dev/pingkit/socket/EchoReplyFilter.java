package dev.pingkit.socket;

import java.util.ArrayList;
import java.util.List;

/**
 * <b>The classic BPF program behind {@link IcmpSocket#filterEchoReplies(int)}</b>: a raw ICMP socket keeps echo
 * replies carrying one identifier and ICMP error messages, and the kernel drops everything else before it is
 * queued. The same idea as iputils' {@code install_filter}, stricter: iputils lets through any non-reply, we let
 * through only the error types, so another process's echo requests and replies never reach our queue.
 *
 * <p>The socket layer knows only where the type and identifier sit in an ICMP header, and which type numbers are
 * the echo reply and the errors; what a reply or an error means stays in the engine.
 */
final class EchoReplyFilter {
    /** One {@code struct sock_filter}. */
    record Instruction(int code, int jt, int jf, int k) {
    }

    /** ICMPv4: echo reply, and destination unreachable, source quench, redirect, time exceeded, parameter problem. */
    static final int V4_REPLY = 0;
    static final int[] V4_ERRORS = {3, 4, 5, 11, 12};
    /** ICMPv6: echo reply, and destination unreachable, packet too big, time exceeded, parameter problem. */
    static final int V6_REPLY = 129;
    static final int[] V6_ERRORS = {1, 2, 3, 4};

    private static final int ACCEPT_ALL = -1; // ~0U: the whole packet

    private EchoReplyFilter() {
    }

    /**
     * The program for a socket of {@code family}; {@code headerIncluded} when the filter sees the IPv4 header
     * first (raw IPv4), else the ICMP header is at offset 0 (raw IPv6).
     */
    static List<Instruction> program(Family family, boolean headerIncluded, int identifier) {
        if (identifier < 0 || identifier > 0xffff) {
            throw new IllegalArgumentException("identifier must be 0..65535, got " + identifier);
        }
        int reply = family == Family.IPV4 ? V4_REPLY : V6_REPLY;
        int[] errors = family == Family.IPV4 ? V4_ERRORS : V6_ERRORS;
        int reject = 5 + errors.length;
        int accept = reject + 1;
        List<Instruction> p = new ArrayList<>(accept + 1);
        // X = offset of the ICMP header: after the IPv4 header (IHL words, options included), else 0.
        p.add(headerIncluded ? new Instruction(LibC.BPF_LDX_MSH_B, 0, 0, 0) : new Instruction(LibC.BPF_LDX_IMM, 0, 0, 0));
        p.add(new Instruction(LibC.BPF_LD_B_IND, 0, 0, 0));                      // 1: A = type
        p.add(jump(2, reply, 3, 5));                                              // 2: echo reply?
        p.add(new Instruction(LibC.BPF_LD_H_IND, 0, 0, 4));                      // 3: A = identifier
        p.add(jump(4, identifier, accept, reject));                               // 4: ours?
        for (int i = 0; i < errors.length; i++) {                                 // 5..: an error type?
            int at = 5 + i;
            p.add(jump(at, errors[i], accept, at + 1));
        }
        p.add(new Instruction(LibC.BPF_RET_K, 0, 0, 0));                          // reject
        p.add(new Instruction(LibC.BPF_RET_K, 0, 0, ACCEPT_ALL));                 // accept
        return p;
    }

    // Jump offsets count from the next instruction.
    private static Instruction jump(int at, int k, int ifEqual, int otherwise) {
        return new Instruction(LibC.BPF_JEQ_K, ifEqual - at - 1, otherwise - at - 1, k);
    }
}
