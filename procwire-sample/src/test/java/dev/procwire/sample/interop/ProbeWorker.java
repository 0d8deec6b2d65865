package dev.procwire.sample.interop;

import dev.procwire.api.Codec;
import dev.procwire.api.EventEmitter;
import dev.procwire.api.Response;
import dev.procwire.api.StreamSink;
import dev.procwire.runtime.Procwire;
import dev.procwire.runtime.binding.Call;
import dev.procwire.runtime.binding.Handlers;
import dev.procwire.runtime.codec.Codecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A worker for the interop suite that makes the runtime's inner behaviour observable from outside:
 * cancellation callbacks report through an event and stderr, emitters run on threads of their own,
 * sinks report how long they blocked. Methods (msgpack):
 *
 * <ul>
 *   <li>{@code waitCancel {ms}} result: waits until cancelled (or ms); its token callback emits
 *       {@code cancelled {requestId}} and prints {@code probe: cancelled <id>} to stderr (once the callback
 *       is registered it emits {@code waiting {requestId}} and prints {@code probe: waiting <id>}); then it tries to
 *       answer anyway, which the runtime must suppress once cancelled.
 *   <li>{@code slowWithTimeout {ms}} result, schema timeout 300 ms: sleeps ms (cancellable), returns "done".
 *   <li>{@code emitFromThreads {threads, count}} result: each of {@code threads} new platform threads emits
 *       {@code count} {@code tick {thread, seq}} events; returns the total.
 *   <li>{@code printToStdout {text}} result: prints text with System.out, returns "printed".
 *   <li>{@code ackThenEmit {release?}} ack: acks {accepted: true}, works 50 ms (with {@code release: true}: until
 *       {@code releaseAck} is called, 10 s at most), then emits {@code afterAck {done: true, released}}.
 *   <li>{@code releaseAck} result: lets one {@code ackThenEmit {release: true}} go on; returns true.
 *   <li>{@code ackEmpty} ack: acks without data, works 20 ms, then emits {@code afterAck {done: true}}.
 *   <li>{@code ackImplicit} ack: returns without acking (the runtime acks for it).
 *   <li>{@code emitTimed {count}} result: emits count ticks {seq}; returns {count, maxBlockMs}.
 *   <li>{@code streamTimed {count, size}} stream: count chunks of size bytes, then emits
 *       {@code blocked {maxBlockMs}} before the end.
 *   <li>{@code echo} result: returns its payload.
 * </ul>
 */
public final class ProbeWorker {
    private ProbeWorker() {}

    /** Lets an {@code ackThenEmit {release: true}} go on after its ack. */
    private static final Semaphore ackRelease = new Semaphore(0);

    private static long arg(Call call, String name) {
        Object v = ((Map<?, ?>) call.reader().readValue()).get(name);
        return v == null ? 0 : ((Number) v).longValue();
    }

