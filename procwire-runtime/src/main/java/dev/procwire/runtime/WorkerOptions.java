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
 * @param maxConcurrentHandlers handlers that run at once; later requests wait in a queue. Default
 *     1,024. Env {@code PROCWIRE_MAX_CONCURRENT}.
 * @param maxQueuedRequests requests that may wait for a handler; one beyond it is answered at once with
 *     an error whose code is {@code OVERLOADED}. Default 10,000. Env {@code PROCWIRE_MAX_QUEUED}.
 * @param shutdownGrace how long handlers get to finish after their tokens are cancelled at shutdown.
 *     Default 250 ms. Env {@code PROCWIRE_SHUTDOWN_GRACE_MS}.
 * @param virtualThreads run handlers on virtual threads where the JVM has them (21+). Default true.
 *     Env {@code PROCWIRE_VIRTUAL_THREADS=false} turns it off.
 */
public record WorkerOptions(long maxPayload, int maxConcurrentHandlers, int maxQueuedRequests, Duration shutdownGrace,
        boolean virtualThreads) {

    public WorkerOptions {
        if (maxPayload < 0 || maxPayload > Frames.HARD_MAX_PAYLOAD) {
            throw new IllegalArgumentException("maxPayload must be within 0.." + Frames.HARD_MAX_PAYLOAD + ", was " + maxPayload);
        }
        if (maxConcurrentHandlers < 1) {
            throw new IllegalArgumentException("maxConcurrentHandlers must be at least 1, was " + maxConcurrentHandlers);
        }
        if (maxQueuedRequests < 0) {
            throw new IllegalArgumentException("maxQueuedRequests must be >= 0, was " + maxQueuedRequests);
        }
        if (shutdownGrace == null || shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace must be >= 0");
        }
    }

    /** The defaults. */
    public static WorkerOptions defaults() {
        return new WorkerOptions(Frames.DEFAULT_MAX_PAYLOAD, 1024, 10_000, Duration.ofMillis(250), true);
    }

    /** The defaults, overridden by any {@code PROCWIRE_*} variables set in {@code env}. */
    public static WorkerOptions fromEnvironment(Map<String, String> env) {
        WorkerOptions o = defaults();
        String v;
        if ((v = env.get("PROCWIRE_MAX_PAYLOAD")) != null) o = o.withMaxPayload(parse("PROCWIRE_MAX_PAYLOAD", v));
        if ((v = env.get("PROCWIRE_MAX_CONCURRENT")) != null) o = o.withMaxConcurrentHandlers(parseInt("PROCWIRE_MAX_CONCURRENT", v));
        if ((v = env.get("PROCWIRE_MAX_QUEUED")) != null) o = o.withMaxQueuedRequests(parseInt("PROCWIRE_MAX_QUEUED", v));
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

    private static int parseInt(String name, String value) {
        long v = parse(name, value);
        if (v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " is too large: " + value);
        }
        return (int) v;
    }

    public WorkerOptions withMaxPayload(long bytes) {
        return new WorkerOptions(bytes, maxConcurrentHandlers, maxQueuedRequests, shutdownGrace, virtualThreads);
    }

    public WorkerOptions withMaxConcurrentHandlers(int handlers) {
        return new WorkerOptions(maxPayload, handlers, maxQueuedRequests, shutdownGrace, virtualThreads);
    }

    public WorkerOptions withMaxQueuedRequests(int requests) {
        return new WorkerOptions(maxPayload, maxConcurrentHandlers, requests, shutdownGrace, virtualThreads);
    }

    public WorkerOptions withShutdownGrace(Duration grace) {
        return new WorkerOptions(maxPayload, maxConcurrentHandlers, maxQueuedRequests, grace, virtualThreads);
    }

    public WorkerOptions withVirtualThreads(boolean enabled) {
        return new WorkerOptions(maxPayload, maxConcurrentHandlers, maxQueuedRequests, shutdownGrace, enabled);
    }
}
