package dev.pingkit.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The two ways {@link LibC} calls libc, start-up's {@link LibCBinding.Boxed} (JNA Function calls) and the steady state's
 * {@link LibCBinding.Direct} (bound natives), on a real UDP socket over loopback (no privilege needed): each call of one
 * way is checked by the other, and errno survives either.
 */
class LibCTest {
    private static final int IPPROTO_UDP = 17;
    private static final int EBADF = 9;

    /** 127.0.0.1, port 0: a struct sockaddr_in in network order. */
    private static byte[] loopbackAnyPort() {
        return new byte[] {LibC.AF_INET, 0, 0, 0, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0};
    }

    @Test
    void startUpCallsAndDirectCallsAgreeOnARealSocket() {
        LibCBinding.Direct.bind();
        int fd = LibCBinding.Boxed.socket(LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, IPPROTO_UDP);
        assertTrue(fd >= 0, "socket: errno " + LibC.errno());
        try {
            assertEquals(0, LibCBinding.Boxed.bind(fd, loopbackAnyPort(), LibC.SOCKADDR_IN_SIZE), "bind");
            // Boxed writes back into the arrays it is given, as Direct does
            byte[] boxedName = new byte[LibC.SOCKADDR_IN_SIZE];
            int[] boxedLength = {boxedName.length};
            assertEquals(0, LibCBinding.Boxed.getsockname(fd, boxedName, boxedLength));
            byte[] directName = new byte[LibC.SOCKADDR_IN_SIZE];
            int[] directLength = {directName.length};
            assertEquals(0, LibCBinding.Direct.getsockname(fd, directName, directLength));
            assertArrayEquals(directName, boxedName);
            assertEquals(LibC.SOCKADDR_IN_SIZE, boxedLength[0]);
            assertTrue(boxedName[2] != 0 || boxedName[3] != 0, "the kernel chose a port");

            // a datagram to ourselves, sent one way and received the other, then the reverse
            byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
            Memory data = new Memory(64);
            Memory to = new Memory(LibC.SOCKADDR_IN_SIZE);
            to.write(0, boxedName, 0, boxedName.length);
            data.write(0, hello, 0, hello.length);
            assertEquals(hello.length, LibCBinding.Boxed.sendto(fd, Pointer.nativeValue(data), hello.length, 0,
                    Pointer.nativeValue(to), LibC.SOCKADDR_IN_SIZE));
            assertEquals("hello", receive(fd, true));
            assertEquals(hello.length, LibCBinding.Direct.sendto(fd, Pointer.nativeValue(data), hello.length, 0,
                    Pointer.nativeValue(to), LibC.SOCKADDR_IN_SIZE));
            assertEquals("hello", receive(fd, false));

            Memory timespec = new Memory(16);
            assertEquals(0, LibCBinding.Boxed.clock_gettime(LibC.CLOCK_REALTIME, Pointer.nativeValue(timespec)));
            long boxedSeconds = timespec.getLong(0);
            assertEquals(0, LibCBinding.Direct.clock_gettime(LibC.CLOCK_REALTIME, Pointer.nativeValue(timespec)));
            assertTrue(timespec.getLong(0) - boxedSeconds <= 1 && boxedSeconds > 1_600_000_000L);
        } finally {
            assertEquals(0, LibCBinding.Boxed.close(fd));
        }
        // the descriptor is gone: both ways fail with EBADF, and errno reaches the caller from either
        assertEquals(-1, LibCBinding.Boxed.close(fd));
        assertEquals(EBADF, LibC.errno());
        assertEquals(-1, LibCBinding.Direct.close(fd));
        assertEquals(EBADF, LibC.errno());
        assertEquals(-1, LibC.Rare.setns(fd, LibC.CLONE_NEWNET));
        assertEquals(EBADF, LibC.errno());
        assertEquals("Bad file descriptor", LibC.Rare.strerror(EBADF));
    }

    /** recvmsg into one iovec, through the way that did not send. */
    private static String receive(int fd, boolean direct) {
        Memory buffer = new Memory(64);
        Memory iov = new Memory(LibC.IOVEC_SIZE);
        iov.setPointer(0, buffer);
        iov.setLong(8, buffer.size());
        Memory msg = new Memory(LibC.MSGHDR_SIZE);
        msg.clear();
        msg.setPointer(LibC.MSGHDR_IOV, iov);
        msg.setLong(LibC.MSGHDR_IOVLEN, 1);
        long n = direct ? LibCBinding.Direct.recvmsg(fd, Pointer.nativeValue(msg), 0)
                : LibCBinding.Boxed.recvmsg(fd, Pointer.nativeValue(msg), 0);
        assertTrue(n > 0, "recvmsg: errno " + LibC.errno());
        return new String(buffer.getByteArray(0, (int) n), StandardCharsets.US_ASCII);
    }

    @Test
    void callsGoDirectSoonAfterTheClassLoads() throws InterruptedException {
        LibC.close(-1); // loads LibC, which starts binding
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!LibCBinding.directBound() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(LibCBinding.directBound(), "the direct bindings never took over");
        assertEquals(-1, LibC.close(-1));
        assertEquals(EBADF, LibC.errno());
    }
}
