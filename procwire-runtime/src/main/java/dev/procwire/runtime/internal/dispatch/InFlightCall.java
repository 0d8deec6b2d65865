package dev.procwire.runtime.internal.dispatch;

import dev.procwire.api.AckSink;
import dev.procwire.api.CancellationToken;
import dev.procwire.api.Codec;
import dev.procwire.api.RequestContext;
import dev.procwire.api.Response;
import dev.procwire.api.StreamSink;
import dev.procwire.runtime.internal.Log;
import dev.procwire.runtime.binding.Call;
import dev.procwire.runtime.binding.MethodDescriptor;
import dev.procwire.runtime.binding.ServiceBinding;
import dev.procwire.runtime.codec.Encoder;
import dev.procwire.runtime.codec.InvalidPayloadException;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import dev.procwire.runtime.internal.frame.BufferEncoder;
import dev.procwire.runtime.internal.frame.BufferPayload;
import dev.procwire.runtime.internal.frame.Frame;
import dev.procwire.runtime.internal.frame.FrameSink;
import dev.procwire.runtime.internal.frame.PayloadHolder;
import dev.procwire.runtime.internal.frame.PooledPayload;
import dev.procwire.runtime.internal.frame.Frames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One request from arrival to its last frame. Its state only moves forward — open, then answered or
 * cancelled — so exactly one final answer is sent, and nothing after cancellation.
 */
final class InFlightCall implements Call, CancellationToken, RequestContext, PayloadHolder, Runnable {
    private static final int OPEN = 0;
    private static final int ANSWERED = 1;
    private static final int CANCELLED = 2;
    // Refusals of a null Arrow answer (requireTable), after the method's name.
    private static final String NULL_RESULT = " returned null, but its result is an Arrow table: return a table of"
            + " no rows (an empty list of rows, a column record of empty columns) instead";
    private static final String NULL_ACK = " acked null, but its ack is an Arrow table: ack a table of no rows instead";
    private static final String NULL_CHUNK = " sent a null chunk, but its chunks are Arrow tables: send a table of no"
            + " rows instead, or no chunk";

    private final ServiceBinding binding;
    private final MethodDescriptor method;
    private final int requestId;
    private volatile byte[] payload; // null while the payload is only in the direct buffer
    private final AtomicReference<PooledPayload> direct; // a pooled direct payload until released
    private final FrameSink sink;
    private final AtomicInteger state = new AtomicInteger(OPEN);
    private volatile boolean cancelled;
    // Not this: user code holds the call as its CancellationToken and may synchronise on it, which must
    // not stall an abort on the reader thread.
    private final Object cancelLock = new Object();
    private List<Runnable> callbacks; // guarded by cancelLock
    private volatile boolean async;
    private volatile boolean queued;
    private final Consumer<InFlightCall> onDone;
    private final CallResources resources = new CallResources(this);

    /**
     * @param onDone called once by a {@link #run} of the call, when the call is over: its handler
     *     returned (or its {@code replyLater} stage completed), or it was cancelled while it waited and
     *     does not start. A call that never runs (refused by the executor) is ended by its dispatcher.
     */
    InFlightCall(ServiceBinding binding, MethodDescriptor method, Frame frame, FrameSink sink,
            Consumer<InFlightCall> onDone) {
        this.binding = binding;
        this.onDone = onDone;
        this.method = method;
        this.requestId = frame.requestId();
        this.payload = frame.payload();
        this.direct = frame.directPayload() == null ? null : new AtomicReference<>(frame.directPayload());
        this.sink = sink;
    }

    /**
     * Gives back what the call holds, once: the call is over (its handler returned or its answer went
     * out) or it left the queue cancelled. First the resources handed to {@link #closeWhenDone}, in
     * reverse order, then the pooled direct payload, so nothing of the runtime refers to the buffer any
     * more — except through a hold ({@link #holdPayload}), which keeps the buffer from the pool until
     * it is closed too (an Arrow column of the payload's bytes that outlives the call).
     */
    void release() {
        try {
            resources.closeAll();
        } finally {
            if (direct != null) {
                PooledPayload p = direct.getAndSet(null);
                if (p != null) {
                    p.release();
                }
            }
        }
    }

