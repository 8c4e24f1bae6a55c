package dev.pingkit.jshell;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Exercises 5 to 13 run in a jshell process started inside the lab's client namespace with
 * {@code ip netns exec pingkit-client}, exactly as the exercises tell a learner to start it: 5, 6, 9, 12 and 13 send
 * through the lab's router; 7, 8, 10 and 11 use 127.0.0.1, and the client's loopback carries no other program's
 * ICMP, so a check's decoy packets are the only strangers a learner's receive loop meets.
 */
@LabTest
class LabExercisesTest {
    private static final List<String> IN_CLIENT = List.of("ip", "netns", "exec", Lab.CLIENT_NETNS);
    private static final String MARKER = "--- the check ---";

    static Stream<String> labExercises() {
        return Stream.of("05-ttl", "06-traceroute", "07-ip-header", "08-rtt", "09-quoted-error", "10-datagram-socket",
                "11-raw-socket", "12-record-route", "13-timestamp");
    }

    /** A traceroute with one line changed, for the mistakes of exercise 6. */
    private static String traceroute(String onAnswer, String onFailed, String onSilence) {
        return """
                List<String> traceroute(String target, int maxHops) throws IOException {
                    var hops = new ArrayList<String>();
                    for (int ttl = 1; ttl <= maxHops; ttl++) {
                        var r = Echo.to(target).ttl(ttl).send(Duration.ofSeconds(1));
                        if (r instanceof SendResult.Answered a) { %s }
                        else if (r instanceof SendResult.Failed f) { %s }
                        else { %s }
                    }
                    return hops;
                }
                """.formatted(onAnswer, onFailed, onSilence);
    }

    /** An isErrorAbout with the offsets given: the error's header length, the quote, the quoted ICMP, its id. */
    private static String isErrorAbout(String outer, String quoted, String icmp, String idAt) {
        return """
                boolean isErrorAbout(byte[] p, byte[] probe) {
                    int outer = %s, type = p[outer] & 0xff, quoted = %s, icmp = %s, idAt = %s;
                    if (p.length < idAt + 4 || type != 3 && type != 11 || p[quoted + 9] != 1) return false;
                    return Arrays.equals(p, idAt, idAt + 4, probe, 4, 8);
                }
                """.formatted(outer, quoted, icmp, idAt);
    }

    /** An echoReply with the ICMP message cut out of the received bytes {@code b} and the expected id given. */
    private static String echoReply(String icmpOf, String expectedId) {
        return """
                byte[] echoReply(TeachingSocket socket, byte[] request, String host) throws IOException {
                    socket.send(request, host);
                    int id = %s;
                    for (TeachingSocket.Received r; (r = socket.receive(Duration.ofSeconds(1))) != null; ) {
                        byte[] b = r.bytes();
                        byte[] icmp = %s;
                        if (icmp.length >= 8 && icmp[0] == 0 && ((icmp[4] & 0xff) << 8 | (icmp[5] & 0xff)) == id
                                && Arrays.equals(icmp, 6, 8, request, 6, 8)) return icmp;
                    }
                    return null;
                }
                """.formatted(expectedId, icmpOf);
    }

    /** An ipv4Header with the lines for byte 0, the total length, TTL and protocol, and the checksum given. */
    private static String ipv4Header(String versionIhl, String length, String ttlProtocol, String addresses, String sum) {
        return """
                void putAddress(byte[] b, int at, String dotted) {
                    String[] parts = dotted.split("\\\\.");
                    for (int i = 0; i < 4; i++) b[at + i] = (byte) Integer.parseInt(parts[i]);
                }
                byte[] ipv4Header(String source, String destination, int ttl, int icmpLength) {
                    byte[] h = new byte[20];
                    %s
                    %s
                    %s
                    %s
                    %s
                    return h;
                }
                """.formatted(versionIhl, length, ttlProtocol, addresses, sum);
    }

    private static final String V4_IHL5 = "h[0] = 0x45;";
    private static final String TOTAL = "int total = 20 + icmpLength; h[2] = (byte) (total >>> 8); h[3] = (byte) total;";
    private static final String TTL_ICMP = "h[8] = (byte) ttl; h[9] = 1;";
    private static final String ADDRESSES = "putAddress(h, 12, source); putAddress(h, 16, destination);";
    private static final String SUM = "int sum = checksum(h); h[10] = (byte) (sum >>> 8); h[11] = (byte) sum;";

