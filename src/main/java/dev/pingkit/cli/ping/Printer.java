package dev.pingkit.cli.ping;

import dev.pingkit.ping.PingListener;
import dev.pingkit.ping.PingStatistics;

/** A way of showing a run: what comes before the first probe, each event, and the summary. */
interface Printer extends PingListener {
    /** Before the first probe: iputils' header, or the JSON start object. */
    void start();

    /** While the run goes on, when asked: interim statistics (iputils' SIGQUIT line). */
    void status(PingStatistics stats);

    /** After the run: the statistics, and (JSON only) the exit code the command returns. */
    void finish(PingStatistics stats, int exitCode);
}