    /** The payload as an array: the frame's own, or a copy of a direct payload made on first use. */
    private byte[] bytes() {
        byte[] b = payload;
        if (b == null) {
            ByteBuffer d = directBuffer();
            b = new byte[d.limit()];
            d.get(0, b);
            payload = b;
        }
        return b;
    }

    private ByteBuffer directBuffer() {
        PooledPayload d = direct.get();
        if (d == null) {
            throw new IllegalStateException("the payload of " + this + " was read after the call ended");
        }
        return d.buffer();
    }

    int rawRequestId() {
        return requestId;
    }

    /** Marks a call that had to wait in the dispatcher's queue. */
    void markQueued() {
        queued = true;
    }

    /** Whether the call had to wait in the queue (it may have left it since). */
    boolean isQueued() {
        return queued;
    }

    @Override
    public void run() {
        if (cancelled && queued) {
            onDone.accept(this); // aborted while it waited in the queue: it never starts
            return;
        }
        try {
            binding.invoke(method.id(), this);
            if (!async) {
                completeOnReturn();
            }
        } catch (Throwable t) {
            fail(t);
        } finally {
            if (!async) {
                onDone.accept(this);
            }
        }
    }

    private void completeOnReturn() {
        if (state.get() != OPEN) {
            return;
        }
        switch (method.response()) {
            case RESULT -> answer(Frames.FLAGS_RESULT, noData());
            case STREAM -> answer(Frames.FLAGS_STREAM_END, FrameSink.newPayloadWriter());
            case ACK -> answer(Frames.FLAGS_ACK, noData());
            case NONE -> state.compareAndSet(OPEN, ANSWERED);
        }
    }

    /**
     * The payload of an answer without data: nil for MsgPack — the parent decodes result and ack
     * payloads with the method's codec, and an empty payload is not valid MsgPack — and nothing for raw.
     */
    private MsgPackWriter noData() {
        MsgPackWriter w = FrameSink.newPayloadWriter();
        if (method.responseCodec() == Codec.MSGPACK) {
            w.writeNil();
        }
        return w;
    }

    // ---- Call -------------------------------------------------------------------------------

    @Override
    public MethodDescriptor method() {
        return method;
    }

    @Override
    public long requestId() {
        return requestId & 0xffffffffL;
    }

    @Override
    public MsgPackReader reader() {
        return new MsgPackReader(bytes());
    }

    @Override
    public ByteBuffer payload() {
        if (payload == null) {
            return directBuffer().asReadOnlyBuffer();
        }
        return ByteBuffer.wrap(payload).asReadOnlyBuffer();
    }

    @Override
    public AutoCloseable holdPayload() {
        if (payload != null || direct == null) {
            return null;
        }
        PooledPayload d = direct.get();
        if (d == null) {
            throw new IllegalStateException("the payload of " + this + " was held after the call ended");
        }
        return d.hold();
    }

    @Override
    public byte[] payloadBytes() {
        return bytes();
    }

    @Override
    public CancellationToken cancellation() {
        return this;
    }

    @Override
    public RequestContext context() {
        return this;
    }

    @Override
    public <T> void reply(Encoder<? super T> encoder, T value) {
        if (method.response() == Response.STREAM) {
            throw new IllegalStateException(method.name() + " is a stream method: send chunks through its StreamSink");
        }
        if (method.response() == Response.NONE) {
            state.compareAndSet(OPEN, ANSWERED);
            discard(encoder, value);
            return;
        }
        if (state.get() != OPEN) {
            discard(encoder, value);
            ignoredSecondAnswer();
            return;
        }
        requireTable(value, method.response() == Response.ACK ? NULL_ACK : NULL_RESULT);
        int flags = method.response() == Response.ACK ? Frames.FLAGS_ACK : Frames.FLAGS_RESULT;
        // Encode before claiming the answer: an encoding error becomes the answer.
        BufferEncoder<? super T> buffers = buffers(encoder);
        if (buffers != null) {
            try (BufferPayload p = buffers.encodeBuffers(value)) {
                if (state.compareAndSet(OPEN, ANSWERED)) {
                    write(flags, p);
                } else {
                    ignoredSecondAnswer();
                }
            }
            return;
        }
        MsgPackWriter w = FrameSink.newPayloadWriter();
        encoder.encode(w, value);
        answer(flags, w);
    }

