/**
 * <b>The engine: probes, schedule, the probe table, the one matcher, lifecycle events and per-target statistics.</b>
 *
 * <p>{@link dev.pingkit.engine.Engine} is the multi-target engine every front end is moving onto: one run over any
 * number of targets ({@link dev.pingkit.engine.ProbeTarget}, each with a {@link dev.pingkit.engine.TargetPlan}) and
 * explicit probes ({@link dev.pingkit.engine.ProbeSpec}: payload, TTL, TOS, timeout), one socket per family, one probe
 * table keyed by (target, id, seq), one {@code Matcher}; each probe ends once as answered, lost or failed, reported
 * as {@link dev.pingkit.engine.ProbeEvent} values to a {@link dev.pingkit.engine.ProbeListener}; statistics per target
 * in constant memory ({@link dev.pingkit.engine.PingStatistics} snapshots, readable from any thread). The kernel
 * filters of its raw sockets are written here ({@link dev.pingkit.engine.KernelFilters}) from the packet layer's
 * tables.
 *
 * <p>A single send ({@code Echo.send()}, the REPL's {@code send}) is a one-probe engine run,
 * {@link dev.pingkit.OneProbe}. {@code scripts/ping} and the REPL's {@code ping} run
 * {@link dev.pingkit.ping.Pinger}: iputils' schedule (interval and preload, the flood, {@code -w}, the final wait)
 * driving an engine run from the run's own turns ({@link dev.pingkit.engine.Engine#sendNow},
 * {@link dev.pingkit.engine.Engine#finish}), its events seen per sequence number as
 * {@link dev.pingkit.ping.PingEvent}s. The engine knows nothing of terminals and writes no sentences: front ends
 * word its values.
 */
package dev.pingkit.ping;

