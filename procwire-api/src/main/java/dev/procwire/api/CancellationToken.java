package dev.procwire.api;

import java.util.concurrent.CancellationException;

/**
 * Tells a handler that its request was cancelled: the parent aborted it, the connection dropped, or
 * the worker is shutting down. Take it as a parameter of a {@link ProcwireMethod}.
 *
 * <pre>{@code
 * for (Tile t : cut(req)) {
 *     cancel.throwIfCancelled();
 *     out.send(t);
 * }
 * }</pre>
 *
 * <p>Nothing is sent for a cancelled request, whatever the handler does afterwards.
 */
public interface CancellationToken {

    /** Whether the request has been cancelled. */
    boolean isCancelled();

    /** Throws {@link CancellationException} if the request has been cancelled. */
    default void throwIfCancelled() {
        if (isCancelled()) {
            throw new CancellationException("request cancelled");
        }
    }

    /**
     * Runs {@code callback} once when the request is cancelled (at once, on this thread, if it already
     * is). Callbacks run on the thread that cancels; keep them short.
     *
     * @return a handle that removes the callback
     */
    Registration onCancel(Runnable callback);

    /** Removes a callback registered with {@link #onCancel}. */
    @FunctionalInterface
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
