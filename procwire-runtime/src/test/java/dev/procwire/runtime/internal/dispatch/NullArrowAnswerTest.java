package dev.procwire.runtime.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.procwire.api.Codec;
import dev.procwire.api.EventEmitter;
import dev.procwire.api.Response;
import dev.procwire.api.StreamSink;
import dev.procwire.runtime.arrow.ArrowPayloads;
import dev.procwire.runtime.binding.Handlers;
import dev.procwire.runtime.codec.Codecs;
import dev.procwire.runtime.internal.frame.Frame;
import dev.procwire.runtime.internal.frame.Frames;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code null} where an Arrow table is answered — a result, a chunk, an ack, an event — is an error
 * naming the method (or event) and the fix: sent as an empty payload, the parent's {@code arrowCodec}
 * would read it as a table of no columns, though the generated TypeScript promises a {@code Table} of
 * the method's shape. A {@code null} of a MsgPack or raw method goes out as before.
 */
class NullArrowAnswerTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final RecordingSink sink = new RecordingSink();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private Dispatcher dispatcher(String name, Response response, Codec codec, Handlers.Handler handler) {
        return new Dispatcher(Handlers.builder().method(name, response, codec, 0, handler).build(), executor, 4, 4);
    }

    /** The one frame the call sent, once it is over. */
    private RecordingSink.Sent answer(Dispatcher d) throws InterruptedException {
        d.onFrame(new Frame(1, 0, 5, new byte[0]), sink);
        assertTrue(d.awaitIdle(5, TimeUnit.SECONDS));
        List<RecordingSink.Sent> frames = sink.await(1);
        assertEquals(1, frames.size(), frames.toString());
        return frames.get(0);
    }

    private static Map<String, Object> internalError(String message) {
        return Map.of("message", message, "code", "INTERNAL", "data", "java.lang.IllegalArgumentException");
    }

    @Test
    void aNullArrowResultIsAnErrorNamingTheMethodAndTheFix() throws Exception {
        RecordingSink.Sent f = answer(dispatcher("search", Response.RESULT, Codec.ARROW,
                c -> c.reply(ArrowPayloads.TABLE, null)));
        assertEquals(Frames.FLAGS_ERROR, f.flags());
        assertEquals(internalError("search returned null, but its result is an Arrow table: return a table of no rows"
                + " (an empty list of rows, a column record of empty columns) instead"), f.value());
    }

    @Test
    void aNullArrowResultCompletedLaterIsAnErrorNamingTheMethod() throws Exception {
        RecordingSink.Sent f = answer(dispatcher("search", Response.RESULT, Codec.ARROW,
                c -> c.replyLater(ArrowPayloads.encoder((Object x) -> (VectorSchemaRoot) x),
                        CompletableFuture.supplyAsync(() -> null, executor))));
        assertEquals(Frames.FLAGS_ERROR, f.flags());
        assertEquals(internalError("search returned null, but its result is an Arrow table: return a table of no rows"
                + " (an empty list of rows, a column record of empty columns) instead"), f.value());
    }

    @Test
    void aNullArrowChunkIsAnErrorNamingTheMethodAndTheFix() throws Exception {
        RecordingSink.Sent f = answer(dispatcher("pages", Response.STREAM, Codec.ARROW, c -> {
            StreamSink<VectorSchemaRoot> out = c.stream(ArrowPayloads.TABLE);
            out.send(null);
        }));
        assertEquals(Frames.FLAGS_STREAM_ERROR, f.flags());
        assertEquals(internalError("pages sent a null chunk, but its chunks are Arrow tables: send a table of no rows"
                + " instead, or no chunk"), f.value());
    }

    @Test
    void aNullArrowAckIsAnErrorNamingTheMethodAndTheFix() throws Exception {
        RecordingSink.Sent f = answer(dispatcher("ingest", Response.ACK, Codec.ARROW,
                c -> c.ack(ArrowPayloads.TABLE).ack(null)));
        assertEquals(Frames.FLAGS_ERROR, f.flags());
        assertEquals(internalError("ingest acked null, but its ack is an Arrow table: ack a table of no rows instead"),
                f.value());
    }

    @Test
    void aNullArrowEventIsRefusedToItsEmitterNamingTheEventAndTheFix() {
        Handlers binding = Handlers.builder().event("batch", Codec.ARROW).build();
        EventSender events = new EventSender(binding.events());
        binding.attach(events);
        events.connect(sink);
        EventEmitter<VectorSchemaRoot> batch = binding.emitter("batch", ArrowPayloads.TABLE);
        assertEquals("event 'batch' is null, but it is an Arrow table: emit a table of no rows instead",
                assertThrows(IllegalArgumentException.class, () -> batch.emit(null)).getMessage());
        assertTrue(sink.frames().isEmpty(), "nothing was sent");
    }

    @Test
    void aNullMsgPackResultIsStillNil() throws Exception {
        RecordingSink.Sent f = answer(dispatcher("find", Response.RESULT, Codec.MSGPACK, c -> c.reply(Codecs.STRING, null)));
        assertEquals(Frames.FLAGS_RESULT, f.flags());
        assertArrayEquals(new byte[] {(byte) 0xc0}, f.payload());
    }

    @Test
    void aNullRawResultIsStillEmpty() throws Exception {
        RecordingSink.Sent f = answer(dispatcher("bytes", Response.RESULT, Codec.RAW, c -> c.reply(Codecs.RAW, null)));
        assertEquals(Frames.FLAGS_RESULT, f.flags());
        assertEquals(0, f.payload().length);
    }

    @Test
    void aNullMsgPackEventIsStillSent() {
        Handlers binding = Handlers.builder().event("log").build();
        EventSender events = new EventSender(binding.events());
        binding.attach(events);
        events.connect(sink);
        binding.emitter("log", Codecs.STRING).emit(null);
        assertArrayEquals(new byte[] {(byte) 0xc0}, sink.frames().get(0).payload());
    }
}
