package dev.procwire.runtime.internal.frame;

import dev.procwire.runtime.codec.MsgPackWriter;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where a worker's frames go: the data-plane socket, or an adapter such as the stdio JSON-RPC mode.
 * Implementations are thread-safe, write each frame whole, and block while the peer is not reading.
 * When {@code send} returns, the sink no longer refers to the payload it was given: the caller may
 * reuse the writer or the buffer at once.
 */
public interface FrameSink {

    /** A writer for {@link #send(int, int, int, MsgPackWriter)}: its headroom holds the frame header. */
    static MsgPackWriter newPayloadWriter() {
        return new MsgPackWriter(Frames.HEADER_SIZE, 128);
    }

    /**
     * Sends a frame whose payload was written into {@code payload} after its headroom, which must be at
     * least {@link Frames#HEADER_SIZE} bytes (the header is written there, so header and payload go
     * out in one write).
     */
    void send(int methodId, int flags, int requestId, MsgPackWriter payload) throws IOException;

    /** Sends a frame with the remaining bytes of {@code payload} (its position is left unchanged). */
    void send(int methodId, int flags, int requestId, ByteBuffer payload) throws IOException;

    /**
     * Sends a frame whose payload is the remaining bytes of each of {@code payload}'s buffers, in order
     * (positions left unchanged): a payload the sender holds in pieces, such as an Arrow table's
     * buffers, which a socket writes as they are. This default copies them into one buffer.
     *
     * @throws IllegalArgumentException they are more than a frame holds (2 GiB)
     */
    default void send(int methodId, int flags, int requestId, ByteBuffer[] payload) throws IOException {
        long n = 0;
        for (ByteBuffer b : payload) {
            n += b.remaining();
        }
        if (n > Integer.MAX_VALUE - Frames.HEADER_SIZE) {
            throw new IllegalArgumentException("a payload of " + n + " bytes is more than a frame holds");
        }
        ByteBuffer whole = ByteBuffer.allocate((int) n);
        for (ByteBuffer b : payload) {
            whole.put(b.duplicate());
        }
        send(methodId, flags, requestId, whole.flip());
    }
}
