package dev.procwire.runtime.arrow;

import dev.procwire.runtime.codec.InvalidPayloadException;

/**
 * An Arrow payload that is not an IPC stream, or a table that does not fit the method's Java type (a
 * missing column, a column of another Arrow type, a null where the Java type takes none). Answered as
 * {@code INVALID_PARAMS}; the message names the column.
 */
public final class ArrowPayloadException extends InvalidPayloadException {
    private static final long serialVersionUID = 1L;

    public ArrowPayloadException(String message) {
        super(message);
    }

    public ArrowPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
