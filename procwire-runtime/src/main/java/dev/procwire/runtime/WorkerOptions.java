package dev.procwire.runtime;

import dev.procwire.runtime.frame.Frames;
import java.time.Duration;
import java.util.Map;

/**
 * The limits and choices of a worker. Every field has a default, can be set in code with a
 * {@code with…} method, and (for deployment without a rebuild) read from the environment by
 * {@link #fromEnvironment}.
 *
 * @param maxPayload the largest request payload accepted, in bytes; a frame that claims more drops
 *     the connection. Default 1 GiB, at most 2 GiB − 1. Env {@code PROCWIRE_MAX_PAYLOAD}.
 * @param maxInFlight requests handled at once; one beyond it is answered with an {@code OVERLOADED}
 *     error. Default 10,000. Env {@code PROCWIRE_MAX_IN_FLIGHT}.
 * @param shutdownGrace how long handlers get to finish after their tokens are cancelled at shutdown.
 *     Default 250 ms. Env {@code PROCWIRE_SHUTDOWN_GRACE_MS}.
 * @param virtualThreads run handlers on virtual threads where the JVM has them (21+). Default true.
 *     Env {@code PROCWIRE_VIRTUAL_THREADS=false} turns it off.
 */
public record WorkerOptions(long maxPayload, int maxInFlight, Duration shutdownGrace, boolean virtualThreads) {

    public WorkerOptions {
        if (maxPayload < 0 || maxPayload > Frames.HARD_MAX_PAYLOAD) {
            throw new IllegalArgumentException("maxPayload must be within 0.." + Frames.HARD_MAX_PAYLOAD + ", was " + maxPayload);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
        if (shutdownGrace == null || shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace must be >= 0");
        }
    }

    /** The defaults. */
    public static WorkerOptions defaults() {
        return new WorkerOptions(Frames.DEFAULT_MAX_PAYLOAD, 10_000, Duration.ofMillis(250), true);
    }

    /** The defaults, overridden by any {@code PROCWIRE_*} variables set in {@code env}. */
    public static WorkerOptions fromEnvironment(Map<String, String> env) {
        WorkerOptions o = defaults();
        String v;
        if ((v = env.get("PROCWIRE_MAX_PAYLOAD")) != null) o = o.withMaxPayload(parse("PROCWIRE_MAX_PAYLOAD", v));
        if ((v = env.get("PROCWIRE_MAX_IN_FLIGHT")) != null) o = o.withMaxInFlight((int) parse("PROCWIRE_MAX_IN_FLIGHT", v));
        if ((v = env.get("PROCWIRE_SHUTDOWN_GRACE_MS")) != null) o = o.withShutdownGrace(Duration.ofMillis(parse("PROCWIRE_SHUTDOWN_GRACE_MS", v)));
        if ((v = env.get("PROCWIRE_VIRTUAL_THREADS")) != null) o = o.withVirtualThreads(!v.trim().equalsIgnoreCase("false"));
        return o;
    }

    private static long parse(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was \"" + value + "\"");
        }
    }

    public WorkerOptions withMaxPayload(long bytes) {
        return new WorkerOptions(bytes, maxInFlight, shutdownGrace, virtualThreads);
    }

    public WorkerOptions withMaxInFlight(int requests) {
        return new WorkerOptions(maxPayload, requests, shutdownGrace, virtualThreads);
    }

    public WorkerOptions withShutdownGrace(Duration grace) {
        return new WorkerOptions(maxPayload, maxInFlight, grace, virtualThreads);
    }

    public WorkerOptions withVirtualThreads(boolean enabled) {
        return new WorkerOptions(maxPayload, maxInFlight, shutdownGrace, enabled);
    }
}
