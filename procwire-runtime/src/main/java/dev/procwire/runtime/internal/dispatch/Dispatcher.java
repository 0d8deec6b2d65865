package dev.procwire.runtime.internal.dispatch;

import dev.procwire.api.ProcwireException;
import dev.procwire.api.Response;
import dev.procwire.runtime.internal.Log;
import dev.procwire.runtime.binding.MethodDescriptor;
import dev.procwire.runtime.binding.ServiceBinding;
import dev.procwire.runtime.codec.MsgPackWriter;
import dev.procwire.runtime.internal.frame.Frame;
import dev.procwire.runtime.internal.frame.FrameSink;
import dev.procwire.runtime.internal.frame.Frames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Turns request frames into handler runs, independent of where the frames came from: the data-plane
 * reader and the stdio JSON-RPC mode both feed it, each with its own {@link FrameSink} for answers.
 *
 * <p>At most {@code maxConcurrent} handlers run at once; later requests wait in a FIFO queue of at
 * most {@code maxQueued}, and a request beyond that is answered at once with an {@code OVERLOADED}
 * error, so nothing queues without bound. Requests are tracked by id for abort from arrival (queued
 * ones too) until their handler returns; a request cancelled while it waits leaves the queue at once.
 *
 * <p>A frame's pooled direct payload ({@link Frame#directPayload()}) passes to the dispatcher with the
 * frame, and from there to exactly one owner: a frame that runs nothing (an abort, an auth frame, an
 * unknown method, {@code OVERLOADED}) is released here at once; otherwise the call owns it, queued or
 * running, and the call's end or its removal from the queue gives it back — together with whatever the
 * handler asked to be closed when the call is over ({@code closeWhenDone}): one point where a call ends.
 *
 * <p>A call gets everything it needs when it is admitted (the binding, its method, the frame, the sink
 * for its answers) and one completion callback, {@code release}, by which it says it is over; it
 * knows nothing else of the dispatcher.
 */
public final class Dispatcher {
    private final ServiceBinding binding;
    private final MethodDescriptor[] methods; // index = method id
    private final Executor executor;
    private final int maxConcurrent;
    private final int maxQueued;
    private final Map<Integer, InFlightCall> byRequestId = new ConcurrentHashMap<>();
    private final Set<InFlightCall> untracked = ConcurrentHashMap.newKeySet(); // request id 0 (none methods)

    private final Object lock = new Object();
    private final LinkedHashSet<InFlightCall> queue = new LinkedHashSet<>(); // FIFO; guarded by lock
    private int running; // guarded by lock
    private int admitted; // running + queued, guarded by lock

