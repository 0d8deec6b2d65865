package dev.procwire.runtime.internal.frame;

/**
 * An encoder whose output can be sent as buffers the value already holds — an Arrow table's columns —
 * instead of being copied into a payload writer. The runtime's own encoders implement it beside
 * {@link dev.procwire.runtime.codec.Encoder}; where the runtime sends a frame of its own (an answer or a
 * stream chunk) it takes the buffers, elsewhere it calls {@code encode} as for any encoder. Both give the
 * same bytes and take over the value the same way.
 *
 * @param <T> the value type
 */
public interface BufferEncoder<T> {

    /**
     * {@code value}'s payload as buffers, which the caller sends and then closes (or closes unsent);
     * when this throws, nothing is left for the caller to release, {@code value} included.
     */
    BufferPayload encodeBuffers(T value);
}
