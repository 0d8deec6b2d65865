package dev.procwire.runtime.arrow;

import dev.procwire.runtime.codec.MsgPackWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.List;
import java.util.function.Consumer;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/** IPC streams for tests: written by the runtime's encoder, or by Arrow's own writer batch by batch. */
final class ArrowStreams {
    private ArrowStreams() {}

    /** What {@link ArrowPayloads#TABLE} writes for {@code table} (which it closes). */
    static byte[] encode(VectorSchemaRoot table) {
        MsgPackWriter out = new MsgPackWriter();
        ArrowPayloads.TABLE.encode(out, table);
        return out.toByteArray();
    }

    /** The table in {@code bytes}, read as a request's payload is; the caller closes it. */
    static VectorSchemaRoot decode(byte[] bytes) {
        return StreamReading.read(ByteBuffer.wrap(bytes), ArrowPayloads.allocator());
    }

    /** The table through the runtime's writer and reader: what a round trip gives the other side. */
    static VectorSchemaRoot roundTrip(VectorSchemaRoot table) {
        return decode(encode(table));
    }

    /**
     * A stream written by Arrow's writer: {@code root}'s schema, then one batch per entry of
     * {@code batches}, each filling {@code root} before it is written. Closes nothing.
     */
    static byte[] stream(VectorSchemaRoot root, DictionaryProvider dictionaries, List<Consumer<VectorSchemaRoot>> batches) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArrowStreamWriter w = new ArrowStreamWriter(root, dictionaries, Channels.newChannel(bytes))) {
            w.start();
            for (Consumer<VectorSchemaRoot> batch : batches) {
                batch.accept(root);
                w.writeBatch();
            }
            w.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
