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
 * Exercises 5 to 10 run in a jshell process started inside the lab's client namespace with
 * {@code ip netns exec pingkit-client}, exactly as the exercises tell a learner to start it: 5, 6 and 9 send through
 * the lab's router; 7, 8 and 10 use 127.0.0.1, and the client's loopback carries no other program's ICMP, so a
 * check's decoy packets are the only strangers a learner's receive loop meets.
 */
@LabTest
class LabExercisesTest {
    private static final List<String> IN_CLIENT = List.of("ip", "netns", "exec", Lab.CLIENT_NETNS);
    private static final String MARKER = "--- the check ---";

    static Stream<String> labExercises() {
        return Stream.of("05-ttl", "06-traceroute", "07-ip-header", "08-rtt", "09-quoted-error", "10-datagram-socket");
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
                        "the kernel put ITS identifier"));
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
