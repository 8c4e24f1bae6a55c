package dev.pingkit.socket;

import com.sun.jna.Function;
import com.sun.jna.Native;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * <b>The two ways {@link LibC}'s per-packet calls reach libc.</b> The steady state is JNA's direct mapping
 * ({@link Direct}: static natives bound by {@link Native#register}), which converts nothing and allocates nothing
 * per call. But binding them is the largest part of JNA's start-up (~20 ms: JNA describes every argument type with
 * {@code Structure}s, whose field order it reads from annotations, spinning proxies and method handles at run
 * time), and a one-packet ping would wait for it. So binding runs on a thread of its own, started with
 * {@link LibC}, and until it is done each call goes through JNA's {@link Function} ({@link Boxed}: its arguments
 * boxed into an array and converted on each call): slower and allocating, for the first calls of a run only (a
 * caller past the first {@value #BOXED_CALLS} waits for the binding instead). On the 64-bit ABI a native address
 * passed as a Java {@code long} means the same to either.
 */
final class LibCBinding {
    private LibCBinding() {
    }

    /** Set once {@link Direct}'s natives are bound: from then on every call is a direct one. */
    private static volatile boolean direct;
    /** Counted down when the binder is done, bound or not. */
    private static final CountDownLatch BINDER_DONE = new CountDownLatch(1);

    /** Starts the binder thread; {@link LibC}'s initialiser calls it once, after looking the process up. */
    static void start() {
        Thread binder = new Thread(new Binder(), "pingkit-jna-bind");
        binder.setDaemon(true); // never holds an exit up; a command that is done before it simply never needs it
        binder.start();
    }

    /** Binds {@link Direct} off the caller's thread (a class, not a lambda: a lambda's first use costs start-up). */
    private static final class Binder implements Runnable {
        @Override
        public void run() {
            try {
                Direct.bind();
                direct = true;
            } catch (LinkageError | RuntimeException e) {
                // calls stay on Function: slower, but they work (a failed bind is JNA's, not the call's)
            } finally {
                BINDER_DONE.countDown();
            }
        }
    }

    /** Whether a call goes direct: true once bound, else the slow path's check ({@link #bound()}). */
    static boolean direct() {
        return direct || bound();
    }

    /**
     * The slow path's check: whether the direct bindings are in place by now. Past the first {@value #BOXED_CALLS}
     * boxed calls, the caller waits for them (a few seconds at most): a one-packet run stays well below and never
     * waits, a flood or a sweep waits once, early, and then neither allocates nor boxes per packet, however long
     * the binder would have been kept from a loaded CPU.
     */
    private static boolean bound() {
        if (++boxedCalls > BOXED_CALLS) { // a racy count, and that is fine: it only picks when to wait
            try {
                BINDER_DONE.await(BIND_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return direct;
    }

    private static final int BOXED_CALLS = 128;
    private static final long BIND_WAIT_MILLIS = 5_000;
    private static int boxedCalls;

    /** Whether calls have gone direct yet (tests wait for it before counting allocations). */
    static boolean directBound() {
        return direct;
    }

    /**
     * Makes both ways of calling ready: {@link Boxed}'s symbols looked up now, then waits up to {@code millis} for
     * the binder. For a spare thread ({@link IcmpSockets#prepare}); true once the binder is done.
     */
    static boolean prepare(long millis) throws InterruptedException {
        Boxed.lookUp();
        return BINDER_DONE.await(millis, TimeUnit.MILLISECONDS);
    }

    /** JNA direct mapping of the per-packet calls: bound once, by {@link #bind()} on the binder thread. */
    static final class Direct {
        private Direct() {
        }

        static {
            Native.register(Direct.class, LibC.PROCESS);
        }

        /** Runs the static initialiser, which binds. */
        static void bind() {
        }

        static native int socket(int domain, int type, int protocol);

        static native int setsockopt(int fd, int level, int name, byte[] value, int length);

        static native int bind(int fd, byte[] address, int length);

        static native int getsockname(int fd, byte[] address, int[] length);

        // The per-packet calls take native addresses as longs (Pointer.nativeValue of memory the caller keeps
        // alive): with only primitive arguments JNA's dispatch converts nothing, where each Pointer costs a JNI
        // field read.

        static native long sendto(int fd, long buffer, long length, int flags, long address, int addressLength);

        static native long recvmsg(int fd, long message, int flags);

        static native int ppoll(long fds, long count, long timespec, long sigmask);

        static native int close(int fd);

        static native int eventfd(int initial, int flags);

        static native long write(int fd, long[] buffer, long count);

        static native int clock_gettime(int clock, long timespec);
    }

    /** The same calls through JNA's {@link Function}, for the start of a run, before {@link Direct} is bound. */
    static final class Boxed {
        private Boxed() {
        }

        private static final Function SOCKET = LibC.PROCESS.getFunction("socket");
        private static final Function SETSOCKOPT = LibC.PROCESS.getFunction("setsockopt");
        private static final Function BIND = LibC.PROCESS.getFunction("bind");
        private static final Function GETSOCKNAME = LibC.PROCESS.getFunction("getsockname");
        private static final Function SENDTO = LibC.PROCESS.getFunction("sendto");
        private static final Function RECVMSG = LibC.PROCESS.getFunction("recvmsg");
        private static final Function PPOLL = LibC.PROCESS.getFunction("ppoll");
        private static final Function CLOSE = LibC.PROCESS.getFunction("close");
        private static final Function EVENTFD = LibC.PROCESS.getFunction("eventfd");
        private static final Function WRITE = LibC.PROCESS.getFunction("write");
        private static final Function CLOCK_GETTIME = LibC.PROCESS.getFunction("clock_gettime");

        /** Runs the static initialiser, which looks the symbols up. */
        static void lookUp() {
        }

        static int socket(int domain, int type, int protocol) {
            return SOCKET.invokeInt(new Object[] {domain, type, protocol});
        }

        static int setsockopt(int fd, int level, int name, byte[] value, int length) {
            return SETSOCKOPT.invokeInt(new Object[] {fd, level, name, value, length});
        }

        static int bind(int fd, byte[] address, int length) {
            return BIND.invokeInt(new Object[] {fd, address, length});
        }

        static int getsockname(int fd, byte[] address, int[] length) {
            return GETSOCKNAME.invokeInt(new Object[] {fd, address, length});
        }

        static long sendto(int fd, long buffer, long length, int flags, long address, int addressLength) {
            return SENDTO.invokeLong(new Object[] {fd, buffer, length, flags, address, addressLength});
        }

        static long recvmsg(int fd, long message, int flags) {
            return RECVMSG.invokeLong(new Object[] {fd, message, flags});
        }

        static int ppoll(long fds, long count, long timespec, long sigmask) {
            return PPOLL.invokeInt(new Object[] {fds, count, timespec, sigmask});
        }

        static int close(int fd) {
            return CLOSE.invokeInt(new Object[] {fd});
        }

        static int eventfd(int initial, int flags) {
            return EVENTFD.invokeInt(new Object[] {initial, flags});
        }

        static long write(int fd, long[] buffer, long count) {
            return WRITE.invokeLong(new Object[] {fd, buffer, count});
        }

        static int clock_gettime(int clock, long timespec) {
            return CLOCK_GETTIME.invokeInt(new Object[] {clock, timespec});
        }
    }
}
