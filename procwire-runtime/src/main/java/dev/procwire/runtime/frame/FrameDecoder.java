package dev.procwire.runtime.frame;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Cuts a byte stream into frames. Feed it what the socket delivered with {@link #next}; it returns
 * each complete frame and keeps partial ones across calls.
 *
 * <p>Headers are validated before any payload memory is taken: method id 0, reserved flag bits, or a
 * length above the maximum throw {@link FrameException}. A large payload's buffer grows with the bytes
 * that actually arrive, so a header that lies about its length costs no more memory than was sent.
 * While a payload is incomplete, {@link #pendingPayload()} lets the reader fill it straight from the
 * socket, with no staging copy.
 *
 * <p>Payloads larger than {@link #DIRECT_THRESHOLD} (and at most {@link #DIRECT_LIMIT}) of the methods
 * named by {@link #setDirectPayloads} (raw methods, whose handlers take the bytes as a buffer) are
 * collected in pooled direct buffers from {@link DirectPayloads} instead of heap arrays.
 */
public final class FrameDecoder {
    /** Payloads up to this size get their whole buffer at once; larger ones grow as bytes arrive. */
    static final int EAGER_ALLOCATION_LIMIT = 16 << 20;
    /** Payloads above this size may be collected in a direct buffer (see {@link #setDirectPayloads}). */
    static final int DIRECT_THRESHOLD = 64 << 10;
    /**
     * Payloads above this size stay in the heap: a direct buffer that large would rarely be reused, and
     * the native memory of one that is dropped returns only when the collector gets to its owner.
     */
    static final int DIRECT_LIMIT = 64 << 20;

    private long maxPayload;
    private final byte[] header = new byte[Frames.HEADER_SIZE];
    private int headerFill;

    private boolean inPayload;
    private int methodId;
    private int flags;
    private int requestId;
    private int length;
    private byte[] payload; // the payload being collected in the heap, or
    private ByteBuffer direct; // the payload being collected in a pooled direct buffer
    private int payloadFill;
    private IntPredicate directMethods = id -> false;

    private static final byte[] EMPTY = new byte[0];

    /**
     * @param maxPayload the largest payload accepted, at most {@link Frames#HARD_MAX_PAYLOAD}
     */
    public FrameDecoder(long maxPayload) {
        if (maxPayload < 0 || maxPayload > Frames.HARD_MAX_PAYLOAD) {
            throw new IllegalArgumentException("maxPayload must be within 0.." + Frames.HARD_MAX_PAYLOAD);
        }
        this.maxPayload = maxPayload;
    }

    /** Changes the largest payload accepted from the next header on (e.g. tight before auth). */
    public void setMaxPayload(long maxPayload) {
        if (maxPayload < 0 || maxPayload > Frames.HARD_MAX_PAYLOAD) {
            throw new IllegalArgumentException("maxPayload must be within 0.." + Frames.HARD_MAX_PAYLOAD);
        }
        this.maxPayload = maxPayload;
    }

    /**
     * Names the methods whose large payloads go to pooled direct buffers ({@link Frame#directPayload()}),
     * from the next header on.
     */
    public void setDirectPayloads(IntPredicate methodIds) {
        this.directMethods = methodIds;
    }

    /**
     * Consumes bytes from {@code src} up to the end of the next complete frame and returns it, or
     * returns {@code null} once {@code src} is exhausted without completing one.
     */
    public Frame next(ByteBuffer src) throws FrameException {
        while (true) {
            if (!inPayload) {
                if (headerFill == 0 && src.remaining() >= Frames.HEADER_SIZE) {
                    src.get(header); // whole header at once: the common case
                    headerFill = Frames.HEADER_SIZE;
                } else {
                    int n = Math.min(Frames.HEADER_SIZE - headerFill, src.remaining());
                    src.get(header, headerFill, n);
                    headerFill += n;
                    if (headerFill < Frames.HEADER_SIZE) {
                        return null;
                    }
                }
                startPayload();
            }
            if (payloadFill < length) {
                if (!src.hasRemaining()) {
                    return null;
                }
                int n = Math.min(length - payloadFill, src.remaining());
                ensureCapacity(payloadFill + n);
                if (direct != null) {
                    direct.put(payloadFill, src, src.position(), n);
                    src.position(src.position() + n);
                } else {
                    src.get(payload, payloadFill, n);
                }
                payloadFill += n;
                if (payloadFill < length) {
                    return null;
                }
            }
            return finish();
        }
    }

    /**
     * While a frame's payload is incomplete, a buffer over (a part of) its missing bytes; read from
     * the socket into it, then call {@link #next} (with an empty buffer) to collect the frame.
     * Returns {@code null} when no payload is pending.
     */
    public ByteBuffer pendingPayload() {
        if (!inPayload || payloadFill >= length) {
            return null;
        }
        ensureCapacity(Math.min(length, payloadFill + (1 << 20)));
        if (direct != null) {
            return direct.duplicate().limit(Math.min(direct.capacity(), length)).position(payloadFill);
        }
        return ByteBuffer.wrap(payload, payloadFill, Math.min(payload.length, length) - payloadFill);
    }

    /** Whether the payload being collected goes to a direct buffer (read it straight from the socket). */
    public boolean pendingIsDirect() {
        return inPayload && direct != null && payloadFill < length;
    }

    /** Records bytes read into the buffer from {@link #pendingPayload()}. */
    public void payloadFilled(int n) {
        payloadFill += n;
    }

    /** Whether a frame has been started but not completed. */
    public boolean hasPartialFrame() {
        return headerFill > 0;
    }

    private void startPayload() throws FrameException {
        byte[] h = header;
        methodId = ((h[0] & 0xff) << 8) | (h[1] & 0xff);
        flags = h[2] & 0xff;
        requestId = ((h[3] & 0xff) << 24) | ((h[4] & 0xff) << 16) | ((h[5] & 0xff) << 8) | (h[6] & 0xff);
        long len = ((h[7] & 0xffL) << 24) | ((h[8] & 0xff) << 16) | ((h[9] & 0xff) << 8) | (h[10] & 0xff);
        if (methodId == 0) {
            throw new FrameException("frame with reserved method id 0");
        }
        if ((flags & Frames.RESERVED_FLAGS) != 0) {
            throw new FrameException("frame with reserved flag bits set: 0x" + Integer.toHexString(flags));
        }
        if (len > maxPayload) {
            throw new FrameException("frame payload of " + len + " bytes exceeds the maximum of " + maxPayload);
        }
        length = (int) len;
        payloadFill = 0;
        direct = length > DIRECT_THRESHOLD && length <= DIRECT_LIMIT && directMethods.test(methodId)
                ? DirectPayloads.take(Math.min(length, EAGER_ALLOCATION_LIMIT))
                : null;
        if (direct == null) {
            payload = length == 0 ? EMPTY : new byte[Math.min(length, EAGER_ALLOCATION_LIMIT)];
        }
        inPayload = true;
    }

    private void ensureCapacity(int needed) {
        if (direct != null) {
            if (direct.capacity() < needed) {
                growDirect((int) Math.min(length, Math.max(needed, 2L * direct.capacity())));
            }
            return;
        }
        if (payload.length < needed) {
            int cap = (int) Math.min(length, Math.max(needed, 2L * payload.length));
            payload = Arrays.copyOf(payload, cap);
        }
    }

    private void growDirect(int capacity) {
        ByteBuffer bigger = DirectPayloads.take(capacity);
        if (bigger == null) {
            // Out of direct memory: go on in the heap.
            payload = new byte[capacity];
            direct.get(0, payload, 0, payloadFill);
        } else {
            bigger.put(0, direct, 0, payloadFill);
        }
        DirectPayloads.release(direct);
        direct = bigger;
    }

    private Frame finish() {
        Frame f = direct != null
                ? new Frame(methodId, flags, requestId, null, direct.clear().limit(length))
                : new Frame(methodId, flags, requestId, payload);
        payload = null;
        direct = null;
        inPayload = false;
        headerFill = 0;
        return f;
    }
}
