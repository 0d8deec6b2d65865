package dev.procwire.runtime.internal.frame;

/** The data-plane frame layout: an 11-byte big-endian header, then the payload. */
public final class Frames {
    private Frames() {}

    /** Header bytes: method id (u16), flags (u8), request id (u32), payload length (u32). */
    public static final int HEADER_SIZE = 11;

    /** Flag: the frame goes from worker to parent. */
    public static final int TO_PARENT = 0x01;
    /** Flag: the frame answers a request. */
    public static final int RESPONSE = 0x02;
    /** Flag: the answer is an error. */
    public static final int ERROR = 0x04;
    /** Flag: a stream chunk. */
    public static final int STREAM = 0x08;
    /** Flag: the end of a stream (empty payload). */
    public static final int STREAM_END = 0x10;
    /** Flag: an acknowledgement. */
    public static final int ACK = 0x20;
    /** Bits 6 and 7 must be zero. */
    public static final int RESERVED_FLAGS = 0xC0;

    public static final int FLAGS_RESULT = TO_PARENT | RESPONSE;
    public static final int FLAGS_ACK = TO_PARENT | RESPONSE | ACK;
    public static final int FLAGS_CHUNK = TO_PARENT | RESPONSE | STREAM;
    public static final int FLAGS_STREAM_END = TO_PARENT | RESPONSE | STREAM | STREAM_END;
    public static final int FLAGS_ERROR = TO_PARENT | RESPONSE | ERROR;
    /** An error that ends a stream: the parent routes it to the stream's consumer. */
    public static final int FLAGS_STREAM_ERROR = TO_PARENT | RESPONSE | ERROR | STREAM;
    public static final int FLAGS_EVENT = TO_PARENT;

    /** Method id of an abort frame (parent → worker). */
    public static final int ABORT_METHOD_ID = 0xFFFF;
    /** Method id of an auth frame (parent → worker). */
    public static final int AUTH_METHOD_ID = 0xFFFE;

    /** The default maximum payload a worker accepts: 1 GiB. */
    public static final long DEFAULT_MAX_PAYLOAD = 1L << 30;
    /** The hard cap on the maximum payload: 2 GiB − 1 (a Java array's limit, and the parent's). */
    public static final long HARD_MAX_PAYLOAD = Integer.MAX_VALUE;

    /**
     * A frame header as a debug trace shows it: {@code method 3, flags 0x03, request 17, 120 bytes}
     * (ids unsigned, as on the wire).
     */
    public static String describe(int methodId, int flags, int requestId, int length) {
        return "method " + (methodId & 0xffff) + ", flags 0x" + Integer.toHexString(0x100 | (flags & 0xff)).substring(1)
                + ", request " + (requestId & 0xffffffffL) + ", " + length + " bytes";
    }

    /** Writes a header at {@code b[off]}. */
    public static void writeHeader(byte[] b, int off, int methodId, int flags, int requestId, int length) {
        b[off] = (byte) (methodId >>> 8);
        b[off + 1] = (byte) methodId;
        b[off + 2] = (byte) flags;
        b[off + 3] = (byte) (requestId >>> 24);
        b[off + 4] = (byte) (requestId >>> 16);
        b[off + 5] = (byte) (requestId >>> 8);
        b[off + 6] = (byte) requestId;
        b[off + 7] = (byte) (length >>> 24);
        b[off + 8] = (byte) (length >>> 16);
        b[off + 9] = (byte) (length >>> 8);
        b[off + 10] = (byte) length;
    }
}
