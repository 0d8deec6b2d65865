package dev.procwire.runtime.dispatch;

import dev.procwire.runtime.Log;
import dev.procwire.runtime.binding.MethodDescriptor;
import dev.procwire.runtime.binding.ServiceBinding;
import dev.procwire.runtime.codec.MsgPackWriter;
import dev.procwire.runtime.frame.Frame;
import dev.procwire.runtime.frame.FrameSink;
import dev.procwire.runtime.frame.Frames;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns request frames into handler runs, independent of where the frames came from: the data-plane
 * reader and the stdio JSON-RPC mode both feed it, each with its own {@link FrameSink} for answers.
 *
 * <p>Each request runs on the handler executor, so a slow handler never delays another's answer.
 * Requests in flight are tracked by id for abort; at most {@code maxInFlight} run at once, and a
 * request beyond that is answered at once with an {@code OVERLOADED} error instead of queueing
 * without bound.
 */
public final class Dispatcher {
    private final ServiceBinding binding;
    private final MethodDescriptor[] methods; // index = method id
    private final Executor executor;
    private final int maxInFlight;
    private final Map<Integer, InFlightCall> byRequestId = new ConcurrentHashMap<>();
    private final Set<InFlightCall> untracked = ConcurrentHashMap.newKeySet(); // request id 0 (none methods)
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object idleLock = new Object();

    public Dispatcher(ServiceBinding binding, Executor executor, int maxInFlight) {
        this.binding = binding;
        this.executor = executor;
        this.maxInFlight = maxInFlight;
        List<MethodDescriptor> list = binding.methods();
        this.methods = new MethodDescriptor[list.size() + 1];
        for (int i = 0; i < list.size(); i++) {
            MethodDescriptor m = list.get(i);
            if (m.id() != i + 1) {
                throw new IllegalArgumentException("method " + m.name() + " has id " + m.id() + ", expected " + (i + 1));
            }
            methods[i + 1] = m;
        }
    }

    ServiceBinding binding() {
        return binding;
    }

    /** A writer with headroom for the frame header. */
    static MsgPackWriter newWriter() {
        return new MsgPackWriter(Frames.HEADER_SIZE, 128);
    }

    /** The method with {@code id}, or {@code null}. */
    public MethodDescriptor method(int id) {
        return id > 0 && id < methods.length ? methods[id] : null;
    }

    /**
     * Handles one frame from the parent: a request starts a handler, an abort cancels one, a stray
     * auth frame is ignored. Never throws for bad input: an unknown method id is answered with an error.
     */
    public void onFrame(Frame frame, FrameSink sink) {
        int methodId = frame.methodId();
        if (methodId == Frames.ABORT_METHOD_ID) {
            abort(frame.requestId());
            return;
        }
        if (methodId == Frames.AUTH_METHOD_ID) {
            return; // a stray auth frame on an adopted connection
        }
        MethodDescriptor m = method(methodId);
        if (m == null) {
            rejectNow(sink, methodId, frame.requestId(), "Unknown method ID: " + methodId, ErrorPayload.UNKNOWN_METHOD);
            return;
        }
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            rejectNow(sink, methodId, frame.requestId(),
                    "worker overloaded: " + maxInFlight + " requests already in flight", ErrorPayload.OVERLOADED);
            return;
        }
        InFlightCall call = new InFlightCall(this, m, frame.requestId(), frame.payload(), sink);
        track(call);
        try {
            executor.execute(call);
        } catch (RejectedExecutionException e) {
            call.fail(e);
            release(call);
        }
    }

    private void track(InFlightCall call) {
        int id = call.rawRequestId();
        if (id == 0) {
            untracked.add(call);
        } else {
            InFlightCall previous = byRequestId.put(id, call);
            if (previous != null) {
                // The parent reuses an id only after 2^32 requests; the old call cannot be aborted any more.
                Log.warn("request id " + call.requestId() + " reused while still in flight");
            }
        }
    }

    void release(InFlightCall call) {
        int id = call.rawRequestId();
        if (id == 0) {
            untracked.remove(call);
        } else {
            byRequestId.remove(id, call);
        }
        if (inFlight.decrementAndGet() == 0) {
            synchronized (idleLock) {
                idleLock.notifyAll();
            }
        }
    }

    private void rejectNow(FrameSink sink, int methodId, int requestId, String message, String code) {
        MethodDescriptor m = method(methodId);
        if (requestId == 0 && (m == null || m.response() == dev.procwire.api.Response.NONE)) {
            Log.warn(message + " (request without id, not answered)");
            return;
        }
        MsgPackWriter w = newWriter();
        ErrorPayload.write(w, message, code, null);
        boolean stream = m != null && m.response() == dev.procwire.api.Response.STREAM;
        try {
            sink.send(methodId, stream ? Frames.FLAGS_STREAM_ERROR : Frames.FLAGS_ERROR, requestId, w);
        } catch (IOException e) {
            Log.debug(() -> "could not answer: " + e.getMessage());
        }
    }

    /** Cancels the request with this id; ignored when it is unknown or finished. */
    public void abort(int requestId) {
        InFlightCall call = byRequestId.get(requestId);
        if (call != null) {
            call.cancel();
        }
    }

    /** Cancels every request in flight (the connection dropped, or the worker is shutting down). */
    public void cancelAll() {
        for (InFlightCall c : byRequestId.values()) {
            c.cancel();
        }
        for (InFlightCall c : untracked) {
            c.cancel();
        }
    }

    /** Requests whose handlers have not finished. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Waits until no handler runs, or the timeout passes; returns whether it became idle. */
    public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (idleLock) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idleLock, left);
            }
        }
        return true;
    }
}
