package dev.procwire.runtime.codec;

/**
 * Reads values of one type, throwing {@link MsgPackException} for input of the wrong shape.
 *
 * @param <T> the value type
 */
@FunctionalInterface
public interface Decoder<T> {
    T decode(MsgPackReader in);
}
