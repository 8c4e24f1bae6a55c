package dev.pingkit.engine;

import java.math.BigInteger;

/**
 * <b>An address block or range of more than {@link AddressBlock#MAX_SIZE} addresses</b>: a user's mistake, so an
 * {@link IllegalArgumentException}, with its own type so a front end can say it in its own words without
 * reading the message.
 */
public final class BlockTooLargeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final BigInteger size;

    /** <b>{@code block} (as given) holds {@code size} addresses.</b> */
    public BlockTooLargeException(String block, BigInteger size) {
        super("a block must hold 1.." + AddressBlock.MAX_SIZE + " hosts, " + block + " holds " + size);
        this.size = size;
    }

    /** <b>How many addresses the block holds.</b> */
    public BigInteger size() {
        return size;
    }
}