    /** A recordRouteHeader with the lines for byte 0 and the total length, the option, and the checksum given. */
    private static String recordRouteHeader(String versionIhlLength, String option, String sum) {
        return """
                byte[] recordRouteHeader(String source, String destination, int ttl, int icmpLength) {
                    byte[] h = new byte[60];
                    %s
                    h[8] = (byte) ttl; h[9] = 1;
                    putAddress(h, 12, source); putAddress(h, 16, destination);
                    %s
                    %s
                    return h;
                }
                """.formatted(versionIhlLength, option, sum);
    }

    private static final String RR_FIXED = "h[0] = 0x4f; int total = 60 + icmpLength; h[2] = (byte) (total >>> 8); h[3] = (byte) total;";
    private static final String RR_OPTION = "h[20] = 7; h[21] = 39; h[22] = 4;";
    private static final String RR_SUM = "int sum = Checksum.of(h, 0, 60); h[10] = (byte) (sum >>> 8); h[11] = (byte) sum;";

    /** A recordedRoute whose address loop runs from {@code from} while {@code condition}, the option found by {@code find}. */
    private static String recordedRoute(String find, String loop) {
        return """
                List<String> recordedRoute(byte[] packet) {
                    var route = new ArrayList<String>();
                    int end = (packet[0] & 0x0f) * 4;
                    %s
                    return route;
                }
                """.formatted(find.formatted(loop));
    }

    private static final String WALK = """
            for (int at = 20; at < end; ) {
                int type = packet[at] & 0xff;
                if (type == 0) break;
                if (type == 1) { at++; continue; }
                int length = packet[at + 1] & 0xff, pointer = packet[at + 2] & 0xff;
                if (type == 7) %s
                at += Math.max(length, 2);
            }
            """;
    private static final String FIXED_AT_20 = """
            int at = 20, pointer = packet[22] & 0xff;
            if (end > 20 && packet[20] == 7) %s
            """;
    private static final String ADD = "route.add((packet[i] & 0xff) + \".\" + (packet[i + 1] & 0xff) + \".\" + (packet[i + 2] & 0xff) + \".\" + (packet[i + 3] & 0xff));";
    private static final String UP_TO_POINTER = "for (int i = at + 3; i + 4 <= at + pointer - 1; i += 4) " + ADD;

    /** A timestampRequest with the type, the length, the originate and the checksum lines given. */
    private static String timestampRequest(String type, String length, String originate, String sum) {
        return """
                byte[] timestampRequest(int id, int seq, long originate) {
                    byte[] q = new byte[%s];
                    %s
                    q[4] = (byte) (id >>> 8); q[5] = (byte) id; q[6] = (byte) (seq >>> 8); q[7] = (byte) seq;
                    %s
                    %s
                    return q;
                }
                """.formatted(length, type, originate, sum);
    }

    private static final String TS_TYPE = "q[0] = 13;";
    private static final String TS_ORIGINATE = "put32(q, 8, originate);";
    private static final String TS_SUM = "int sum = Checksum.of(q, 0, q.length); q[2] = (byte) (sum >>> 8); q[3] = (byte) sum;";

    private static final String ANSWERED = "hops.add(a.from().getHostAddress()); break;";
    private static final String FAILED = "hops.add(f.from().getHostAddress()); if (f.error().type() != 11) break;";
    private static final String SILENT = "hops.add(\"*\");";

