package dev.procwire.processor;

import dev.procwire.runtime.binding.MethodDescriptor;
import dev.procwire.runtime.binding.ServiceBinding;
import dev.procwire.runtime.codec.MsgPackWriter;
import dev.procwire.runtime.internal.dispatch.Dispatcher;
import dev.procwire.runtime.internal.dispatch.EventSender;
import dev.procwire.runtime.internal.frame.Frame;
import dev.procwire.runtime.internal.frame.FrameSink;
import dev.procwire.runtime.internal.frame.Frames;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Serves a generated binding through the runtime's real {@link Dispatcher} and {@link EventSender},
 * recording every frame the worker would send to the parent.
 */
final class Harness implements AutoCloseable {
    /** A frame sent to the parent. */
    record Sent(int methodId, int flags, int requestId, byte[] payload) {
        Object value() {
            return Msg.unpack(payload);
        }
    }

    private final ServiceBinding binding;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Dispatcher dispatcher;
    private final List<Sent> sent = new ArrayList<>();
    private int nextRequestId = 1000;
    private final FrameSink sink = new FrameSink() {
        @Override
        public void send(int methodId, int flags, int requestId, MsgPackWriter payload) {
            record(methodId, flags, requestId, Arrays.copyOfRange(payload.buffer(), payload.headroom(),
                    payload.headroom() + payload.size()));
        }

        @Override
        public void send(int methodId, int flags, int requestId, ByteBuffer payload) {
            byte[] b = new byte[payload.remaining()];
            payload.duplicate().get(b);
            record(methodId, flags, requestId, b);
        }
    };

    Harness(ServiceBinding binding) {
        this.binding = binding;
        this.dispatcher = new Dispatcher(binding, executor, 64, 64);
        EventSender events = new EventSender(binding.events());
        events.connect(sink);
        binding.attach(events);
    }

    private synchronized void record(int methodId, int flags, int requestId, byte[] payload) {
        sent.add(new Sent(methodId, flags, requestId, payload));
        notifyAll();
    }

    int id(String method) {
        for (MethodDescriptor m : binding.methods()) {
            if (m.name().equals(method)) {
                return m.id();
            }
        }
        throw new IllegalArgumentException("no method " + method);
    }

    /** Sends a request and does not wait. */
    void start(String method, int requestId, byte[] payload) {
        dispatcher.onFrame(new Frame(id(method), 0, requestId, payload), sink);
    }

    /** Sends a request, waits until every handler has finished, and returns the frames for it. */
    List<Sent> call(String method, int requestId, byte[] payload) throws InterruptedException {
        start(method, requestId, payload);
        awaitIdle();
        return framesFor(requestId);
    }

    /** Sends a request with a fresh request id, waits until handlers finish, and returns its frames. */
    List<Sent> call(String method, byte[] payload) throws InterruptedException {
        return call(method, nextRequestId++, payload);
    }

    /** The single answer to a request: its only frame. */
    Sent answer(String method, byte[] payload) throws InterruptedException {
        List<Sent> frames = call(method, payload);
        if (frames.size() != 1) {
            throw new AssertionError("expected one frame, got " + frames.size());
        }
        return frames.get(0);
    }

    /** The value of the result frame that answers {@code payload} (MsgPack of it); fails on any other answer. */
    Object result(String method, Object payload) throws InterruptedException {
        Sent s = answer(method, Msg.pack(payload));
        if (s.flags() != Frames.FLAGS_RESULT) {
            throw new AssertionError("not a result: " + s.value());
        }
        return s.value();
    }

    /** The value of the error frame that answers {@code payload}; fails on any other answer. */
    Object error(String method, Object payload) throws InterruptedException {
        Sent s = answer(method, Msg.pack(payload));
        if (s.flags() != Frames.FLAGS_ERROR) {
            throw new AssertionError("not an error: " + s.value());
        }
        return s.value();
    }

    void abort(int requestId) {
        dispatcher.onFrame(new Frame(Frames.ABORT_METHOD_ID, 0, requestId, new byte[0]), sink);
    }

    void awaitIdle() throws InterruptedException {
        if (!dispatcher.awaitIdle(5, TimeUnit.SECONDS)) {
            throw new AssertionError("handlers still running after 5 s");
        }
    }

    int inFlight() {
        return dispatcher.inFlight();
    }

    /** Waits until a frame for {@code requestId} has been sent and returns it. */
    synchronized Sent awaitFrame(int requestId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            for (Sent s : sent) {
                if (s.requestId() == requestId) {
                    return s;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no frame for request " + requestId);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    synchronized List<Sent> framesFor(int requestId) {
        return sent.stream().filter(s -> s.requestId() == requestId && (s.flags() & Frames.RESPONSE) != 0).toList();
    }

    /** Events: frames with request id 0 and only the to-parent flag. */
    synchronized List<Sent> events() {
        return sent.stream().filter(s -> s.requestId() == 0 && s.flags() == Frames.FLAGS_EVENT).toList();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
