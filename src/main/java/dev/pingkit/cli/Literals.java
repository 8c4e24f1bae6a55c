package dev.pingkit.cli;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Recognises address literals without touching DNS (what inet_pton does for iputils). */
public final class Literals {
    private Literals() {
    }

    /** A dotted quad of four decimal octets. */
    public static boolean isIPv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** An IPv6 literal (Java never resolves a name containing ':', so this stays off the network). */
    public static boolean isIPv6(String s) {
        if (s.indexOf(':') < 0) {
            return false;
        }
        try {
            return InetAddress.getByName(s) instanceof Inet6Address;
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }

    /** Whether {@code c} is 0-9, a-f or A-F (no other script's digits). */
    public static boolean isAsciiHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
