package dev.procwire.sample.fault;

import dev.procwire.api.CancellationToken;
import dev.procwire.api.EventEmitter;
import dev.procwire.api.Response;
import dev.procwire.api.StreamSink;
import dev.procwire.runtime.Procwire;
import dev.procwire.runtime.binding.Call;
import dev.procwire.runtime.binding.Handlers;
import dev.procwire.runtime.codec.Codecs;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The worker the fault tests drive: well-behaved methods for load (echo, a numbered stream, ack, events)
 * and badly-behaved ones (checked and unchecked exceptions, stack overflow, a handler that never returns
 * and ignores cancellation, one that answers twice). {@code stats} reports what a leak would show:
 * requests still inside a handler, request objects not yet collected, cancellation callbacks that
 * neither ran nor were removed, heap after a full collection, and threads.
 */
public final class FaultWorker {
    private FaultWorker() {}

    private static final AtomicLong entered = new AtomicLong();
    private static final AtomicLong exited = new AtomicLong();
    private static final AtomicLong callbacksRegistered = new AtomicLong();
    private static final AtomicLong callbacksRun = new AtomicLong();
    private static final AtomicLong callbacksRemoved = new AtomicLong();
    private static final AtomicLong hanging = new AtomicLong();
    /** Weak references to requests not yet collected; drained through the queue so it never grows with traffic. */
    private static final Set<Reference<Call>> calls = ConcurrentHashMap.newKeySet();
    private static final ReferenceQueue<Call> collected = new ReferenceQueue<>();

    private interface Body {
        void run(Call call) throws Exception;
    }

    /** Counts the handler in and out, and keeps a weak reference to its request for leak checks. */
    private static Handlers.Handler tracked(Body body) {
        return call -> {
            entered.incrementAndGet();
            drainCollected();
            calls.add(new WeakReference<>(call, collected));
            try {
                body.run(call);
            } finally {
                exited.incrementAndGet();
            }
        };
    }

    private static Map<?, ?> args(Call call) {
        Object v = call.reader().readValue();
        return v instanceof Map<?, ?> m ? m : Map.of();
    }

    private static long arg(Map<?, ?> args, String name, long dflt) {
        return args.get(name) instanceof Number n ? n.longValue() : dflt;
    }

    public static void main(String[] args) {
        Handlers[] self = new Handlers[1];
        Handlers handlers = Handlers.builder()
                .method("echo", tracked(call -> call.reply(Codecs.VALUE, call.reader().readValue())))
                .method("seqStream", Response.STREAM, tracked(call -> {
                    // Chunk i: `size` bytes, the first 8 the index, the rest its low byte.
                    Map<?, ?> a = args(call);
                    long count = arg(a, "count", 1);
                    int size = (int) Math.max(8, arg(a, "size", 8));
                    StreamSink<byte[]> out = call.stream(Codecs.BINARY);
                    CancellationToken token = call.cancellation();
                    byte[] chunk = new byte[size];
                    for (long i = 0; i < count; i++) {
                        token.throwIfCancelled();
                        java.util.Arrays.fill(chunk, 8, size, (byte) i);
                        ByteBuffer.wrap(chunk).putLong(0, i);
                        out.send(chunk);
                    }
                }))
                .method("ackThenWork", Response.ACK, tracked(call -> {
                    call.ack(Codecs.VALUE).ack(Map.of("accepted", true));
                    long spin = System.nanoTime() + 20_000; // a little work after the parent has its answer
                    while (System.nanoTime() < spin) {
                        Thread.onSpinWait();
                    }
                }))
                .method("emit", tracked(call -> {
                    long count = arg(args(call), "count", 1);
                    EventEmitter<Object> tick = self[0].emitter("tick", Codecs.VALUE);
                    for (long i = 0; i < count; i++) {
                        tick.emit(Map.of("seq", i));
                    }
                    call.reply(Codecs.LONG, count);
                }))
                .method("sleep", tracked(call -> {
                    // Cooperative: returns when cancelled, and removes its callback when it was not.
                    long ms = arg(args(call), "ms", 10);
                    long id = call.requestId();
                    CancellationToken token = call.cancellation();
                    // Each callback ends as run or as removed, counted once: an abort that lands between the
                    // isCancelled check and close() runs the callback although this thread then removes it.
                    AtomicInteger end = new AtomicInteger(); // 0: open, 1: ran, 2: removed
                    callbacksRegistered.incrementAndGet();
                    CancellationToken.Registration reg = token.onCancel(() -> {
                        if (end.compareAndSet(0, 1)) {
                            callbacksRun.incrementAndGet();
                        }
                        if (Boolean.getBoolean("fault.logCancel")) {
                            System.err.println("[fault] cancelled request " + id);
                        }
                    });
                    long deadline = System.nanoTime() + ms * 1_000_000L;
                    while (!token.isCancelled() && System.nanoTime() < deadline) {
                        Thread.sleep(Math.max(1, Math.min(5, (deadline - System.nanoTime()) / 1_000_000L)));
                    }
                    if (!token.isCancelled()) {
                        reg.close();
                        if (end.compareAndSet(0, 2)) {
                            callbacksRemoved.incrementAndGet();
                        }
                        call.reply(Codecs.STRING, "slept");
                    }
                }))
                .method("hang", tracked(call -> {
                    // Never returns and ignores cancellation and interrupts: the worst a handler can do.
                    hanging.incrementAndGet();
                    while (true) {
                        try {
                            Thread.sleep(1000);
                        } catch (InterruptedException ignored) {
                            // ignored on purpose
                        }
                    }
                }))
                .method("checked", tracked(call -> {
                    throw new java.io.IOException("the disk is on fire");
                }))
                .method("unchecked", tracked(call -> {
                    throw new IllegalStateException("unchecked boom");
                }))
                .method("overflow", tracked(call -> call.reply(Codecs.LONG, recurse(0))))
                .method("twice", tracked(call -> {
                    call.reply(Codecs.STRING, "first");
                    call.reply(Codecs.STRING, "second");
                }))
                .method("stats", call -> call.reply(Codecs.VALUE, stats()))
                .event("tick")
                .build();
        self[0] = handlers;
        Procwire.serve(handlers);
    }

    private static void drainCollected() {
        Reference<? extends Call> r;
        while ((r = collected.poll()) != null) {
            calls.remove(r);
        }
    }

    private static long recurse(long depth) {
        return recurse(depth + 1) + 1;
    }

    private static Map<String, Object> stats() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        drainCollected();
        long live = calls.stream().filter(r -> r.get() != null).count();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entered", entered.get());
        m.put("active", entered.get() - exited.get());
        m.put("hanging", hanging.get());
        m.put("liveCalls", live);
        m.put("callbacksRegistered", callbacksRegistered.get());
        m.put("callbacksRun", callbacksRun.get());
        m.put("callbacksRemoved", callbacksRemoved.get());
        m.put("heapUsed", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        m.put("threads", (long) ManagementFactory.getThreadMXBean().getThreadCount());
        return m;
    }
}
