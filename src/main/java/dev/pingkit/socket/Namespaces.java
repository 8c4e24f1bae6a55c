package dev.pingkit.socket;

import java.io.IOException;
import java.io.InterruptedIOException;

/** Opens a socket inside a named network namespace ({@code /var/run/netns/NAME}) without moving the caller there. */
final class Namespaces {
    private Namespaces() {
    }

    /** Opens a socket; run on the thread that joined the namespace. */
    interface Opener {
        IcmpSocket open() throws IOException;
    }

    /**
     * Runs {@code opener} on a short-lived thread that first joins the namespace: the network namespace is a
     * property of the thread on Linux, and a socket keeps the namespace it was created in for its whole life,
     * so the caller's threads (and the rest of the JVM) never leave their own namespace.
     */
    static IcmpSocket inNamespace(String name, Opener opener) throws IOException {
        Object[] outcome = new Object[1];
        Thread thread = new Thread(() -> {
            try {
                String path = "/var/run/netns/" + name;
                int nsFd = LibC.Rare.open(path, LibC.O_RDONLY | LibC.O_CLOEXEC);
                if (nsFd < 0) {
                    int errno = LibC.errno();
                    throw new NativeSocketException("open(" + path + ")", errno, errno == Errno.ENOENT
                            ? "there is no network namespace '" + name + "': create it with 'ip netns add " + name + "'"
                            : null);
                }
                try {
                    if (LibC.Rare.setns(nsFd, LibC.CLONE_NEWNET) < 0) {
                        int errno = LibC.errno();
                        throw new NativeSocketException("setns(" + path + ", CLONE_NEWNET)", errno,
                                "entering a network namespace needs root (CAP_SYS_ADMIN)");
                    }
                } finally {
                    LibC.close(nsFd);
                }
                outcome[0] = opener.open();
            } catch (Throwable t) {
                outcome[0] = t;
            }
        }, "pingkit-netns-" + name);
        thread.setDaemon(true);
        thread.start();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                // The thread finishes quickly; leaving early would leak the socket it opens.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Object result = outcome[0];
        if (result instanceof IcmpSocket) {
            return (IcmpSocket) result;
        } else if (result instanceof IOException) {
            throw (IOException) result;
        } else if (result instanceof RuntimeException) {
            throw (RuntimeException) result;
        } else if (result instanceof Error) {
            throw (Error) result;
        }
        throw new InterruptedIOException("opening a socket in netns " + name + " failed: " + result);
    }
}
