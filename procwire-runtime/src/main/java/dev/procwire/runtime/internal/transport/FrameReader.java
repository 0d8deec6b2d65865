package dev.procwire.runtime.internal.transport;

import dev.procwire.runtime.internal.Log;
import dev.procwire.runtime.internal.frame.Frame;
import dev.procwire.runtime.internal.frame.FrameDecoder;
import dev.procwire.runtime.internal.frame.Frames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.IntPredicate;

/**
 * The reading half of a {@link Connection}: bytes from the socket through the {@link FrameDecoder},
 * one reader thread at a time. Large raw payloads are read straight into their pooled direct buffer;
 * everything else goes through one 256 KiB direct read buffer. At {@code debug} level each frame's
 * header is traced ({@code frame in: method 3, flags 0x00, request 17, 120 bytes}).
 */
final class FrameReader {
    private static final int READ_BUFFER = 256 << 10;

    private final SocketChannel channel;
    private final FrameDecoder decoder;
    private final ByteBuffer in = ByteBuffer.allocateDirect(READ_BUFFER).flip();

    FrameReader(SocketChannel channel, long maxPayload) {
        this.channel = channel;
        this.decoder = new FrameDecoder(maxPayload);
    }

    void setDirectPayloads(IntPredicate methodIds) {
        decoder.setDirectPayloads(methodIds);
    }

    void setMaxPayload(long maxPayload) {
        decoder.setMaxPayload(maxPayload);
    }

    /** The next frame, blocking; {@code null} when the peer closed the connection between frames. */
    Frame readFrame() throws IOException {
        while (true) {
            Frame f = decoder.next(in);
            if (f != null) {
                if (Log.debugEnabled()) {
                    Log.debug(() -> "frame in: " + Frames.describe(f.methodId(), f.flags(), f.requestId(), f.length()));
                }
                return f;
            }
            boolean more = decoder.pendingIsDirect() ? readIntoPayload() : readIntoBuffer();
            if (!more) {
                return eof();
            }
        }
    }

    /**
     * Reads a large raw payload straight into its direct buffer, with no staging copy (a heap array
     * goes through the read buffer: reading into it directly would make the JDK stage the bytes in a
     * temporary direct buffer as large as the read, kept per thread).
     *
     * @return {@code false} at the end of the stream
     */
    private boolean readIntoPayload() throws IOException {
        ByteBuffer target = decoder.pendingPayload();
        if (target == null) {
            return true; // its buffer could not grow: the frame comes out without its payload
        }
        if (!target.isDirect()) {
            // Direct memory ran out and the payload moved to the heap: read through the read buffer,
            // since reading into a heap buffer makes the JDK stage it in a temporary direct buffer as
            // large as the read, which cannot be had either.
            return readIntoBuffer();
        }
        int n = channel.read(target);
        if (n < 0) {
            return false;
        }
        decoder.payloadFilled(n);
        return true;
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
}
