package dev.procwire.runtime.internal.transport;

import dev.procwire.runtime.codec.MsgPackWriter;
import dev.procwire.runtime.internal.frame.FrameSource;
import dev.procwire.runtime.internal.frame.Frame;
import dev.procwire.runtime.internal.frame.FrameSink;
import dev.procwire.runtime.internal.frame.Frames;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.IntPredicate;

/**
 * One data-plane connection: frames in through {@link #readFrame()} (one reader at a time, a
 * {@link FrameReader}), frames out through {@link FrameSink} (any thread, a {@link CoalescingWriter}).
 */
public final class Connection implements FrameSink, FrameSource, Closeable {
    private final FrameReader reader;
    private final CoalescingWriter writer;

    public Connection(SocketChannel channel, long maxPayload) {
        this.reader = new FrameReader(channel, maxPayload);
        this.writer = new CoalescingWriter(channel);
    }

    /**
     * Names the methods whose large payloads are read into pooled direct buffers
     * ({@link Frame#directPayload()}): the raw methods, whose handlers take the bytes as a buffer.
     */
    public void setDirectPayloads(IntPredicate methodIds) {
        reader.setDirectPayloads(methodIds);
    }

    /** Changes the largest payload accepted from the next frame header on. */
    public void setMaxPayload(long maxPayload) {
        reader.setMaxPayload(maxPayload);
    }

    /**
     * Reads the next frame, blocking; returns {@code null} when the peer closed the connection.
     *
     * @throws dev.procwire.runtime.internal.frame.FrameException for a frame that breaks the protocol
     */
    @Override
    public Frame readFrame() throws IOException {
        return reader.readFrame();
    }

    /** Sends the payload with its header written into the writer's headroom, in one write when it can. */
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
        writer.send(OutboundFrame.whole(b, off, Frames.HEADER_SIZE + payload.size(), methodId, flags, requestId));
    }

    @Override
    public void send(int methodId, int flags, int requestId, ByteBuffer payload) throws IOException {
        writer.send(OutboundFrame.headerAndBody(methodId, flags, requestId, payload));
    }

    /** Sends the payload's buffers as they are, in one gathering write where they fit one. */
    @Override
    public void send(int methodId, int flags, int requestId, ByteBuffer[] payload) throws IOException {
        writer.send(OutboundFrame.headerAndBody(methodId, flags, requestId, payload));
    }

    public boolean isOpen() {
        return writer.isOpen();
    }

    /** Closes the connection without cutting a frame in half ({@link CoalescingWriter#close()}). */
    @Override
    public void close() {
        writer.close();
    }
}
