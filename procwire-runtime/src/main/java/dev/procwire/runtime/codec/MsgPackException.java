package dev.procwire.runtime.codec;

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
     * {@link InvalidPayloadException#refusedBy(String, Exception)} as a {@code MsgPackException}, for
     * MsgPack readers: a refusal while reading MsgPack ({@link MsgPackReader#refused} adds the map key).
     *
     * @param what the value, {@code Range}, or the property, {@code Reading.kelvin}
     * @param refusal what the constructor or setter threw
     */
    public static RuntimeException refusedBy(String what, Exception refusal) {
        return refusedBy(what, refusal, MsgPackException::new);
    }
}
