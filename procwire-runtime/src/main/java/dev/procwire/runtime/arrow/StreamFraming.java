package dev.procwire.runtime.arrow;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.flatbuf.Message;

/**
 * Checks the sizes an IPC stream claims against the bytes it has, before Arrow reads it. Arrow's
 * reader allocates each message's metadata (on the heap) and body (off it) at the size the stream
 * states, and only then reads: a corrupt length of 2 GiB would cost 2 GiB before the read fails. The
 * payload is whole in memory, so every claim can be checked first, touching only the headers:
 *
 * <pre>
 * message:  [0xFFFFFFFF]  int32 metadata length  metadata (flatbuffer Message, padded)  body (Message.bodyLength bytes)
 * end:      [0xFFFFFFFF]  0x00000000              (or simply the end of the bytes)
 * </pre>
 *
 * Everything else — the flatbuffers' contents, the buffers inside a body — is Arrow's to read and to
 * refuse.
 */
final class StreamFraming {
    private StreamFraming() {}

    private static final int CONTINUATION = 0xFFFFFFFF;

    /** @throws ArrowPayloadException a message claims more bytes than the payload has after it */
    static void check(ByteBuffer payload) {
        ByteBuffer in = payload.slice().order(ByteOrder.LITTLE_ENDIAN);
        int at = 0;
        int n = in.limit();
        while (n - at >= 4) {
            int start = at;
            int length = in.getInt(at);
            at += 4;
            if (length == CONTINUATION) {
                if (n - at < 4) {
                    return; // Arrow reports the cut
                }
                length = in.getInt(at);
                at += 4;
            }
            if (length == 0) {
                return; // end of stream
            }
            if (length < 0 || length > n - at) {
                throw new ArrowPayloadException("not an Arrow IPC stream: the message at byte " + start + " claims "
                        + Integer.toUnsignedString(length) + " bytes of metadata, but only " + (n - at) + " bytes follow");
            }
            long body = bodyLength(in, at, length, start);
            at += length;
            if (body < 0 || body > n - at) {
                throw new ArrowPayloadException("not an Arrow IPC stream: the message at byte " + start + " claims a body of "
                        + body + " bytes, but only " + (n - at) + " bytes follow");
            }
            at += (int) body;
        }
    }

    private static long bodyLength(ByteBuffer in, int at, int length, int start) {
        try {
            return Message.getRootAsMessage(in.slice(at, length).order(ByteOrder.LITTLE_ENDIAN)).bodyLength();
        } catch (RuntimeException e) { // a flatbuffer offset that points outside the metadata
            throw new ArrowPayloadException("not an Arrow IPC stream: the message at byte " + start
                    + " has unreadable metadata (" + e + ")", e);
        }
    }
}
