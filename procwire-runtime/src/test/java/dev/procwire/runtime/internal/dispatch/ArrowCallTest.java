package dev.procwire.runtime.internal.dispatch;

import static dev.procwire.runtime.internal.dispatch.DispatcherTest.directRequest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.procwire.api.Codec;
import dev.procwire.api.Response;
import dev.procwire.api.StreamSink;
import dev.procwire.runtime.arrow.ArrowColumns;
import dev.procwire.runtime.arrow.ArrowPayloads;
import dev.procwire.runtime.arrow.TableBuilder;
import dev.procwire.runtime.binding.Handlers;
import dev.procwire.runtime.codec.MsgPackWriter;
import dev.procwire.runtime.internal.frame.DirectPayloads;
import dev.procwire.runtime.internal.frame.Frame;
import dev.procwire.runtime.internal.frame.FrameSink;
import dev.procwire.runtime.internal.frame.Frames;
import dev.procwire.runtime.internal.transport.Connection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Arrow calls through the dispatcher, as a worker runs them: the request's table is the call's and is
 * closed when the call is over, a table handed back is closed once written or dropped — after every
 * call, whatever its end, nothing of Arrow's memory is left, and no per-request allocator.
 */
class ArrowCallTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final RecordingSink sink = new RecordingSink();
    private final BufferAllocator allocator = ArrowPayloads.allocator();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private Dispatcher dispatcher(Response response, Handlers.Handler handler) {
        return new Dispatcher(Handlers.builder().method("arrowEcho", response, Codec.ARROW, 0, handler).build(),
                executor, 4, 4);
    }

    private static byte[] table(long... ids) {
        MsgPackWriter w = new MsgPackWriter();
        ArrowPayloads.TABLE.encode(w, new TableBuilder().longs("id", ids).build());
        return w.toByteArray();
    }

    /** The ids of the table in an answer, read with Arrow's own reader. */
    private long[] ids(byte[] answer) throws IOException {
        try (ArrowStreamReader r = new ArrowStreamReader(new ByteArrayInputStream(answer), allocator)) {
            List<Long> ids = new ArrayList<>();
            while (r.loadNextBatch()) {
                for (long id : ArrowColumns.longs(r.getVectorSchemaRoot(), "id")) {
                    ids.add(id);
                }
            }
            return ids.stream().mapToLong(Long::longValue).toArray();
        }
    }

    private void assertNothingOfArrowLeft(Dispatcher d) throws InterruptedException {
        assertTrue(d.awaitIdle(5, TimeUnit.SECONDS));
        assertEquals(0, allocator.getAllocatedMemory());
        assertEquals(0, allocator.getChildAllocators().size(), "the requests' allocators are closed");
    }

    @Test
    void theTableOfADirectPayloadIsEchoedAndEverythingIsClosedAfterTheAnswer() throws Exception {
        long[] ids = new long[20_000]; // a payload above the direct threshold
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i * 3L;
        }
        Dispatcher d = dispatcher(Response.RESULT, c -> c.reply(ArrowPayloads.TABLE, ArrowPayloads.read(c)));
        Frame request = directRequest(1, 5, table(ids));
        d.onFrame(request, sink);
        assertNothingOfArrowLeft(d);
        RecordingSink.Sent answer = sink.await(1).get(0);
        assertEquals(Frames.FLAGS_RESULT, answer.flags());
        assertArrayEquals(ids, ids(answer.payload()));
        assertTrue(request.directPayload().isReleased());
    }

    @Test
    void aColumnTransferredOutOfTheCallKeepsItsPooledPayloadFromReuseUntilItIsClosed() throws Exception {
        long[] ids = new long[20_000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i + 1;
        }
        BigIntVector[] kept = new BigIntVector[1];
        Dispatcher d = dispatcher(Response.RESULT, c -> {
            // Against the documented ownership (use the table only during the call), and still safe:
            // the column lives on in the payload's memory, which the pool does not get back meanwhile.
            BigIntVector id = (BigIntVector) ArrowPayloads.read(c).getVector("id");
            kept[0] = new BigIntVector("kept", allocator);
            id.makeTransferPair(kept[0]).transfer();
        });
        Frame request = directRequest(1, 5, table(ids));
        ByteBuffer staleView = request.directPayload().buffer().duplicate();
        d.onFrame(request, sink);
        assertTrue(d.awaitIdle(5, TimeUnit.SECONDS));
        assertTrue(request.directPayload().isReleased(), "the call gave its payload up");
        assertEquals(0, allocator.getChildAllocators().size(), "the request's allocator closed cleanly");
        for (int i = 0; i < ids.length; i++) {
            assertEquals(ids[i], kept[0].get(i), "row " + i + " of the column that outlived its call");
        }
        kept[0].close();
        assertEquals(0, allocator.getAllocatedMemory());
        assertEquals(DirectPayloads.POISON, staleView.get(0), "closing the last column gave the buffer back");
    }

    /** A sink that takes answers in buffers, and notes what Arrow holds while they are written. */
    private final class BufferSink implements FrameSink {
        final List<byte[]> written = new ArrayList<>();
        final List<Long> heldWhileWritten = new ArrayList<>();
        final List<Boolean> directParts = new ArrayList<>();
        IOException failure;

        @Override
        public void send(int methodId, int flags, int requestId, MsgPackWriter payload) {
            throw new AssertionError("a table is sent as its buffers, not through a payload writer");
        }

        @Override
        public void send(int methodId, int flags, int requestId, ByteBuffer payload) {
            throw new AssertionError("a table is sent as its buffers");
        }

        @Override
        public synchronized void send(int methodId, int flags, int requestId, ByteBuffer[] payload) throws IOException {
            heldWhileWritten.add(allocator.getAllocatedMemory());
            for (ByteBuffer b : payload) {
                directParts.add(b.isDirect());
            }
            if (failure != null) {
                throw failure;
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (ByteBuffer b : payload) {
                byte[] bytes = new byte[b.remaining()];
                b.duplicate().get(bytes);
                out.writeBytes(bytes);
            }
            written.add(out.toByteArray());
        }
    }

    @Test
    void anAnsweredTableIsSentAsItsOwnBuffersAndClosedOnlyOnceWritten() throws Exception {
        long[] ids = new long[20_000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = -i;
        }
        BufferSink buffers = new BufferSink();
        Dispatcher d = dispatcher(Response.RESULT, c -> c.reply(ArrowPayloads.TABLE, new TableBuilder().longs("id", ids).build()));
        d.onFrame(new Frame(1, 0, 5, table(1)), buffers);
        assertNothingOfArrowLeft(d);
        assertTrue(buffers.heldWhileWritten.get(0) >= 8L * ids.length, "the table is open while its frame is written");
        assertTrue(buffers.directParts.contains(true), "its column goes out as a view of Arrow's memory, not a copy");
        assertArrayEquals(ids, ids(buffers.written.get(0)));
    }

    @Test
    void aTableWhoseFrameFailsToBeWrittenIsClosed() throws Exception {
        BufferSink failing = new BufferSink();
        failing.failure = new IOException("connection reset");
        Dispatcher d = dispatcher(Response.RESULT, c -> c.reply(ArrowPayloads.TABLE, new TableBuilder().longs("id", new long[5_000])
                .build()));
        d.onFrame(new Frame(1, 0, 5, table(1)), failing);
        assertNothingOfArrowLeft(d);
        assertEquals(1, failing.heldWhileWritten.size());
    }

    @Test
    void aTableIsClosedWhenTheConnectionFailsWhileItsFrameIsWritten() throws Exception {
        Dispatcher d = dispatcher(Response.RESULT, c -> c.reply(ArrowPayloads.TABLE, new TableBuilder()
                .longs("id", new long[4_000_000]).build())); // 32 MB: more than the socket's buffers
        try (SocketPair pair = SocketPair.open()) {
            Connection conn = new Connection(pair.worker(), Frames.DEFAULT_MAX_PAYLOAD);
            d.onFrame(new Frame(1, 0, 5, table(1)), conn);
            ByteBuffer some = ByteBuffer.allocate(64 << 10);
            int read = 0;
            while (read < 1 << 20) { // the frame is being written
                some.clear();
                read += pair.parent().read(some);
            }
            pair.parent().close(); // ... when the parent goes away
            assertNothingOfArrowLeft(d);
            assertTrue(!conn.isOpen(), "the failed write closed the connection");
        }
    }

    @Test
    void aFailureAfterReadingClosesTheRequestsTable() throws Exception {
        Dispatcher d = dispatcher(Response.RESULT, c -> {
            ArrowPayloads.read(c);
            throw new IllegalStateException("failed");
        });
        d.onFrame(new Frame(1, 0, 5, table(1, 2)), sink);
        assertNothingOfArrowLeft(d);
        assertEquals(Map.of("message", "failed", "code", "INTERNAL", "data", "java.lang.IllegalStateException"),
                sink.await(1).get(0).value());
    }

    @Test
    void aMalformedPayloadIsAnInvalidParamsErrorAndLeavesNothing() throws Exception {
        Dispatcher d = dispatcher(Response.RESULT, c -> c.reply(ArrowPayloads.TABLE, ArrowPayloads.read(c)));
        byte[] cut = table(1, 2, 3);
        d.onFrame(new Frame(1, 0, 5, java.util.Arrays.copyOf(cut, cut.length - 20)), sink);
        assertNothingOfArrowLeft(d);
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) sink.await(1).get(0).value();
        assertEquals("INVALID_PARAMS", error.get("code"));
        assertTrue(((String) error.get("message")).startsWith("invalid params for arrowEcho: not "), error.toString());
    }

    @Test
    void aTableReturnedAfterTheAbortIsClosedUnsent() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch aborted = new CountDownLatch(1);
        Dispatcher d = dispatcher(Response.RESULT, c -> {
            VectorSchemaRoot in = ArrowPayloads.read(c);
            VectorSchemaRoot out = new TableBuilder().longs("id", ArrowColumns.longs(in, "id")).build();
            started.countDown();
            aborted.await();
            c.reply(ArrowPayloads.TABLE, out);
        });
        d.onFrame(new Frame(1, 0, 5, table(1, 2)), sink);
        assertTrue(started.await(5, TimeUnit.SECONDS));
        d.onFrame(new Frame(Frames.ABORT_METHOD_ID, 0, 5, new byte[0]), sink);
        aborted.countDown();
        assertNothingOfArrowLeft(d);
        assertTrue(sink.frames().isEmpty());
    }

    @Test
    void aTableCompletedLaterIsWrittenAndClosed() throws Exception {
        Dispatcher d = dispatcher(Response.RESULT, c -> {
            long[] ids = ArrowColumns.longs(ArrowPayloads.read(c), "id");
            c.replyLater(ArrowPayloads.TABLE, CompletableFuture.supplyAsync(
                    () -> new TableBuilder().longs("id", new long[] {ids[0] + 100}).build(), executor));
        });
        d.onFrame(new Frame(1, 0, 5, table(1, 2)), sink);
        assertNothingOfArrowLeft(d);
        assertArrayEquals(new long[] {101}, ids(sink.await(1).get(0).payload()));
    }

    @Test
    void streamedTablesAreEachClosedOnceWritten() throws Exception {
        Dispatcher d = dispatcher(Response.STREAM, c -> {
            StreamSink<VectorSchemaRoot> out = c.stream(ArrowPayloads.TABLE);
            for (long id : ArrowColumns.longs(ArrowPayloads.read(c), "id")) {
                out.send(new TableBuilder().longs("id", new long[] {id}).build());
            }
        });
        d.onFrame(new Frame(1, 0, 5, table(7, 8, 9)), sink);
        assertNothingOfArrowLeft(d);
        List<RecordingSink.Sent> frames = sink.await(4);
        for (int i = 0; i < 3; i++) {
            assertEquals(Frames.FLAGS_CHUNK, frames.get(i).flags());
            assertArrayEquals(new long[] {7 + i}, ids(frames.get(i).payload()));
        }
        assertEquals(Frames.FLAGS_STREAM_END, frames.get(3).flags());
    }
}