    public Dispatcher(ServiceBinding binding, Executor executor, int maxConcurrent, int maxQueued) {
        this.binding = binding;
        this.executor = executor;
        this.maxConcurrent = maxConcurrent;
        this.maxQueued = maxQueued;
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

    /** The number of methods; their ids are 1 to this. */
    int methodCount() {
        return methods.length - 1;
    }

    /** The method with {@code id}, or {@code null}. */
    public MethodDescriptor method(int id) {
        return id > 0 && id < methods.length ? methods[id] : null;
    }

    /**
     * Handles one frame from the parent, running its handler on the executor. Never throws for bad
     * input: an unknown method id is answered with an error frame.
     */
    public void onFrame(Frame frame, FrameSink sink) {
        InFlightCall call = admit(frame, sink);
        if (call != null) {
            execute(call);
        }
    }

    /**
     * Takes one frame, and with it its payload: an abort cancels its request, a stray auth frame is
     * ignored, an unknown method, a payload the reader could not hold or a full queue is answered with
     * an error, a request beyond the concurrency limit is queued. Returns a call the caller must start
     * now — with {@link #execute} or on the calling thread ({@code call.run()}) — or {@code null} when
     * nothing is to run now. Either way the frame is the dispatcher's from here: the caller must not
     * touch its payload again.
     */
    InFlightCall admit(Frame frame, FrameSink sink) {
        MethodDescriptor m = methodToRun(frame, sink);
        if (m == null) {
            return null;
        }
        InFlightCall call = new InFlightCall(binding, m, frame, sink, this::release); // owns the payload from here
        synchronized (lock) {
            if (running < maxConcurrent) {
                running++;
                admitted++;
            } else if (queue.size() < maxQueued) {
                call.markQueued();
                queue.add(call);
                admitted++;
                track(call);
                return null; // the queued call keeps its payload until it has run or is cancelled
            } else {
                call = null;
            }
        }
        if (call == null) {
            frame.discard();
            rejectNow(sink, m, frame.methodId(), frame.requestId(), "worker overloaded: " + maxConcurrent
                    + " handlers running and " + maxQueued + " requests queued", ErrorPayload.OVERLOADED);
            return null;
        }
        track(call);
        return call;
    }

    /**
     * The method a request frame calls, or {@code null} when the frame has been dealt with here: an
     * abort (its request is cancelled), a stray auth frame (ignored), an unknown method or a payload
     * the reader could not hold (each answered with an error).
     */
    private MethodDescriptor methodToRun(Frame frame, FrameSink sink) {
        int methodId = frame.methodId();
        if (methodId == Frames.ABORT_METHOD_ID) {
            frame.discard();
            abort(frame.requestId());
            return null;
        }
        if (methodId == Frames.AUTH_METHOD_ID) {
            frame.discard(); // a stray auth frame on an adopted connection
            return null;
        }
        MethodDescriptor m = method(methodId);
        if (m == null) {
            frame.discard();
            rejectNow(sink, null, methodId, frame.requestId(), "Unknown method ID: " + methodId, ErrorPayload.UNKNOWN_METHOD);
            return null;
        }
        if (frame.payloadError() != null) {
            Log.warn(m.name() + " request " + frame.requestIdUnsigned() + " refused: " + frame.payloadError());
            rejectNow(sink, m, methodId, frame.requestId(), m.name() + ": " + frame.payloadError(), ErrorPayload.INTERNAL);
            return null;
        }
        return m;
    }

    /**
     * Starts an admitted call on the handler executor. A call the executor refuses (it is shut down:
     * the worker is stopping) is answered with an error and its slot passes to the next queued call, and
     * so on, in this loop: one frame per refused call would overflow the stack with a long queue.
     */
    void execute(InFlightCall call) {
        InFlightCall next = call;
        while (next != null) {
            try {
                executor.execute(next);
                return;
            } catch (RejectedExecutionException e) {
                InFlightCall refused = next;
                try {
                    refused.fail(new ProcwireException(refused.method().name() + " was not started: the worker is "
                            + "shutting down", ErrorPayload.SHUTTING_DOWN, null));
                } finally {
                    next = finish(refused);
                }
            }
        }
    }

    private void track(InFlightCall call) {
        int id = call.rawRequestId();
        if (id == 0) {
            untracked.add(call);
        } else if (byRequestId.put(id, call) != null) {
            // The parent reuses an id only after 2^32 requests; the older call cannot be aborted any more.
            Log.warn("request id " + call.requestId() + " reused while still in flight");
        }
    }

    /** Each call's completion callback, run once when it is over: frees its slot, its resources and its payload. */
    private void release(InFlightCall call) {
        InFlightCall next = finish(call);
        if (next != null) {
            execute(next); // the freed slot passes to the oldest queued request
        }
    }

    /**
     * Gives back what a call that is over holds (its resources, its payload) and its slot. Returns the
     * oldest queued call, which now holds the slot and must be started, or {@code null} when the slot
     * was freed.
     */
    private InFlightCall finish(InFlightCall call) {
        InFlightCall next;
        try {
            call.release();
        } finally {
            untrack(call);
            next = passSlot();
        }
        return next;
    }

    /** Frees a slot, or passes it to the oldest queued call and returns that call. */
    private InFlightCall passSlot() {
        synchronized (lock) {
            admitted--;
            InFlightCall next = pollQueue();
            if (next == null) {
                running--;
                if (admitted == 0) {
                    lock.notifyAll();
                }
            }
            return next;
        }
    }

    private InFlightCall pollQueue() {
        Iterator<InFlightCall> it = queue.iterator();
        if (!it.hasNext()) {
            return null;
        }
        InFlightCall next = it.next();
        it.remove();
        return next;
    }

    private void untrack(InFlightCall call) {
        int id = call.rawRequestId();
        if (id == 0) {
            untracked.remove(call);
        } else {
            byRequestId.remove(id, call);
        }
    }

    /** Takes cancelled calls out of the queue before their turn: they give back their place and payload now. */
    private void dropQueued(List<InFlightCall> cancelled) {
        List<InFlightCall> dropped = new ArrayList<>(cancelled.size());
        synchronized (lock) {
            for (InFlightCall c : cancelled) {
                if (queue.remove(c)) { // false once it has left the queue to run: then its run releases it
                    dropped.add(c);
                }
            }
            admitted -= dropped.size();
            if (admitted == 0) {
                lock.notifyAll();
            }
        }
        Throwable failure = null;
        for (InFlightCall c : dropped) {
            untrack(c);
            try {
                c.release();
            } catch (RuntimeException | Error e) { // a broken lease (checks on): the others still go back
                failure = failure == null ? e : failure;
            }
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        } else if (failure instanceof Error err) {
            throw err;
        }
    }

    private void rejectNow(FrameSink sink, MethodDescriptor m, int methodId, int requestId, String message, String code) {
        if (requestId == 0 && (m == null || m.response() == Response.NONE)) {
            Log.warn(message + " (request without id, not answered)");
            return;
        }
        MsgPackWriter w = FrameSink.newPayloadWriter();
        ErrorPayload.write(w, message, code, null);
        boolean stream = m != null && m.response() == Response.STREAM;
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
            if (call.isQueued()) {
                dropQueued(List.of(call));
            }
        }
    }

    /** Cancels every request in flight or queued (the connection dropped, or the worker is shutting down). */
    public void cancelAll() {
        List<InFlightCall> queued = new ArrayList<>();
        for (InFlightCall c : byRequestId.values()) {
            c.cancel();
            if (c.isQueued()) {
                queued.add(c);
            }
        }
        for (InFlightCall c : untracked) {
            c.cancel();
            if (c.isQueued()) {
                queued.add(c);
            }
        }
        dropQueued(queued);
    }

    /** Requests admitted whose handlers have not finished (running and queued). */
    public int inFlight() {
        synchronized (lock) {
            return admitted;
        }
    }

    /** Waits until no request is running or queued, or the timeout passes; returns whether it became idle. */
    public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (lock) {
            while (admitted > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
        return true;
    }
}
