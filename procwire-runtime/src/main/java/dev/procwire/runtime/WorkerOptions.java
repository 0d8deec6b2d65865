package dev.procwire.runtime;

import dev.procwire.runtime.frame.Frames;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;

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

    /**
     * The defaults, overridden by any {@code PROCWIRE_*} variables set in {@code env} (a blank value
     * counts as unset).
     *
     * @throws IllegalArgumentException when a variable's value is not usable; the message names the
     *     variable, its value and what it must be
     */
    public static WorkerOptions fromEnvironment(Map<String, String> env) {
        WorkerOptions o = defaults();
        o = apply(o, env, "PROCWIRE_MAX_PAYLOAD", (w, v) -> w.withMaxPayload(parse("PROCWIRE_MAX_PAYLOAD", v)));
        o = apply(o, env, "PROCWIRE_MAX_CONCURRENT", (w, v) -> w.withMaxConcurrentHandlers(parseInt("PROCWIRE_MAX_CONCURRENT", v)));
        o = apply(o, env, "PROCWIRE_MAX_QUEUED", (w, v) -> w.withMaxQueuedRequests(parseInt("PROCWIRE_MAX_QUEUED", v)));
        o = apply(o, env, "PROCWIRE_SHUTDOWN_GRACE_MS",
                (w, v) -> w.withShutdownGrace(Duration.ofMillis(parse("PROCWIRE_SHUTDOWN_GRACE_MS", v))));
        o = apply(o, env, "PROCWIRE_VIRTUAL_THREADS", (w, v) -> w.withVirtualThreads(parseBoolean("PROCWIRE_VIRTUAL_THREADS", v)));
        return o;
    }

    /** {@code o} with the variable {@code name} applied, if it is set; a value out of range names it. */
    private static WorkerOptions apply(WorkerOptions o, Map<String, String> env, String name,
            BiFunction<WorkerOptions, String, WorkerOptions> setter) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return o;
        }
        try {
            return setter.apply(o, v.trim());
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(name)) {
                throw e;
            }
            throw new IllegalArgumentException(name + "=\"" + v + "\" is out of range: " + e.getMessage());
        }
    }

    private static long parse(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was \"" + value + "\"");
        }
    }

    private static int parseInt(String name, String value) {
        long v = parse(name, value);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new IllegalArgumentException(name + " is out of range, was \"" + value + "\"");
        }
        return (int) v;
    }

    private static boolean parseBoolean(String name, String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(name + " must be true or false, was \"" + value + "\"");
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
