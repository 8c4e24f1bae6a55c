package dev.pingkit.socket;

/** <b>Which kind of ICMP socket to open.</b> */
public enum SocketKind {
    /**
     * {@code SOCK_RAW}: sees every ICMP message of its family on the host (needs root or CAP_NET_RAW); the caller
     * sets the identifier; IPv4 receives start with the IP header.
     */
    RAW,
    /**
     * {@code SOCK_DGRAM} "ping socket": allowed by {@code net.ipv4.ping_group_range}; the kernel sets the
     * identifier (see {@link IcmpSocket#localId()}) and the checksum, and delivers only replies to this socket.
     */
    DATAGRAM,
    /** Raw when permitted, else datagram, else a {@link PermissionException} saying how to get permission. */
    AUTO
}
