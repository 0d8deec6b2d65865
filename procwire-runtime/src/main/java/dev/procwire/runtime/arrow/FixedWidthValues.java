package dev.procwire.runtime.arrow;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.memory.ArrowBuf;

/**
 * A fixed-width buffer's values as a little-endian {@link ByteBuffer} view of Arrow's memory (no copy),
 * so that whole columns move between Arrow and Java arrays with the JDK's bulk {@code get}/{@code put}
 * (a memory copy) instead of a call per value, each with its own bounds check.
 */
final class FixedWidthValues {
    private FixedWidthValues() {}

    /**
     * A view of {@code count} values of {@code width} bytes from the start of {@code buffer}.
     *
     * @throws ArrowPayloadException the values span more than a Java buffer can (2 GiB)
     */
    static ByteBuffer view(ArrowBuf buffer, long count, int width, String column) {
        int bytes = bytes(count, width, column);
        if (bytes == 0) {
            return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
        }
        return buffer.nioBuffer(0, bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The bytes {@code count} values of {@code width} bytes take.
     *
     * @throws ArrowPayloadException they span more than a Java buffer can (2 GiB)
     */
    static int bytes(long count, int width, String column) {
        long bytes = count * width;
        if (bytes > Integer.MAX_VALUE) {
            throw new ArrowPayloadException("column '" + column + "' holds " + bytes + " bytes, more than a Java array takes");
        }
        return (int) bytes;
    }
}
