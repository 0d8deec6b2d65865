package dev.procwire.runtime.frame;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct buffers for large raw payloads, reused from one frame to the next.
 *
 * <p>A large payload of a raw method is read from the socket straight into one of these, handed to
 * the handler as a read-only view, and written back from it when the handler answers with it: the
 * bytes are never copied into or out of the Java heap, and no fresh array has to be zeroed for each
 * frame. The buffer returns here when its call is over, so a steady stream of large frames cycles
 * through the same native memory.
 *
 * <p>At most {@link #MAX_IDLE_BYTES} wait here between uses; a buffer beyond that is left to the
 * garbage collector. When direct memory runs out ({@code -XX:MaxDirectMemorySize}), {@link #take}
 * returns {@code null} and the caller falls back to a heap array.
 */
public final class DirectPayloads {
    /** Idle bytes kept for reuse, at most. */
    static final long MAX_IDLE_BYTES = 64L << 20;
    /** Capacities are rounded up to a multiple of this, so nearby sizes share buffers. */
    private static final int GRANULE = 64 << 10;

    private static final List<ByteBuffer> idle = new ArrayList<>(); // guarded by idle
    private static long idleBytes; // guarded by idle

    private DirectPayloads() {}

    /**
     * A cleared direct buffer of at least {@code capacity} bytes, or {@code null} when direct memory
     * is exhausted.
     */
    public static ByteBuffer take(int capacity) {
        synchronized (idle) {
            int best = -1;
            for (int i = 0; i < idle.size(); i++) {
                int c = idle.get(i).capacity();
                if (c >= capacity && (best < 0 || c < idle.get(best).capacity())) {
                    best = i;
                }
            }
            if (best >= 0) {
                ByteBuffer b = idle.remove(best);
                idleBytes -= b.capacity();
                return b.clear();
            }
        }
        long rounded = ((long) capacity + GRANULE - 1) / GRANULE * GRANULE;
        try {
            return ByteBuffer.allocateDirect((int) Math.min(Integer.MAX_VALUE, rounded));
        } catch (OutOfMemoryError e) {
            return null; // direct memory limit reached: the caller uses the heap
        }
    }

    /**
     * Returns a buffer from {@link #take} once nothing refers to it any more. Keeps it for reuse while
     * the idle total allows, else drops it.
     */
    public static void release(ByteBuffer buffer) {
        if (buffer == null || !buffer.isDirect()) {
            return;
        }
        synchronized (idle) {
            if (idleBytes + buffer.capacity() <= MAX_IDLE_BYTES) {
                idle.add(buffer);
                idleBytes += buffer.capacity();
            }
        }
    }

    /** Whether {@code buffer} is idle here (for tests). */
    static boolean isIdle(ByteBuffer buffer) {
        synchronized (idle) {
            return idle.stream().anyMatch(b -> b == buffer);
        }
    }

    /** Idle bytes held now (for tests). */
    static long idleBytes() {
        synchronized (idle) {
            return idleBytes;
        }
    }
}
