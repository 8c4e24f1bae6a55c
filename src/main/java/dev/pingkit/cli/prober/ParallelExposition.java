package dev.pingkit.cli.prober;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * <b>One exposition written by the client's writer as several parts at once, by the scrape's own worker thread
 * and helpers, and sent in order</b> ({@link OrderedParts}). Every byte is still the client writer's: the Prometheus
 * text and OpenMetrics formats are concatenations of families, and a family is its header ({@code #} lines) and then
 * its data points' lines, each point's lines standing alone. So each part is an exposition of its own: a run of
 * whole families or a slice of a large family's points (the RTT histogram is ~75 % of the body at 10 000 targets);
 * a slice after a family's first has the header the writer gives it dropped, and every OpenMetrics part but the
 * last its {@code # EOF}.
 *
 * <p>Not protobuf: a family is one message there, and the RTT histogram's is ~3/4 of the body, so parts would gain
 * little and hold most of it back (its CPU per scrape rose from ~150 to 211-263 ms in the bench when it was cut).
 * The Prometheus text writer with created timestamps on writes them after all the families, which no split keeps:
 * that writer is given {@link Format#NONE} by the caller (as is any writer this class does not know).
 */
final class ParallelExposition {
    /** How a writer's output may be cut. */
    enum Format { TEXT, OPENMETRICS, NONE }

    /**
     * About how many exposition lines a part holds: ~1 MB of text, ~1.2 ms of the writer's time. Small enough that
     * two threads finish together and little is held back ({@link OrderedParts}: what is held is live in the young
     * collections inside a scrape, beside its snapshots), large enough that a part's set-up (the writer's buffers,
     * its escaping pass) stays negligible.
     */
    static final int LINES_PER_PART = 12_000;
    /** More helpers than this would mostly wait for the socket. */
    private static final int MAX_HELPERS = 3;
    /**
     * How many parts past the head a helper may write: what it writes there is held back, live in the young
     * collections beside the snapshots; with no bound a helper ran far ahead whenever the head's thread was not
     * scheduled (RSS 270-296 MiB instead of 252-269 at load 2-4).
     */
    private static final int AHEAD = 2;
    private static final long AHEAD_WAIT_MILLIS = 50;

    /**
     * Free chunks for the parts held back: 1 MB, about one part of text, what one helper holds back at a time. More
     * stays in the survivor spaces beside the scrape's snapshots and pushes them into the old generation (8 MB: RSS
     * 254 instead of 205 MiB after 25 scrapes of 10 000 targets).
     */
    private final OrderedParts.Chunks chunks = new OrderedParts.Chunks(16);
    /**
     * The scrape's own worker, a platform thread per scrape in progress (kept 30 s for the next). Not the HTTP
     * server's virtual thread: on one, the JDK's {@code BufferedWriter} that the client's writers wrap around the
     * stream starts at 512 chars and grows to 8 192 by exactly what each write needs, a copy of its buffer per
     * write (~6 MB of copies per writer: per part, ~45 MB a scrape of 10 000 targets; JFR's allocation samples).
     * One per scrape, never shared, so that no scrape waits on another's slow reader.
     */
    private final ThreadPoolExecutor own;
    private final ThreadPoolExecutor helpers;
    private final int helperCount;
    private final int linesPerPart;

    /**
     * {@code helpers} threads shared by the scrapes besides each scrape's own worker (0: each exposition by its
     * worker alone), made when first needed.
     */
    ParallelExposition(int helpers, int linesPerPart) {
        if (helpers < 0) {
            throw new IllegalArgumentException("helpers must be 0 or more, got " + helpers);
        }
        if (linesPerPart < 1) {
            throw new IllegalArgumentException("linesPerPart must be at least 1, got " + linesPerPart);
        }
        this.helperCount = helpers;
        this.linesPerPart = linesPerPart;
        AtomicInteger w = new AtomicInteger();
        this.own = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> daemon(r, "prober-scrape-writer-" + w.incrementAndGet()));
        AtomicInteger n = new AtomicInteger();
        this.helpers = helpers == 0 ? null : new ThreadPoolExecutor(helpers, helpers, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> daemon(r, "prober-scrape-helper-" + n.incrementAndGet()));
        if (this.helpers != null) {
            // An idle prober keeps no helper thread.
            this.helpers.allowCoreThreadTimeOut(true);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(null, r, name, 256 * 1024);
        t.setDaemon(true);
        return t;
    }

    /** One helper per CPU beyond the first (at most {@value #MAX_HELPERS}): a 1-CPU machine writes with one. */
    static ParallelExposition forThisMachine() {
        int cpus = Runtime.getRuntime().availableProcessors();
        return new ParallelExposition(Math.max(0, Math.min(cpus - 1, MAX_HELPERS)), LINES_PER_PART);
    }

    /** {@code snapshots} in {@code writer}'s format to {@code body}, the same bytes as one {@code writer.write}. */
    void write(ExpositionFormatWriter writer, Format format, OutputStream body, MetricSnapshots snapshots,
            EscapingScheme escaping) throws IOException {
        List<Slice> slices = format == Format.NONE ? List.of() : slices(snapshots, format);
        if (slices.size() < 2) {
            writer.write(body, snapshots, escaping);
            return;
        }
        Job job = new Job(writer, format, body, slices, escaping, chunks);
        try {
            for (int h = 0; h < Math.min(helperCount, slices.size() - 1); h++) {
                helpers.execute(() -> job.work(false));
            }
        } catch (RejectedExecutionException e) {
            // Fewer helpers: the scrape's own worker writes whatever no helper took.
        }
        try {
            own.execute(() -> job.work(true));
        } catch (RejectedExecutionException e) {
            job.work(true); // no thread to be had: this one, slower on a virtual thread but whole
        }
        job.await();
    }

    /** A part: some families, or a slice of one family's points; {@code continued}: not that family's first. */
    private record Slice(MetricSnapshots snapshots, boolean continued) {
    }

    /** The parts, in order: runs of whole families of about {@link #linesPerPart} lines, large ones sliced. */
    private List<Slice> slices(MetricSnapshots snapshots, Format format) {
        List<Slice> out = new ArrayList<>();
        List<MetricSnapshot> run = new ArrayList<>();
        long runLines = 0;
        for (MetricSnapshot s : snapshots) {
            long lines = 0;
            for (var p : s.getDataPoints()) {
                lines += lines(p);
            }
            if (lines > linesPerPart && sliceable(s)) {
                if (!run.isEmpty()) {
                    out.add(new Slice(new MetricSnapshots(run), false));
                    run = new ArrayList<>();
                    runLines = 0;
                }
                slice(s, out);
                continue;
            }
            run.add(s);
            runLines += lines;
            if (runLines >= linesPerPart) {
                out.add(new Slice(new MetricSnapshots(run), false));
                run = new ArrayList<>();
                runLines = 0;
            }
        }
        if (!run.isEmpty()) {
            out.add(new Slice(new MetricSnapshots(run), false));
        }
        return out;
    }

    /** The exposition lines of a data point, about: a classic histogram's buckets, count and sum; else one. */
    private static int lines(Object point) {
        return point instanceof HistogramDataPointSnapshot h ? h.getClassicBuckets().size() + 2 : 1;
    }

    private static boolean sliceable(MetricSnapshot s) {
        return s instanceof CounterSnapshot || s instanceof GaugeSnapshot || s instanceof HistogramSnapshot;
    }

    /** {@code s} as consecutive slices of its (sorted) points, each its own snapshot with the same metadata. */
    private void slice(MetricSnapshot s, List<Slice> out) {
        List<? extends Object> points = s.getDataPoints();
        int from = 0;
        while (from < points.size()) {
            int to = from;
            long lines = 0;
            while (to < points.size() && (lines < linesPerPart || to == from)) {
                lines += lines(points.get(to));
                to++;
            }
            out.add(new Slice(new MetricSnapshots(List.of(subSnapshot(s, from, to))), from > 0));
            from = to;
        }
    }

    @SuppressWarnings("unchecked")
    private static MetricSnapshot subSnapshot(MetricSnapshot s, int from, int to) {
        if (s instanceof HistogramSnapshot h) {
            return new HistogramSnapshot(h.isGaugeHistogram(), h.getMetadata(), h.getDataPoints().subList(from, to));
        }
        if (s instanceof CounterSnapshot c) {
            return new CounterSnapshot(c.getMetadata(), c.getDataPoints().subList(from, to));
        }
        GaugeSnapshot g = (GaugeSnapshot) s;
        return new GaugeSnapshot(g.getMetadata(), g.getDataPoints().subList(from, to));
    }

    /** One exposition's parts, taken in order by whichever thread is free. */
    private static final class Job {
        private final ExpositionFormatWriter writer;
        private final Format format;
        private final List<Slice> slices;
        private final EscapingScheme escaping;
        private final OrderedParts parts;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch done;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(ExpositionFormatWriter writer, Format format, OutputStream body, List<Slice> slices,
                EscapingScheme escaping, OrderedParts.Chunks chunks) {
            this.writer = writer;
            this.format = format;
            this.slices = slices;
            this.escaping = escaping;
            this.parts = new OrderedParts(body, slices.size(), chunks);
            this.done = new CountDownLatch(slices.size());
        }

        /**
         * Writes parts until none is left; a helper ({@code own} false) no more than {@link #AHEAD} parts past the
         * head, as what it writes there is held back: it waits for the head to move on, and leaves the rest to the
         * scrape's own worker if the head does not move within {@link #AHEAD_WAIT_MILLIS} (a slow reader).
         */
        void work(boolean own) {
            for (;;) {
                int i = next.get();
                if (i >= slices.size()) {
                    return;
                }
                if (!own && i - parts.head() > AHEAD) {
                    try {
                        if (parts.awaitHead(i - AHEAD, AHEAD_WAIT_MILLIS)) {
                            continue;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return;
                }
                if (!next.compareAndSet(i, i + 1)) {
                    continue;
                }
                try {
                    if (failure.get() == null) {
                        Slice s = slices.get(i);
                        boolean last = i == slices.size() - 1;
                        TrimmedPart t = new TrimmedPart(parts.part(i), s.continued(),
                                format == Format.OPENMETRICS && !last);
                        writer.write(t, s.snapshots(), escaping);
                        t.close();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    parts.fail();
                } finally {
                    done.countDown();
                }
            }
        }

        /** Every part written (by whichever thread took it), or the first failure thrown. */
        void await() throws IOException {
            try {
                done.await();
            } catch (InterruptedException e) {
                parts.fail();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while the scrape's parts were written");
            }
            Throwable f = failure.get();
            if (f instanceof IOException io) {
                throw io;
            }
            if (f instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (f instanceof RuntimeException r) {
                throw r;
            }
            if (f instanceof Error err) {
                throw err;
            }
            if (f != null) {
                throw new IOException(f);
            }
        }
    }
}
