/**
 * <b>The ping engine: one place where probes are scheduled, replies matched and statistics kept.</b>
 *
 * <p>{@link dev.pingkit.ping.PingSettings} describes a run (iputils' defaults); a {@link dev.pingkit.ping.Pinger}
 * runs it on one thread and hands {@link dev.pingkit.ping.PingEvent}s to a {@link dev.pingkit.ping.PingListener};
 * {@link dev.pingkit.ping.PingStatistics} is the summary, computed in constant memory with iputils' arithmetic.
 * {@link dev.pingkit.ping.Pinger#once} sends a single {@link dev.pingkit.Echo} and returns a
 * {@link dev.pingkit.ping.SendResult}. The engine knows nothing of terminals: front ends format the events.
 */
package dev.pingkit.ping;
