package dev.pingkit.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The errno-to-words mapping: the call, the errno name, the C library's text, then what to do. */
class NativeSocketExceptionTest {

    @Test
    void messageNamesCallErrnoAndAdvice() {
        NativeSocketException e = new NativeSocketException("sendto(127.0.0.1, 9000 bytes)", 90, null);
        assertEquals("sendto(127.0.0.1, 9000 bytes): EMSGSIZE (Message too long); the packet is larger than the path "
                + "MTU or the socket buffer allows: send less, or allow fragmentation", e.getMessage());
        assertEquals("EMSGSIZE", e.errnoName());
        assertEquals(90, e.errno());
        assertEquals("sendto(127.0.0.1, 9000 bytes)", e.call());
    }

    @Test
    void callerAdviceReplacesTheGenericOne() {
        NativeSocketException e = new NativeSocketException("setsockopt(SO_MARK=1)", 1, "needs CAP_NET_ADMIN");
        assertEquals("setsockopt(SO_MARK=1): EPERM (Operation not permitted); needs CAP_NET_ADMIN", e.getMessage());
    }

    @Test
    void unknownErrnoStillReadable() {
        assertEquals("errno 250", new NativeSocketException("poll", 250, null).errnoName());
    }
}
