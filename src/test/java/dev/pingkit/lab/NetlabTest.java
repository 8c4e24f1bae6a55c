package dev.pingkit.lab;

import dev.pingkit.tools.RequiredTool;
import static dev.pingkit.lab.Lab.BLACKHOLE;
import static dev.pingkit.lab.Lab.DUP;
import static dev.pingkit.lab.Lab.FAR;
import static dev.pingkit.lab.Lab.LOSSY;
import static dev.pingkit.lab.Lab.PEER;
import static dev.pingkit.lab.Lab.PROHIBIT;
import static dev.pingkit.lab.Lab.ROUTER;
import static dev.pingkit.lab.Lab.UNREACHABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lab's topology, proved with iputils {@code ping} run in the client namespace. Each test parses what ping
 * printed (replies, ICMP errors, statistics) instead of grepping, so a wrong source or sequence number fails too.
 *
 * <p>One test takes the lab down and up again; it assumes lab tests do not run in parallel (surefire's default).
 */
@LabTest
class NetlabTest {

    private static final Duration T = Duration.ofSeconds(30);

    private static final Pattern REPLY = Pattern.compile(
            "^\\d+ bytes from ([0-9a-fA-F.:]+?): icmp_seq=(\\d+) ttl=(\\d+) time=[\\d.]+ ms( \\(DUP!\\))?$",
            Pattern.MULTILINE);
    private static final Pattern ERROR = Pattern.compile(
            "^From ([0-9a-fA-F.:]+) icmp_seq=(\\d+) (.+)$", Pattern.MULTILINE);
    private static final Pattern STATS = Pattern.compile(
            "^(\\d+) packets transmitted, (\\d+) received(?:, \\+(\\d+) duplicates)?(?:, \\+(\\d+) errors)?, ",
            Pattern.MULTILINE);

    record Reply(InetAddress from, int seq, int ttl, boolean dup) {
    }

    record IcmpError(InetAddress from, int seq, String text) {
    }

    record Ping(String raw, List<Reply> replies, List<IcmpError> errors, int transmitted, int received,
                int duplicates) {
        List<Integer> answeredSeqs() {
            return replies.stream().filter(r -> !r.dup()).map(Reply::seq).collect(Collectors.toList());
        }

        List<Integer> duplicateSeqs() {
            return replies.stream().filter(Reply::dup).map(Reply::seq).collect(Collectors.toList());
        }
    }

    // ------------------------------------------------------------------ plain replies

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void peerAnswersDirectlyWithTtl64(int family) {
        Ping p = ping(family, "-c1", "-W2", addr(PEER, family));
        assertEquals(List.of(new Reply(ip(PEER, family), 1, 64, false)), p.replies(), p.raw());
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void farAnswersThroughTheRouterWithTtl63(int family) {
        Ping p = ping(family, "-c1", "-W2", addr(FAR, family));
        assertEquals(List.of(new Reply(ip(FAR, family), 1, 63, false)), p.replies(), p.raw());
    }

    // ------------------------------------------------------------------ ICMP errors from the router

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void ttlOneToFarExpiresAtTheRouter(int family) {
        Ping p = ping(family, "-t1", "-c1", "-W2", addr(FAR, family));
        String text = family == 4 ? "Time to live exceeded" : "Time exceeded: Hop limit";
        assertEquals(List.of(new IcmpError(ip(ROUTER, family), 1, text)), p.errors(), p.raw());
        assertEquals(List.of(), p.replies(), p.raw());
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void unreachableRouteAnswersDestinationUnreachable(int family) {
        Ping p = ping(family, "-c1", "-W2", addr(UNREACHABLE, family));
        String text = family == 4 ? "Destination Host Unreachable" : "Destination unreachable: No route";
        assertEquals(List.of(new IcmpError(ip(ROUTER, family), 1, text)), p.errors(), p.raw());
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void prohibitRouteAnswersAdministrativelyProhibited(int family) {
        Ping p = ping(family, "-c1", "-W2", addr(PROHIBIT, family));
        String text = family == 4 ? "Packet filtered" : "Destination unreachable: Administratively prohibited";
        assertEquals(List.of(new IcmpError(ip(ROUTER, family), 1, text)), p.errors(), p.raw());
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void blackholeSwallowsProbesWithoutAnswer(int family) {
        Ping p = ping(family, "-c2", "-i0.2", "-W1", addr(BLACKHOLE, family));
        assertEquals(2, p.transmitted(), p.raw());
        assertEquals(0, p.received(), p.raw());
        assertEquals(List.of(), p.errors(), p.raw());
        assertEquals(List.of(), p.replies(), p.raw());
    }

    // ------------------------------------------------------------------ loss and duplicates

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void lossyDropsExactlyEveryFourthRequest(int family) {
        Lab.resetCounters();
        Ping p = ping(family, "-c8", "-i0.01", "-W1", addr(LOSSY, family));
        assertEquals(8, p.transmitted(), p.raw());
        assertEquals(List.of(1, 2, 3, 5, 6, 7), p.answeredSeqs(), p.raw());
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void resetCountersRestartsTheLossPattern(int family) {
        Lab.resetCounters();
        Ping first = ping(family, "-c3", "-i0.01", "-W1", addr(LOSSY, family));
        assertEquals(List.of(1, 2, 3), first.answeredSeqs(), first.raw());
        // Without the reset, the first request of the next run would be the 4th and be dropped.
        Lab.resetCounters();
        Ping second = ping(family, "-c4", "-i0.01", "-W1", addr(LOSSY, family));
        assertEquals(List.of(1, 2, 3), second.answeredSeqs(), second.raw());
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void dupSendsEveryReplyTwice(int family) throws InterruptedException {
        long before = echoRepliesReceived(family);
        Ping p = ping(family, "-c5", "-i0.2", "-W2", addr(DUP, family));
        assertEquals(List.of(1, 2, 3, 4, 5), p.answeredSeqs(), p.raw());
        // iputils stops reading once 5 replies are in, so the copy of the 5th arrives after it exited ...
        assertEquals(List.of(1, 2, 3, 4), p.duplicateSeqs(), p.raw());
        assertEquals(4, p.duplicates(), p.raw());
        // ... but the client's kernel received all ten. Wait for the last copy to be counted (a wait, not a
        // timing assertion: it gives up after two seconds and the count decides).
        long received = 0;
        for (int i = 0; i < 20 && received < 10; i++) {
            received = echoRepliesReceived(family) - before;
            if (received < 10) {
                Thread.sleep(100);
            }
        }
        assertEquals(10, received, "echo replies the client's kernel received for 5 requests");
    }

    // ------------------------------------------------------------------ sweep range

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void sweepAnswersAnAddressDeepInTheRange(int family) {
        // 3 * 256 + 200: 198.19.3.200 and 2001:db8:2::3c8.
        InetAddress target = family == 4 ? Lab.sweep().v4(968) : Lab.sweep().v6(968);
        Ping p = ping(family, "-c1", "-W2", target.getHostAddress());
        assertEquals(List.of(new Reply(target, 1, 64, false)), p.replies(), p.raw());
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void sweepAnswersEveryAddressOfTheRange(int family) {
        List<InetAddress> all = Lab.sweep().all(family);
        assertEquals(1024, all.size());
        List<String> cmd = new ArrayList<>();
        if (Lab.run(T, "sh", "-c", "command -v fping").ok()) {
            cmd.addAll(List.of("fping", "-" + family, "-a", "-q", "-r", "1", "-t", "500", "-i", "1"));
        } else {
            // Slower but needs only iputils: one ping per address, printing the ones that answered.
            cmd.addAll(List.of("sh", "-c", "for a; do ping -n -q -c1 -W1 \"$a\" >/dev/null 2>&1 && echo \"$a\"; done",
                    "sweep"));
        }
        all.forEach(a -> cmd.add(a.getHostAddress()));
        Lab.Result r = Lab.run(Duration.ofSeconds(120), cmd.toArray(String[]::new));
        Set<InetAddress> alive = new HashSet<>();
        for (String line : r.stdout().split("\n")) {
            if (!line.isBlank()) {
                alive.add(literal(line.strip()));
            }
        }
        assertEquals(new HashSet<>(all), alive, r.toString());
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void sweepSixteenAnswersItsLastAddressAndTheSlicesAreSilentOrRefused(int family) {
        Lab.Range big = Lab.range("sweep-16"), silent = Lab.range("sweep-silent"),
                refused = Lab.range("sweep-unreachable");
        assertEquals(65536, big.size4());
        InetAddress last = family == 4 ? big.v4(65534) : big.v6(65535);
        Ping p = ping(family, "-c1", "-W2", last.getHostAddress());
        assertEquals(List.of(new Reply(last, 1, 64, false)), p.replies(), p.raw());
        InetAddress quiet = family == 4 ? silent.v4(9) : silent.v6(9);
        Ping q = ping(family, "-c2", "-i0.2", "-W1", quiet.getHostAddress());
        assertEquals(0, q.received(), q.raw());
        assertEquals(List.of(), q.errors(), q.raw());
        InetAddress no = family == 4 ? refused.v4(9) : refused.v6(9);
        Ping r = ping(family, "-c1", "-W2", no.getHostAddress());
        // IPv4: the error comes from the refused address itself; IPv6: from the sweep host's link address.
        InetAddress from = family == 4 ? no : ip(Lab.SWEEP, family);
        String text = family == 4 ? "Destination Host Unreachable" : "Destination unreachable: Address unreachable";
        assertEquals(List.of(new IcmpError(from, 1, text)), r.errors(), r.raw());
    }

    // ------------------------------------------------------------------ the client namespace

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void datagramPingSocketsWorkInTheClientWithoutCapNetRaw(int family, @TempDir Path dir) throws IOException {
        // A copy of ping carries no file capability, and nobody without net_raw in its bounding set cannot open
        // a raw socket: a reply here came through a SOCK_DGRAM ping socket, which ping_group_range allows.
        Path ping = Files.copy(Path.of(Lab.run(T, "sh", "-c", "command -v ping").stdout().strip()),
                dir.resolve("ping-without-caps"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(ping, PosixFilePermissions.fromString("rwxr-xr-x"));
        Lab.Result r = Lab.run(T, "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "--bounding-set=-net_raw", ping.toString(), "-n", "-" + family, "-c1", "-W2", addr(PEER, family));
        Ping p = parse(r);
        assertEquals(List.of(1), p.answeredSeqs(), p.raw());
        assertEquals("0\t2147483647", Lab.run(T, "sysctl", "-n", "net.ipv4.ping_group_range").stdout().strip());
    }

    // ------------------------------------------------------------------ the script itself

    @Test
    void upTwiceKeepsTheSameLab() {
        String before = labState();
        for (int i = 0; i < 2; i++) {
            Lab.Result up = Lab.netlab(T, "up");
            assertTrue(up.ok(), up.toString());
        }
        // The namespaces' inode numbers change if they are re-created: equal state means nothing was rebuilt.
        assertEquals(before, labState());
        Ping p = ping(4, "-c1", "-W2", addr(FAR, 4));
        assertEquals(List.of(1), p.answeredSeqs(), p.raw());
    }

    // Taking the shared lab away would break other lab runs on a developer's machine (several worktrees share
    // one lab); CI runs alone, so it runs there.
    @Test
    @EnabledIfEnvironmentVariable(named = "CI", matches = "true")
    void downAndUpLeaveTheMainNamespaceUntouched() {
        String before = mainNamespace();
        String during;
        List<String> left;
        try {
            Lab.Result down = Lab.netlab(T, "down");
            assertTrue(down.ok(), down.toString());
            during = mainNamespace();
            left = labNamespaces();
        } finally {
            // Other tests need the lab, whatever happened above.
            Lab.Result up = Lab.netlab(Duration.ofSeconds(90), "up");
            assertTrue(up.ok(), up.toString());
        }
        String after = mainNamespace();
        assertEquals(List.of(), left, "namespaces left after down");
        assertEquals(before, during, "main namespace with the lab down vs up");
        assertEquals(before, after, "main namespace after down + up");
        assertEquals(11, labNamespaces().size(), String.join(" ", labNamespaces()));
        Ping p = ping(6, "-c1", "-W2", addr(FAR, 6));
        assertEquals(List.of(1), p.answeredSeqs(), p.raw());
    }

    // ------------------------------------------------------------------ helpers

    private static Ping ping(int family, String... args) {
        RequiredTool.require("ping", "iputils-ping");
        List<String> cmd = new ArrayList<>(List.of("ping", "-n", "-" + family));
        cmd.addAll(List.of(args));
        return parse(Lab.run(T, cmd.toArray(String[]::new)));
    }

    private static Ping parse(Lab.Result r) {
        String out = r.output();
        List<Reply> replies = new ArrayList<>();
        for (Matcher m = REPLY.matcher(out); m.find(); ) {
            replies.add(new Reply(literal(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    m.group(4) != null));
        }
        List<IcmpError> errors = new ArrayList<>();
        for (Matcher m = ERROR.matcher(out); m.find(); ) {
            errors.add(new IcmpError(literal(m.group(1)), Integer.parseInt(m.group(2)), m.group(3).strip()));
        }
        Matcher s = STATS.matcher(out);
        assertTrue(s.find(), "no statistics line in ping output:\n" + r);
        return new Ping(r.toString(), replies, errors, Integer.parseInt(s.group(1)), Integer.parseInt(s.group(2)),
                s.group(3) == null ? 0 : Integer.parseInt(s.group(3)));
    }

    private static InetAddress ip(String host, int family) {
        return Lab.host(host).address(family);
    }

    private static String addr(String host, int family) {
        return ip(host, family).getHostAddress();
    }

    private static InetAddress literal(String s) {
        assertTrue(s.matches("[0-9a-fA-F.:]+"), "not an address literal: " + s);
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new AssertionError(s, e);
        }
    }

    /** Echo replies received so far by the client's kernel (Icmp InEchoReps / Icmp6InEchoReplies). */
    private static long echoRepliesReceived(int family) {
        if (family == 4) {
            String[] lines = Lab.run(T, "cat", "/proc/net/snmp").stdout().lines()
                    .filter(l -> l.startsWith("Icmp:")).toArray(String[]::new);
            List<String> names = List.of(lines[0].split("\\s+")), values = List.of(lines[1].split("\\s+"));
            return Long.parseLong(values.get(names.indexOf("InEchoReps")));
        }
        return Lab.run(T, "cat", "/proc/net/snmp6").stdout().lines()
                .filter(l -> l.startsWith("Icmp6InEchoReplies"))
                .mapToLong(l -> Long.parseLong(l.split("\\s+")[1])).findFirst().orElseThrow();
    }

    private static List<String> labNamespaces() {
        return Lab.runInMainNamespace(T, "ip", "netns", "list").stdout().lines()
                .map(l -> l.split("\\s+")[0]).filter(n -> n.startsWith(Lab.NETNS_PREFIX)).sorted()
                .collect(Collectors.toList());
    }

    /** Identity and configuration of every lab namespace: inode, addresses, routes, nft ruleset. */
    private static String labState() {
        StringBuilder b = new StringBuilder();
        for (String ns : labNamespaces()) {
            b.append(ns).append(' ').append(sh("stat -L -c %i /run/netns/" + ns));
            // up resets the loss counter by design, so packet counts are left out.
            for (String what : List.of("ip -o addr", "ip route", "ip -6 route", "nft list ruleset")) {
                b.append(sh("ip netns exec " + ns + " " + what
                        + " | sed -E 's/ (valid|preferred)_lft [^ ]+//g; s/counter packets [0-9]+ bytes [0-9]+/counter/'"));
            }
        }
        return b.toString();
    }

    /** What the lab must never change: the main namespace's addresses, links, routes and other namespaces. */
    private static String mainNamespace() {
        return Stream.of("ip -o addr | sed -E 's/ (valid|preferred)_lft [^ ]+//g'", "ip -o link", "ip route",
                        "ip -6 route", "ip netns list | grep -v '^" + Lab.NETNS_PREFIX + "' || true")
                .map(c -> "$ " + c + "\n" + sh(c)).collect(Collectors.joining());
    }

    private static String sh(String command) {
        Lab.Result r = Lab.runInMainNamespace(T, "sh", "-c", command);
        assertTrue(r.ok(), command + ": " + r);
        return r.stdout();
    }
}
