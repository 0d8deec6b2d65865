package dev.procwire.runtime.internal.frame;

import dev.procwire.runtime.internal.Log;
import dev.procwire.runtime.internal.memory.IdleBlocks;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Direct buffers for large raw payloads, reused from one frame to the next.
 *
 * <p>A large payload of a raw method is read from the socket straight into one of these, handed to
 * the handler as a read-only view, and written back from it when the handler answers with it: the
 * bytes are never copied into or out of the Java heap, and no fresh array has to be zeroed for each
 * frame. Each buffer is lent as a {@link PooledPayload} and returns here when that lease is released,
 * so a steady stream of large frames cycles through the same native memory.
 *
 * <p>At most {@link #MAX_IDLE_BYTES} wait here between uses; a buffer beyond that is freed at once. A
 * buffer nobody took for {@link #KEEP_IDLE_NANOS} is freed, by a thread
 * ({@code procwire-payload-release}) that runs only while buffers wait here: after a burst of large
 * payloads the worker's resident memory goes back to what it was. At most {@link #MAX_LENT_BYTES} are
 * lent at once; beyond that, or when direct memory runs out ({@code -XX:MaxDirectMemorySize}),
 * {@link #take} returns {@code null} and the caller falls back to a heap array.
 */
public final class DirectPayloads {
    /** Idle bytes kept for reuse, at most. */
    static final long MAX_IDLE_BYTES = 64L << 20;
    /**
     * How long an idle buffer is kept for the next payload. Long enough to carry a buffer from one
     * payload of a burst to the next; short enough that a worker left idle soon gives the memory back.
     */
    static final long KEEP_IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Capacities are rounded up to a multiple of this, so nearby sizes share buffers. */
    private static final int GRANULE = 64 << 10;
    /**
     * Whether leases are checked hard: a released buffer is filled with {@link #POISON} before it is
     * pooled again, and a second release throws an {@link AssertionError}. On with assertions
     * ({@code -ea}, as the test suites run) or {@code -Dprocwire.checkPayloads=true}.
     */
    public static final boolean CHECKING = Boolean.getBoolean("procwire.checkPayloads")
            || DirectPayloads.class.desiredAssertionStatus();
    /** The byte a released buffer is filled with when {@link #CHECKING}. */
    public static final byte POISON = (byte) 0xDB;

    /**
     * Bytes lent at most (idle ones not counted): half of the JVM's direct memory, whose default
     * ({@code -XX:MaxDirectMemorySize} unset) is the heap's maximum. The other half stays for what
     * else needs direct memory — the read buffer and the JDK's temporary buffers for socket writes
     * from the heap — which would otherwise fail once queued payloads had taken it all.
     */
    static final long MAX_LENT_BYTES = Runtime.getRuntime().maxMemory() / 2;

    /** Buffers waiting for their next payload, freed by {@code procwire-payload-release}. */
    private static final IdleBlocks<ByteBuffer> idle = new IdleBlocks<>("procwire-payload-release", MAX_IDLE_BYTES,
            KEEP_IDLE_NANOS, ByteBuffer::capacity, DirectMemory::free);
    private static final Object lentLock = new Object();
    private static long lentBytes; // guarded by lentLock

    private DirectPayloads() {}

    /**
     * A lease on a cleared direct buffer of at least {@code capacity} bytes, or {@code null} when direct
     * memory is exhausted.
     */
    public static PooledPayload take(int capacity) {
        long rounded = Math.min(Integer.MAX_VALUE, ((long) capacity + GRANULE - 1) / GRANULE * GRANULE);
        ByteBuffer kept = idle.take(capacity, Integer.MAX_VALUE);
        synchronized (lentLock) {
            if (kept != null) {
                lentBytes += kept.capacity();
                return new PooledPayload(kept.clear());
            }
            if (lentBytes + rounded > MAX_LENT_BYTES) {
                return null; // enough lent: the caller uses the heap
            }
            lentBytes += rounded;
        }
        try {
            return new PooledPayload(ByteBuffer.allocateDirect((int) rounded));
        } catch (OutOfMemoryError e) {
            synchronized (lentLock) {
                lentBytes -= rounded;
            }
            return null; // direct memory limit reached: the caller uses the heap
        }
    }

    /** Takes back the buffer of a lease released for the first time; keeps it while the idle total allows. */
    static void giveBack(ByteBuffer buffer) {
        if (CHECKING) {
            poison(buffer);
        }
        synchronized (lentLock) {
            lentBytes -= buffer.capacity();
        }
        if (!idle.keep(buffer)) {
            DirectMemory.free(buffer); // beyond the idle total: freed now, as an expired one is
        }
    }

    /** Sets how long idle buffers are kept, from now on (tests). */
    static void keepIdleFor(long nanos) {
        idle.keepIdleFor(nanos);
    }

    static void releasedTwice() {
        String message = "a pooled payload buffer was released twice; the second release was ignored";
        if (CHECKING) {
            throw new AssertionError(message);
        }
        Log.error(message, new IllegalStateException(message));
    }

    private static void poison(ByteBuffer buffer) {
        byte[] fill = new byte[8192];
        Arrays.fill(fill, POISON);
        buffer.clear();
        for (int at = 0; at < buffer.capacity(); at += fill.length) {
            buffer.put(at, fill, 0, Math.min(fill.length, buffer.capacity() - at));
        }
    }

    /** Whether {@code buffer} is idle here (for tests). */
    static boolean isIdle(ByteBuffer buffer) {
        return idle.isIdle(buffer);
    }

    /** Bytes lent now (for tests). */
    static long lentBytes() {
        synchronized (lentLock) {
            return lentBytes;
        }
    }

    /** Idle bytes held now (for tests). */
    static long idleBytes() {
        return idle.idleBytes();
    }
}
