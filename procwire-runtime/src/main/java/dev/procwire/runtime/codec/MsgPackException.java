package dev.procwire.runtime.codec;

import dev.procwire.api.ProcwireException;

/**
 * A payload that is not valid MsgPack, or not of the shape a method expects. The runtime answers the
 * request with an error frame carrying this message; the connection stays up.
 */
public class MsgPackException extends InvalidPayloadException {
    private static final long serialVersionUID = 1L;

    public MsgPackException(String message) {
        super(message);
    }

    public MsgPackException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * What a generated reader throws when the value's own code refuses what was read — a record's
     * compact constructor or a setter validating its input: the payload is at fault, so the answer is
     * an invalid-params error, {@code "<what>: <the refusal's message>"}. A {@link ProcwireException}
     * is returned as it is: its thrower chose the code the parent sees.
     *
     * @param what the value, {@code Range}, or the property, {@code Reading.kelvin}
     * @param refusal what the constructor or setter threw
     */
    public static RuntimeException refusedBy(String what, Exception refusal) {
        if (refusal instanceof ProcwireException pe) {
            return pe;
        }
        String message = refusal.getMessage();
        return new MsgPackException(what + ": " + (message == null || message.isBlank() ? refusal.getClass().getName()
                : message), refusal);
    }
}
