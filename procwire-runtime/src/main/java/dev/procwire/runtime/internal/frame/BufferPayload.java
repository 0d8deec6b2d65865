package dev.procwire.runtime.internal.frame;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A payload in buffers its encoder already holds ({@link BufferEncoder}), sent as they are
 * ({@link FrameSink#send(int, int, int, ByteBuffer[])}), then released: valid until {@link #close()},
 * which whoever took it from the encoder calls once it was sent — or dropped, or the send failed.
 */
public final class BufferPayload implements AutoCloseable {
    private final ByteBuffer[] buffers;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param buffers the payload: the remaining bytes of each, in order
     * @param release run once, by {@link #close()}: frees what the buffers are views of
     */
    public BufferPayload(ByteBuffer[] buffers, Runnable release) {
        this.buffers = buffers;
        this.release = release;
    }

    /** The payload's buffers (send them without consuming them, or consume duplicates). */
    public ByteBuffer[] buffers() {
        return buffers;
    }

    /** Releases what the buffers are views of; later calls do nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }
}
