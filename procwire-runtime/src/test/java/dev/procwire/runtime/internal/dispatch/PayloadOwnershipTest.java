package dev.procwire.runtime.internal.dispatch;

import static dev.procwire.runtime.internal.dispatch.DispatcherTest.directRequest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.procwire.api.Codec;
import dev.procwire.api.Response;
import dev.procwire.runtime.binding.Handlers;
import dev.procwire.runtime.codec.Codecs;
import dev.procwire.runtime.internal.frame.Frame;
import dev.procwire.runtime.internal.frame.Frames;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A pooled direct payload has one owner at a time and goes back to the pool exactly once, after its
 * call is over — whatever becomes of the call. Method 1 ({@code hold}) occupies the only handler slot
 * until {@link #free} is opened, so the raw requests behind it (method 2, {@code echoRaw}) wait in the
 * queue. The suite runs with assertions on, so a second release of any lease fails with an
 * {@link AssertionError} where it happens, and a released buffer is poisoned.
 */
class PayloadOwnershipTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final RecordingSink sink = new RecordingSink();
    private final CountDownLatch free = new CountDownLatch(1);
    private final CountDownLatch holding = new CountDownLatch(1);

    @AfterEach
    void stop() {
        free.countDown();
        executor.shutdownNow();
    }

    private Dispatcher oneSlot(int maxQueued, Handlers.Handler echoRaw) {
        return new Dispatcher(Handlers.builder()
                .method("hold", c -> {
                    holding.countDown();
                    free.await();
                })
                .method("echoRaw", Response.RESULT, Codec.RAW, 0, echoRaw)
                .build(), executor, 1, maxQueued);
    }

    private static Handlers.Handler echo() {
        return c -> c.replyRaw(c.payload());
    }

    private void hold(Dispatcher d) throws InterruptedException {
        d.onFrame(new Frame(1, 0, 1, new byte[] {(byte) 0xc0}), sink);
        assertTrue(holding.await(5, TimeUnit.SECONDS));
    }

    private static byte[] pattern(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void queuedRawPayloadsKeepTheirBytesWhileLaterFramesTakeBuffers() throws Exception {
        Dispatcher d = oneSlot(100, echo());
        hold(d);
        int n = 8;
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] bytes = pattern(100_000, i);
            sent.add(bytes);
            d.onFrame(directRequest(2, 10 + i, bytes), sink); // queued: each takes a buffer from the pool
        }
        free.countDown();
        List<RecordingSink.Sent> answers = sink.await(1 + n);
        assertTrue(d.awaitIdle(5, TimeUnit.SECONDS));
        for (RecordingSink.Sent a : answers) {
            if (a.requestId() >= 10) {
                assertEquals(Frames.FLAGS_RESULT, a.flags());
                assertArrayEquals(sent.get(a.requestId() - 10), a.payload(), "answer to request " + a.requestId());
            }
        }
    }

    @Test
    void queuedPayloadIsReleasedOnlyAfterItsCallHasRun() throws Exception {
        Dispatcher d = oneSlot(100, echo());
        hold(d);
        Frame queued = directRequest(2, 7, pattern(70_000, 7));
        d.onFrame(queued, sink);
        assertFalse(queued.directPayload().isReleased(), "the queued call still owns its payload");
        free.countDown();
        assertTrue(d.awaitIdle(5, TimeUnit.SECONDS));
        assertTrue(queued.directPayload().isReleased());
    }

    @Test
    void payloadAbortedWhileQueuedIsReleasedAtOnceAndNeverAnswered() throws Exception {
        Dispatcher d = oneSlot(100, echo());
        hold(d);
        Frame queued = directRequest(2, 7, pattern(70_000, 7));
        d.onFrame(queued, sink);
        d.onFrame(new Frame(Frames.ABORT_METHOD_ID, 0, 7, new byte[0]), sink);
        assertTrue(queued.directPayload().isReleased(), "released without waiting for the running call");
        assertEquals(1, d.inFlight(), "only the running call is left");
        free.countDown();
        assertTrue(d.awaitIdle(5, TimeUnit.SECONDS));
        assertEquals(List.of(1), sink.frames().stream().map(RecordingSink.Sent::requestId).toList());
    }

    @Test
    void droppedConnectionReleasesEveryQueuedPayloadAtOnce() throws Exception {
        Dispatcher d = oneSlot(100, echo());
        hold(d);
        List<Frame> queued = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Frame f = directRequest(2, 20 + i, pattern(70_000 + i, i));
            queued.add(f);
            d.onFrame(f, sink);
        }
        d.cancelAll(); // what the worker does when the data connection drops
        for (Frame f : queued) {
            assertTrue(f.directPayload().isReleased(), "request " + f.requestId() + " gave its payload back");
        }
        assertEquals(1, d.inFlight());
        free.countDown();
        assertTrue(d.awaitIdle(5, TimeUnit.SECONDS));
        assertTrue(sink.frames().isEmpty(), "nothing is answered after the connection dropped");
    }

    @Test
    void overloadedRequestIsReleasedAtOnce() throws Exception {
        Dispatcher d = oneSlot(0, echo());
        hold(d);
        Frame rejected = directRequest(2, 8, pattern(70_000, 8));
        d.onFrame(rejected, sink);
        assertTrue(rejected.directPayload().isReleased());
        assertEquals("OVERLOADED", ((Map<?, ?>) sink.await(1).get(0).value()).get("code"));
    }

    @Test
    void strayAuthFrameIsReleasedAtOnce() {
        Dispatcher d = oneSlot(100, echo());
        Frame auth = directRequest(Frames.AUTH_METHOD_ID, 0, pattern(70_000, 1));
        d.onFrame(auth, sink);
        assertTrue(auth.directPayload().isReleased());
        assertTrue(sink.frames().isEmpty());
    }

    @Test
    void failingHandlerReleasesItsPayloadOnce() throws Exception {
        Dispatcher d = oneSlot(100, c -> {
            throw new IllegalStateException("boom");
        });
        Frame f = directRequest(2, 9, pattern(70_000, 9));
        d.onFrame(f, sink);
        assertEquals(Frames.FLAGS_ERROR, sink.await(1).get(0).flags());
        assertTrue(d.awaitIdle(5, TimeUnit.SECONDS));
        assertTrue(f.directPayload().isReleased());
    }

    @Test
    void asynchronousAnswerKeepsThePayloadUntilItIsSent() throws Exception {
        CompletableFuture<byte[]> later = new CompletableFuture<>();
        ByteBuffer[] view = new ByteBuffer[1];
        Dispatcher d = oneSlot(100, c -> {
            view[0] = c.payload();
            c.replyLater(Codecs.BINARY, later);
        });
        byte[] bytes = pattern(70_000, 3);
        Frame f = directRequest(2, 3, bytes);
        d.onFrame(f, sink);
        assertTrue(d.awaitIdle(200, TimeUnit.MILLISECONDS) == false, "the call is open until its stage completes");
        assertFalse(f.directPayload().isReleased(), "the handler may still read its payload");
        byte[] copy = new byte[view[0].remaining()];
        view[0].get(copy);
        later.complete(copy);
        sink.await(1);
        assertTrue(d.awaitIdle(5, TimeUnit.SECONDS));
        assertTrue(f.directPayload().isReleased());
    }

    @Test
    void requestTheExecutorRefusesIsReleased() throws Exception {
        ExecutorService closed = Executors.newSingleThreadExecutor();
        closed.shutdown();
        Dispatcher d = new Dispatcher(Handlers.builder().method("echoRaw", Response.RESULT, Codec.RAW, 0, echo()).build(),
                closed, 4, 4);
        Frame f = directRequest(1, 4, pattern(70_000, 4));
        d.onFrame(f, sink);
        assertTrue(f.directPayload().isReleased());
        assertEquals(0, d.inFlight());
    }
}
