package dev.procwire.runtime.arrow;

import dev.procwire.runtime.codec.MsgPackWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/**
 * Writes a table as one IPC stream (schema, one record batch, end of stream) with Arrow's
 * {@link ArrowStreamWriter}, which hands over each of the table's buffers as a view of its memory:
 * either as those views themselves, for the socket to write as they are ({@link #buffers}), or copied
 * once into a payload writer, sized for the whole stream beforehand ({@link #write}).
 */
final class StreamWriting {
    private StreamWriting() {}

    /**
     * A buffer Arrow hands over of at least this size is kept as a view of the table's memory; smaller
     * ones (metadata, padding, small columns) are copied into arrays between them.
     */
    static final int VIEW_MIN_BYTES = 4096;

    /**
     * The stream of {@code table} as buffers, in order: views of the table's own memory for its larger
     * buffers, arrays for the rest. They are valid as long as the table is open and unchanged.
     *
     * @throws IllegalArgumentException the stream is more than a frame holds (2 GiB)
     */
    static ByteBuffer[] buffers(VectorSchemaRoot table) {
        Gatherer gatherer = new Gatherer();
        write(table, gatherer);
        if (gatherer.bytes > Integer.MAX_VALUE) {
            throw tooLarge(gatherer.bytes);
        }
        return gatherer.buffers();
    }

    private static IllegalArgumentException tooLarge(long bytes) {
        return new IllegalArgumentException("the table takes " + bytes + " bytes as a stream, more than a frame holds");
    }

    static void write(VectorSchemaRoot table, MsgPackWriter out) {
        // A first pass counts the bytes (Arrow hands over views of its buffers: nothing is copied), so
        // that the payload writer grows once, not by doubling with a copy per step.
        Counter counter = new Counter();
        write(table, counter);
        if (counter.bytes > Integer.MAX_VALUE) {
            throw tooLarge(counter.bytes);
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

    /**
     * Keeps each large direct buffer written to it as a view (Arrow's views of the table's memory), and
     * copies everything else into arrays between them. Arrow reuses some of the heap buffers it writes
     * (a length prefix, zeros for padding): those must be copied.
     */
    private static final class Gatherer implements WritableByteChannel {
        private final List<ByteBuffer> buffers = new ArrayList<>();
        private byte[] run = new byte[512];
        private int runLength;
        long bytes;
        private boolean open = true;

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            bytes += n;
            if (src.isDirect() && n >= VIEW_MIN_BYTES) {
                endRun();
                buffers.add(src.slice());
            } else {
                if (run.length - runLength < n) {
                    run = Arrays.copyOf(run, Math.max(runLength + n, run.length * 2));
                }
                src.get(src.position(), run, runLength, n);
                runLength += n;
            }
            src.position(src.limit());
            return n;
        }

        private void endRun() {
            if (runLength > 0) {
                buffers.add(ByteBuffer.wrap(run, 0, runLength));
                run = new byte[512];
                runLength = 0;
            }
        }

        ByteBuffer[] buffers() {
            endRun();
            return buffers.toArray(ByteBuffer[]::new);
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
