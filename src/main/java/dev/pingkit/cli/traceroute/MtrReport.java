package dev.pingkit.cli.traceroute;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.pingkit.trace.Hop;
import dev.pingkit.trace.Route;
import dev.pingkit.trace.Trace;
import dev.pingkit.packet.Addresses;
import dev.pingkit.trace.TraceProbe;

/**
 * {@code traceroute --report -c N}: {@code mtr --report -n}'s table. N rounds of one probe per hop, a second apart
 * (mtr's default interval); per hop the first address that answered ({@code ???} for none), loss, sent, and the
 * last, average, best and worst RTT and their standard deviation in milliseconds, in mtr's columns.
 */
final class MtrReport {
    /** mtr's host column: the statistics start at this column, over whatever the name left there. */
    private static final int HOST_COLUMN = 33;
    private static final long ROUND_MILLIS = 1000;

    private final PrintStream out;

    MtrReport(PrintStream out) {
        this.out = out;
    }

    /** Per-TTL counts over the rounds. */
    private static final class Row {
        InetAddress address;
        int sent;
        int received;
        double last;
        double sum;
        double sumSquares;
        double best = Double.MAX_VALUE;
        double worst;

        void add(TraceProbe p) {
            sent++;
            if (p.from() == null) { // timed out, or refused by the local kernel: no answer either way
                return;
            }
            if (address == null) {
                address = p.from();
            }
            double ms = p.rttNanos() / 1e6;
            received++;
            last = ms;
            sum += ms;
            sumSquares += ms * ms;
            best = Math.min(best, ms);
            worst = Math.max(worst, ms);
        }

        double avg() {
            return received == 0 ? 0 : sum / received;
        }

        double stdev() {
            if (received < 2) {
                return 0;
            }
            double var = (sumSquares - sum * sum / received) / (received - 1);
            return Math.sqrt(Math.max(0, var));
        }
    }

    void run(Trace trace, int rounds) throws IOException {
        String start = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ", Locale.ROOT));
        List<Row> rows = new ArrayList<>();
        int last = 0; // rows shown: up to the farthest final hop seen, else every TTL probed
        int first = trace.firstHop();
        for (int r = 0; r < rounds; r++) {
            if (r > 0) {
                // A second from the end of one round to the start of the next, not a fixed beat: a first round
                // slowed by start-up must not bring the second closer to it (rate-limited hops would drop it).
                try {
                    Thread.sleep(ROUND_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            Route route = trace.run();
            for (Hop h : route.hops()) {
                int i = h.ttl() - first;
                while (rows.size() <= i) {
                    rows.add(new Row());
                }
                h.probes().forEach(rows.get(i)::add);
                last = Math.max(last, i + 1);
            }
        }
        out.println("Start: " + start);
        out.println(pad("HOST: " + hostname()) + " Loss%   Snt   Last   Avg  Best  Wrst StDev");
        for (int i = 0; i < last; i++) {
            Row row = rows.get(i);
            String name = row.address == null ? "???" : Addresses.text(row.address);
            StringBuilder b = new StringBuilder(pad(String.format(Locale.ROOT, " %2d.|-- %s", first + i, name)));
            double loss = row.sent == 0 ? 0 : 100.0 * (row.sent - row.received) / row.sent;
            // mtr writes " %4.1f%%" into a 6-wide field: at 100 the '%' is overwritten by the next column.
            String lossText = String.format(Locale.ROOT, " %4.1f%%", loss);
            b.append(lossText, 0, 6);
            b.append(String.format(Locale.ROOT, " %5d", row.sent)).append(' ');
            double best = row.received == 0 ? 0 : row.best;
            for (double v : new double[] {row.last, row.avg(), best, row.worst, row.stdev()}) {
                b.append(String.format(Locale.ROOT, " %5.1f", v));
            }
            out.println(b);
        }
        out.flush();
    }

    /** Pads or cuts to the host column, as mtr's fixed-width buffer does. */
    private static String pad(String s) {
        if (s.length() >= HOST_COLUMN) {
            return s.substring(0, HOST_COLUMN);
        }
        return s + " ".repeat(HOST_COLUMN - s.length());
    }

    /** The kernel's host name, read without a resolver (InetAddress.getLocalHost may ask DNS). */
    private static String hostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            return "localhost";
        }
    }
}
