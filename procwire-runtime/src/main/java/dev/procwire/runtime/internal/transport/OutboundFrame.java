package dev.procwire.runtime.internal.transport;

import dev.procwire.runtime.internal.frame.Frames;
import java.nio.ByteBuffer;

/**
 * One frame on its way out, in one of the two shapes a sender has it in: its whole bytes in an array
 * (header included, written in front of a {@code MsgPackWriter}'s payload), or the header's fields and
 * the payload in one or more buffers, to be written one after the other.
 */
final class OutboundFrame {
    private final byte[] array;
    private final int offset;
    private final int length;
    private final ByteBuffer[] body;
    private final int bodyLength;
    private final int methodId;
    private final int flags;
    private final int requestId;

    private OutboundFrame(byte[] array, int offset, int length, ByteBuffer[] body, int bodyLength, int methodId,
            int flags, int requestId) {
        this.array = array;
        this.offset = offset;
        this.length = length;
        this.body = body;
        this.bodyLength = bodyLength;
        this.methodId = methodId;
        this.flags = flags;
        this.requestId = requestId;
    }

    /** The frame {@code frame[offset, offset + length)}, its header (with these ids) included. */
    static OutboundFrame whole(byte[] frame, int offset, int length, int methodId, int flags, int requestId) {
        return new OutboundFrame(frame, offset, length, null, 0, methodId, flags, requestId);
    }

    /** A header built from the ids, then the bytes {@code body} has remaining (not consumed). */
    static OutboundFrame headerAndBody(int methodId, int flags, int requestId, ByteBuffer body) {
        return headerAndBody(methodId, flags, requestId, new ByteBuffer[] {body});
    }

    /**
     * A header built from the ids, then the bytes the buffers of {@code body} have remaining, in order
     * (none consumed).
     *
     * @throws IllegalArgumentException they are more than a frame holds (2 GiB)
     */
    static OutboundFrame headerAndBody(int methodId, int flags, int requestId, ByteBuffer[] body) {
        ByteBuffer[] own = new ByteBuffer[body.length];
        long n = 0;
        for (int i = 0; i < body.length; i++) {
            own[i] = body[i].duplicate();
            n += own[i].remaining();
        }
        if (n > Integer.MAX_VALUE - Frames.HEADER_SIZE) {
            throw new IllegalArgumentException("a payload of " + n + " bytes is more than a frame holds");
        }
        return new OutboundFrame(null, 0, 0, own, (int) n, methodId, flags, requestId);
    }

    /** Header and payload bytes. */
    int size() {
        return array != null ? length : Frames.HEADER_SIZE + bodyLength;
    }

    /** An event or a stream chunk: frames that usually come in runs, where more of the same follow. */
    boolean comesInRuns() {
        return flags == Frames.FLAGS_EVENT || flags == Frames.FLAGS_CHUNK;
    }

    /** The whole frame as one buffer, or {@code null} when it is a header and a body. */
    ByteBuffer wholeBuffer() {
        return array == null ? null : ByteBuffer.wrap(array, offset, length);
    }

    /** The payload of a header-and-body frame: its buffers, to be written (consumed) in order. */
    ByteBuffer[] body() {
        return body;
    }

    /** Writes the header of a header-and-body frame into {@code header[0, HEADER_SIZE)}. */
    void writeHeader(byte[] header) {
        Frames.writeHeader(header, 0, methodId, flags, requestId, bodyLength);
    }

    /** The header as a debug trace shows it ({@link Frames#describe}). */
    @Override
    public String toString() {
        return Frames.describe(methodId, flags, requestId, size() - Frames.HEADER_SIZE);
    }

    /** Copies the whole frame into {@code dst} at {@code at}; {@link #size()} bytes. */
    void copyTo(byte[] dst, int at) {
        if (array != null) {
            System.arraycopy(array, offset, dst, at, length);
        } else {
            Frames.writeHeader(dst, at, methodId, flags, requestId, bodyLength);
            int p = at + Frames.HEADER_SIZE;
            for (ByteBuffer b : body) {
                int n = b.remaining();
                b.duplicate().get(dst, p, n);
                p += n;
            }
        }
    }
}
