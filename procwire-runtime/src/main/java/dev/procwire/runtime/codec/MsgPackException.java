package dev.procwire.runtime.codec;

/**
 * A payload that is not valid MsgPack, or not of the shape a method expects. The runtime answers the
 * request with an error frame carrying this message; the connection stays up.
 */
public class MsgPackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MsgPackException(String message) {
        super(message);
    }

    public MsgPackException(String message, Throwable cause) {
        super(message, cause);
    }
}
