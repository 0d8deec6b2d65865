package dev.procwire.runtime.codec;

/**
 * Writes values of one type. Generated bindings hold one per parameter, result, chunk and event type;
 * the runtime's built-ins are in {@link Codecs}.
 *
 * @param <T> the value type
 */
@FunctionalInterface
public interface Encoder<T> {
    void encode(MsgPackWriter out, T value);
}