    /** The mistakes learners make in exercises 5 and 6; each check must fail them with a hint at the idea. */
    static Stream<ExercisesTest.Wrong> wrongAnswers() {
        return Stream.of(
                new ExercisesTest.Wrong("05-ttl", "takes whoever answered for the router", """
                        String firstHop(String target) throws IOException {
                            var r = Echo.to(target).ttl(1).send(Duration.ofSeconds(2));
                            if (r instanceof SendResult.Failed f) return f.from().getHostAddress();
                            if (r instanceof SendResult.Answered a) return a.from().getHostAddress();
                            return null;
                        }
                        """, "answers a TTL-1 probe itself"),
                new ExercisesTest.Wrong("05-ttl", "names the target instead of who sent the error", """
                        String firstHop(String target) throws IOException {
                            var r = Echo.to(target).ttl(1).send(Duration.ofSeconds(2));
                            return r instanceof SendResult.Failed ? target : null;
                        }
                        """, "the error says who sent it"),
                new ExercisesTest.Wrong("05-ttl", "sends without setting the TTL", """
                        String firstHop(String target) throws IOException {
                            var r = Echo.to(target).send(Duration.ofSeconds(2));
                            return r instanceof SendResult.Failed f ? f.from().getHostAddress() : null;
                        }
                        """, "a probe with TTL 1 towards far dies on the way"),
                new ExercisesTest.Wrong("06-traceroute", "does not stop at the target",
                        traceroute("hops.add(a.from().getHostAddress());", FAILED, SILENT),
                        "it went on after far's echo reply"),
                new ExercisesTest.Wrong("06-traceroute", "stops at the first router",
                        traceroute(ANSWERED, "hops.add(f.from().getHostAddress()); break;", SILENT),
                        "it stopped at the first router"),
                new ExercisesTest.Wrong("06-traceroute", "names the target for every hop",
                        traceroute("hops.add(target); break;", "hops.add(target);", SILENT),
                        "the hops are who SENT each answer"),
                new ExercisesTest.Wrong("06-traceroute", "does not stop at unreachable",
                        traceroute(ANSWERED, "hops.add(f.from().getHostAddress());", SILENT),
                        "it went on after \"destination unreachable\""),
                new ExercisesTest.Wrong("06-traceroute", "stops at the first silent hop",
                        traceroute(ANSWERED, FAILED, "hops.add(\"*\"); break;"),
                        "it stopped at the first silent hop"),
                new ExercisesTest.Wrong("06-traceroute", "leaves silent hops out",
                        traceroute(ANSWERED, FAILED, ""),
                        "silent hops left out"),
                new ExercisesTest.Wrong("09-quoted-error", "the error's own header taken as 20 bytes",
                        isErrorAbout("20", "outer + 8", "quoted + (p[quoted] & 0x0f) * 4", "icmp + 4"),
                        "each one's length comes from its own IHL"),
                new ExercisesTest.Wrong("09-quoted-error", "the quoted header taken as 20 bytes",
                        isErrorAbout("(p[0] & 0x0f) * 4", "outer + 8", "quoted + 20", "icmp + 4"),
                        "each one's length comes from its own IHL"),
                new ExercisesTest.Wrong("09-quoted-error", "identifier and sequence read from the error's own header",
                        isErrorAbout("(p[0] & 0x0f) * 4", "outer + 8", "quoted + (p[quoted] & 0x0f) * 4", "outer + 4"),
                        "inside the QUOTE"),
                new ExercisesTest.Wrong("09-quoted-error", "matched on the identifier only", """
                        boolean isErrorAbout(byte[] p, byte[] probe) {
                            int outer = (p[0] & 0x0f) * 4, type = p[outer] & 0xff, quoted = outer + 8, icmp = quoted + (p[quoted] & 0x0f) * 4;
                            return (type == 3 || type == 11) && p[quoted + 9] == 1 && Arrays.equals(p, icmp + 4, icmp + 6, probe, 4, 6);
                        }
                        """, "compare the quoted sequence number"),
                new ExercisesTest.Wrong("09-quoted-error", "matched on the sequence number only", """
                        boolean isErrorAbout(byte[] p, byte[] probe) {
                            int outer = (p[0] & 0x0f) * 4, type = p[outer] & 0xff, quoted = outer + 8, icmp = quoted + (p[quoted] & 0x0f) * 4;
                            return (type == 3 || type == 11) && p[quoted + 9] == 1 && Arrays.equals(p, icmp + 6, icmp + 8, probe, 6, 8);
                        }
                        """, "compare the quoted identifier"),
                new ExercisesTest.Wrong("09-quoted-error", "type not checked", """
                        boolean isErrorAbout(byte[] p, byte[] probe) {
                            int outer = (p[0] & 0x0f) * 4, quoted = outer + 8, icmp = quoted + (p[quoted] & 0x0f) * 4;
                            return p[quoted + 9] == 1 && Arrays.equals(p, icmp + 4, icmp + 8, probe, 4, 8);
                        }
                        """, "an error has its own type; check it first"),
                new ExercisesTest.Wrong("09-quoted-error", "quoted protocol not checked", """
                        boolean isErrorAbout(byte[] p, byte[] probe) {
                            int outer = (p[0] & 0x0f) * 4, type = p[outer] & 0xff, quoted = outer + 8, icmp = quoted + (p[quoted] & 0x0f) * 4;
                            return (type == 3 || type == 11) && Arrays.equals(p, icmp + 4, icmp + 8, probe, 4, 8);
                        }
                        """, "quotes a UDP datagram"),
                new ExercisesTest.Wrong("10-datagram-socket", "the IP header always skipped", echoReply(
                        "Arrays.copyOfRange(b, 20, b.length)", "(request[4] & 0xff) << 8 | (request[5] & 0xff)"),
                        "a datagram socket hands over the bare ICMP message, with no IP header to skip"),
                new ExercisesTest.Wrong("10-datagram-socket", "the IP header never skipped", echoReply(
                        "b", "socket.localId() >= 0 ? socket.localId() : (request[4] & 0xff) << 8 | (request[5] & 0xff)"),
                        "the ICMP message starts after IHL × 4 bytes"),
                new ExercisesTest.Wrong("10-datagram-socket", "the request's identifier expected back", echoReply(
                        "socket.receivesIpHeader() ? Arrays.copyOfRange(b, (b[0] & 0x0f) * 4, b.length) : b",
                        "(request[4] & 0xff) << 8 | (request[5] & 0xff)"),
                        "the kernel put ITS identifier"),
                new ExercisesTest.Wrong("11-raw-socket", "a datagram socket opened", """
                        TeachingSocket openRawIcmpSocket() throws IOException { return TeachingSocket.open("AF_INET", "SOCK_DGRAM", "IPPROTO_ICMP"); }
                        """, "SOCK_DGRAM is the ping socket of exercise 10"),
                new ExercisesTest.Wrong("11-raw-socket", "IP_HDRINCL turned on at the open", """
                        TeachingSocket openRawIcmpSocket() throws IOException { return TeachingSocket.open("AF_INET", "SOCK_RAW", "IPPROTO_ICMP").setIpHdrIncl(true); }
                        """, "a new socket has IP_HDRINCL off"),
                new ExercisesTest.Wrong("11-raw-socket", "the protocol named IPPROTO_RAW", """
                        TeachingSocket openRawIcmpSocket() throws IOException { return TeachingSocket.open("AF_INET", "SOCK_RAW", "IPPROTO_RAW"); }
                        """, "protocol must be IPPROTO_ICMP (1, the protocol number of ICMP in the IPv4 header), got IPPROTO_RAW"),
                new ExercisesTest.Wrong("11-raw-socket", "checksum carries not folded back", """
                        int checksum(byte[] data) {
                            long sum = 0;
                            for (int i = 0; i < data.length; i += 2) sum += (data[i] & 0xff) << 8 | (i + 1 < data.length ? data[i + 1] & 0xff : 0);
                            return (int) ~sum & 0xffff;
                        }
                        """, "exercise 3's check3() says why"),
                new ExercisesTest.Wrong("11-raw-socket", "IHL counted in bytes",
                        ipv4Header("h[0] = (byte) (4 << 4 | 20);", TOTAL, TTL_ICMP, ADDRESSES, SUM),
                        "IHL counts 32-bit words (5)"),
                new ExercisesTest.Wrong("11-raw-socket", "version in the low half",
                        ipv4Header("h[0] = 4;", TOTAL, TTL_ICMP, ADDRESSES, SUM),
                        "it holds two fields, version (high 4 bits) and IHL (low 4)"),
                new ExercisesTest.Wrong("11-raw-socket", "total length without the header",
                        ipv4Header(V4_IHL5, "h[2] = (byte) (icmpLength >>> 8); h[3] = (byte) icmpLength;", TTL_ICMP, ADDRESSES, SUM),
                        "the total length counts the header too"),
                new ExercisesTest.Wrong("11-raw-socket", "total length little-endian",
                        ipv4Header(V4_IHL5, "int total = 20 + icmpLength; h[3] = (byte) (total >>> 8); h[2] = (byte) total;", TTL_ICMP, ADDRESSES, SUM),
                        "bytes swapped: the total length is big-endian"),
                new ExercisesTest.Wrong("11-raw-socket", "TTL and protocol in each other's byte",
                        ipv4Header(V4_IHL5, TOTAL, "h[9] = (byte) ttl; h[8] = 1;", ADDRESSES, SUM),
                        "the TTL is byte 8 and the protocol byte 9"),
                new ExercisesTest.Wrong("11-raw-socket", "addresses least significant byte first",
                        ipv4Header(V4_IHL5, TOTAL, TTL_ICMP, """
                                String[] s = source.split("\\\\."), d = destination.split("\\\\.");
                                for (int i = 0; i < 4; i++) { h[15 - i] = (byte) Integer.parseInt(s[i]); h[19 - i] = (byte) Integer.parseInt(d[i]); }
                                """, SUM),
                        "address bytes reversed"),
                new ExercisesTest.Wrong("11-raw-socket", "header checksum left at zero",
                        ipv4Header(V4_IHL5, TOTAL, TTL_ICMP, ADDRESSES, ""),
                        "the checksum field is still 0"),
                new ExercisesTest.Wrong("11-raw-socket", "header checksum little-endian",
                        ipv4Header(V4_IHL5, TOTAL, TTL_ICMP, ADDRESSES, "int sum = checksum(h); h[11] = (byte) (sum >>> 8); h[10] = (byte) sum;"),
                        "the checksum's bytes are swapped"),
                new ExercisesTest.Wrong("12-record-route", "IHL left at 5", recordRouteHeader(
                        "h[0] = 0x45; int total = 60 + icmpLength; h[2] = (byte) (total >>> 8); h[3] = (byte) total;", RR_OPTION, RR_SUM),
                        "the options make the header 60 bytes: IHL 15"),
                new ExercisesTest.Wrong("12-record-route", "total length without the options", recordRouteHeader(
                        "h[0] = 0x4f; int total = 20 + icmpLength; h[2] = (byte) (total >>> 8); h[3] = (byte) total;", RR_OPTION, RR_SUM),
                        "the total length counts the options too"),
                new ExercisesTest.Wrong("12-record-route", "option length 40", recordRouteHeader(RR_FIXED, "h[20] = 7; h[21] = 40; h[22] = 4;", RR_SUM),
                        "the option is 39 bytes (3 + 9 × 4)"),
                new ExercisesTest.Wrong("12-record-route", "pointer counted from 0", recordRouteHeader(RR_FIXED, "h[20] = 7; h[21] = 39; h[22] = 3;", RR_SUM),
                        "the pointer counts from 1: the first free slot is at 4"),
                new ExercisesTest.Wrong("12-record-route", "checksum over the fixed 20 bytes only", recordRouteHeader(RR_FIXED, RR_OPTION,
                        "int sum = Checksum.of(h, 0, 20); h[10] = (byte) (sum >>> 8); h[11] = (byte) sum;"),
                        "it covers the whole 60-byte header, options included"),
                new ExercisesTest.Wrong("12-record-route", "the option taken to start at byte 20",
                        recordedRoute(FIXED_AT_20, UP_TO_POINTER), "walk it from byte 20"),
                new ExercisesTest.Wrong("12-record-route", "every slot read, the pointer ignored",
                        recordedRoute(WALK, "for (int i = at + 3; i + 4 <= at + length; i += 4) " + ADD),
                        "the slots after it are empty"),
                new ExercisesTest.Wrong("12-record-route", "the pointer taken as counted from 0",
                        recordedRoute(WALK, "for (int i = at + 3; i + 4 <= at + pointer + 3; i += 4) " + ADD),
                        "the pointer counts from 1 at the option's first byte"),
                new ExercisesTest.Wrong("13-timestamp", "milliseconds since 1970 not reduced to the day", """
                        long msSinceMidnightUtc(long epochMillis) { return epochMillis; }
                        """, "not reduced to the day"),
                new ExercisesTest.Wrong("13-timestamp", "seconds since midnight", """
                        long msSinceMidnightUtc(long epochMillis) { return epochMillis % 86_400_000L / 1000; }
                        """, "that is seconds; RFC 792's times are milliseconds"),
                new ExercisesTest.Wrong("13-timestamp", "the reply's type in the request",
                        timestampRequest("q[0] = 14;", "20", TS_ORIGINATE, TS_SUM), "14 is the reply's type; the request is 13"),
                new ExercisesTest.Wrong("13-timestamp", "no room for the timestamps",
                        timestampRequest(TS_TYPE, "8", "", TS_SUM), "three 32-bit timestamps follow the 8-byte header"),
                new ExercisesTest.Wrong("13-timestamp", "originate little-endian", timestampRequest(TS_TYPE, "20",
                        "q[11] = (byte) (originate >>> 24); q[10] = (byte) (originate >>> 16); q[9] = (byte) (originate >>> 8); q[8] = (byte) originate;", TS_SUM),
                        "bytes swapped: the times are big-endian"),
                new ExercisesTest.Wrong("13-timestamp", "checksum left at zero",
                        timestampRequest(TS_TYPE, "20", TS_ORIGINATE, ""), "the checksum field is still 0"),
                new ExercisesTest.Wrong("13-timestamp", "checksum over the 8-byte header only", timestampRequest(TS_TYPE, "20", TS_ORIGINATE,
                        "int sum = Checksum.of(q, 0, 8); q[2] = (byte) (sum >>> 8); q[3] = (byte) sum;"), "it covers all 20 bytes, the timestamps included"),
                new ExercisesTest.Wrong("13-timestamp", "offset with the sign reversed", """
                        double clockOffsetMs(long t1, long t2, long t3, long t4) { return (dayDiff(t1, t2) + dayDiff(t4, t3)) / 2.0; }
                        """, "the sign: positive when the other clock is ahead"),
                new ExercisesTest.Wrong("13-timestamp", "offset not halved", """
                        double clockOffsetMs(long t1, long t2, long t3, long t4) { return dayDiff(t2, t1) + dayDiff(t3, t4); }
                        """, "half of ((t2 - t1) + (t3 - t4))"),
                new ExercisesTest.Wrong("13-timestamp", "offset in whole milliseconds", """
                        double clockOffsetMs(long t1, long t2, long t3, long t4) { return (dayDiff(t2, t1) + dayDiff(t3, t4)) / 2; }
                        """, "half a millisecond counts: divide as a double"),
                new ExercisesTest.Wrong("13-timestamp", "differences not wrapped at midnight", """
                        long[] oneWayMs(long t1, long t2, long t3, long t4) { return new long[] {t2 - t1, t4 - t3}; }
                        double clockOffsetMs(long t1, long t2, long t3, long t4) { return ((t2 - t1) + (t3 - t4)) / 2.0; }
                        """, "the stamps wrapped at midnight"));
    }

