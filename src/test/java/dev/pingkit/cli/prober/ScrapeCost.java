package dev.pingkit.cli.prober;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The CPU time and allocation of one scrape of N targets, per part (collect, each writer, gzip), on this thread:
 * {@code java -cp ... dev.pingkit.cli.prober.ScrapeCost [N] [rounds]}. Not a test: a harness for by-hand
 * measurement (thread CPU time, so the machine's load matters less than for wall time). {@code -Dparts=REGEX}
 * measures only the parts whose names match.
 */
final class ScrapeCost {
    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Counts and drops what is written, as a socket would take it. */
    private static final class Sink extends OutputStream {
        long n;

        @Override
        public void write(int b) {
            n++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            n += len;
        }
    }

    interface Part {
        long run() throws IOException;
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        ProberMetrics m = new ProberMetrics(Buckets.SMOKEPING, 4);
        byte[] a = {(byte) 198, 18, 0, 0};
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < n; i++) {
            a[2] = (byte) (i >> 8);
            a[3] = (byte) i;
            ProberTarget t = new ProberTarget(InetAddress.getByAddress(a).getHostAddress(), InetAddress.getByAddress(a));
            for (int s = 0; s < 30; s++) {
                m.sent(t, s, r.nextInt(2_000_000));
                m.outcome(t, Outcomes.answered(t, s, 100_000 + r.nextInt(900_000), 64));
            }
            m.outcome(t, Outcomes.lost(t, 31));
        }
        ExpositionFormats f = ExpositionFormats.init();
        if (args.length > 2) {
            try (OutputStream o = new java.io.FileOutputStream(args[2])) {
                f.findWriter(args.length > 3 ? args[3] : "text/plain").write(o, m.registry().scrape());
            }
            return;
        }
        String[][] formats = {
            {"text", "text/plain"},
            {"openmetrics", "application/openmetrics-text; version=1.0.0"},
            {"protobuf", "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited"},
        };
        if (System.getProperty("soak") != null) {
            // As a scraper sees the process: CPU of all threads (GC included) per scrape, and the RSS after.
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            for (String fmt : System.getProperty("soak").split(",")) {
                ExpositionFormatWriter w = f.findWriter(fmt);
                long c0 = os.getProcessCpuTime();
                for (int i = 0; i < rounds; i++) {
                    ScrapeHandler.write(w, new Sink(), m.registry().scrape(), EscapingScheme.fromAcceptHeader(fmt));
                    Thread.sleep(100);
                }
                System.out.printf("%-12s process CPU per scrape %6.1f ms%n", fmt.substring(0, Math.min(12, fmt.length())),
                        (os.getProcessCpuTime() - c0) / 1e6 / rounds);
            }
            for (String l : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (l.startsWith("VmRSS") || l.startsWith("VmHWM")) {
                    System.out.println(l);
                }
            }
            return;
        }
        if (System.getProperty("collect") != null) {
            for (int i = 0; i < rounds; i++) {
                m.registry().scrape();
            }
            return;
        }
        if (System.getProperty("only") != null) {
            ExpositionFormatWriter w = f.findWriter(System.getProperty("only"));
            for (int i = 0; i < rounds; i++) {
                w.write(new Sink(), m.registry().scrape());
            }
            return;
        }
        measure("collect", rounds, () -> {
            m.registry().scrape();
            return 0;
        });
        for (String[] fmt : formats) {
            ExpositionFormatWriter w = f.findWriter(fmt[1]);
            MetricSnapshots snap = m.registry().scrape();
            measure(fmt[0] + " write (client)", rounds, () -> {
                Sink s = new Sink();
                w.write(s, snap);
                return s.n;
            });
            measure(fmt[0] + " write (prober)", rounds, () -> {
                Sink s = new Sink();
                ScrapeHandler.write(w, s, snap, EscapingScheme.fromAcceptHeader(fmt[1]));
                return s.n;
            });
            measure(fmt[0] + " scrape (collect+write)", rounds, () -> {
                Sink s = new Sink();
                w.write(s, m.registry().scrape());
                return s.n;
            });
            measure(fmt[0] + " scrape gzip (client, level 6)", rounds, () -> {
                Sink s = new Sink();
                try (GZIPOutputStream g = new GZIPOutputStream(s, 1 << 16)) {
                    w.write(g, m.registry().scrape());
                }
                return s.n;
            });
            measure(fmt[0] + " scrape (prober)", rounds, () -> {
                Sink s = new Sink();
                ScrapeHandler.write(w, s, m.registry().scrape(), EscapingScheme.fromAcceptHeader(fmt[1]));
                return s.n;
            });
            measure(fmt[0] + " scrape gzip (prober)", rounds, () -> {
                Sink s = new Sink();
                try (GZIPOutputStream g = new ScrapeHandler.FastGzip(s)) {
                    ScrapeHandler.write(w, g, m.registry().scrape(), EscapingScheme.fromAcceptHeader(fmt[1]));
                }
                return s.n;
            });
        }
    }

    private static void measure(String name, int rounds, Part p) throws IOException {
        if (!name.matches(System.getProperty("parts", ".*"))) {
            return;
        }
        long[] cpu = new long[rounds];
        long[] alloc = new long[rounds];
        long bytes = 0;
        long tid = Thread.currentThread().getId();
        for (int i = 0; i < 5; i++) {
            p.run();
        }
        for (int i = 0; i < rounds; i++) {
            long c0 = MX.getCurrentThreadCpuTime();
            long a0 = MX.getThreadAllocatedBytes(tid);
            bytes = p.run();
            cpu[i] = MX.getCurrentThreadCpuTime() - c0;
            alloc[i] = MX.getThreadAllocatedBytes(tid) - a0;
        }
        Arrays.sort(cpu);
        Arrays.sort(alloc);
        System.out.printf("%-36s cpu median %6.1f ms (min %6.1f)  alloc %6.1f MB  out %d bytes%n", name,
                cpu[rounds / 2] / 1e6, cpu[0] / 1e6, alloc[rounds / 2] / 1e6, bytes);
    }
}
