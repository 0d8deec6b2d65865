package dev.procwire.runtime.internal.transport;

import dev.procwire.runtime.internal.Log;
import dev.procwire.runtime.internal.frame.Frames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The writing half of a {@link Connection}: frames from any thread, whole and in each sender's order,
 * coalesced under load.
 *
 * <p>The first thread to send while the socket is idle becomes the writer and writes its frame
 * straight from its buffer (header and payload already adjacent: one write, no copy), or from its
 * buffers (a header, then a payload in pieces: gathering writes, no copy). Small frames
 * sent while a write is under way are appended to a pending buffer, which the writer flushes in one
 * write before it steps down, so a burst of answers costs a few syscalls instead of one each. Large
 * frames are never copied: their sender waits to become the writer. The pending buffer is bounded;
 * when it is full — the parent stopped reading — senders block, which is the backpressure.
 *
 * <p>A single thread sending a run of small events or stream chunks would find the socket idle every
 * time and pay one write per frame. So a frame of such a run that closely follows the previous one
 * lingers in the pending buffer, and a flusher thread ({@code procwire-flush}, started on the first
 * run, ended after a second without one) sends what lingers within 200 µs; every other frame takes the
 * lingering ones along, ahead of itself.
 *
 * <p>At {@code debug} level each frame's header is traced as it is handed in
 * ({@code frame out: method 3, flags 0x03, request 17, 120 bytes}).
 */
final class CoalescingWriter {
    /** Frames up to this size may be copied into the pending buffer. */
    private static final int COALESCE_LIMIT = 64 << 10;
    /** Pending bytes at most; beyond, senders wait for the writer. */
    private static final int PENDING_LIMIT = 1 << 20;
    /**
     * Bytes of a heap buffer handed to the socket per write call: the JDK copies each into a temporary
     * direct buffer of that size, cached per thread.
     */
    private static final int WRITE_SLICE = 256 << 10;
    /** Bytes of a direct buffer handed to the socket per write call (no copy: fewer, larger writes). */
    private static final int DIRECT_WRITE_SLICE = 1 << 20;
    /** Buffers handed to the socket per gathering write call, at most (the OS takes up to IOV_MAX). */
    private static final int GATHER_LIMIT = 64;
    /** How long close() waits for a writer that makes no progress. */
    private static final long STALL_LIMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** How long close() waits for a writer in all. */
    private static final long CLOSE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(4);
    /** A frame of a run this soon after the previous one is part of a burst and may linger. */
    private static final long RUN_GAP_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /** How long a lingering frame waits at most. */
    private static final long LINGER_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    /** Lingering bytes at most: beyond, the frame's sender writes them all at once. */
    private static final int LINGER_BYTES = 32 << 10;
    /** The first size of the pending buffers; a burst grows them up to {@link #PENDING_LIMIT}. */
    private static final int INITIAL_PENDING = 8 << 10;
    /** The flush thread ends after this long without a run to flush, and gives back what a run grew. */
    private static final long FLUSHER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final SocketChannel channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition writerDone = lock.newCondition();
    private final Condition flushWanted = lock.newCondition();
    private boolean writing; // guarded by lock
    private final long flusherIdleNanos;
    private byte[] pending = new byte[INITIAL_PENDING]; // guarded by lock
    private int pendingLength; // guarded by lock
    private long lastRunFrame; // guarded by lock
    private boolean flushScheduled; // guarded by lock
    private long flushDeadline; // guarded by lock
    private Thread flusher; // guarded by lock
    private long flusherDeadline; // owned by the flusher
    private byte[] spare = new byte[INITIAL_PENDING]; // owned by the writer; the flusher's while none is at work
    private final byte[] header = new byte[Frames.HEADER_SIZE]; // owned by the writer
    private volatile boolean closed;
    private volatile long lastProgress; // System.nanoTime() of the writer's last byte out

    CoalescingWriter(SocketChannel channel) {
        this(channel, FLUSHER_IDLE_NANOS);
    }