    public static void main(String[] args) {
        Handlers[] self = new Handlers[1];
        Handlers handlers = Handlers.builder()
                .method("waitCancel", call -> {
                    long id = call.requestId();
                    long ms = arg(call, "ms");
                    EventEmitter<Object> cancelled = self[0].emitter("cancelled", Codecs.VALUE);
                    call.cancellation().onCancel(() -> {
                        System.err.println("probe: cancelled " + id);
                        cancelled.emit(Map.of("requestId", id));
                    });
                    System.err.println("probe: waiting " + id);
                    self[0].emitter("waiting", Codecs.VALUE).emit(Map.of("requestId", id));
                    long deadline = System.nanoTime() + ms * 1_000_000L;
                    while (!call.cancellation().isCancelled() && System.nanoTime() < deadline) {
                        Thread.sleep(2);
                    }
                    call.reply(Codecs.STRING, call.cancellation().isCancelled() ? "answered after cancel" : "not cancelled");
                })
                .method("slowWithTimeout", Response.RESULT, Codec.MSGPACK, 300, call -> {
                    long deadline = System.nanoTime() + arg(call, "ms") * 1_000_000L;
                    while (!call.cancellation().isCancelled() && System.nanoTime() < deadline) {
                        Thread.sleep(2);
                    }
                    call.reply(Codecs.STRING, "done");
                })
                .method("emitFromThreads", call -> {
                    Map<?, ?> a = (Map<?, ?>) call.reader().readValue();
                    int threads = ((Number) a.get("threads")).intValue();
                    long count = ((Number) a.get("count")).longValue();
                    EventEmitter<Object> tick = self[0].emitter("tick", Codecs.VALUE);
                    List<Thread> started = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        long thread = t;
                        Thread th = new Thread(() -> {
                            for (long i = 0; i < count; i++) {
                                tick.emit(Map.of("thread", thread, "seq", i));
                            }
                        }, "probe-emitter-" + t);
                        th.start();
                        started.add(th);
                    }
                    for (Thread th : started) {
                        th.join();
                    }
                    call.reply(Codecs.LONG, threads * count);
                })
                .method("printToStdout", call -> {
                    String text = (String) ((Map<?, ?>) call.reader().readValue()).get("text");
                    System.out.println(text);
                    System.out.flush();
                    call.reply(Codecs.STRING, "printed");
                })
                .method("ackThenEmit", Response.ACK, call -> {
                    boolean waitForRelease = Boolean.TRUE.equals(((Map<?, ?>) call.reader().readValue()).get("release"));
                    call.ack(Codecs.VALUE).ack(Map.of("accepted", true));
                    boolean released = false;
                    if (waitForRelease) {
                        released = ackRelease.tryAcquire(10, TimeUnit.SECONDS);
                    } else {
                        Thread.sleep(50);
                    }
                    self[0].emitter("afterAck", Codecs.VALUE).emit(Map.of("done", true, "released", released));
                })
                .method("releaseAck", call -> {
                    ackRelease.release();
                    call.reply(Codecs.BOOLEAN, true);
                })
                .method("ackEmpty", Response.ACK, call -> {
                    call.ack(Codecs.VALUE).ack();
                    Thread.sleep(20);
                    self[0].emitter("afterAck", Codecs.VALUE).emit(Map.of("done", true));
                })
                .method("ackImplicit", Response.ACK, call -> {
                    // Returns without acking: the runtime acks on its behalf.
                })
                .method("emitTimed", call -> {
                    long count = arg(call, "count");
                    EventEmitter<Object> tick = self[0].emitter("tick", Codecs.VALUE);
                    long maxBlock = 0;
                    for (long i = 0; i < count; i++) {
                        long t0 = System.nanoTime();
                        tick.emit(Map.of("seq", i));
                        maxBlock = Math.max(maxBlock, System.nanoTime() - t0);
                    }
                    call.reply(Codecs.VALUE, Map.of("count", count, "maxBlockMs", maxBlock / 1_000_000));
                })
                .method("streamTimed", Response.STREAM, call -> {
                    Map<?, ?> a = (Map<?, ?>) call.reader().readValue();
                    long count = ((Number) a.get("count")).longValue();
                    byte[] chunk = new byte[((Number) a.get("size")).intValue()];
                    StreamSink<byte[]> out = call.stream(Codecs.BINARY);
                    long maxBlock = 0;
                    for (long i = 0; i < count; i++) {
                        long t0 = System.nanoTime();
                        out.send(chunk);
                        maxBlock = Math.max(maxBlock, System.nanoTime() - t0);
                    }
                    self[0].emitter("blocked", Codecs.VALUE).emit(Map.of("maxBlockMs", maxBlock / 1_000_000));
                })
                .method("echo", call -> call.reply(Codecs.VALUE, call.reader().readValue()))
                .event("tick")
                .event("cancelled")
                .event("afterAck")
                .event("blocked")
                .event("waiting")
                .build();
        self[0] = handlers;
        Procwire.serve(handlers);
    }
}
