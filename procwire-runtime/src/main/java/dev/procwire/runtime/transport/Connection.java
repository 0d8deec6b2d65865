package dev.procwire.runtime.transport;

import dev.procwire.runtime.codec.MsgPackWriter;
import dev.procwire.runtime.dispatch.FrameSource;
import dev.procwire.runtime.frame.Frame;
import dev.procwire.runtime.frame.FrameDecoder;
import dev.procwire.runtime.frame.FrameSink;
import dev.procwire.runtime.frame.Frames;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One data-plane connection: frames in through {@link #readFrame()} (one reader at a time), frames
 * out through {@link FrameSink} (any thread).
 *
 * <p>Writes coalesce under load. The first thread to send while the socket is idle becomes the
 * writer and writes its frame straight from its buffer (header and payload already adjacent: one
 * write, no copy). Small frames sent while a write is under way are appended to a pending buffer,
 * which the writer flushes in one write before it steps down, so a burst of answers costs a few
 * syscalls instead of one each. Large frames are never copied: their sender waits to become the
 * writer. The pending buffer is bounded; when it is full — the parent stopped reading — senders
 * block, which is the backpressure.
 *
 * <p>A single thread sending a run of small events or stream chunks would find the socket idle every
 * time and pay one write per frame. So a frame of such a run that closely follows the previous one
 * lingers in the pending buffer, and a flusher thread sends what lingers within 200 µs; every other
 * frame takes the lingering ones along, ahead of itself.
 */
public final class Connection implements FrameSink, FrameSource, Closeable {
    private static final int READ_BUFFER = 256 << 10;
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
    /** How long close() waits for a writer that makes no progress. */
    private static final long STALL_LIMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** How long close() waits for a writer in all. */
    private static final long CLOSE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(4);

    private final SocketChannel channel;
    private final FrameDecoder decoder;
    private final ByteBuffer in = ByteBuffer.allocateDirect(READ_BUFFER).flip();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition writerDone = lock.newCondition();
    private boolean writing; // guarded by lock
    private byte[] pending = new byte[8 << 10]; // guarded by lock
    private int pendingLength; // guarded by lock
    private byte[] spare = new byte[8 << 10]; // owned by the writer
    private final byte[] header = new byte[Frames.HEADER_SIZE]; // owned by the writer
    private volatile boolean closed;
    private volatile long lastProgress; // System.nanoTime() of the writer's last byte out

    /** A frame of a run this soon after the previous one is part of a burst and may linger. */
    private static final long RUN_GAP_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /** How long a lingering frame waits at most. */
    private static final long LINGER_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    /** Lingering bytes at most: beyond, the frame's sender writes them all at once. */
    private static final int LINGER_BYTES = 32 << 10;
    private final Condition flushWanted = lock.newCondition();
    private long lastRunFrame; // guarded by lock
    private boolean flushScheduled; // guarded by lock
    private long flushDeadline; // guarded by lock
    private Thread flusher; // guarded by lock

    public Connection(SocketChannel channel, long maxPayload) {
        this.channel = channel;
        this.decoder = new FrameDecoder(maxPayload);
    }

    /**
     * Names the methods whose large payloads are read into pooled direct buffers
     * ({@link Frame#directPayload()}): the raw methods, whose handlers take the bytes as a buffer.
     */
    public void setDirectPayloads(java.util.function.IntPredicate methodIds) {
        decoder.setDirectPayloads(methodIds);
    }

    /** Changes the largest payload accepted from the next frame header on. */
    public void setMaxPayload(long maxPayload) {
        decoder.setMaxPayload(maxPayload);
    }

    // ---- reading ----------------------------------------------------------------------------

    /**
     * Reads the next frame, blocking; returns {@code null} when the peer closed the connection.
     *
     * @throws dev.procwire.runtime.frame.FrameException for a frame that breaks the protocol
     */
    @Override
    public Frame readFrame() throws IOException {
        while (true) {
            Frame f = decoder.next(in);
            if (f != null) {
                return f;
            }
            if (decoder.pendingIsDirect()) {
                // A large raw payload: read straight into its direct buffer, with no staging copy. (A
                // heap array goes through the read buffer: reading into it directly would make the JDK
                // stage the bytes in a temporary direct buffer as large as the read, kept per thread.)
                ByteBuffer target = decoder.pendingPayload();
                if (target == null) {
                    continue; // its buffer could not grow: the frame comes out without its payload
                }
                if (!target.isDirect()) {
                    // Direct memory ran out and the payload moved to the heap: read through the read
                    // buffer, since reading into a heap buffer makes the JDK stage it in a temporary
                    // direct buffer as large as the read, which cannot be had either.
                    if (!readIntoBuffer()) {
                        return eof();
                    }
                    continue;
                }
                int n = channel.read(target);
                if (n < 0) {
                    return eof();
                }
                decoder.payloadFilled(n);
                continue;
            }
            if (!readIntoBuffer()) {
                return eof();
            }
        }
    }

    /** Reads what the socket has into the read buffer; {@code false} at the end of the stream. */
    private boolean readIntoBuffer() throws IOException {
        in.clear();
        int n;
        try {
            n = channel.read(in);
        } finally {
            // Even when the read fails: a cleared buffer would hand the next reader thread the
            // bytes already decoded, replaying frames that were served.
            in.flip();
        }
        return n >= 0;
    }

    private Frame eof() throws IOException {
        if (decoder.hasPartialFrame()) {
            throw new IOException("connection closed in the middle of a frame");
        }
        return null;
    }

    // ---- writing ----------------------------------------------------------------------------

    @Override
    public void send(int methodId, int flags, int requestId, MsgPackWriter payload) throws IOException {
        int headroom = payload.headroom();
        if (headroom < Frames.HEADER_SIZE) {
            send(methodId, flags, requestId, ByteBuffer.wrap(payload.buffer(), headroom, payload.size()));
            return;
        }
        byte[] b = payload.buffer();
        int off = headroom - Frames.HEADER_SIZE;
        Frames.writeHeader(b, off, methodId, flags, requestId, payload.size());
        write(b, off, Frames.HEADER_SIZE + payload.size(), null, 0, flags, 0);
    }

    @Override
    public void send(int methodId, int flags, int requestId, ByteBuffer payload) throws IOException {
        write(null, 0, 0, payload.duplicate(), methodId, flags, requestId);
    }

    /** Events and stream chunks: frames that usually come in runs, where more of the same follow. */
    private static boolean comesInRuns(int flags) {
        return flags == Frames.FLAGS_EVENT || flags == Frames.FLAGS_CHUNK;
    }

    /**
     * Sends one frame: either {@code frame[off, off+len)} (header included), or a header built from
     * the ids followed by {@code body}.
     */
    private void write(byte[] frame, int off, int len, ByteBuffer body, int methodId, int flags, int requestId)
            throws IOException {
        int total = body == null ? len : Frames.HEADER_SIZE + body.remaining();
        boolean inRun = comesInRuns(flags) && total <= COALESCE_LIMIT;
        lock.lock();
        try {
            while (true) {
                ensureOpen();
                if (inRun && !writing && lingers(total)) {
                    if (body == null) {
                        append(frame, off, len);
                    } else {
                        appendHeaderAndBody(methodId, flags, requestId, body);
                    }
                    return;
                }
                if (!writing) {
                    writing = true;
                    lastProgress = System.nanoTime();
                    break;
                }
                if (total <= COALESCE_LIMIT && pendingLength + total <= PENDING_LIMIT) {
                    // The writer at work will send it with its next flush.
                    if (body == null) {
                        append(frame, off, len);
                    } else {
                        appendHeaderAndBody(methodId, flags, requestId, body);
                    }
                    return;
                }
                writerDone.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
        // This thread is the writer. Frames of a run may be lingering in the pending buffer: they go
        // first, in one write with this frame when it is small.
        try {
            if (takeLingering(frame, off, len, body, methodId, flags, requestId, total)) {
                flushPendingAndStepDown();
                return;
            }
            if (body == null) {
                writeFully(ByteBuffer.wrap(frame, off, len));
            } else {
                Frames.writeHeader(header, 0, methodId, flags, requestId, body.remaining());
                ByteBuffer[] gather = {ByteBuffer.wrap(header), body};
                int bodyLimit = body.limit();
                int slice = body.isDirect() ? DIRECT_WRITE_SLICE : WRITE_SLICE;
                while (gather[0].hasRemaining() || body.position() < bodyLimit) {
                    body.limit(Math.min(bodyLimit, body.position() + slice));
                    if (channel.write(gather) > 0) {
                        lastProgress = System.nanoTime();
                    }
                    body.limit(bodyLimit);
                }
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
     * (a small frame joins them in one write) and returns true; returns false when nothing lingers.
     */
    private boolean takeLingering(byte[] frame, int off, int len, ByteBuffer body, int methodId, int flags,
            int requestId, int total) throws IOException {
        byte[] batch;
        int n;
        lock.lock();
        try {
            if (pendingLength == 0) {
                return false;
            }
            if (total <= COALESCE_LIMIT) {
                if (body == null) {
                    append(frame, off, len);
                } else {
                    appendHeaderAndBody(methodId, flags, requestId, body);
                }
                return true; // all of it goes with the flush
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

    /** The flusher thread: sends lingering frames when their time is up. */
    private void flushLingering() {
        while (true) {
            long deadline;
            lock.lock();
            try {
                while (!flushScheduled && !closed) {
                    flushWanted.awaitUninterruptibly();
                }
                if (!flushScheduled) {
                    return; // closed, nothing left to send
                }
                deadline = flushDeadline;
            } finally {
                lock.unlock();
            }
            for (long left; (left = deadline - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(left);
            }
            lock.lock();
            try {
                flushScheduled = false;
                if (writing || pendingLength == 0) {
                    continue; // a writer at work sends them
                }
                writing = true;
                lastProgress = System.nanoTime();
            } finally {
                lock.unlock();
            }
            try {
                flushPendingAndStepDown();
            } catch (IOException | RuntimeException | Error e) {
                fail();
                return;
            }
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

    private void append(byte[] b, int off, int len) {
        ensurePending(len);
        System.arraycopy(b, off, pending, pendingLength, len);
        pendingLength += len;
    }

    private void appendHeaderAndBody(int methodId, int flags, int requestId, ByteBuffer body) {
        int n = body.remaining();
        ensurePending(Frames.HEADER_SIZE + n);
        Frames.writeHeader(pending, pendingLength, methodId, flags, requestId, n);
        body.duplicate().get(pending, pendingLength + Frames.HEADER_SIZE, n);
        pendingLength += Frames.HEADER_SIZE + n;
    }

    private void ensurePending(int more) {
        if (pending.length - pendingLength < more) {
            int cap = Math.max(pendingLength + more, pending.length * 2);
            pending = java.util.Arrays.copyOf(pending, cap);
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
    }

    public boolean isOpen() {
        return !closed && channel.isOpen();
    }

    /**
     * Closes the connection without cutting a frame in half: a frame being written is finished first,
     * for as long as the parent keeps reading it. A parent that stopped reading cannot hold the close:
     * after {@link #STALL_LIMIT_NANOS} without progress (or {@link #CLOSE_LIMIT_NANOS} in all, below the
     * parent's own 5 s kill), the connection is closed regardless.
     */
    @Override
    public void close() {
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
            long deadline = System.nanoTime() + CLOSE_LIMIT_NANOS;
            while (writing || (flushScheduled && pendingLength > 0)) {
                long now = System.nanoTime();
                if (now - lastProgress > STALL_LIMIT_NANOS || now > deadline) {
                    break;
                }
                try {
                    writerDone.awaitNanos(TimeUnit.MILLISECONDS.toNanos(20));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
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
}
