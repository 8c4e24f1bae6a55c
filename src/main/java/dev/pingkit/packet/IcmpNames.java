package dev.pingkit.packet;

/**
 * <b>Names of ICMPv4 (RFC 792, 950, 1122, 1256, 1812, 8335) and ICMPv6 (RFC 4443, 4620, 4861, 8335) types and codes, kebab-case.</b>
 * Unknown types are {@code "unknown"}; a code of a type that defines no codes is {@code ""} when 0 and
 * {@code "unknown"} otherwise.
 */
public final class IcmpNames {
    private static final String[] V4_UNREACH = {
        "net-unreachable", "host-unreachable", "protocol-unreachable", "port-unreachable",
        "fragmentation-needed", "source-route-failed", "destination-network-unknown", "destination-host-unknown",
        "source-host-isolated", "network-administratively-prohibited", "host-administratively-prohibited",
        "network-unreachable-for-tos", "host-unreachable-for-tos", "communication-administratively-prohibited",
        "host-precedence-violation", "precedence-cutoff-in-effect",
    };
    private static final String[] V4_REDIRECT = {
        "redirect-for-network", "redirect-for-host", "redirect-for-tos-and-network", "redirect-for-tos-and-host",
    };
    private static final String[] V4_TIME = {"ttl-exceeded-in-transit", "fragment-reassembly-time-exceeded"};
    private static final String[] V4_PARAM = {"pointer-indicates-error", "missing-required-option", "bad-length"};
    private static final String[] V6_UNREACH = {
        "no-route-to-destination", "communication-administratively-prohibited", "beyond-scope-of-source-address",
        "address-unreachable", "port-unreachable", "source-address-failed-ingress-egress-policy",
        "reject-route-to-destination", "error-in-source-routing-header", "headers-too-long",
    };
    // RFC 8335 section 3: the codes of an extended echo reply, the same for ICMPv4 43 and ICMPv6 161
    private static final String[] EXT_ECHO_REPLY = {
        "no-error", "malformed-query", "no-such-interface", "no-such-table-entry", "multiple-interfaces-satisfy-query",
    };
    // RFC 4620 section 4: a query's code says what its subject is, a reply's whether it was answered
    private static final String[] NI_QUERY = {"subject-ipv6-address", "subject-name", "subject-ipv4-address"};
    private static final String[] NI_REPLY = {"successful", "refused", "unknown-qtype"};
    private static final String[] V6_TIME = {"hop-limit-exceeded-in-transit", "fragment-reassembly-time-exceeded"};
    private static final String[] V6_PARAM = {
        "erroneous-header-field", "unrecognized-next-header", "unrecognized-ipv6-option",
        "first-fragment-incomplete-header-chain",
    };

    private IcmpNames() {
    }

    /** <b>The name of an ICMP type: family 4 or 6.</b> */
    public static String typeName(int family, int type) {
        if (family == 6) {
            switch (type) {
                case 1: return "destination-unreachable";
                case 2: return "packet-too-big";
                case 3: return "time-exceeded";
                case 4: return "parameter-problem";
                case 128: return "echo-request";
                case 129: return "echo-reply";
                case 133: return "router-solicitation";
                case 134: return "router-advertisement";
                case 135: return "neighbor-solicitation";
                case 136: return "neighbor-advertisement";
                case 137: return "redirect";
                case 139: return "node-information-query";
                case 140: return "node-information-reply";
                case 160: return "extended-echo-request";
                case 161: return "extended-echo-reply";
                default: return "unknown";
            }
        }
        switch (type) {
            case 0: return "echo-reply";
            case 3: return "destination-unreachable";
            case 4: return "source-quench";
            case 5: return "redirect";
            case 8: return "echo-request";
            case 9: return "router-advertisement";
            case 10: return "router-solicitation";
            case 11: return "time-exceeded";
            case 12: return "parameter-problem";
            case 13: return "timestamp-request";
            case 14: return "timestamp-reply";
            case 15: return "information-request";
            case 16: return "information-reply";
            case 17: return "address-mask-request";
            case 18: return "address-mask-reply";
            case 42: return "extended-echo-request";
            case 43: return "extended-echo-reply";
            default: return "unknown";
        }
    }

    /** <b>The name of a code of an ICMP type: family 4 or 6.</b> */
    public static String codeName(int family, int type, int code) {
        String[] names = null;
        if (family == 6) {
            switch (type) {
                case 1: names = V6_UNREACH; break;
                case 3: names = V6_TIME; break;
                case 4: names = V6_PARAM; break;
                case 139: names = NI_QUERY; break;
                case 140: names = NI_REPLY; break;
                case 161: names = EXT_ECHO_REPLY; break;
                default: break;
            }
        } else {
            switch (type) {
                case 3: names = V4_UNREACH; break;
                case 5: names = V4_REDIRECT; break;
                case 11: names = V4_TIME; break;
                case 12: names = V4_PARAM; break;
                case 43: names = EXT_ECHO_REPLY; break;
                default: break;
            }
        }
        if (names == null) {
            return code == 0 ? "" : "unknown";
        }
        return code >= 0 && code < names.length ? names[code] : "unknown";
    }
}
