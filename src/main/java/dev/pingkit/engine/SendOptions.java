package dev.pingkit.engine;

import dev.pingkit.Echo;

/**
 * <b>How an {@link Echo} is sent, beside its ICMP bytes: TTL / hop limit, TOS / traffic class, don't-fragment.</b>
 * The socket layer applies them (for IPv6: hop limit, traffic class, IPV6_DONTFRAG); they are not part of the ICMP
 * message. Unset TTL and TOS read as -1: the kernel's default.
 *
 * @param ttl          1..255, or -1 for the kernel's default
 * @param tos          0..255, or -1 for the kernel's default
 * @param dontFragment whether to set don't-fragment
 */
public record SendOptions(int ttl, int tos, boolean dontFragment) {
    /** <b>The kernel's defaults: no TTL, no TOS, don't-fragment not forced.</b> */
    public static final SendOptions DEFAULT = new SendOptions(-1, -1, false);

    /** Validates both numbers; messages name the field, the value and what is allowed. */
    public SendOptions {
        if (ttl != -1 && (ttl < 1 || ttl > 255)) {
            throw new IllegalArgumentException("ttl must be 1..255, got " + ttl);
        }
        if (tos != -1 && (tos < 0 || tos > 255)) {
            throw new IllegalArgumentException("tos must be 0..255, got " + tos);
        }
    }

    /** <b>These options with TTL / hop limit {@code ttl}, 1..255.</b> */
    public SendOptions ttl(int ttl) {
        return new SendOptions(ttl, tos, dontFragment);
    }

    /** <b>These options with TOS / traffic class {@code tos}, 0..255.</b> */
    public SendOptions tos(int tos) {
        return new SendOptions(ttl, tos, dontFragment);
    }

    /** <b>These options with don't-fragment {@code df}.</b> */
    public SendOptions dontFragment(boolean df) {
        return new SendOptions(ttl, tos, df);
    }

    /** <b>True if a TTL was set.</b> */
    public boolean hasTtl() {
        return ttl >= 0;
    }

    /** <b>True if a TOS was set.</b> */
    public boolean hasTos() {
        return tos >= 0;
    }
}
