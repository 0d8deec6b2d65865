package dev.procwire.runtime.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.procwire.api.Response;
import dev.procwire.api.StreamSink;
import dev.procwire.runtime.binding.Handlers;
import dev.procwire.runtime.codec.Codecs;
import dev.procwire.runtime.codec.Encoder;
import dev.procwire.runtime.codec.MsgPackWriter;
import dev.procwire.runtime.internal.Log;
import dev.procwire.runtime.internal.frame.Frame;
import dev.procwire.runtime.internal.frame.Frames;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code Call.closeWhenDone}: what a handler hands over is closed once, when the call is over — after
 * its answer went out, whatever the answer — in reverse order; a failure to close is logged, never
 * answered. And a value the runtime drops unsent goes to its encoder's {@code discard}.
 */
class CloseWhenDoneTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final RecordingSink sink = new RecordingSink();
    /** What happened, in order: "close a (2 frames sent)" and the like. */
    private final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        executor.shutdownNow();
        Log.useStream(System.err);
    }

    private Dispatcher dispatcher(Handlers handlers) {
        return new Dispatcher(handlers, executor, 8, 8);
    }

    private static Frame request(int methodId, int requestId) {
        return new Frame(methodId, 0, requestId, new byte[] {(byte) 0xc0});
    }

    /** A resource that records its closing, and how many frames had been sent by then. */
    private AutoCloseable resource(String name) {
        return () -> events.add("close " + name + " (" + sink.frames().size() + " sent)");
    }

    @Test
    void resourcesAreClosedOnceAfterTheResultWentOutInReverseOrder() throws Exception {
        Dispatcher d = dispatcher(Handlers.builder().method("m", c -> {
            c.closeWhenDone(resource("a"));
            c.closeWhenDone(resource("b"));
            c.reply(Codecs.STRING, "done");
        }).build());
        d.onFrame(request(1, 3), sink);
        assertTrue(d.awaitIdle(5, TimeUnit.SECONDS));
        assertEquals(List.of("close b (1 sent)", "close a (1 sent)"), events);
        assertEquals(Frames.FLAGS_RESULT, sink.frames().get(0).flags());
    }

    @Test
    void aResourceOfAnAsynchronousResultIsClosedWhenTheStageHasCompletedAndBeenAnswered() throws Exception {
        CompletableFuture<String> result = new CompletableFuture<>();
        CountDownLatch returned = new CountDownLatch(1);
        Dispatcher d = dispatcher(Handlers.builder().method("m", c -> {
            c.closeWhenDone(resource("a"));
            c.replyLater(Codecs.STRING, result);
            returned.countDown();
        }).build());
        d.onFrame(request(1, 3), sink);
        assertTrue(returned.await(5, TimeUnit.SECONDS));
        Thread.sleep(50); // the handler has returned: nothing may be closed before the stage completes
        assertEquals(List.of(), events);
        result.complete("later");
        assertTrue(d.awaitIdle(5, TimeUnit.SECONDS));
        assertEquals(List.of("close a (1 sent)"), events);
    }

    @Test
    void aStreamsResourceIsClosedAfterItsEndFrame() throws Exception {
        Dispatcher d = dispatcher(Handlers.builder().method("s", Response.STREAM, c -> {
            c.closeWhenDone(resource("a"));
            StreamSink<String> out = c.stream(Codecs.STRING);
            out.send("one");
            out.send("two");
        }).build());
        d.onFrame(request(1, 3), sink);
        assertTrue(d.awaitIdle(5, TimeUnit.SECONDS));
        assertEquals(List.of("close a (3 sent)"), events);
        assertEquals(Frames.FLAGS_STREAM_END, sink.frames().get(2).flags());
    }

    @Test
    void aFailedCallsResourceIsClosedAfterItsErrorFrame() throws Exception {
        Dispatcher d = dispatcher(Handlers.builder().method("m", c -> {
            c.closeWhenDone(resource("a"));
            throw new dev.procwire.api.ProcwireException("no", "NOPE", null);
        }).build());
        d.onFrame(request(1, 3), sink);
        assertTrue(d.awaitIdle(5, TimeUnit.SECONDS));
        assertEquals(List.of("close a (1 sent)"), events);
        assertEquals(Frames.FLAGS_ERROR, sink.frames().get(0).flags());
    }

    @Test
    void anAbortedCallsResourceIsClosedWhenItsHandlerReturnsNotWhenTheAbortArrives() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Dispatcher d = dispatcher(Handlers.builder().method("m", c -> {
            c.closeWhenDone(resource("a"));
            started.countDown();
            release.await(); // still using the resource after the abort
            events.add("handler returns");
        }).build());
        d.onFrame(request(1, 3), sink);
        assertTrue(started.await(5, TimeUnit.SECONDS));
        d.onFrame(new Frame(Frames.ABORT_METHOD_ID, 0, 3, new byte[0]), sink);
        assertEquals(List.of(), events);
        release.countDown();
        assertTrue(d.awaitIdle(5, TimeUnit.SECONDS));
        assertEquals(List.of("handler returns", "close a (0 sent)"), events);
    }

    @Test
    void aResourceThatFailsToCloseIsLoggedAndTheOthersAreStillClosedAndTheAnswerStands() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Log.useStream(new PrintStream(log, true, StandardCharsets.UTF_8));
        Dispatcher d = dispatcher(Handlers.builder().method("m", c -> {
            c.closeWhenDone(resource("a"));
            c.closeWhenDone(() -> {
                throw new IllegalStateException("cannot close b");
            });
            c.reply(Codecs.STRING, "done");
        }).build());
        d.onFrame(request(1, 3), sink);
        assertTrue(d.awaitIdle(5, TimeUnit.SECONDS));
        assertEquals(List.of("close a (1 sent)"), events);
        assertEquals(1, sink.frames().size());
        assertEquals("done", sink.frames().get(0).value());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("cannot close b"), log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aResourceHandedOverAfterTheCallIsOverIsClosedAtOnce() throws Exception {
        AtomicReference<dev.procwire.runtime.binding.Call> kept = new AtomicReference<>();
        Dispatcher d = dispatcher(Handlers.builder().method("m", kept::set).build());
        d.onFrame(request(1, 3), sink);
        assertTrue(d.awaitIdle(5, TimeUnit.SECONDS));
        kept.get().closeWhenDone(resource("late"));
        assertEquals(List.of("close late (1 sent)"), events);
    }

    /** An encoder that records the values it is asked to discard. */
    private Encoder<String> recordingDiscards() {
        return new Encoder<>() {
            @Override
            public void encode(MsgPackWriter out, String value) {
                out.writeString(value);
            }

            @Override
            public void discard(String value) {
                events.add("discard " + value);
            }
        };
    }

    @Test
    void aResultAfterTheAbortIsDiscardedUnsent() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch aborted = new CountDownLatch(1);
        Dispatcher d = dispatcher(Handlers.builder().method("m", c -> {
            started.countDown();
            aborted.await();
            c.reply(recordingDiscards(), "too late");
        }).build());
        d.onFrame(request(1, 3), sink);
        assertTrue(started.await(5, TimeUnit.SECONDS));
        d.onFrame(new Frame(Frames.ABORT_METHOD_ID, 0, 3, new byte[0]), sink);
        aborted.countDown();
        assertTrue(d.awaitIdle(5, TimeUnit.SECONDS));
        assertEquals(List.of("discard too late"), events);
        assertTrue(sink.frames().isEmpty());
    }

    @Test
    void aSecondAnswerIsDiscardedUnsent() throws Exception {
        Dispatcher d = dispatcher(Handlers.builder().method("m", c -> {
            c.reply(recordingDiscards(), "first");
            c.reply(recordingDiscards(), "second");
        }).build());
        d.onFrame(request(1, 3), sink);
        assertTrue(d.awaitIdle(5, TimeUnit.SECONDS));
        assertEquals(List.of("discard second"), events);
        assertEquals("first", sink.frames().get(0).value());
    }

    @Test
    void aChunkSentAfterTheAbortIsDiscardedUnsent() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch aborted = new CountDownLatch(1);
        Dispatcher d = dispatcher(Handlers.builder().method("s", Response.STREAM, c -> {
            StreamSink<String> out = c.stream(recordingDiscards());
            started.countDown();
            aborted.await();
            assertThrows(CancellationException.class, () -> out.send("too late"));
        }).build());
        d.onFrame(request(1, 3), sink);
        assertTrue(started.await(5, TimeUnit.SECONDS));
        d.onFrame(new Frame(Frames.ABORT_METHOD_ID, 0, 3, new byte[0]), sink);
        aborted.countDown();
        assertTrue(d.awaitIdle(5, TimeUnit.SECONDS));
        assertEquals(List.of("discard too late"), events);
    }

    @Test
    void anEventWithNoParentConnectedIsDiscardedUnsent() {
        new EventSender(List.of()).emitter(1, recordingDiscards()).emit("nobody listens");
        assertEquals(List.of("discard nobody listens"), events);
    }
}
