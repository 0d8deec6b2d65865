package dev.procwire.runtime.internal.frame;

/**
 * A call whose payload may lie in a pooled direct buffer, for readers whose result keeps referring to
 * the payload's bytes instead of copying them (an Arrow table read from it), possibly past the call's
 * end: such a reader holds the buffer, and the pool gets it back only when the hold is closed.
 */
public interface PayloadHolder {

    /**
     * A hold on the pooled buffer that the call's {@code payload()} is a view of
     * ({@link PooledPayload#hold()}); {@code null} when the payload is not in a pooled buffer.
     *
     * @throws IllegalStateException the call is over and its payload already given back
     */
    AutoCloseable holdPayload();
}
