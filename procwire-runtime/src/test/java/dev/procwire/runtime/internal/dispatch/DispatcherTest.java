package dev.procwire.runtime.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.procwire.api.Codec;
import dev.procwire.api.ProcwireException;
import dev.procwire.api.Response;
import dev.procwire.api.StreamSink;
import dev.procwire.runtime.binding.Handlers;
import dev.procwire.runtime.codec.Codecs;
import dev.procwire.runtime.codec.MsgPackWriter;
import dev.procwire.runtime.internal.frame.DirectPayloads;
import dev.procwire.runtime.internal.frame.Frame;
import dev.procwire.runtime.internal.frame.Frames;
import dev.procwire.runtime.internal.frame.PooledPayload;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DispatcherTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final RecordingSink sink = new RecordingSink();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static byte[] msgpack(Object value) {
        MsgPackWriter w = new MsgPackWriter();
        Codecs.writeValue(w, value);
        return w.toByteArray();
    }

    private static Frame request(int methodId, int requestId, Object payload) {
        return new Frame(methodId, 0, requestId, msgpack(payload));
    }

    private Dispatcher dispatcher(Handlers handlers) {
        return new Dispatcher(handlers, executor, 64, 64);
    }

    @Test
    void resultEchoesMethodAndRequestIdIncludingAllOnes() throws Exception {
        Dispatcher d = dispatcher(Handlers.builder().method("echo", c -> c.reply(Codecs.VALUE, c.reader().readValue())).build());
        d.onFrame(request(1, 0xFFFFFFFF, Map.of("a", 1L)), sink);
        RecordingSink.Sent f = sink.await(1).get(0);
        assertEquals(1, f.methodId());
        assertEquals(0xFFFFFFFF, f.requestId());
        assertEquals(Frames.FLAGS_RESULT, f.flags());
        assertEquals(Map.of("a", 1L), f.value());
    }

    @Test
    void voidHandlerAnswersNil() throws Exception {
        Dispatcher d = dispatcher(Handlers.builder().method("noop", c -> {}).build());
        d.onFrame(request(1, 7, null), sink);
        RecordingSink.Sent f = sink.await(1).get(0);
        assertEquals(Frames.FLAGS_RESULT, f.flags());
        assertNull(f.value());
    }

    @Test
    void unknownMethodIdGetsAnErrorFrame() throws Exception {
        Dispatcher d = dispatcher(Handlers.builder().method("echo", c -> {}).build());
        d.onFrame(request(9, 5, null), sink);
        RecordingSink.Sent f = sink.await(1).get(0);
        assertEquals(Frames.FLAGS_ERROR, f.flags());
        assertEquals(9, f.methodId());
        assertEquals("UNKNOWN_METHOD", ((Map<?, ?>) f.value()).get("code"));
    }

    @Test
    void abortedBeforeItsHandlerStartsStillRunsItWithTheTokenCancelled() throws Exception {
        CountDownLatch blockExecutor = new CountDownLatch(1);
        java.util.concurrent.Executor gated = r -> executor.execute(() -> {
            try {
                blockExecutor.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            r.run();
        });
        AtomicBoolean sawCancelled = new AtomicBoolean();
        Dispatcher d = new Dispatcher(Handlers.builder().method("work", c -> {
            c.cancellation().onCancel(() -> sawCancelled.set(true));
        }).build(), gated, 4, 4);
        d.onFrame(request(1, 5, null), sink);
        d.onFrame(new Frame(Frames.ABORT_METHOD_ID, 0, 5, new byte[0]), sink);
        blockExecutor.countDown();
        assertTrue(d.awaitIdle(5, TimeUnit.SECONDS));
        assertTrue(sawCancelled.get(), "a callback registered after the abort runs at once");
        assertTrue(sink.frames().isEmpty());
    }

    @Test
    void handlerExceptionBecomesErrorMapWithCodeAndData() throws Exception {
        Dispatcher d = dispatcher(Handlers.builder()
                .method("fail", c -> { throw new ProcwireException("nope", "E_NOPE", Map.of("k", 1L)); })
                .build());
        d.onFrame(request(1, 3, null), sink);
        Map<?, ?> error = (Map<?, ?>) sink.await(1).get(0).value();
        assertEquals("nope", error.get("message"));
        assertEquals("E_NOPE", error.get("code"));
        assertEquals(Map.of("k", 1L), error.get("data"));
    }

    @Test
    void malformedPayloadGetsInvalidParamsError() throws Exception {
        Dispatcher d = dispatcher(Handlers.builder().method("echo", c -> c.reply(Codecs.VALUE, c.reader().readValue())).build());
        d.onFrame(new Frame(1, 0, 4, new byte[] {(byte) 0xc1}), sink);
        RecordingSink.Sent f = sink.await(1).get(0);
        assertEquals(Frames.FLAGS_ERROR, f.flags());
        assertEquals("INVALID_PARAMS", ((Map<?, ?>) f.value()).get("code"));
    }

    @Test
    void streamSendsChunksThenAnEmptyEndFrame() throws Exception {
        Dispatcher d = dispatcher(Handlers.builder().method("gen", Response.STREAM, c -> {
            StreamSink<Long> out = c.stream(Codecs.LONG);
            out.send(1L);
            out.send(2L);
        }).build());
        d.onFrame(request(1, 8, null), sink);
        List<RecordingSink.Sent> frames = sink.await(3);
        assertEquals(Frames.FLAGS_CHUNK, frames.get(0).flags());
        assertEquals(1L, frames.get(0).value());
        assertEquals(2L, frames.get(1).value());
        assertEquals(Frames.FLAGS_STREAM_END, frames.get(2).flags());
        assertEquals(0, frames.get(2).payload().length);
    }

    @Test
    void streamFailureIsAnErrorOnTheStream() throws Exception {
        Dispatcher d = dispatcher(Handlers.builder().method("gen", Response.STREAM, c -> {
            c.stream(Codecs.LONG).send(1L);
            throw new IllegalStateException("broken");
        }).build());
        d.onFrame(request(1, 8, null), sink);
        List<RecordingSink.Sent> frames = sink.await(2);
        assertEquals(Frames.FLAGS_STREAM_ERROR, frames.get(1).flags());
        assertEquals("broken", ((Map<?, ?>) frames.get(1).value()).get("message"));
    }

    @Test
    void ackThenWorkSendsAckOnceAndNothingAfter() throws Exception {
        CountDownLatch finished = new CountDownLatch(1);
        Dispatcher d = dispatcher(Handlers.builder().method("job", Response.ACK, c -> {
            c.ack(Codecs.VALUE).ack(Map.of("accepted", true));
            c.reply(Codecs.VALUE, "late"); // a second answer: dropped
            finished.countDown();
        }).build());
        d.onFrame(request(1, 2, null), sink);
        assertTrue(finished.await(5, TimeUnit.SECONDS));
        assertTrue(d.awaitIdle(5, TimeUnit.SECONDS));
        List<RecordingSink.Sent> frames = sink.frames();
        assertEquals(1, frames.size());
        assertEquals(Frames.FLAGS_ACK, frames.get(0).flags());
        assertEquals(Map.of("accepted", true), frames.get(0).value());
    }

    @Test
    void nilAckWhenHandlerReturnsWithoutAcknowledging() throws Exception {
        Dispatcher d = dispatcher(Handlers.builder().method("job", Response.ACK, c -> {}).build());
        d.onFrame(request(1, 2, null), sink);
        RecordingSink.Sent f = sink.await(1).get(0);
        assertEquals(Frames.FLAGS_ACK, f.flags());
        assertArrayEquals(new byte[] {(byte) 0xc0}, f.payload(), "MsgPack nil: the parent cannot decode an empty payload");
    }

    @Test
    void rawAckWithoutDataIsEmpty() throws Exception {
        Dispatcher d = dispatcher(Handlers.builder().method("job", Response.ACK, Codec.RAW, 0, c -> c.ack(Codecs.RAW).ack()).build());
        d.onFrame(request(1, 2, null), sink);
        RecordingSink.Sent f = sink.await(1).get(0);
        assertEquals(Frames.FLAGS_ACK, f.flags());
        assertEquals(0, f.payload().length);
    }

    @Test
    void noneMethodSendsNothingEvenWhenItFails() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Dispatcher d = dispatcher(Handlers.builder()
                .method("fire", Response.NONE, c -> { runs.incrementAndGet(); throw new RuntimeException("ignored"); })
                .build());
        d.onFrame(request(1, 0, null), sink);
        assertTrue(d.awaitIdle(5, TimeUnit.SECONDS));
        assertEquals(1, runs.get());
        assertTrue(sink.frames().isEmpty());
    }

    @Test
    void abortFiresTokenAndSuppressesResponse() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean callbackRan = new AtomicBoolean();
        Dispatcher d = dispatcher(Handlers.builder().method("slow", c -> {
            c.cancellation().onCancel(() -> callbackRan.set(true));
            started.countDown();
            while (!c.cancellation().isCancelled()) {
                Thread.sleep(1);
            }
            c.reply(Codecs.STRING, "too late");
        }).build());
        d.onFrame(request(1, 11, null), sink);
        assertTrue(started.await(5, TimeUnit.SECONDS));
        d.onFrame(new Frame(Frames.ABORT_METHOD_ID, 0, 11, new byte[0]), sink);
        assertTrue(d.awaitIdle(5, TimeUnit.SECONDS));
        assertTrue(callbackRan.get());
        assertTrue(sink.frames().isEmpty(), "nothing may be sent for an aborted request: " + sink.frames());
    }

    @Test
    void abortReachesAHandlerThatHoldsItsTokensMonitor() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        Dispatcher d = dispatcher(Handlers.builder().method("hold", c -> {
            dev.procwire.api.CancellationToken token = c.cancellation();
            token.onCancel(cancelled::countDown);
            synchronized (token) { // the user's own use of the object it was given
                holding.countDown();
                cancelled.await(60, TimeUnit.SECONDS);
            }
        }).build());
        d.onFrame(request(1, 13, null), sink);
        assertTrue(holding.await(30, TimeUnit.SECONDS));
        Thread reader = new Thread(() -> d.onFrame(new Frame(Frames.ABORT_METHOD_ID, 0, 13, new byte[0]), sink));
        reader.start();
        assertTrue(cancelled.await(30, TimeUnit.SECONDS), "the abort stalled on the monitor of the handler's token");
        reader.join(TimeUnit.SECONDS.toMillis(30));
        assertTrue(d.awaitIdle(30, TimeUnit.SECONDS));
    }

    @Test
    void abortForUnknownIdIsIgnored() throws Exception {
        Dispatcher d = dispatcher(Handlers.builder().method("echo", c -> c.reply(Codecs.LONG, 1L)).build());
        d.onFrame(new Frame(Frames.ABORT_METHOD_ID, 0, 12345, new byte[0]), sink);
        d.onFrame(request(1, 1, null), sink);
        assertEquals(1L, sink.await(1).get(0).value());
    }

    @Test
    void slowHandlerDoesNotDelayAnother() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Dispatcher d = dispatcher(Handlers.builder()
                .method("slow", c -> { release.await(); c.reply(Codecs.STRING, "slow"); })
                .method("fast", c -> c.reply(Codecs.STRING, "fast"))
                .build());
        d.onFrame(request(1, 1, null), sink);
        d.onFrame(request(2, 2, null), sink);
        RecordingSink.Sent first = sink.await(1).get(0);
        assertEquals("fast", first.value());
        release.countDown();
        assertEquals("slow", sink.await(2).get(1).value());
    }

    @Test
    void requestsBeyondConcurrencyWaitInQueueAndBeyondQueueAreOverloaded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch bothStarted = new CountDownLatch(2);
        AtomicInteger maxSeen = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        Dispatcher d = new Dispatcher(Handlers.builder().method("work", c -> {
            maxSeen.accumulateAndGet(running.incrementAndGet(), Math::max);
            bothStarted.countDown();
            release.await();
            running.decrementAndGet();
            c.reply(Codecs.LONG, c.requestId());
        }).build(), executor, 2, 3);
        for (int id = 1; id <= 6; id++) {
            d.onFrame(request(1, id, null), sink);
        }
        RecordingSink.Sent rejected = sink.await(1).get(0);
        assertEquals(6, rejected.requestId());
        assertEquals("OVERLOADED", ((Map<?, ?>) rejected.value()).get("code"));
        assertEquals(5, d.inFlight());
        assertTrue(bothStarted.await(5, TimeUnit.SECONDS));
        release.countDown();
        List<RecordingSink.Sent> all = sink.await(6);
        assertTrue(d.awaitIdle(5, TimeUnit.SECONDS));
        assertEquals(2, maxSeen.get(), "never more than maxConcurrent handlers at once");
        assertEquals(java.util.Set.of(1, 2, 3, 4, 5, 6),
                all.stream().map(RecordingSink.Sent::requestId).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void queuedCallsRefusedByAShutExecutorAreAnsweredOneAfterAnotherAndLeaveTheDispatcherIdle() throws Exception {
        int queued = 10_000;
        ExecutorService single = Executors.newSingleThreadExecutor();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Dispatcher d = new Dispatcher(Handlers.builder().method("work", c -> {
            started.countDown();
            release.await();
        }).build(), single, 1, queued);
        for (int id = 1; id <= queued + 1; id++) {
            d.onFrame(request(1, id, null), sink);
        }
        assertTrue(started.await(30, TimeUnit.SECONDS));
        single.shutdown(); // the running handler may finish; every queued call is refused from here on
        release.countDown();
        assertTrue(d.awaitIdle(60, TimeUnit.SECONDS), "still in flight: " + d.inFlight());
        List<RecordingSink.Sent> frames = sink.frames();
        assertEquals(queued + 1, frames.size(), "every request is answered");
        RecordingSink.Sent last = frames.get(queued);
        assertEquals(Frames.FLAGS_ERROR, last.flags());
        assertEquals("SHUTTING_DOWN", ((Map<?, ?>) last.value()).get("code"));
    }

    @Test
    void abortedWhileQueuedNeverRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        Dispatcher d = new Dispatcher(Handlers.builder().method("work", c -> {
            runs.incrementAndGet();
            release.await();
        }).build(), executor, 1, 10);
        d.onFrame(request(1, 1, null), sink);
        d.onFrame(request(1, 2, null), sink); // queued
        d.onFrame(new Frame(Frames.ABORT_METHOD_ID, 0, 2, new byte[0]), sink);
        release.countDown();
        assertTrue(d.awaitIdle(5, TimeUnit.SECONDS));
        assertEquals(1, runs.get());
        List<RecordingSink.Sent> frames = sink.frames();
        assertEquals(1, frames.size());
        assertEquals(1, frames.get(0).requestId());
    }

    @Test
    void cancelAllFiresEveryToken() throws Exception {
        int n = 5;
        CountDownLatch started = new CountDownLatch(n);
        CountDownLatch cancelled = new CountDownLatch(n);
        Dispatcher d = dispatcher(Handlers.builder().method("wait", c -> {
            c.cancellation().onCancel(cancelled::countDown);
            started.countDown();
            while (!c.cancellation().isCancelled()) {
                Thread.sleep(1);
            }
        }).build());
        for (int id = 1; id <= n; id++) {
            d.onFrame(request(1, id, null), sink);
        }
        assertTrue(started.await(5, TimeUnit.SECONDS));
        d.cancelAll();
        assertTrue(cancelled.await(5, TimeUnit.SECONDS));
        assertTrue(d.awaitIdle(5, TimeUnit.SECONDS));
        assertTrue(sink.frames().isEmpty());
    }

    @Test
    void asyncResultIsSentWhenTheStageCompletes() throws Exception {
        CompletableFuture<String> later = new CompletableFuture<>();
        Dispatcher d = dispatcher(Handlers.builder().method("later", c -> c.replyLater(Codecs.STRING, later)).build());
        d.onFrame(request(1, 1, null), sink);
        Thread.sleep(50);
        assertTrue(sink.frames().isEmpty(), "no answer before the stage completes");
        assertEquals(1, d.inFlight());
        later.complete("done");
        assertEquals("done", sink.await(1).get(0).value());
        assertTrue(d.awaitIdle(5, TimeUnit.SECONDS));
    }

    @Test
    void rawResultIsSentAsItsBytes() throws Exception {
        Dispatcher d = dispatcher(Handlers.builder()
                .method("raw", Response.RESULT, Codec.RAW, 0, c -> c.replyRaw(c.payload()))
                .build());
        d.onFrame(new Frame(1, 0, 1, new byte[] {1, 2, 3}), sink);
        assertArrayEquals(new byte[] {1, 2, 3}, sink.await(1).get(0).payload());
    }

    @Test
    void requestWhosePayloadTheReaderCouldNotHoldGetsAnInternalErrorAndRunsNothing() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Dispatcher d = dispatcher(Handlers.builder()
                .method("echo", c -> runs.incrementAndGet())
                .method("chunks", Response.STREAM, c -> runs.incrementAndGet())
                .method("fire", Response.NONE, c -> runs.incrementAndGet())
                .build());
        String why = "the request's payload of 16777216 bytes does not fit in the worker's memory (Java heap space)";
        d.onFrame(Frame.withoutPayload(1, 0, 5, why), sink);
        d.onFrame(Frame.withoutPayload(2, 0, 6, why), sink);
        d.onFrame(Frame.withoutPayload(3, 0, 0, why), sink);
        List<RecordingSink.Sent> sent = sink.await(2);
        assertEquals(Frames.FLAGS_ERROR, sent.get(0).flags());
        Map<?, ?> error = (Map<?, ?>) sent.get(0).value();
        assertEquals("INTERNAL", error.get("code"));
        assertEquals("echo: " + why, error.get("message"));
        assertEquals(Frames.FLAGS_STREAM_ERROR, sent.get(1).flags());
        assertEquals(0, runs.get());
        assertEquals(0, d.inFlight());
        Thread.sleep(50);
        assertEquals(2, sink.frames().size(), "a none method's request is not answered");
    }

    static Frame directRequest(int methodId, int requestId, byte[] bytes) {
        PooledPayload p = DirectPayloads.take(bytes.length);
        p.buffer().put(0, bytes).limit(bytes.length);
        return Frame.direct(methodId, 0, requestId, p);
    }

    @Test
    void directPayloadIsAnsweredWithoutCopyAndReleasedOnlyAfterTheAnswer() throws Exception {
        byte[] bytes = new byte[100_000];
        new java.util.Random(1).nextBytes(bytes);
        Frame frame = directRequest(1, 3, bytes);
        java.nio.ByteBuffer[] seen = new java.nio.ByteBuffer[1];
        Dispatcher d = dispatcher(Handlers.builder().method("echoRaw", Response.RESULT, Codec.RAW, 0, c -> {
            seen[0] = c.payload();
            c.replyRaw(c.payload());
        }).build());
        FrameSinkProbe probe = new FrameSinkProbe(sink, frame.directPayload());
        d.onFrame(frame, probe);
        RecordingSink.Sent f = sink.await(1).get(0);
        assertArrayEquals(bytes, f.payload());
        assertTrue(seen[0].isDirect() && seen[0].isReadOnly(), "the handler sees a read-only view of the direct bytes");
        assertTrue(d.awaitIdle(5, TimeUnit.SECONDS));
        assertTrue(frame.directPayload().isReleased(), "the payload went back to the pool once the call was over");
    }

    @Test
    void msgpackReaderWorksOverADirectPayload() throws Exception {
        Dispatcher d = dispatcher(Handlers.builder().method("echo", c -> c.reply(Codecs.VALUE, c.reader().readValue())).build());
        d.onFrame(directRequest(1, 4, msgpack(Map.of("k", "v"))), sink);
        assertEquals(Map.of("k", "v"), sink.await(1).get(0).value());
    }

    @Test
    void directPayloadOfAFrameThatRunsNothingIsReleasedAtOnce() throws Exception {
        Dispatcher d = dispatcher(Handlers.builder().method("echo", c -> {}).build());
        Frame unknown = directRequest(9, 5, new byte[70_000]);
        d.onFrame(unknown, sink);
        assertTrue(unknown.directPayload().isReleased(), "released before the error answer is awaited");
        sink.await(1);
    }

    /** Forwards to a sink and checks that the direct payload is still leased when its answer is sent. */
    private static final class FrameSinkProbe implements dev.procwire.runtime.internal.frame.FrameSink {
        private final RecordingSink target;
        private final PooledPayload lease;

        FrameSinkProbe(RecordingSink target, PooledPayload lease) {
            this.target = target;
            this.lease = lease;
        }

        @Override
        public void send(int methodId, int flags, int requestId, MsgPackWriter payload) throws java.io.IOException {
            target.send(methodId, flags, requestId, payload);
        }

        @Override
        public void send(int methodId, int flags, int requestId, java.nio.ByteBuffer payload) throws java.io.IOException {
            assertTrue(!lease.isReleased(), "the payload was released before its answer went out");
            target.send(methodId, flags, requestId, payload);
        }
    }
}