    /**
     * Refuses {@code null} for an Arrow answer ({@code refusal} follows the method's name): it would go out as an empty payload, which the parent's
     * {@code arrowCodec} reads as a table of no columns — not the table of the method's shape that its
     * generated TypeScript promises, nor a null, which Arrow cannot say.
     */
    private void requireTable(Object value, String refusal) {
        if (value == null && method.responseCodec() == Codec.ARROW) {
            throw new IllegalArgumentException(method.name() + refusal);
        }
    }

    /** The encoder as a {@link BufferEncoder}, when it is one: its values go out as the buffers they hold. */
    @SuppressWarnings("unchecked")
    private static <T> BufferEncoder<? super T> buffers(Encoder<? super T> encoder) {
        return encoder instanceof BufferEncoder<?> b ? (BufferEncoder<? super T>) b : null;
    }

    @Override
    public void replyRaw(ByteBuffer data) {
        if (method.response() == Response.STREAM) {
            throw new IllegalStateException(method.name() + " is a stream method: send chunks through its StreamSink");
        }
        if (method.response() == Response.NONE) {
            state.compareAndSet(OPEN, ANSWERED);
            return;
        }
        if (!state.compareAndSet(OPEN, ANSWERED)) {
            ignoredSecondAnswer();
            return;
        }
        send(method.response() == Response.ACK ? Frames.FLAGS_ACK : Frames.FLAGS_RESULT, data);
    }

