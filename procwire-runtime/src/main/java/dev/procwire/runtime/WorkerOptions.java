package dev.procwire.runtime;

import dev.procwire.runtime.internal.frame.Frames;
import dev.procwire.runtime.internal.transport.PeerCheck;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The limits and choices of a worker. Every field has a default, can be set in code with a
 * {@code with…} method, and (for deployment without a rebuild) read from the environment by
 * {@link #fromEnvironment}, the one place that reads {@code PROCWIRE_*} settings.
 *
 * <pre>{@code
 * // the environment's settings (and the parent's token), with one limit changed in code
 * Procwire.serve(service, WorkerOptions.fromEnvironment(System.getenv()).withMaxConcurrentHandlers(64));
 * }</pre>
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
 * @param peerCheck which processes may connect to the data plane. Default {@link PeerCheckMode#ANCESTOR}.
 *     Env {@code PROCWIRE_PEER_CHECK=ancestor|same-user|off}.
 * @param token the secret the parent's first frame must carry for its connection to be adopted, or
 *     {@code null} (default) for no auth frame. Set by a {@code @procwire/core} parent that enables
 *     auth. Env {@code PROCWIRE_TOKEN}.
 * @param logLevel the least severe diagnostics written to stderr. Default {@link LogLevel#WARN}. The
 *     level is the process's: a worker sets it when it starts. Env
 *     {@code PROCWIRE_LOG=error|warn|info|debug}.
 */
public record WorkerOptions(long maxPayload, int maxConcurrentHandlers, int maxQueuedRequests, Duration shutdownGrace,
        boolean virtualThreads, PeerCheckMode peerCheck, String token, LogLevel logLevel) {

    /** Which processes may connect to the data plane (see the README's "who may connect"). */
    public enum PeerCheckMode {
        /** The worker's parent or one of its ancestors, of the same user. */
        ANCESTOR("ancestor"),
        /** Any process of the worker's user. */
        SAME_USER("same-user"),
        /** No check beyond the owner-only socket file. */
        OFF("off");

        private final String settingName;

        PeerCheckMode(String settingName) {
            this.settingName = settingName;
        }

        /** The mode's name in {@code PROCWIRE_PEER_CHECK}. */
        public String settingName() {
            return settingName;
        }
    }

    /** How much the runtime writes to stderr; each level includes the ones before it. */
    public enum LogLevel {
        ERROR, WARN, INFO, DEBUG
    }

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
        if (peerCheck == null) {
            throw new IllegalArgumentException("peerCheck must be set (ANCESTOR is the default)");
        }
        if (token != null && token.isEmpty()) {
            throw new IllegalArgumentException("token must not be empty: use null for no auth frame");
        }
        if (logLevel == null) {
            throw new IllegalArgumentException("logLevel must be set (WARN is the default)");
        }
    }

    /** The defaults. */
    public static WorkerOptions defaults() {
        return new WorkerOptions(Frames.DEFAULT_MAX_PAYLOAD, 1024, 10_000, Duration.ofMillis(250), true,
                PeerCheckMode.ANCESTOR, null, LogLevel.WARN);
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
        o = apply(o, env, PeerCheck.ENV, (w, v) -> w.withPeerCheck(parsePeerCheck(v)));
        String token = env.get("PROCWIRE_TOKEN"); // as it is: the parent compares every byte, spaces too
        if (token != null && !token.isEmpty()) {
            o = o.withToken(token);
        }
        o = apply(o, env, "PROCWIRE_LOG", (w, v) -> w.withLogLevel(parseLogLevel(v)));
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

    private static PeerCheckMode parsePeerCheck(String value) {
        String name = value.toLowerCase(Locale.ROOT).replace('_', '-');
        for (PeerCheckMode m : PeerCheckMode.values()) {
            if (m.settingName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException(PeerCheck.ENV + " must be ancestor, same-user or off, was \"" + value + "\"");
    }

    private static LogLevel parseLogLevel(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "error" -> LogLevel.ERROR;
            case "warn" -> LogLevel.WARN;
            case "info" -> LogLevel.INFO;
            case "debug", "trace" -> LogLevel.DEBUG;
            default -> throw new IllegalArgumentException("PROCWIRE_LOG must be error, warn, info or debug, was \""
                    + value + "\"");
        };
    }

    /**
     * Why these options would leave the parent's auth unchecked, or {@code null}: {@code env} carries
     * the parent's {@code PROCWIRE_TOKEN} but the options (built in code, from {@link #defaults()}) have
     * none, so the worker would adopt any first connection and drop the parent's auth frame unnoticed.
     */
    String tokenIgnored(Map<String, String> env) {
        String fromParent = env.get("PROCWIRE_TOKEN");
        if (token != null || fromParent == null || fromParent.isEmpty()) {
            return null;
        }
        return "PROCWIRE_TOKEN is set, but the WorkerOptions given in code have no token, so any process of this user "
                + "may connect first: start them from WorkerOptions.fromEnvironment(System.getenv())";
    }

    public WorkerOptions withMaxPayload(long bytes) {
        return new WorkerOptions(bytes, maxConcurrentHandlers, maxQueuedRequests, shutdownGrace, virtualThreads,
                peerCheck, token, logLevel);
    }

    public WorkerOptions withMaxConcurrentHandlers(int handlers) {
        return new WorkerOptions(maxPayload, handlers, maxQueuedRequests, shutdownGrace, virtualThreads,
                peerCheck, token, logLevel);
    }

    public WorkerOptions withMaxQueuedRequests(int requests) {
        return new WorkerOptions(maxPayload, maxConcurrentHandlers, requests, shutdownGrace, virtualThreads,
                peerCheck, token, logLevel);
    }

    public WorkerOptions withShutdownGrace(Duration grace) {
        return new WorkerOptions(maxPayload, maxConcurrentHandlers, maxQueuedRequests, grace, virtualThreads,
                peerCheck, token, logLevel);
    }

    public WorkerOptions withVirtualThreads(boolean enabled) {
        return new WorkerOptions(maxPayload, maxConcurrentHandlers, maxQueuedRequests, shutdownGrace, enabled,
                peerCheck, token, logLevel);
    }

    public WorkerOptions withPeerCheck(PeerCheckMode mode) {
        return new WorkerOptions(maxPayload, maxConcurrentHandlers, maxQueuedRequests, shutdownGrace, virtualThreads,
                mode, token, logLevel);
    }

    /** With {@code secret} as the auth token; {@code null} for none. */
    public WorkerOptions withToken(String secret) {
        return new WorkerOptions(maxPayload, maxConcurrentHandlers, maxQueuedRequests, shutdownGrace, virtualThreads,
                peerCheck, secret, logLevel);
    }

    public WorkerOptions withLogLevel(LogLevel level) {
        return new WorkerOptions(maxPayload, maxConcurrentHandlers, maxQueuedRequests, shutdownGrace, virtualThreads,
                peerCheck, token, level);
    }

    /** The options, with the token masked: options get logged, a secret must not be. */
    @Override
    public String toString() {
        return "WorkerOptions[maxPayload=" + maxPayload + ", maxConcurrentHandlers=" + maxConcurrentHandlers
                + ", maxQueuedRequests=" + maxQueuedRequests + ", shutdownGrace=" + shutdownGrace
                + ", virtualThreads=" + virtualThreads + ", peerCheck=" + peerCheck
                + ", token=" + (token == null ? "none" : "(set)") + ", logLevel=" + logLevel + "]";
    }
}
