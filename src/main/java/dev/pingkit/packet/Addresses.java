package dev.pingkit.packet;

import java.net.InetAddress;

/** <b>Address text as people write it: dotted IPv4, RFC 5952 compressed IPv6 ({@code 2001:db8::1}, {@code ::1}).</b> */
public final class Addresses {
    private Addresses() {
    }

    /** <b>The address as text without a host name; IPv6 in RFC 5952 form, scope kept as {@code %scope}.</b> */
    public static String text(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return a.getHostAddress();
        }
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // the longest run of two or more zero words (the first such run on a tie) becomes "::"
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(w[i]));
        }
        String host = a.getHostAddress();
        int pct = host.indexOf('%');
        return pct >= 0 ? sb + host.substring(pct) : sb.toString();
    }
}
