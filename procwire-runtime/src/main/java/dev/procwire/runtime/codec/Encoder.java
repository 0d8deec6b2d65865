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

    /**
     * Called instead of {@link #encode} for a value the runtime drops unwritten: an answer to a call
     * that was already answered or cancelled, a chunk of a stream that has ended, an event with no
     * parent connected. An encoder that takes ownership of what it writes (an Arrow table, which it
     * closes once written) releases the value here; the default does nothing.
     */
    default void discard(T value) {}
}