    /**
     * One jshell in the client namespace per exercise, as a learner works: open the exercise (its check says what is
     * not written yet), then the reference solution and its check, then each wrong answer and the check again.
     * One process per exercise rather than per answer: a jshell start costs seconds on a loaded machine.
     */
    @TestFactory
    Stream<DynamicTest> labExercisesPassWithTheSolutionAndFailEveryCataloguedMistake() {
        return labExercises().flatMap(exercise -> {
            var wrongs = Stream.concat(wrongAnswers(), ExercisesTest.wrongAnswers())
                    .filter(w -> w.exercise().equals(exercise)).collect(Collectors.toList());
            var input = new StringBuilder("/open " + ExercisesTest.exerciseFile(exercise) + "\n");
            input.append(marked("solution", "/open " + ExercisesTest.solutionFile(exercise), exercise));
            for (int i = 0; i < wrongs.size(); i++) {
                // over the solution again, so the wrong definition is the only mistake the check can find
                input.append("/open " + ExercisesTest.solutionFile(exercise) + "\n");
                input.append(marked("wrong " + i, wrongs.get(i).source(), exercise));
            }
            var out = new java.util.concurrent.atomic.AtomicReference<String>();
            java.util.function.Supplier<String> output = () -> {
                if (out.get() == null) {
                    out.set(JShellProcess.run(JShellProcess.jshellCommand(IN_CLIENT), input.toString()));
                }
                return out.get();
            };
            Stream<DynamicTest> solution = Stream.of(DynamicTest.dynamicTest(exercise + ": the reference solution passes", () -> {
                String all = output.get();
                assertFalse(all.contains("|  Error:"), all);   // how the jshell tool reports a rejected snippet
                assertTrue(all.substring(0, all.indexOf(MARKER)).contains("is not written yet"), all);
                String verdict = section(all, "solution");
                assertTrue(verdict.contains("PASS exercise "), all);
                assertFalse(verdict.contains("FAIL"), all);
            }));
            Stream<DynamicTest> mistakes = java.util.stream.IntStream.range(0, wrongs.size()).mapToObj(i -> {
                var wrong = wrongs.get(i);
                return DynamicTest.dynamicTest(wrong + " fails with its own hint", () -> {
                    String verdict = section(output.get(), "wrong " + i);
                    assertTrue(verdict.contains("FAIL exercise "), verdict);
                    ExercisesTest.assertOwnHint(wrong, wrongs, verdict);
                });
            });
            return Stream.concat(solution, mistakes);
        });
    }

    /** Enters {@code answer}, then a marker line naming it, then the exercise's check. */
    private static String marked(String name, String answer, String exercise) {
        return answer + "\n" + "System.out.println(\"" + MARKER + " " + name + "\")\n" + ExercisesTest.checkCall(exercise) + "\n";
    }

    /** What the check printed after the marker {@code name}, up to the next marker. */
    private static String section(String out, String name) {
        String rest = JShellProcess.after(MARKER + " " + name, out);
        int next = rest.indexOf(MARKER);
        return next < 0 ? rest : rest.substring(0, next);
    }
}
