package dev.pingkit.trace;

/** <b>Receives a trace's probes as they end, in order: by TTL, then by number within the hop.</b> */
@FunctionalInterface
public interface TraceListener {
    /** <b>Called once per probe, on the tracing thread.</b> */
    void onProbe(TraceProbe probe);

    /** Ignores everything. */
    TraceListener NONE = p -> { };
}
