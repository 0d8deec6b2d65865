package dev.procwire.runtime.arrow;

import dev.procwire.runtime.codec.MsgPackWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/**
 * Writes a table as one IPC stream (schema, one record batch, end of stream) with Arrow's
 * {@link ArrowStreamWriter}, straight into the frame's payload writer: Arrow hands over each buffer as a
 * view of its memory, which is copied once, into the writer's array behind the frame header, sized
 * for the whole stream beforehand.
 */
final class StreamWriting {
    private StreamWriting() {}

    static void write(VectorSchemaRoot table, MsgPackWriter out) {
        // A first pass counts the bytes (Arrow hands over views of its buffers: nothing is copied), so
        // that the payload writer grows once, not by doubling with a copy per step.
        Counter counter = new Counter();
        write(table, counter);
        if (counter.bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the table takes " + counter.bytes + " bytes as a stream, more than a frame "
                    + "holds");
        }
        out.reserve((int) counter.bytes);
        write(table, new WriterChannel(out));
    }

    private static void write(VectorSchemaRoot table, WritableByteChannel channel) {
        try (ArrowStreamWriter writer = new ArrowStreamWriter(table, null, channel)) {
            writer.start();
            writer.writeBatch();
            writer.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // neither channel throws: a bug if it happens
        }
    }

    /** Counts what is written to it. */
    private static final class Counter implements WritableByteChannel {
        long bytes;
        private boolean open = true;

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            bytes += n;
            src.position(src.limit());
            return n;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }

    /** The payload writer as a channel; the stream's bytes go after what the writer already holds. */
    private static final class WriterChannel implements WritableByteChannel {
        private final MsgPackWriter out;
        private boolean open = true;

        WriterChannel(MsgPackWriter out) {
            this.out = out;
        }

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            out.writeRaw(src);
            src.position(src.limit());
            return n;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
