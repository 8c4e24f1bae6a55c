package dev.pingkit.socket;

/**
 * <b>Classic BPF, as {@link IcmpSocket#attachFilter} takes it: one {@code struct sock_filter} per
 * {@link Instruction}, and the opcodes a socket filter uses.</b> The socket layer knows the instruction format,
 * not what a program means: the engine writes its programs from the ICMP tables of the packet layer.
 */
public final class Bpf {
    /** {@code X = 4 * (P[k] & 0xf)}: the IPv4 header length. */
    public static final short LDX_MSH_B = 0x01 | 0x10 | 0xa0;
    /** {@code X = k}. */
    public static final short LDX_IMM = 0x01;
    /** {@code A = P[X + k]}, one byte. */
    public static final short LD_B_IND = 0x00 | 0x10 | 0x40;
    /** {@code A = P[X + k]}, two bytes in network order. */
    public static final short LD_H_IND = 0x00 | 0x08 | 0x40;
    /** {@code A = P[k]}, four bytes in network order (an IPv4 address in the header a raw socket's filter sees). */
    public static final short LD_W_ABS = 0x00 | 0x00 | 0x20;
    /** {@code A == k ? jt : jf}. */
    public static final short JEQ_K = 0x05 | 0x10;
    /** Accept {@code k} bytes of the packet (0: drop it; -1: all of it). */
    public static final short RET_K = 0x06;

    private Bpf() {
    }

    /**
     * <b>One {@code struct sock_filter}</b>: opcode, jump offsets if true / if false (counted from the next
     * instruction), constant.
     */
    public record Instruction(int code, int jt, int jf, int k) {
        /** Validates the field widths: code 16 bits, jumps 8 bits. */
        public Instruction {
            if (code < 0 || code > 0xffff) {
                throw new IllegalArgumentException("code must be 0..65535, got " + code);
            }
            if (jt < 0 || jt > 255 || jf < 0 || jf > 255) {
                throw new IllegalArgumentException("jumps must be 0..255, got " + jt + " and " + jf);
            }
        }
    }
}
