package dev.procwire.runtime.internal.frame;

import java.nio.ByteBuffer;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * Cuts a byte stream into frames. Feed it what the socket delivered with {@link #next}; it returns
 * each complete frame and keeps partial ones across calls.
 *
 * <p>Every frame is an 11-byte header ({@link Frames#HEADER_SIZE}), all big-endian, then the payload
 * (docs/protocol.md#header; the flags are in docs/protocol.md#flags):
 *
 * <pre>
 *  byte  0       1       2       3       4       5       6       7       8       9       10
 *      +-------+-------+-------+-------+-------+-------+-------+-------+-------+-------+-------+
 *      |   method id   | flags |          request id           |        payload length         |
 *      |     u16       |  u8   |              u32              |              u32              |
 *      +-------+-------+-------+-------+-------+-------+-------+-------+-------+-------+-------+
 *      then exactly &lt;payload length&gt; bytes of payload
 * </pre>
 *
 * <p>Headers are validated before any payload memory is taken: method id 0, reserved flag bits, or a
 * length above the maximum throw {@link FrameException}. A large payload's buffer grows with the bytes
 * that actually arrive, so a header that lies about its length costs no more memory than was sent.
 * While a payload is incomplete, {@link #pendingPayload()} lets the reader fill it straight from the
 * socket, with no staging copy.
 *
 * <p>Payloads larger than {@link #DIRECT_THRESHOLD} (and at most {@link #DIRECT_LIMIT}) of the methods
 * named by {@link #setDirectPayloads} (raw and Arrow methods, whose handlers take the bytes as a buffer) are
 * collected in pooled direct buffers from {@link DirectPayloads} instead of heap arrays.
 *
 * <p>A payload the heap cannot hold costs one request, not the connection: when its buffer cannot be
 * allocated ({@link OutOfMemoryError}), the decoder returns the frame at once with a
 * {@link Frame#payloadError()} and no payload, then skips the payload's bytes as they arrive.
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
    private PooledPayload direct; // the payload being collected in a pooled direct buffer (owned here until finish)
    private int payloadFill;
    private long skipping; // bytes of a dropped payload still to be skipped
    private Frame dropped; // a frame whose payload pendingPayload() had to drop, for next() to return
    private IntPredicate directMethods = id -> false;
    private final IntFunction<byte[]> heap; // allocates payload arrays (tests make it fail)

    private static final byte[] EMPTY = new byte[0];

    /**
     * @param maxPayload the largest payload accepted, at most {@link Frames#HARD_MAX_PAYLOAD}
     */
    public FrameDecoder(long maxPayload) {
        this(maxPayload, byte[]::new);
    }

    /** With another allocator for payload arrays: tests make it throw {@link OutOfMemoryError}. */
    FrameDecoder(long maxPayload, IntFunction<byte[]> heap) {
        if (maxPayload < 0 || maxPayload > Frames.HARD_MAX_PAYLOAD) {
            throw new IllegalArgumentException("maxPayload must be within 0.." + Frames.HARD_MAX_PAYLOAD);
        }
        this.maxPayload = maxPayload;
        this.heap = heap;
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
        if (dropped != null) {
            Frame f = dropped;
            dropped = null;
            return f;
        }
        if (skipping > 0) {
            skipDropped(src);
            if (skipping > 0) {
                return null;
            }
        }
        if (!inPayload) {
            if (headerFill == 0 && src.remaining() >= Frames.HEADER_SIZE) {
                src.get(header); // whole header at once: the common case
                headerFill = Frames.HEADER_SIZE;
            } else if (!fillHeader(src)) {
                return null;
            }
            if (!startPayload()) {
                return dropPayload();
            }
        }
        if (payloadFill < length) {
            if (!src.hasRemaining()) {
                return null;
            }
            int n = Math.min(length - payloadFill, src.remaining());
            if (!ensureCapacity(payloadFill + n)) {
                return dropPayload();
            }
            fillPayload(src, n);
            if (payloadFill < length) {
                return null;
            }
        }
        return finish();
    }

    /** Consumes what {@code src} has of a dropped payload's bytes, up to the number still to skip. */
    private void skipDropped(ByteBuffer src) {
        int n = (int) Math.min(skipping, src.remaining());
        src.position(src.position() + n);
        skipping -= n;
    }

    /** Adds what {@code src} has of the header to the part already read; {@code true} once it is whole. */
    private boolean fillHeader(ByteBuffer src) {
        int n = Math.min(Frames.HEADER_SIZE - headerFill, src.remaining());
        src.get(header, headerFill, n);
        headerFill += n;
        return headerFill >= Frames.HEADER_SIZE;
    }

    /** Moves {@code n} bytes from {@code src} into the payload, whose buffer has room for them. */
    private void fillPayload(ByteBuffer src, int n) {
        if (direct != null) {
            direct.buffer().put(payloadFill, src, src.position(), n);
            src.position(src.position() + n);
        } else {
            src.get(payload, payloadFill, n);
        }
        payloadFill += n;
    }

    /**
     * While a frame's payload is incomplete, a buffer over (a part of) its missing bytes; read from
     * the socket into it, then call {@link #next} (with an empty buffer) to collect the frame.
     * Returns {@code null} when no payload is pending, or when the payload's buffer could not grow
     * (the heap is full): then {@link #next} returns the frame without its payload.
     */
    public ByteBuffer pendingPayload() {
        if (!inPayload || payloadFill >= length) {
            return null;
        }
        if (!ensureCapacity(Math.min(length, payloadFill + (1 << 20)))) {
            dropped = dropPayload();
            return null;
        }
        if (direct != null) {
            ByteBuffer b = direct.buffer();
            return b.duplicate().limit(Math.min(b.capacity(), length)).position(payloadFill);
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

    /** Whether a frame has been started but not completed (a dropped payload still being skipped included). */
    public boolean hasPartialFrame() {
        return headerFill > 0 || skipping > 0;
    }

    /** Validates the header and takes the payload's first buffer; {@code false} when the heap cannot give it. */
    private boolean startPayload() throws FrameException {
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
        inPayload = true;
        direct = length > DIRECT_THRESHOLD && length <= DIRECT_LIMIT && directMethods.test(methodId)
                ? DirectPayloads.take(Math.min(length, EAGER_ALLOCATION_LIMIT))
                : null;
        if (direct == null) {
            try {
                payload = length == 0 ? EMPTY : heap.apply(Math.min(length, EAGER_ALLOCATION_LIMIT));
            } catch (OutOfMemoryError e) {
                return false;
            }
        }
        return true;
    }

    /** Makes room for {@code needed} payload bytes; {@code false} when the heap cannot give it. */
    private boolean ensureCapacity(int needed) {
        try {
            if (direct != null) {
                if (direct.capacity() < needed) {
                    growDirect((int) Math.min(length, Math.max(needed, 2L * direct.capacity())));
                }
            } else if (payload.length < needed) {
                int cap = (int) Math.min(length, Math.max(needed, 2L * payload.length));
                byte[] bigger = heap.apply(cap);
                System.arraycopy(payload, 0, bigger, 0, payloadFill);
                payload = bigger;
            }
            return true;
        } catch (OutOfMemoryError e) {
            return false;
        }
    }

    private void growDirect(int capacity) {
        PooledPayload bigger = DirectPayloads.take(capacity);
        if (bigger == null) {
            // Out of direct memory: go on in the heap.
            byte[] array = heap.apply(capacity);
            direct.buffer().get(0, array, 0, payloadFill);
            payload = array;
        } else {
            bigger.buffer().put(0, direct.buffer(), 0, payloadFill);
        }
        direct.release();
        direct = bigger;
    }

    /**
     * Gives up the payload being collected (its buffer could not be had), arranges to skip the rest of
     * its bytes, and returns its frame without a payload: the request gets an error, the connection
     * goes on.
     */
    private Frame dropPayload() {
        if (direct != null) {
            direct.release();
            direct = null;
        }
        payload = null;
        skipping = (long) length - payloadFill;
        inPayload = false;
        headerFill = 0;
        return Frame.withoutPayload(methodId, flags, requestId, "the request's payload of " + length
                + " bytes does not fit in the worker's memory (Java heap space); give the worker more heap (-Xmx) or send less at once");
    }

    private Frame finish() {
        Frame f;
        if (direct != null) {
            direct.buffer().clear().limit(length);
            f = Frame.direct(methodId, flags, requestId, direct); // the frame owns the lease now
        } else {
            f = new Frame(methodId, flags, requestId, payload);
        }
        payload = null;
        direct = null;
        inPayload = false;
        headerFill = 0;
        return f;
    }
}
