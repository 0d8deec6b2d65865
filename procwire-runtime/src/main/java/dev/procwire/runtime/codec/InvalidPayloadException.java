package dev.procwire.runtime.codec;

import dev.procwire.api.ProcwireException;
import java.util.function.BiFunction;

/**
 * A payload the method cannot take: not valid in its codec, or not of the method's parameter types.
 * The runtime answers the request with an {@code INVALID_PARAMS} error frame carrying this message;
 * the connection stays up. {@link MsgPackException} is the MsgPack kind.
 */
public class InvalidPayloadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidPayloadException(String message) {
        super(message);
    }

    public InvalidPayloadException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * What generated code throws when the value's own code refuses what was read — a record's compact
     * constructor or a setter validating its input, a {@code @FromWire} adapter method: the payload is at
     * fault, so the answer is an invalid-params error, {@code "<what>: <the refusal's message>"} (the
     * refusal's class name when it has no message). A {@link ProcwireException} is returned as it is: its
     * thrower chose the code the parent sees.
     *
     * @param what the value, {@code Range}, the property, {@code Reading.kelvin}, or the row of a table,
     *     {@code Span at row 3}
     * @param refusal what the constructor, setter or adapter threw
     */
    public static RuntimeException refusedBy(String what, Exception refusal) {
        return refusedBy(what, refusal, InvalidPayloadException::new);
    }

    /** {@link #refusedBy(String, Exception)}, the refusal made by {@code kind} (message, cause). */
    static RuntimeException refusedBy(String what, Exception refusal,
            BiFunction<String, Exception, ? extends InvalidPayloadException> kind) {
        if (refusal instanceof ProcwireException pe) {
            return pe;
        }
        String message = refusal.getMessage();
        return kind.apply(what + ": " + (message == null || message.isBlank() ? refusal.getClass().getName() : message),
                refusal);
    }
}
