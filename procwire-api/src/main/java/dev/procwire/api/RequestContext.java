package dev.procwire.api;

/**
 * Facts about the request being handled; take it as a parameter of a {@link ProcwireMethod}.
 */
public interface RequestContext {

    /** The parent's request id (an unsigned 32-bit value; 0 for {@link Response#NONE} methods). */
    long requestId();

    /** The method name the parent called. */
    String methodName();

    /** The request's cancellation token. */
    CancellationToken cancellation();
}