    @Override
    public <T> void replyLater(Encoder<? super T> encoder, CompletionStage<? extends T> result) {
        async = true;
        result.whenComplete((value, error) -> {
            try {
                if (error != null) {
                    fail(unwrap(error));
                } else {
                    try {
                        reply(encoder, value);
                    } catch (Throwable t) {
                        fail(t);
                    }
                }
            } finally {
                onDone.accept(this);
            }
        });
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public <T> StreamSink<T> stream(Encoder<? super T> encoder) {
        if (method.response() != Response.STREAM) {
            throw new IllegalStateException(method.name() + " is not a stream method");
        }
        // One writer for the whole stream, reset per chunk: the sink is done with it when send returns,
        // and a stream of large chunks then costs no buffer growth or garbage per chunk.
        MsgPackWriter w = FrameSink.newPayloadWriter();
        BufferEncoder<? super T> buffers = buffers(encoder);
        ReentrantLock turn = new ReentrantLock(); // not synchronized: a blocked send must not pin a virtual thread
        return chunk -> {
            if (cancelled) {
                discard(encoder, chunk);
                throw new CancellationException("request cancelled");
            }
            if (state.get() != OPEN) {
                discard(encoder, chunk);
                throw new IllegalStateException("stream of " + method.name() + " has already ended");
            }
            requireTable(chunk, NULL_CHUNK);
            turn.lock(); // chunks sent from several threads take turns
            try {
                boolean sent;
                if (buffers != null) {
                    try (BufferPayload p = buffers.encodeBuffers(chunk)) {
                        sent = write(Frames.FLAGS_CHUNK, p);
                    }
                } else {
                    w.reset();
                    encoder.encode(w, chunk);
                    sent = write(Frames.FLAGS_CHUNK, w);
                }
                if (!sent) {
                    throw new CancellationException("connection closed");
                }
            } finally {
                turn.unlock();
            }
        };
    }

    @Override
    public <T> AckSink<T> ack(Encoder<? super T> encoder) {
        if (method.response() != Response.ACK) {
            throw new IllegalStateException(method.name() + " is not an ack method");
        }
        return new AckSink<>() {
            @Override
            public void ack(T data) {
                reply(encoder, data);
            }

            @Override
            public void ack() {
                if (state.get() != OPEN) {
                    ignoredSecondAnswer();
                    return;
                }
                answer(Frames.FLAGS_ACK, noData());
            }
        };
    }

    @Override
    public void fail(Throwable error) {
        if (method.response() == Response.NONE) {
            if (!(error instanceof CancellationException)) {
                Log.failure(method.name() + " failed (response none: nothing was sent)", error);
            }
            return;
        }
        int s = state.get();
        if (s == CANCELLED) {
            return;
        }
        if (s == ANSWERED) {
            if (!(error instanceof CancellationException)) {
                Log.failure(method.name() + " failed after it had answered request " + requestId(), error);
            }
            return;
        }
        if (error instanceof CancellationException) {
            // A stream or emitter stopped by a connection that closed under it: nothing to fix in the handler.
            Log.debug(() -> method.name() + " stopped (request " + requestId() + "): " + error.getMessage());
        } else if (!(error instanceof dev.procwire.api.ProcwireException || error instanceof InvalidPayloadException)) {
            Log.failure(method.name() + " failed (request " + requestId() + ")", error);
        }
        MsgPackWriter w = FrameSink.newPayloadWriter();
        ErrorPayload.write(w, error, method.name());
        answer(method.response() == Response.STREAM ? Frames.FLAGS_STREAM_ERROR : Frames.FLAGS_ERROR, w);
    }

    /** Lets an encoder that owns what it writes release a value that will not be written. */
    private <T> void discard(Encoder<? super T> encoder, T value) {
        try {
            encoder.discard(value);
        } catch (RuntimeException e) {
            Log.failure(method.name() + ": discarding an unsent value failed (request " + requestId() + ")", e);
        }
    }

    private void ignoredSecondAnswer() {
        if (state.get() == ANSWERED) {
            Log.warn(method.name() + " answered request " + requestId() + " more than once; the later answer was dropped");
        }
    }

    /** Claims the final answer and sends it; a no-op when already answered or cancelled. */
    private void answer(int flags, MsgPackWriter w) {
        if (state.compareAndSet(OPEN, ANSWERED)) {
            write(flags, w);
        } else {
            ignoredSecondAnswer();
        }
    }

    private boolean write(int flags, MsgPackWriter w) {
        try {
            sink.send(method.id(), flags, requestId, w);
            return true;
        } catch (IOException e) {
            Log.debug(() -> "dropped frame for " + method.name() + ": " + e.getMessage());
            return false;
        }
    }

    private boolean write(int flags, BufferPayload payload) {
        try {
            sink.send(method.id(), flags, requestId, payload.buffers());
            return true;
        } catch (IOException e) {
            Log.debug(() -> "dropped frame for " + method.name() + ": " + e.getMessage());
            return false;
        }
    }

    private void send(int flags, ByteBuffer data) {
        try {
            sink.send(method.id(), flags, requestId, data);
        } catch (IOException e) {
            Log.debug(() -> "dropped frame for " + method.name() + ": " + e.getMessage());
        }
    }

    // ---- CancellationToken ------------------------------------------------------------------

    /**
     * Marks the request cancelled and runs its callbacks. An unanswered request will send nothing
     * more; one that already answered (an ack-then-work handler) only sees its token fire.
     */
    void cancel() {
        List<Runnable> toRun;
        synchronized (cancelLock) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            state.compareAndSet(OPEN, CANCELLED);
            toRun = callbacks;
            callbacks = null;
        }
        if (toRun != null) {
            for (Runnable r : toRun) {
                runCallback(r);
            }
        }
    }

    private void runCallback(Runnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            Log.error("cancellation callback of " + method.name() + " failed", t);
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public Registration onCancel(Runnable callback) {
        synchronized (cancelLock) {
            if (!cancelled) {
                if (callbacks == null) {
                    callbacks = new ArrayList<>(2);
                }
                callbacks.add(callback);
                return () -> {
                    synchronized (cancelLock) {
                        if (callbacks != null) {
                            callbacks.remove(callback);
                        }
                    }
                };
            }
        }
        runCallback(callback);
        return () -> {};
    }

    // ---- RequestContext ---------------------------------------------------------------------

    @Override
    public String methodName() {
        return method.name();
    }

    @Override
    public String toString() {
        return "call " + method.name() + "#" + requestId();
    }

    @Override
    public void closeWhenDone(AutoCloseable resource) {
        resources.add(resource);
    }
}
