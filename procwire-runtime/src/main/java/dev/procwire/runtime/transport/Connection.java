package dev.procwire.runtime.transport;

import dev.procwire.runtime.codec.MsgPackWriter;
import dev.procwire.runtime.frame.Frame;
import dev.procwire.runtime.frame.FrameDecoder;
import dev.procwire.runtime.frame.FrameSink;
import dev.procwire.runtime.frame.Frames;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One data-plane connection: frames in through {@link #readFrame()} (one reader thread), frames out
 * through {@link FrameSink} (any thread). Writes are whole frames under a lock, header and payload
 * gathered into one write; a write blocks while the peer is not reading, which is the backpressure.
 */
public final class Connection implements FrameSink, Closeable {
    private static final int READ_BUFFER = 256 << 10;

    private final SocketChannel channel;
    private final FrameDecoder decoder;
    private final ByteBuffer in = ByteBuffer.allocateDirect(READ_BUFFER).flip();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ByteBuffer[] gather = new ByteBuffer[2]; // guarded by writeLock
    private final byte[] headerBytes = new byte[Frames.HEADER_SIZE]; // guarded by writeLock
    private volatile boolean closed;

    public Connection(SocketChannel channel, long maxPayload) {
        this.channel = channel;
        this.decoder = new FrameDecoder(maxPayload);
    }

    /** Changes the largest payload accepted from the next frame header on. */
    public void setMaxPayload(long maxPayload) {
        decoder.setMaxPayload(maxPayload);
    }

    /**
     * Reads the next frame, blocking; returns {@code null} when the peer closed the connection.
     *
     * @throws dev.procwire.runtime.frame.FrameException for a frame that breaks the protocol
     */
    public Frame readFrame() throws IOException {
        while (true) {
            Frame f = decoder.next(in);
            if (f != null) {
                return f;
            }
            ByteBuffer direct = decoder.pendingPayload();
            if (direct != null && direct.remaining() > READ_BUFFER) {
                // A large payload: read straight into its buffer, skipping the staging copy.
                int n = channel.read(direct);
                if (n < 0) {
                    return eof();
                }
                decoder.payloadFilled(n);
                continue;
            }
            in.clear();
            int n = channel.read(in);
            in.flip();
            if (n < 0) {
                return eof();
            }
        }
    }

    private Frame eof() throws IOException {
        if (decoder.hasPartialFrame()) {
            throw new IOException("connection closed in the middle of a frame");
        }
        return null;
    }

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
        ByteBuffer frame = ByteBuffer.wrap(b, off, Frames.HEADER_SIZE + payload.size());
        writeLock.lock();
        try {
            ensureOpen();
            while (frame.hasRemaining()) {
                channel.write(frame);
            }
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void send(int methodId, int flags, int requestId, ByteBuffer payload) throws IOException {
        ByteBuffer body = payload.duplicate();
        writeLock.lock();
        try {
            ensureOpen();
            Frames.writeHeader(headerBytes, 0, methodId, flags, requestId, body.remaining());
            ByteBuffer header = ByteBuffer.wrap(headerBytes);
            gather[0] = header;
            gather[1] = body;
            while (header.hasRemaining() || body.hasRemaining()) {
                channel.write(gather);
            }
        } finally {
            gather[1] = null;
            writeLock.unlock();
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

    /** Closes the connection; a frame being written is finished first, so none is cut in half. */
    @Override
    public void close() {
        closed = true;
        // Closing while a writer is blocked would cut its frame; but a writer blocked on a parent that
        // stopped reading must not hold shutdown forever, so wait briefly, then close regardless.
        boolean locked = false;
        try {
            locked = writeLock.tryLock(200, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to do with a channel that fails to close
        } finally {
            if (locked) {
                writeLock.unlock();
            }
        }
    }
}
