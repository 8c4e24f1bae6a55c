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
        fill(in, family, headerIncluded, bytes, bytes.length, source, kernelNanos, fromKernel, ttl);
    }

    /** As {@link #fill(Inbound, Family, boolean, byte[], byte[], long, boolean, int)} with the first {@code length} bytes. */
    public static void fill(Inbound in, Family family, boolean headerIncluded, byte[] bytes, int length,
                            byte[] source, long kernelNanos, boolean fromKernel, int ttl) {
        in.reset(family, headerIncluded);
        int n = Math.min(length, in.capacity());
        System.arraycopy(bytes, 0, in.data(), 0, n);
        in.length(n, n < length);
        System.arraycopy(source, 0, in.sourceBytes(), 0, source.length);
        in.kernelTime(kernelNanos, fromKernel);
        in.ttl(ttl);
    }

    /**
     * Makes {@code in} hold an error-queue report as a datagram socket would: {@code quoted} (our request as the
     * error quoted it) about {@code destination}, with the kernel's fields; {@code reporter} null for none.
     */
    public static void fillErrorReport(Inbound in, Family family, byte[] quoted, byte[] destination, int origin,
                                       int type, int code, int info, int errno, byte[] reporter, long kernelNanos) {
        fill(in, family, false, quoted, destination, kernelNanos, true, -1);
        in.errorReport();
        in.errorFields(errno, origin, type, code, info);
        if (reporter != null) {
            System.arraycopy(reporter, 0, in.errorSourceBytes(), 0, reporter.length);
            in.errorSourceKnown(0);
        }
    }
}
