package dev.procwire.runtime.internal.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Freed blocks of native memory kept for the next allocation of about their size, each freed for good
 * once nobody took it for the keep time. The policy of both places that keep large memory between
 * uses: the payload pool's direct buffers and Arrow's large blocks.
 *
 * <p>At most {@code maxIdleBytes} wait here; a block that would pass that is refused ({@link #keep}
 * returns {@code false}) and its owner frees it. Blocks are freed by a thread of the given name that runs
 * only while blocks wait here: after a burst of large allocations the worker's resident memory goes
 * back to what it was, and a worker that never keeps anything has no such thread. Thread-safe.
 *
 * @param <B> a block: a buffer, or whatever stands for an address and its capacity
 */
public final class IdleBlocks<B> {
    /** A block waiting to be taken again, since {@code since} ({@link System#nanoTime()}). */
    private record Idle<B>(B block, long capacity, long since) {}

    private final String threadName;
    private final long maxIdleBytes;
    private final ToLongFunction<B> capacity;
    private final Consumer<B> free;
    private final List<Idle<B>> idle = new ArrayList<>(); // guarded by this; oldest first
    private long idleBytes; // guarded by this
    private long keepIdleNanos; // guarded by this
    private Thread releaser; // guarded by this; runs while blocks wait

    /**
     * @param threadName the name of the thread that frees blocks kept too long
     * @param maxIdleBytes the total capacity kept at most, bytes
     * @param keepIdleNanos how long a block is kept before it is freed, nanoseconds
     * @param capacity a block's capacity, bytes
     * @param free frees a block for good; called on the release thread, outside any lock
     */
    public IdleBlocks(String threadName, long maxIdleBytes, long keepIdleNanos, ToLongFunction<B> capacity,
            Consumer<B> free) {
        this.threadName = threadName;
        this.maxIdleBytes = maxIdleBytes;
        this.keepIdleNanos = keepIdleNanos;
        this.capacity = capacity;
        this.free = free;
    }

    /**
     * Takes the smallest kept block whose capacity is between {@code min} and {@code max} bytes (of
     * equal ones the latest kept, the likeliest still in cache), or returns {@code null}.
     */
    public synchronized B take(long min, long max) {
        int best = -1;
        for (int i = idle.size() - 1; i >= 0; i--) {
            long c = idle.get(i).capacity();
            if (c >= min && c <= max && (best < 0 || c < idle.get(best).capacity())) {
                best = i;
            }
        }
        if (best < 0) {
            return null;
        }
        Idle<B> taken = idle.remove(best);
        idleBytes -= taken.capacity();
        return taken.block();
    }

    /**
     * Keeps a block nobody uses any more, for the keep time; {@code false} when the kept total would
     * pass the bound, and the caller frees it.
     */
    public synchronized boolean keep(B block) {
        long c = capacity.applyAsLong(block);
        if (idleBytes + c > maxIdleBytes) {
            return false;
        }
        idle.add(new Idle<>(block, c, System.nanoTime()));
        idleBytes += c;
        if (releaser == null) {
            releaser = new Thread(this::releaseIdle, threadName);
            releaser.setDaemon(true);
            releaser.start();
        }
        return true;
    }

    /** Frees each block once it has waited here for the keep time; ends when none is left. */
    private void releaseIdle() {
        while (true) {
            List<B> expired = new ArrayList<>();
            long sleep;
            synchronized (this) {
                long now = System.nanoTime();
                while (!idle.isEmpty() && now - idle.get(0).since() >= keepIdleNanos) {
                    Idle<B> b = idle.remove(0);
                    idleBytes -= b.capacity();
                    expired.add(b.block());
                }
                if (idle.isEmpty()) {
                    releaser = null;
                    sleep = -1;
                } else {
                    sleep = idle.get(0).since() + keepIdleNanos - now;
                }
            }
            expired.forEach(free); // no longer reachable from here: nobody else uses them
            if (sleep < 0) {
                return;
            }
            LockSupport.parkNanos(sleep);
        }
    }

    /** Sets how long blocks are kept, from now on (tests). */
    public synchronized void keepIdleFor(long nanos) {
        keepIdleNanos = nanos;
        if (releaser != null) {
            LockSupport.unpark(releaser); // to sleep for the new time
        }
    }

    /** Whether {@code block} is kept here (tests). */
    public synchronized boolean isIdle(B block) {
        return idle.stream().anyMatch(i -> i.block() == block);
    }

    /** The capacity kept here now, bytes (tests). */
    public synchronized long idleBytes() {
        return idleBytes;
    }
}
