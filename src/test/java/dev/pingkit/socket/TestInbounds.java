package dev.pingkit.socket;

/**
 * Test support: fills an {@link Inbound} the way a socket would, so other packages' tests can drive an in-memory
 * {@link IcmpSocket}. Lives in the socket package because Inbound's setters are (rightly) package-private.
 */
public final class TestInbounds {
    private TestInbounds() {
    }

    /** Makes {@code in} hold {@code bytes} from {@code source}, received at {@code kernelNanos} with {@code ttl}. */
    public static void fill(Inbound in, Family family, boolean headerIncluded, byte[] bytes, byte[] source,
                            long kernelNanos, boolean fromKernel, int ttl) {
        in.reset(family, headerIncluded);
        int n = Math.min(bytes.length, in.capacity());
        System.arraycopy(bytes, 0, in.data(), 0, n);
        in.length(n, n < bytes.length);
        System.arraycopy(source, 0, in.sourceBytes(), 0, source.length);
        in.kernelTime(kernelNanos, fromKernel);
        in.ttl(ttl);
    }
}
