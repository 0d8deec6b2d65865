package dev.procwire.runtime.frame;

import java.nio.ByteBuffer;

/**
 * One decoded data-plane frame. Its payload is either a heap array ({@link #payload()}) or, for a
 * large payload of a raw method, a pooled direct buffer ({@link #directPayload()}); exactly one of
 * the two is set.
 *
 * @param methodId unsigned 16-bit method id
 * @param flags the flag byte
 * @param requestId the request id's 32 bits, echoed as received (unsigned: use {@link #requestIdUnsigned()})
 * @param payload exactly the payload bytes, or {@code null} when the payload is direct
 * @param directPayload the payload between position 0 and its limit, taken from {@link DirectPayloads};
 *     whoever consumes the frame gives it back with {@link DirectPayloads#release} once nothing refers
 *     to it any more. {@code null} when the payload is an array
 */
public record Frame(int methodId, int flags, int requestId, byte[] payload, ByteBuffer directPayload) {

    public Frame {
        if ((payload == null) == (directPayload == null)) {
            throw new IllegalArgumentException("a frame has exactly one of payload and directPayload");
        }
    }

    /** A frame whose payload is an array. */
    public Frame(int methodId, int flags, int requestId, byte[] payload) {
        this(methodId, flags, requestId, payload, null);
    }

    public long requestIdUnsigned() {
        return requestId & 0xffffffffL;
    }

    /** The payload's length in bytes. */
    public int length() {
        return payload != null ? payload.length : directPayload.limit();
    }
}
