package dev.procwire.runtime.codec;

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
}
