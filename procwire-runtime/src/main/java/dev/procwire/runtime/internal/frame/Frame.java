package dev.procwire.runtime.internal.frame;

/**
 * One decoded data-plane frame. Its payload is a heap array ({@link #payload()}), or, for a large
 * payload of a raw method, a pooled direct buffer ({@link #directPayload()}), or missing because the
 * worker could not hold it ({@link #payloadError()}); exactly one of the three is set.
 *
 * @param methodId unsigned 16-bit method id
 * @param flags the flag byte
 * @param requestId the request id's 32 bits, echoed as received (unsigned: use {@link #requestIdUnsigned()})
 * @param payload exactly the payload bytes, or {@code null}
 * @param directPayload the payload between position 0 and its buffer's limit, or {@code null}. The
 *     frame owns this lease; whoever consumes the frame owns it next and releases it once nothing
 *     refers to it any more
 * @param payloadError why the payload is missing (the heap could not hold it: its bytes were read and
 *     dropped, so the connection goes on), or {@code null}. The request must be answered with an error
 */
public record Frame(int methodId, int flags, int requestId, byte[] payload, PooledPayload directPayload,
        String payloadError) {

    public Frame {
        int set = (payload != null ? 1 : 0) + (directPayload != null ? 1 : 0) + (payloadError != null ? 1 : 0);
        if (set != 1) {
            throw new IllegalArgumentException("a frame has exactly one of payload, directPayload and payloadError");
        }
    }

    /** A frame whose payload is an array. */
    public Frame(int methodId, int flags, int requestId, byte[] payload) {
        this(methodId, flags, requestId, payload, null, null);
    }

    /** A frame whose payload is a pooled direct buffer; the frame takes over the lease. */
    public static Frame direct(int methodId, int flags, int requestId, PooledPayload payload) {
        return new Frame(methodId, flags, requestId, null, payload, null);
    }

    /** A frame whose payload was read and dropped, for the reason given. */
    public static Frame withoutPayload(int methodId, int flags, int requestId, String why) {
        return new Frame(methodId, flags, requestId, null, null, why);
    }

    public long requestIdUnsigned() {
        return requestId & 0xffffffffL;
    }

    /** The payload's length in bytes (0 for a frame whose payload was dropped). */
    public int length() {
        return payload != null ? payload.length : directPayload != null ? directPayload.buffer().limit() : 0;
    }

    /** Releases the direct payload, if any: for a consumer that drops the frame unread. */
    public void discard() {
        if (directPayload != null) {
            directPayload.release();
        }
    }
}
