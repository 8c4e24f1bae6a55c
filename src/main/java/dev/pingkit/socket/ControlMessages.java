package dev.pingkit.socket;

import java.nio.ByteBuffer;

/**
 * Reads the control messages ({@code cmsghdr}s) recvmsg(2) left after a message: the kernel's receive timestamp,
 * TTL / hop limit, TOS / traffic class, the IPv6 destination ({@code IPV6_PKTINFO}) and an error queue's
 * {@code sock_extended_err}. Every length is checked against the control length before it is read.
 */
final class ControlMessages {
    private ControlMessages() {
    }

    /**
     * Copies what the control data at {@code controlAt} ({@code controlLength} bytes) of {@code block} says into
     * {@code into}; the extended error only when the message came {@code fromErrorQueue}. Returns true when it held
     * a kernel receive timestamp.
     */
    static boolean read(ByteBuffer block, int controlAt, long controlLength, boolean fromErrorQueue, Inbound into) {
        boolean stamped = false;
        // fits() and next() inline: each header's length read once (a ByteBuffer read is a call in C1 code)
        for (int offset = 0; offset + LibC.CMSGHDR_SIZE <= controlLength; ) {
            int at = controlAt + offset;
            long cmsgLength = block.getLong(at);
            if (cmsgLength < LibC.CMSGHDR_SIZE || offset + cmsgLength > controlLength) {
                break;
            }
            offset += (int) ((cmsgLength + 7) & ~7L);
            int level = block.getInt(at + 8);
            int type = block.getInt(at + 12);
            int data = at + LibC.CMSGHDR_SIZE;
            if (level == LibC.SOL_SOCKET && type == LibC.SCM_TIMESTAMPNS) {
                into.kernelTime(block.getLong(data) * 1_000_000_000L + block.getLong(data + 8), true);
                stamped = true;
            } else if (level == LibC.IPPROTO_IP && type == LibC.IP_TTL) {
                into.ttl(block.getInt(data));
            } else if (level == LibC.IPPROTO_IP && type == LibC.IP_TOS) {
                into.tos(block.get(data) & 0xff);
            } else if (level == LibC.IPPROTO_IPV6 && type == LibC.IPV6_HOPLIMIT) {
                into.ttl(block.getInt(data));
            } else if (level == LibC.IPPROTO_IPV6 && type == LibC.IPV6_TCLASS) {
                into.tos(block.getInt(data));
            } else if (level == LibC.IPPROTO_IPV6 && type == LibC.IPV6_PKTINFO
                    && cmsgLength >= LibC.CMSGHDR_SIZE + 20) {
                block.get(data, into.destinationBytes(), 0, 16);
                into.destinationKnown(block.getInt(data + 16));
            } else if (fromErrorQueue && (level == LibC.IPPROTO_IP && type == LibC.IP_RECVERR
                    || level == LibC.IPPROTO_IPV6 && type == LibC.IPV6_RECVERR)) {
                readExtendedError(block, data, (int) cmsgLength - LibC.CMSGHDR_SIZE, into);
            }
        }
        return stamped;
    }

    /**
     * True when the error-queue message whose control data is at {@code controlAt} is the kernel's own report
     * (ee_origin LOCAL), or when it cannot tell.
     */
    static boolean isLocalReport(ByteBuffer block, int controlAt, long controlLength) {
        for (int offset = 0; fits(block, controlAt, controlLength, offset); offset = next(block, controlAt, offset)) {
            int at = controlAt + offset;
            long cmsgLength = block.getLong(at);
            int level = block.getInt(at + 8);
            int type = block.getInt(at + 12);
            if ((level == LibC.IPPROTO_IP && type == LibC.IP_RECVERR
                    || level == LibC.IPPROTO_IPV6 && type == LibC.IPV6_RECVERR)
                    && cmsgLength >= LibC.CMSGHDR_SIZE + LibC.EE_ORIGIN + 1) {
                return (block.get(at + LibC.CMSGHDR_SIZE + LibC.EE_ORIGIN) & 0xff) == Inbound.ORIGIN_LOCAL;
            }
        }
        return true;
    }

    /** True when a whole cmsghdr, by its own length, stands at {@code offset} within the control data. */
    private static boolean fits(ByteBuffer block, int controlAt, long controlLength, int offset) {
        if (offset + LibC.CMSGHDR_SIZE > controlLength) {
            return false;
        }
        long cmsgLength = block.getLong(controlAt + offset);
        return cmsgLength >= LibC.CMSGHDR_SIZE && offset + cmsgLength <= controlLength;
    }

    /** The offset of the cmsghdr after the one at {@code offset} (CMSG_NXTHDR: lengths aligned to 8). */
    private static int next(ByteBuffer block, int controlAt, int offset) {
        return offset + (int) ((block.getLong(controlAt + offset) + 7) & ~7L);
    }

    /** Copies {@code struct sock_extended_err} and the offender's address that follows it into {@code into}. */
    private static void readExtendedError(ByteBuffer block, int at, int length, Inbound into) {
        if (length < LibC.EE_OFFENDER) {
            return;
        }
        into.errorFields(block.getInt(at + LibC.EE_ERRNO), block.get(at + LibC.EE_ORIGIN) & 0xff,
                block.get(at + LibC.EE_TYPE) & 0xff, block.get(at + LibC.EE_CODE) & 0xff,
                block.getInt(at + LibC.EE_INFO));
        int offender = at + LibC.EE_OFFENDER;
        // sa_family is AF_UNSPEC when the kernel names no offender (errors of local origin).
        int addressFamily = length >= LibC.EE_OFFENDER + 2 ? block.getShort(offender) : 0;
        if (addressFamily == LibC.AF_INET && length >= LibC.EE_OFFENDER + LibC.SOCKADDR_IN_SIZE
                && into.family() == Family.IPV4) {
            block.get(offender + 4, into.errorSourceBytes(), 0, 4);
            into.errorSourceKnown(0);
        } else if (addressFamily == LibC.AF_INET6 && length >= LibC.EE_OFFENDER + LibC.SOCKADDR_IN6_SIZE
                && into.family() == Family.IPV6) {
            block.get(offender + 8, into.errorSourceBytes(), 0, 16);
            into.errorSourceKnown(block.getInt(offender + 24));
        }
    }
}
