package dev.pingkit.socket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Why socket(2) failed, in one line: for a permission failure, how to get permission (a ping socket for the
 * user's group, root, and last the capability with its cost); any other failure names the call and the errno.
 */
final class OpenFailures {
    private OpenFailures() {
    }

    /** True for the errnos that mean "not allowed" rather than "not possible". */
    static boolean isPermission(int errno) {
        return errno == Errno.EPERM || errno == Errno.EACCES;
    }

    static NativeSocketException socketFailure(int errno, String call, SocketKind kind, Family family) {
        if (!isPermission(errno)) {
            return new NativeSocketException(call, errno, null);
        }
        String what = family == Family.IPV4 ? "ICMP" : "ICMPv6";
        String gid = egid();
        // The advice, best first: a ping socket for this group (the kernel's own unprivileged ICMP, nothing more),
        // root, and only then the capability, with its cost: it is given to a JVM binary, so to every Java program
        // that binary runs, and CAP_NET_RAW sees and forges all traffic, not just ICMP.
        String sysctl = "sysctl -w net.ipv4.ping_group_range=\"" + gid + " " + gid + "\"";
        String setcap = "setcap cap_net_raw+ep " + javaBinary() + " (which lets every Java program run by that JVM"
                + " open raw sockets, to read and forge any traffic)";
        String message;
        switch (kind) {
            case RAW:
                message = "no permission to open a raw " + what + " socket (" + call + ": " + Errno.name(errno)
                        + "): use a ping socket instead (datagram; as root, allow your group once: " + sysctl
                        + "), or run as root; last resort: " + setcap;
                break;
            case DATAGRAM:
                message = "no permission to open an " + what + " ping socket (" + call + ": " + Errno.name(errno)
                        + ", group " + gid + " is outside net.ipv4.ping_group_range " + pingGroupRange()
                        + "): allow your group as root with: " + sysctl + " (or use a raw socket as root)";
                break;
            default:
                message = "no permission to open an " + what + " socket: ping sockets are off for group " + gid
                        + " (net.ipv4.ping_group_range " + pingGroupRange() + ") and raw sockets need root or"
                        + " CAP_NET_RAW; best, allow ping sockets for your group as root: " + sysctl
                        + "; or run as root; last resort: " + setcap;
                break;
        }
        return new PermissionException(message, call, errno);
    }

    /**
     * The java binary this process runs, with links resolved (what setcap must be given): the launchers may pick
     * another JDK than the one on the PATH, so {@code $(which java)} could name the wrong one.
     */
    private static String javaBinary() {
        Path java = Path.of(System.getProperty("java.home", ""), "bin", "java");
        try {
            return ProcessHandle.current().info().command().map(Path::of).orElse(java).toRealPath().toString();
        } catch (IOException | RuntimeException e) {
            return java.toString();
        }
    }

    private static String egid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Gid:")) {
                    return line.split("\\s+")[2];
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // only decoration for the message
        }
        return "?";
    }

    private static String pingGroupRange() {
        try {
            // readAllLines, not readString: procfs files report size 0 and readString can come back short
            return "\"" + Files.readAllLines(Path.of("/proc/sys/net/ipv4/ping_group_range")).get(0).trim()
                    .replaceAll("\\s+", " ") + "\"";
        } catch (IOException | RuntimeException e) {
            return "(unreadable)";
        }
    }
}
