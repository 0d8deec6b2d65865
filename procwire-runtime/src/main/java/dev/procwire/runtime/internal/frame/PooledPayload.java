package dev.procwire.runtime.internal.frame;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One frame's payload in a direct buffer lent by {@link DirectPayloads}: a lease with exactly one owner
 * at a time, given back exactly once.
 *
 * <p>The owner passes along the data path: the {@link FrameDecoder} while it fills the buffer, the
 * {@link Frame} on its way to the dispatcher, then the call that the frame became, until that call is
 * over (its handler returned, or its asynchronous answer was sent). Whoever holds it last calls
 * {@link #release()}: a frame the dispatcher drops (an abort, an unknown method, {@code OVERLOADED}) is
 * released at once, a queued call's payload when the call has run or was cancelled in the queue.
 *
 * <p>Each lease is a new object, so a second {@code release()} of the same lease is caught even when
 * its buffer has meanwhile been lent out again; it never puts the buffer in the pool twice. Reading
 * through {@link #buffer()} after the release throws. A view handed out earlier cannot be checked
 * that way, so with checks on (see {@link DirectPayloads#CHECKING}) a released buffer is also filled
 * with {@link DirectPayloads#POISON} bytes, and the views of anyone still reading it see garbage
 * rather than another request's bytes.
 *
 * <p>A reader that keeps views of the buffer beyond its owner's release — an Arrow table whose vectors
 * are the payload's own bytes — takes a {@link #hold()}: the buffer goes back to the pool once the owner
 * has released the lease and every hold is closed, whichever comes last.
 */
public final class PooledPayload {
    private final ByteBuffer buffer;
    private final AtomicBoolean released = new AtomicBoolean();
    private final AtomicInteger keepers = new AtomicInteger(1); // the owner, and each open hold

    PooledPayload(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    /**
     * The buffer (direct, writable; the frame's bytes lie between 0 and its limit once it is complete).
     * Share it only as views that do not outlive the lease.
     *
     * @throws IllegalStateException after {@link #release()}
     */
    public ByteBuffer buffer() {
        if (released.get()) {
            throw new IllegalStateException("a pooled payload buffer was used after it was released");
        }
        return buffer;
    }

    /** The buffer's capacity in bytes (valid after the release too). */
    public int capacity() {
        return buffer.capacity();
    }

    /** Whether {@link #release()} was called. */
    public boolean isReleased() {
        return released.get();
    }

    /**
     * Gives the buffer back to the pool. Call it once, when nothing refers to the buffer any more.
     * A second call is a bug in the caller: it is reported (an {@link AssertionError} with checks on,
     * an error line on stderr otherwise) and changes nothing.
     */
    public void release() {
        if (!released.compareAndSet(false, true)) {
            DirectPayloads.releasedTwice();
            return;
        }
        drop();
    }

    /**
     * Keeps the buffer from the pool until the returned hold is closed, also after {@link #release()}.
     * Close each hold once; a second close is reported as a second release is, and changes nothing.
     *
     * @throws IllegalStateException after {@link #release()}: there is nothing left to hold
     */
    public AutoCloseable hold() {
        int k;
        do {
            k = keepers.get();
            if (k == 0 || released.get()) {
                throw new IllegalStateException("a pooled payload buffer was held after it was released");
            }
        } while (!keepers.compareAndSet(k, k + 1));
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (!closed.compareAndSet(false, true)) {
                DirectPayloads.releasedTwice();
                return;
            }
            drop();
        };
    }

    private void drop() {
        if (keepers.decrementAndGet() == 0) {
            DirectPayloads.giveBack(buffer);
        }
    }
}
