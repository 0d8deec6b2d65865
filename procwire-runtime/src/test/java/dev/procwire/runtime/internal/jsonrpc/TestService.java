package dev.procwire.runtime.internal.jsonrpc;

import dev.procwire.api.Codec;
import dev.procwire.api.EventEmitter;
import dev.procwire.api.ProcwireException;
import dev.procwire.api.Response;
import dev.procwire.api.StreamSink;
import dev.procwire.runtime.binding.Handlers;
import dev.procwire.runtime.codec.Codecs;
import dev.procwire.runtime.codec.MsgPackException;
import dev.procwire.runtime.codec.MsgPackReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A service with one method of every kind, for the JSON-RPC mode tests. */
final class TestService {
    private TestService() {}

    static Handlers binding() {
        return binding(new CountDownLatch(0));
    }

    /** @param gate a {@code gate} call answers once this opens */
    static Handlers binding(CountDownLatch gate) {
        Handlers[] self = new Handlers[1];
        Handlers h = Handlers.builder()
                // add {a, b}: integers, decoded strictly by name (a typed binding would do the same).
                .method("add", call -> {
                    MsgPackReader r = call.reader();
                    int n = r.readMapHeader();
                    long a = 0, b = 0;
                    for (int i = 0; i < n; i++) {
                        String key = r.readString();
                        try {
                            if (key.equals("a")) a = r.readLong();
                            else if (key.equals("b")) b = r.readLong();
                            else r.skipValue();
                        } catch (MsgPackException e) {
                            throw new MsgPackException("parameter '" + key + "': " + e.getMessage());
                        }
                    }
                    call.reply(Codecs.LONG, a + b);
                })
                .method("echo", call -> call.reply(Codecs.VALUE, call.reader().readValue()))
                .method("sleep", call -> {
                    long ms = ((Number) ((Map<?, ?>) call.reader().readValue()).get("ms")).longValue();
                    Thread.sleep(ms);
                    call.reply(Codecs.LONG, ms);
                })
                .method("gate", call -> {
                    gate.await(10, TimeUnit.SECONDS);
                    call.reply(Codecs.STRING, "opened");
                })
                .method("fail", call -> {
                    Map<?, ?> p = (Map<?, ?>) call.reader().readValue();
                    throw new ProcwireException(String.valueOf(p.get("message")), (String) p.get("code"), p.get("data"));
                })
                .method("boom", call -> {
                    throw new IllegalStateException("boom");
                })
                .method("count", Response.STREAM, call -> {
                    long n = ((Number) ((Map<?, ?>) call.reader().readValue()).get("n")).longValue();
                    StreamSink<Object> out = call.stream(Codecs.VALUE);
                    for (long i = 0; i < n; i++) {
                        out.send(Map.of("i", i));
                    }
                })
                .method("accept", Response.ACK, call -> call.ack(Codecs.VALUE).ack(Map.of("accepted", true)))
                .method("fire", Response.NONE, call -> self[0].emitter("tick", Codecs.VALUE).emit(call.reader().readValue()))
                .method("reverse", Response.RESULT, Codec.RAW, 0, call -> {
                    byte[] in = call.payloadBytes();
                    byte[] out = new byte[in.length];
                    for (int i = 0; i < in.length; i++) {
                        out[i] = in[in.length - 1 - i];
                    }
                    call.replyRaw(java.nio.ByteBuffer.wrap(out));
                })
                .method("table", Response.RESULT, Codec.ARROW, 0, call -> {
                    throw new AssertionError("an Arrow method runs only on the data plane");
                })
                .method("count rows", Response.RESULT, Codec.MSGPACK, Codec.ARROW, 0, call -> {
                    throw new AssertionError("an Arrow method runs only on the data plane");
                })
                .method("emitTable", call -> {
                    self[0].emitter("rows", Codecs.RAW).emit(new byte[] {1, 2, 3});
                    call.reply(Codecs.STRING, "emitted");
                })
                .method("emit", call -> {
                    EventEmitter<Object> tick = self[0].emitter("tick", Codecs.VALUE);
                    Map<String, Object> event = new LinkedHashMap<>();
                    event.put("seq", 1L);
                    tick.emit(event);
                    self[0].emitter("scalar", Codecs.VALUE).emit(7L);
                    self[0].emitter("empty", Codecs.VALUE).emit(null);
                    call.reply(Codecs.STRING, "emitted");
                })
                .method("values", call -> {
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("bytes", new byte[] {1, 2, 3});
                    v.put("when", java.time.Instant.parse("2024-01-02T03:04:05.006Z"));
                    v.put("integral", 3.0);
                    v.put("half", 0.5);
                    v.put("nan", Double.NaN);
                    v.put("big", new java.math.BigInteger("18446744073709551615"));
                    v.put("list", java.util.List.of(1L, "two"));
                    Map<Object, Object> numericKeys = new LinkedHashMap<>();
                    numericKeys.put(1L, "one");
                    v.put("numericKeys", numericKeys);
                    call.reply(Codecs.VALUE, v);
                })
                .event("tick")
                .event("scalar")
                .event("empty")
                .event("rows", Codec.ARROW)
                .build();
        self[0] = h;
        return h;
    }
}
