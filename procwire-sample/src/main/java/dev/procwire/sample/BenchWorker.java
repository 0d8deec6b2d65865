package dev.procwire.sample;

import dev.procwire.api.Codec;
import dev.procwire.api.EventEmitter;
import dev.procwire.api.ProcwireException;
import dev.procwire.api.Response;
import dev.procwire.api.StreamSink;
import dev.procwire.runtime.Procwire;
import dev.procwire.runtime.binding.Handlers;
import dev.procwire.runtime.codec.Codecs;
import dev.procwire.runtime.codec.MsgPackReader;
import java.util.Map;

/** The benchmark and conformance worker (programmatic registration). */
public final class BenchWorker {
    private BenchWorker() {}

    public static void main(String[] args) {
        Handlers[] self = new Handlers[1];
        Handlers handlers = Handlers.builder()
                .method("echo", call -> call.reply(Codecs.VALUE, call.reader().readValue()))
                .method("echoRaw", Response.RESULT, Codec.RAW, 0, call -> call.replyRaw(call.payload()))
                .method("stream", Response.STREAM, call -> {
                    Map<?, ?> args1 = (Map<?, ?>) call.reader().readValue();
                    long count = ((Number) args1.get("count")).longValue();
                    int size = ((Number) args1.get("size")).intValue();
                    StreamSink<byte[]> out = call.stream(Codecs.BINARY);
                    byte[] chunk = new byte[size];
                    for (long i = 0; i < count; i++) {
                        call.cancellation().throwIfCancelled();
                        out.send(chunk);
                    }
                })
                .method("emit", call -> {
                    long count = ((Number) ((Map<?, ?>) call.reader().readValue()).get("count")).longValue();
                    EventEmitter<Object> tick = self[0].emitter("tick", Codecs.VALUE);
                    for (long i = 0; i < count; i++) {
                        tick.emit(Map.of("seq", i));
                    }
                    call.reply(Codecs.LONG, count);
                })
                .method("sleep", call -> {
                    long ms = ((Number) ((Map<?, ?>) call.reader().readValue()).get("ms")).longValue();
                    long deadline = System.nanoTime() + ms * 1_000_000L;
                    while (!call.cancellation().isCancelled() && System.nanoTime() < deadline) {
                        Thread.sleep(Math.max(1, Math.min(10, (deadline - System.nanoTime()) / 1_000_000L)));
                    }
                    if (!call.cancellation().isCancelled()) {
                        call.reply(Codecs.STRING, "slept");
                    }
                })
                .method("spin", call -> {
                    long ms = ((Number) ((Map<?, ?>) call.reader().readValue()).get("ms")).longValue();
                    long deadline = System.nanoTime() + ms * 1_000_000L;
                    long x = 0;
                    while (System.nanoTime() < deadline) {
                        x += x * 31 + 7;
                    }
                    call.reply(Codecs.LONG, x == 42 ? 0L : ms);
                })
                .method("fail", call -> {
                    MsgPackReader r = call.reader();
                    Map<?, ?> a = (Map<?, ?>) r.readValue();
                    throw new ProcwireException(String.valueOf(a.get("message")), (String) a.get("code"), a.get("data"));
                })
                .method("ackThenWork", Response.ACK, call -> {
                    call.ack(Codecs.VALUE).ack(Map.of("accepted", true));
                    Thread.sleep(20);
                })
                .method("fireAndForget", Response.NONE, call -> {
                    Object v = call.reader().readValue();
                    self[0].emitter("tick", Codecs.VALUE).emit(Map.of("seq", -1L, "got", v == null ? "null" : v));
                })
                .event("tick")
                .build();
        self[0] = handlers;
        Procwire.serve(handlers);
    }
}
