package dev.pingkit.packet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * <b>Fuzzes the IPv4/IPv6 decoders (messages, error reports, quotes) for a bounded time on every run.</b> Jazzer is
 * not available, so this is guided by outcome rather than by code coverage: an input whose decoding shows something
 * not seen before (type and code, framing, quote, the kinds of problem listed) joins the working corpus and is
 * mutated further. Each input is checked by {@link ProblemOracle}: no exception, both decoders agree, every listed
 * problem is real and every checksum or truncation defect is listed.
 *
 * <p>The seed corpus is {@code src/test/resources/fuzz/decoder/*.hex} (one packet per file in hex; {@code v6-} files
 * are bare ICMPv6 messages) plus the test vectors. A failing input is written to {@code target/fuzz-failures/} and
 * named in the failure: add it to the corpus with the fix. {@code -Dpingkit.fuzz.seconds=N} sets the budget
 * (default 5; {@code .ci/run} gives it 25), {@code -Dpingkit.fuzz.seed=S} replays a run.
 */
class DecoderFuzzTest {
    private static final Path CORPUS = Path.of("src/test/resources/fuzz/decoder");
    private static final int MAX_CORPUS = 4000;
    private static final int MAX_LENGTH = 1500;

    record Input(byte[] bytes, boolean v6) {
    }

    @Test
    void decodersHoldTheirPropertiesOnMutatedPackets() throws IOException {
        long seconds = Long.getLong("pingkit.fuzz.seconds", 5);
        long seed = Long.getLong("pingkit.fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        List<Input> corpus = seeds();
        assertTrue(corpus.size() >= 20, "the seed corpus is there: " + corpus.size());
        Set<String> seen = new HashSet<>();
        for (Input in : corpus) {
            seen.add(run(in, seed));
        }
        int seedFeatures = seen.size();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long executions = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 200; i++) {
                Input parent = corpus.get(random.nextInt(corpus.size()));
                Input child = new Input(mutate(parent.bytes(), corpus, random), parent.v6() ^ random.nextInt(16) == 0);
                executions++;
                if (seen.add(run(child, seed)) && corpus.size() < MAX_CORPUS) {
                    corpus.add(child);
                }
            }
        }
        System.out.printf("decoder fuzz: seed %d, %d executions in %d s, %d outcomes (%d from the seeds)%n", seed,
                executions, seconds, seen.size(), seedFeatures);
        assertTrue(executions > 1000, "the fuzzer ran: " + executions);
        assertFalse(seen.size() <= seedFeatures, "mutation reached outcomes the seeds did not");
    }

    /** Checks one input; returns its outcome's signature. A failure names the input and where it was saved. */
    private static String run(Input in, long seed) {
        byte[] b = in.bytes();
        try {
            IcmpMessage m = ProblemOracle.check(b, 0, b.length, in.v6());
            StringBuilder f = new StringBuilder(in.v6() ? "6 " : "4 ").append(m.type()).append('/').append(m.code())
                    .append(m.ip().isPresent() ? " ip" : " bare").append(m.quoted().map(q -> " q" + q.icmpType())
                    .orElse("")).append(m.checksumStatus());
            java.util.TreeSet<String> kinds = new java.util.TreeSet<>();
            for (String p : m.problems()) {
                kinds.add(p.replaceAll("0x[0-9a-f]+|\\d+", "N"));
            }
            f.append(kinds);
            return f.toString();
        } catch (AssertionError | RuntimeException e) {
            String hex = HexFormat.of().formatHex(b);
            Path saved = Path.of("target/fuzz-failures", (in.v6() ? "v6-" : "v4-") + Integer.toHexString(hex.hashCode())
                    + ".hex");
            try {
                Files.createDirectories(saved.getParent());
                Files.writeString(saved, hex + "\n");
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new AssertionError("decoder fuzz (seed " + seed + ") failed on " + (in.v6() ? "ICMPv6 " : "IPv4 ")
                    + hex + " (saved as " + saved + "): " + e, e);
        }
    }

    private static List<Input> seeds() throws IOException {
        List<Input> all = new ArrayList<>();
        HostileInputTest.V4.forEach(b -> all.add(new Input(b, false)));
        HostileInputTest.V6.forEach(b -> all.add(new Input(b, true)));
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".hex")).sorted().toList()) {
                String hex = Files.readString(f, StandardCharsets.US_ASCII).replaceAll("\\s", "");
                all.add(new Input(HexFormat.of().parseHex(hex), f.getFileName().toString().startsWith("v6-")));
            }
        }
        return all;
    }

    /** One to four mutations: bit flips, interesting values in header fields, cuts, growth, splices. */
    private static byte[] mutate(byte[] parent, List<Input> corpus, Random r) {
        byte[] b = parent.clone();
        for (int k = 1 + r.nextInt(4); k > 0; k--) {
            switch (r.nextInt(9)) {
                case 0 -> {
                    if (b.length > 0) {
                        int bit = r.nextInt(b.length * 8);
                        b[bit / 8] ^= (byte) (1 << (bit % 8));
                    }
                }
                case 1 -> {
                    if (b.length > 0) {
                        b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                    }
                }
                case 2 -> {
                    // A value that means something in a header: lengths, versions, IHLs, types.
                    // Query types and their replies, PROBE's, option types (7 RR, 68 TS), C-Types, AFIs.
                    int[] interesting = {0, 1, 2, 3, 4, 5, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 0x20, 42, 43, 0x40,
                        0x44, 0x45, 0x46, 0x4f, 0x60, 0x7f, 0x80, 0x81, 0xa0, 0xa1, 0xff};
                    if (b.length > 0) {
                        b[Math.min(b.length - 1, r.nextInt(Math.min(b.length, 64)))] =
                                (byte) interesting[r.nextInt(interesting.length)];
                    }
                }
                case 3 -> {
                    // A 16-bit length field (IPv4 total length at 2, a quote's at 30) set near the real size.
                    int at = r.nextBoolean() ? 2 : 30;
                    if (b.length > at + 1) {
                        int v = Math.max(0, b.length + r.nextInt(9) - 4 - (at == 30 ? 28 : 0));
                        b[at] = (byte) (v >>> 8);
                        b[at + 1] = (byte) v;
                    }
                }
                case 4 -> b = java.util.Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length + 1));
                case 5 -> {
                    byte[] more = new byte[1 + r.nextInt(32)];
                    r.nextBytes(more);
                    b = WireBuilder.concat(b, more);
                }
                case 6 -> {
                    byte[] other = corpus.get(r.nextInt(corpus.size())).bytes();
                    int cut = r.nextInt(b.length + 1);
                    int from = r.nextInt(other.length + 1);
                    b = WireBuilder.concat(java.util.Arrays.copyOf(b, cut),
                            java.util.Arrays.copyOfRange(other, from, other.length));
                }
                case 7 -> {
                    // A bare PROBE: set its extension checksum right, so the objects behind it are read.
                    if (b.length >= 12 && (b[0] == 42 || b[0] == (byte) 160)) {
                        b[10] = 0;
                        b[11] = 0;
                        int c = Checksum.of(b, 8, b.length - 8);
                        b[10] = (byte) (c >>> 8);
                        b[11] = (byte) c;
                    }
                }
                default -> {
                    // Fix the checksum after the other changes, so the decoder's deeper paths are reached.
                    if (b.length >= 4 && (b[0] & 0xf0) != 0x40) {
                        b[2] = 0;
                        b[3] = 0;
                        int c = Checksum.of(b, 0, b.length);
                        b[2] = (byte) (c >>> 8);
                        b[3] = (byte) c;
                    }
                }
            }
        }
        return b.length > MAX_LENGTH ? java.util.Arrays.copyOf(b, MAX_LENGTH) : b;
    }
}