    /** With another time after which an idle flush thread ends (tests pin the behaviour with it). */
    CoalescingWriter(SocketChannel channel, long flusherIdleNanos) {
        this.channel = channel;
        this.flusherIdleNanos = flusherIdleNanos;
    }

    /**
     * Sends {@code frame}, or leaves it to the writer at work; blocks while the pending buffer is full.
     *
     * @throws ClosedChannelException once the connection is closed or a write failed
     */
    void send(OutboundFrame frame) throws IOException {
        boolean writer = becomeWriterOrQueue(frame); // throws once closed: a refused frame is not traced
        if (Log.debugEnabled()) {
            Log.debug(() -> "frame out: " + frame);
        }
        if (!writer) {
            return;
        }
        try {
            // Frames of a run may be lingering in the pending buffer: they go first, in one write with
            // this frame when it is small.
            if (!takeLingering(frame)) {
                writeNow(frame);
            }
            flushPendingAndStepDown();
        } catch (IOException | RuntimeException | Error e) {
            // Whatever stopped the write (an OutOfMemoryError for the JDK's temporary direct buffer
            // included), the frame may be cut: the connection is closed, and never left with a writer
            // that is gone, which every later sender would wait for.
            fail();
            throw e;
        }
    }

    /**
     * Under the lock: makes this thread the writer (true), or leaves the frame in the pending buffer
     * for the writer at work or the flusher (false), waiting while there is no room for it.
     */
    private boolean becomeWriterOrQueue(OutboundFrame frame) throws IOException {
        int total = frame.size();
        boolean inRun = frame.comesInRuns() && total <= COALESCE_LIMIT;
        lock.lock();
        try {
            while (true) {
                ensureOpen();
                if (inRun && !writing && lingers(total)) {
                    append(frame);
                    return false;
                }
                if (!writing) {
                    writing = true;
                    lastProgress = System.nanoTime();
                    return true;
                }
                if (total <= COALESCE_LIMIT && pendingLength + total <= PENDING_LIMIT) {
                    append(frame); // the writer at work sends it with its next flush
                    return false;
                }
                writerDone.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Under the lock, with no writer at work, for a small frame of a run: whether it should wait in the
     * pending buffer instead of being written now. It waits when it follows the previous frame of a
     * run closely ({@link #RUN_GAP_NANOS}), so a run of small frames leaves in a few large writes
     * instead of one system call each; the flusher sends what waits within {@link #LINGER_NANOS}, or
     * at once when {@link #LINGER_BYTES} have gathered. A lone frame is written at once.
     */
    private boolean lingers(int total) {
        long now = System.nanoTime();
        boolean follows = now - lastRunFrame < RUN_GAP_NANOS;
        lastRunFrame = now;
        if (!follows || pendingLength + total > LINGER_BYTES) {
            return false;
        }
        if (!flushScheduled) {
            flushScheduled = true;
            flushDeadline = now + LINGER_NANOS;
            if (flusher == null) {
                flusher = new Thread(this::flushLingering, "procwire-flush");
                flusher.setDaemon(true);
                flusher.start();
            } else {
                flushWanted.signal();
            }
        }
        return true;
    }

    /**
     * As the new writer: when frames are lingering in the pending buffer, sends them before this frame
     * (a small frame joins them, to go with the flush) and returns whether the frame went with them.
     */
    private boolean takeLingering(OutboundFrame frame) throws IOException {
        byte[] batch;
        int n;
        lock.lock();
        try {
            if (pendingLength == 0) {
                return false;
            }
            if (frame.size() <= COALESCE_LIMIT) {
                append(frame);
                return true;
            }
            batch = pending;
            n = pendingLength;
            pending = spare;
            pendingLength = 0;
            writerDone.signalAll();
        } finally {
            lock.unlock();
        }
        writeFully(ByteBuffer.wrap(batch, 0, n));
        spare = batch;
        return false; // the large frame follows
    }

    /** As the writer: writes the frame from the sender's own buffers, without copying it. */
    private void writeNow(OutboundFrame frame) throws IOException {
        ByteBuffer whole = frame.wholeBuffer();
        if (whole != null) {
            writeFully(whole);
            return;
        }
        frame.writeHeader(header);
        ByteBuffer[] body = frame.body();
        ByteBuffer[] gather = new ByteBuffer[1 + body.length];
        gather[0] = ByteBuffer.wrap(header);
        System.arraycopy(body, 0, gather, 1, body.length);
        writeGathered(gather);
    }

    /**
     * Writes all of the buffers, in order, with gathering writes of at most {@link #DIRECT_WRITE_SLICE}
     * bytes each, of which at most {@link #WRITE_SLICE} from heap buffers (the JDK copies those into a
     * temporary direct buffer of that size) and at most {@link #GATHER_LIMIT} buffers.
     */
    private void writeGathered(ByteBuffer[] buffers) throws IOException {
        int first = 0;
        while (true) {
            while (first < buffers.length && !buffers[first].hasRemaining()) {
                first++;
            }
            if (first == buffers.length) {
                return;
            }
            int end = first;
            int[] limits = new int[Math.min(GATHER_LIMIT, buffers.length - first)];
            long budget = DIRECT_WRITE_SLICE;
            long heapBudget = WRITE_SLICE;
            try {
                while (end < buffers.length && end - first < GATHER_LIMIT && budget > 0) {
                    ByteBuffer b = buffers[end];
                    int take = (int) Math.min(b.remaining(), b.isDirect() ? budget : Math.min(budget, heapBudget));
                    if (take == 0 && b.hasRemaining()) {
                        break; // a heap buffer, and the heap bytes of this write are spent
                    }
                    limits[end - first] = b.limit();
                    b.limit(b.position() + take);
                    budget -= take;
                    if (!b.isDirect()) {
                        heapBudget -= take;
                    }
                    end++;
                }
                if (channel.write(buffers, first, end - first) > 0) {
                    lastProgress = System.nanoTime();
                }
            } finally {
                for (int i = first; i < end; i++) {
                    buffers[i].limit(limits[i - first]);
                }
            }
        }
    }

    /**
     * The flusher thread: sends lingering frames when their time is up, until the connection closes or
     * no run has come for {@link #flusherIdleNanos}.
     */
    private void flushLingering() {
        while (awaitScheduledFlush()) {
            for (long left; (left = flusherDeadline - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(left);
            }
            if (!becomeFlushingWriter()) {
                continue; // a writer at work sends them
            }
            try {
                flushPendingAndStepDown();
            } catch (IOException | RuntimeException | Error e) {
                fail();
                return;
            }
        }
    }

    /**
     * Waits for a scheduled flush and notes its deadline in {@link #flusherDeadline}; false once the
     * connection is closed with nothing to send, or after {@link #flusherIdleNanos} without a flush to
     * do: the thread then ends (the next run starts another) and the pending buffers a burst grew go
     * back to their first size, so an idle worker keeps neither.
     */
    private boolean awaitScheduledFlush() {
        lock.lock();
        try {
            long left = flusherIdleNanos;
            while (!flushScheduled && !closed) {
                if (left <= 0) {
                    flusher = null; // under the lock: lingers() starts a new one for the next run
                    if (!writing && pendingLength == 0) {
                        pending = shrunk(pending);
                        spare = shrunk(spare);
                    }
                    return false;
                }
                try {
                    left = flushWanted.awaitNanos(left);
                } catch (InterruptedException e) {
                    left = 0; // nobody interrupts this thread but to end it
                }
            }
            flusherDeadline = flushDeadline;
            return flushScheduled;
        } finally {
            lock.unlock();
        }
    }

    private static byte[] shrunk(byte[] buffer) {
        return buffer.length > INITIAL_PENDING ? new byte[INITIAL_PENDING] : buffer;
    }

    /** At a flush's deadline: whether the flusher becomes the writer (lingering frames and no writer). */
    private boolean becomeFlushingWriter() {
        lock.lock();
        try {
            flushScheduled = false;
            if (writing || pendingLength == 0) {
                return false;
            }
            writing = true;
            lastProgress = System.nanoTime();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Writes what others appended meanwhile, until nothing is pending; then gives up the writer role. */
    private void flushPendingAndStepDown() throws IOException {
        while (true) {
            byte[] batch;
            int n;
            lock.lock();
            try {
                if (pendingLength == 0) {
                    writing = false;
                    writerDone.signalAll();
                    return;
                }
                batch = pending;
                n = pendingLength;
                pending = spare;
                pendingLength = 0;
                writerDone.signalAll(); // room again for waiting senders
            } finally {
                lock.unlock();
            }
            writeFully(ByteBuffer.wrap(batch, 0, n));
            spare = batch;
        }
    }

    /**
     * Abandons the connection after a failed write. The channel is closed first, before anything that
     * may allocate (a contended lock does): with the heap exhausted, that much still tells the parent,
     * which fails its calls and stops the worker, instead of waiting for answers that cannot come.
     */
    private void fail() {
        closed = true;
        try {
            channel.close();
        } catch (IOException | RuntimeException ignored) {
            // the connection is being abandoned anyway
        }
        lock.lock();
        try {
            writing = false;
            pendingLength = 0;
            flushScheduled = false;
            writerDone.signalAll();
            flushWanted.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes all of {@code b}, a slice at a time: a blocking write of a large buffer would be one
     * syscall that shows no progress until it ends, and would need a temporary direct copy of it all.
     */
    private void writeFully(ByteBuffer b) throws IOException {
        int limit = b.limit();
        while (b.position() < limit) {
            b.limit(Math.min(limit, b.position() + WRITE_SLICE));
            if (channel.write(b) > 0) {
                lastProgress = System.nanoTime();
            }
            b.limit(limit);
        }
    }

    /** Under the lock: copies the frame to the end of the pending buffer, growing it as needed. */
    private void append(OutboundFrame frame) {
        int n = frame.size();
        if (pending.length - pendingLength < n) {
            pending = Arrays.copyOf(pending, Math.max(pendingLength + n, pending.length * 2));
        }
        frame.copyTo(pending, pendingLength);
        pendingLength += n;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
    }

    /** The flush thread, or {@code null} when none runs (tests). */
    Thread flusher() {
        lock.lock();
        try {
            return flusher;
        } finally {
            lock.unlock();
        }
    }

    /** The pending buffer's size in bytes (tests). */
    int pendingCapacity() {
        lock.lock();
        try {
            return pending.length;
        } finally {
            lock.unlock();
        }
    }

    /** The spare buffer's size in bytes, read while no writer is at work (tests). */
    int spareCapacity() {
        lock.lock();
        try {
            return spare.length;
        } finally {
            lock.unlock();
        }
    }

    boolean isOpen() {
        return !closed && channel.isOpen();
    }

    /**
     * Stops taking frames and closes the channel without cutting a frame in half: a frame being
     * written is finished first, for as long as the parent keeps reading it. A parent that stopped
     * reading cannot hold the close: after {@link #STALL_LIMIT_NANOS} without progress (or
     * {@link #CLOSE_LIMIT_NANOS} in all, below the parent's own 5 s kill), the channel is closed
     * regardless.
     */
    void close() {
        lock.lock();
        try {
            closed = true;
            if (!writing && pendingLength > 0 && flusher != null) {
                // Frames of a run still lingering: the flusher sends them now, as a writer this waits for.
                flushScheduled = true;
                flushDeadline = System.nanoTime();
                lastProgress = flushDeadline;
            }
            flushWanted.signalAll();
            awaitWriter();
            writerDone.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to do with a channel that fails to close
        }
    }

    /** Under the lock: waits for the writer (or the flusher) to finish, while it makes progress. */
    private void awaitWriter() {
        long deadline = System.nanoTime() + CLOSE_LIMIT_NANOS;
        while (writing || (flushScheduled && pendingLength > 0)) {
            long now = System.nanoTime();
            if (now - lastProgress > STALL_LIMIT_NANOS || now > deadline) {
                return;
            }
            try {
                writerDone.awaitNanos(TimeUnit.MILLISECONDS.toNanos(20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
