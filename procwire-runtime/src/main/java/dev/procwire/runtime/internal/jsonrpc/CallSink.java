package dev.procwire.runtime.internal.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.procwire.api.Codec;
import dev.procwire.runtime.binding.MethodDescriptor;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import dev.procwire.runtime.internal.frame.FrameSink;
import dev.procwire.runtime.internal.frame.Frames;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns the frames the dispatcher sends for one JSON-RPC request back into its one response: a result
 * or ack becomes {@code result}, the chunks of a stream are collected into an array that becomes
 * {@code result} at the stream's end, and an error frame becomes {@code error}.
 */
final class CallSink implements FrameSink {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final MethodDescriptor method;
    private final JsonNode id;
    private final JsonRpcSession.Reply reply;
    private ArrayNode chunks; // guarded by this
    private final AtomicBoolean answered = new AtomicBoolean();

    CallSink(MethodDescriptor method, JsonNode id, JsonRpcSession.Reply reply) {
        this.method = method;
        this.id = id;
        this.reply = reply;
    }

    @Override
    public void send(int methodId, int flags, int requestId, MsgPackWriter payload) {
        deliver(flags, Arrays.copyOfRange(payload.buffer(), payload.headroom(), payload.headroom() + payload.size()));
    }

    @Override
    public void send(int methodId, int flags, int requestId, ByteBuffer payload) {
        byte[] bytes = new byte[payload.remaining()];
        payload.duplicate().get(bytes);
        deliver(flags, bytes);
    }

    private void deliver(int flags, byte[] payload) {
        if (answered.get()) {
            return; // a chunk that could not be converted has already failed the call
        }
        if ((flags & Frames.ERROR) != 0) {
            answerError(payload);
            return;
        }
        if (flags == Frames.FLAGS_STREAM_END) {
            answerChunks();
            return;
        }
        JsonNode value;
        try {
            value = valueOf(payload);
        } catch (RuntimeException e) {
            answer(JsonRpcSession.errorResponse(id, JsonRpcErrors.error(JsonRpcErrors.INTERNAL_ERROR,
                    "cannot convert the answer of " + method.name() + " to JSON: " + e.getMessage(), null)));
            return;
        }
        if (flags == Frames.FLAGS_CHUNK) {
            addChunk(value);
        } else {
            answer(JsonRpcSession.resultResponse(id, value)); // a result, or an ack
        }
    }

    /** Answers with the worker's error payload as a JSON-RPC error (a generic one if it is unreadable). */
    private void answerError(byte[] payload) {
        ObjectNode error;
        try {
            error = JsonRpcErrors.fromWorkerError(new MsgPackReader(payload).readValue());
        } catch (RuntimeException e) {
            error = JsonRpcErrors.error(JsonRpcErrors.INTERNAL_ERROR, method.name() + " failed", null);
        }
        answer(JsonRpcSession.errorResponse(id, error));
    }

    /** Answers a stream's end with the chunks it sent, as one array. */
    private void answerChunks() {
        ArrayNode all;
        synchronized (this) {
            all = chunks == null ? NODES.arrayNode() : chunks;
            chunks = null;
        }
        answer(JsonRpcSession.resultResponse(id, all));
    }

    private synchronized void addChunk(JsonNode value) {
        if (chunks == null) {
            chunks = NODES.arrayNode();
        }
        chunks.add(value);
    }

    private void answer(ObjectNode response) {
        if (answered.compareAndSet(false, true)) {
            reply.send(response);
        }
    }

    /** The JSON value of a result, ack or chunk payload (empty: {@code null}). */
    private JsonNode valueOf(byte[] payload) {
        if (method.responseCodec() == Codec.RAW) {
            return NODES.binaryNode(payload);
        }
        if (payload.length == 0) {
            return NODES.nullNode(); // an ack without data
        }
        MsgPackReader r = new MsgPackReader(payload);
        Object v = r.readValue();
        r.expectEnd();
        return JsonValues.fromValue(v);
    }
}
