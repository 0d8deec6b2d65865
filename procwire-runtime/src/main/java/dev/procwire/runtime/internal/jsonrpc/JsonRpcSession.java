package dev.procwire.runtime.internal.jsonrpc;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.procwire.api.Codec;
import dev.procwire.api.Response;
import dev.procwire.runtime.internal.Log;
import dev.procwire.runtime.binding.EventDescriptor;
import dev.procwire.runtime.binding.MethodDescriptor;
import dev.procwire.runtime.binding.ServiceBinding;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import dev.procwire.runtime.internal.dispatch.Dispatcher;
import dev.procwire.runtime.internal.dispatch.EventSender;
import dev.procwire.runtime.internal.frame.Frame;
import dev.procwire.runtime.internal.frame.FrameSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One parent speaking line-delimited JSON-RPC 2.0 on stdio.
 *
 * <ul>
 * <li>A request ({@code id} present: a string, a number or {@code null}) for a method of the service is
 *     dispatched like a data-plane request and answered when it finishes, so concurrent requests are
 *     answered in the order they complete. Params (an object or an array; absent or {@code null}
 *     means nil) are converted to the MsgPack payload the binding decodes, see {@link JsonValues}.</li>
 * <li>A notification (no {@code id}) runs the same way and is never answered.</li>
 * <li>A batch (a non-empty array) is answered with one array of the responses, in request order, once
 *     all are in; nothing when it held only notifications. An empty array is an invalid request.</li>
 * <li>Response kinds: {@code result} and {@code ack} answer with their value; a {@code stream} method
 *     answers with the array of its chunks when the stream ends; a {@code none} method answers
 *     {@code null} as soon as it is dispatched.</li>
 * <li>Errors: see {@link JsonRpcErrors}. A line that is not JSON gets −32700 with id {@code null}; a
 *     malformed request, or one nested deeper than {@link #MAX_NESTING} levels, gets −32600 with its
 *     id when the id can be read, else {@code null}. Nothing else about a line is limited.</li>
 * <li>The service's events go out as notifications named after the event, params the event value
 *     (a value that is not an object or array is wrapped in a one-element array; {@code null} is
 *     left out).</li>
 * <li>{@code @procwire/transport}'s reserved methods: {@code __heartbeat_ping__} is answered with a
 *     {@code __heartbeat_pong__} notification echoing {@code seq} and {@code timestamp} (or, sent as a
 *     request, with that object as its result); {@code __shutdown__} answers
 *     {@code {status: "shutting_down", pending_requests}}, refuses new calls, lets the requests in
 *     flight finish (for up to 80% of its {@code timeout_ms}, default 5 s), sends
 *     {@code __shutdown_complete__ {exit_code: 0}} and stops the worker; {@code __handshake__} answers
 *     the worker's version and capabilities. A {@code shutdown} notification (the original seed
 *     example's parent sends one) does what {@code __shutdown__} does, unless the service has a method
 *     of that name. Other {@code __…__} names are unknown methods.</li>
 * <li>Responses sent to the worker (it never sends requests) and blank lines are ignored.</li>
 * </ul>
 */
final class JsonRpcSession {

    /** Where one response goes: a line of its own, or a slot of a batch. */
    @FunctionalInterface
    interface Reply {
        void send(ObjectNode response);
    }

    /**
     * The deepest nesting a line may have (the request object itself is level 1). Deeper lines are
     * refused with −32600, under the request's id when it comes before the deep part.
     */
    static final int MAX_NESTING = 1000;

    /**
     * Jackson with no limit but nesting: a line is as long as the parent makes it (docs/limits.md), so
     * strings, numbers, member names and the line itself are bounded by the heap only, and a Jackson
     * upgrade cannot tighten them. Long numbers go through Jackson's fast parsers: 1,000,000 digits take
     * 0.85 s where the JDK's {@code BigInteger} takes 38 s.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING)
                            .maxStringLength(Integer.MAX_VALUE)
                            .maxNumberLength(Integer.MAX_VALUE)
                            .maxNameLength(Integer.MAX_VALUE)
                            .maxDocumentLength(-1) // none
                            .maxTokenCount(-1) // none
                            .build())
                    // What is written is never deeper than what was read (results come from MsgPack,
                    // itself limited to 512 levels).
                    .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                    .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER, StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long DEFAULT_SHUTDOWN_TIMEOUT_MS = 5_000;
    private static final FrameSink DISCARD = new FrameSink() {
        @Override
        public void send(int methodId, int flags, int requestId, MsgPackWriter payload) {}

        @Override
        public void send(int methodId, int flags, int requestId, ByteBuffer payload) {}
    };

    private final Dispatcher dispatcher;
    private final Consumer<String> out;
    private final EventSender events;
    private final Consumer<String> shutdown;
    private final Map<String, MethodDescriptor> methods = new HashMap<>();
    private final EventDescriptor[] eventsById;
    private final AtomicInteger requestIds = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean closed;

    /**
     * @param out writes one line (without its newline) to the parent; thread-safe
     * @param shutdown stops the worker
     */
    JsonRpcSession(ServiceBinding binding, Dispatcher dispatcher, Consumer<String> out, EventSender events,
            Consumer<String> shutdown) {
        this.dispatcher = dispatcher;
        this.out = out;
        this.events = events;
        this.shutdown = shutdown;
        for (MethodDescriptor m : binding.methods()) {
            methods.put(m.name(), m);
        }
        List<EventDescriptor> list = binding.events();
        this.eventsById = new EventDescriptor[list.size() + 1];
        for (EventDescriptor e : list) {
            eventsById[e.id()] = e;
        }
        events.connect(new EventSink());
    }

    void close() {
        closed = true;
        events.connect(null);
    }

    // ---- input ------------------------------------------------------------------------------

    void onLine(String line) {
        if (closed || line.isBlank()) {
            return;
        }
        JsonNode message;
        try {
            message = MAPPER.readTree(line);
        } catch (StreamConstraintsException e) {
            // Well-formed as far as it was read, but deeper than MAX_NESTING: the only limit left.
            write(invalid(idBeforeTheDeepPart(line), "nested deeper than " + MAX_NESTING
                    + " levels, the most the worker reads; send the deep value flatter (or as a string)"));
            return;
        } catch (JacksonException e) {
            write(errorResponse(NODES.nullNode(),
                    JsonRpcErrors.error(JsonRpcErrors.PARSE_ERROR, "Parse error: " + e.getOriginalMessage(), null)));
            return;
        }
        if (message.isArray()) {
            if (message.isEmpty()) {
                write(invalid(NODES.nullNode(), "empty batch"));
                return;
            }
            Batch batch = new Batch(message.size(), this::write);
            for (int i = 0; i < message.size(); i++) {
                int index = i;
                handle(message.get(i), () -> batch.slot(index));
            }
            batch.seal();
        } else {
            handle(message, () -> this::write);
        }
    }

    /**
     * The {@code id} of a request object that is too deep to read whole, when it comes before the deep
     * part (as every {@code @procwire/transport} request has it); else {@code null}.
     */
    private static JsonNode idBeforeTheDeepPart(String line) {
        try (JsonParser p = MAPPER.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return NODES.nullNode();
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("id")) {
                    return switch (value) {
                        case VALUE_STRING -> NODES.textNode(p.getText());
                        case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                                ? NODES.numberNode(p.getBigIntegerValue()) : NODES.numberNode(p.getLongValue());
                        case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
                        default -> NODES.nullNode(); // null, or not a valid id
                    };
                }
                p.skipChildren();
            }
        } catch (IOException e) {
            // the deep part came first
        }
        return NODES.nullNode();
    }

    /** Handles one request object; {@code replies} gives the place for its response when it gets one. */
    private void handle(JsonNode message, Supplier<Reply> replies) {
        if (!message.isObject()) {
            replies.get().send(invalid(NODES.nullNode(), "expected a request object"));
            return;
        }
        JsonNode method = message.get("method");
        if (method == null && (message.has("result") || message.has("error"))) {
            Log.debug(() -> "ignored a response sent to the worker: " + message);
            return;
        }
        boolean hasId = message.has("id");
        JsonNode id = hasId ? message.get("id") : NODES.nullNode();
        if (hasId && !(id.isTextual() || id.isNumber() || id.isNull())) {
            replies.get().send(invalid(NODES.nullNode(), "\"id\" must be a string, a number or null"));
            return;
        }
        JsonNode version = message.get("jsonrpc");
        if (version == null || !"2.0".equals(version.textValue())) {
            replies.get().send(invalid(id, "\"jsonrpc\" must be \"2.0\""));
            return;
        }
        if (method == null || !method.isTextual()) {
            replies.get().send(invalid(id, "\"method\" must be a string"));
            return;
        }
        JsonNode params = message.get("params");
        if (params != null && params.isNull()) {
            params = null; // what @procwire/transport sends for request(method, null): taken as no params
        }
        if (params != null && !params.isObject() && !params.isArray()) {
            replies.get().send(invalid(id, "\"params\" must be an object or an array"));
            return;
        }
        route(method.textValue(), params, id, hasId ? replies.get() : null);
    }

    /** Runs a valid request by its method's name; {@code reply} is {@code null} for a notification. */
    private void route(String name, JsonNode params, JsonNode id, Reply reply) {
        MethodDescriptor m = methods.get(name);
        if (name.startsWith("__") && name.endsWith("__") && name.length() > 4) {
            reserved(name, params, id, reply);
        } else if (m != null) {
            call(m, params, id, reply);
        } else if (name.equals("shutdown")) {
            shutdownRequested(params, id, reply);
        } else if (reply != null) {
            reply.send(errorResponse(id, JsonRpcErrors.error(JsonRpcErrors.METHOD_NOT_FOUND, "Method not found: " + name, null)));
        } else {
            Log.debug(() -> "ignored a notification for an unknown method: " + name);
        }
    }

    private void call(MethodDescriptor m, JsonNode params, JsonNode id, Reply reply) {
        if (draining.get()) {
            if (reply != null) {
                ObjectNode data = NODES.objectNode().put("code", JsonRpcErrors.SHUTTING_DOWN);
                reply.send(errorResponse(id, JsonRpcErrors.error(JsonRpcErrors.SERVER_ERROR, "worker is shutting down", data)));
            }
            return;
        }
        String arrow = arrowSide(m);
        if (arrow != null) {
            if (reply != null) {
                reply.send(errorResponse(id, JsonRpcErrors.error(JsonRpcErrors.METHOD_NOT_FOUND, "Method not available over "
                        + "JSON-RPC: " + m.name() + " " + arrow, null)));
            }
            return;
        }
        byte[] payload;
        try {
            payload = payloadOf(m, params);
        } catch (IllegalArgumentException e) {
            if (reply != null) {
                reply.send(errorResponse(id, JsonRpcErrors.error(JsonRpcErrors.INVALID_PARAMS,
                        "invalid params for " + m.name() + ": " + e.getMessage(), null)));
            }
            return;
        }
        FrameSink sink = DISCARD;
        if (reply != null) {
            if (m.response() == Response.NONE) {
                reply.send(resultResponse(id, NODES.nullNode())); // nothing more will come
            } else {
                sink = new CallSink(m, id, reply);
            }
        }
        dispatcher.onFrame(new Frame(m.id(), 0, nextRequestId(), payload), sink);
    }

    private int nextRequestId() {
        int id;
        do {
            id = requestIds.incrementAndGet();
        } while (id == 0);
        return id;
    }

    /**
     * Why {@code m} cannot be called in this mode ("takes an Arrow table …"), or {@code null} if it can. JSON-RPC
     * on stdio carries JSON values only, and the parent knows no JSON form of an Arrow table.
     */
    private static String arrowSide(MethodDescriptor m) {
        String side = m.requestCodec() == Codec.ARROW ? "takes" : m.responseCodec() == Codec.ARROW ? "answers" : null;
        return side == null ? null : side + " an Arrow table (Codec.ARROW), which JSON cannot carry; call it through "
                + "@procwire/core's data channel";
    }

    /** The request payload for {@code params}, in the method's request codec. */
    private static byte[] payloadOf(MethodDescriptor m, JsonNode params) {
        if (m.requestCodec() == Codec.RAW) {
            return rawBytes(params);
        }
        MsgPackWriter w = new MsgPackWriter();
        JsonValues.toMsgPack(params, w);
        return w.toByteArray();
    }

    /**
     * The bytes of a raw-codec request: a Node {@code Buffer} as {@code JSON.stringify} writes it
     * ({@code {"type":"Buffer","data":[…]}}), or an array of byte values; no params, or an empty object
     * (what a caller passes to a method that takes nothing), is no bytes.
     */
    private static byte[] rawBytes(JsonNode params) {
        if (params == null || params.isObject() && params.isEmpty()) {
            return new byte[0];
        }
        JsonNode data = params;
        if (params.isObject()) {
            data = "Buffer".equals(params.path("type").textValue()) ? params.get("data") : null;
        }
        if (data == null || !data.isArray()) {
            throw new IllegalArgumentException(
                    "a raw method takes a Node Buffer ({\"type\":\"Buffer\",\"data\":[…]}) or an array of byte values");
        }
        byte[] bytes = new byte[data.size()];
        for (int i = 0; i < bytes.length; i++) {
            JsonNode b = data.get(i);
            if (!b.isIntegralNumber() || b.intValue() < 0 || b.intValue() > 255) {
                throw new IllegalArgumentException("byte " + i + " is not a number from 0 to 255: " + b);
            }
            bytes[i] = (byte) b.intValue();
        }
        return bytes;
    }

    // ---- reserved methods --------------------------------------------------------------------

    private void reserved(String name, JsonNode params, JsonNode id, Reply reply) {
        switch (name) {
            case "__heartbeat_ping__" -> {
                ObjectNode pong = NODES.objectNode();
                if (params != null && params.isObject()) {
                    copy(params, pong, "timestamp");
                    copy(params, pong, "seq");
                }
                pong.putObject("load").put("pending_requests", dispatcher.inFlight());
                if (reply != null) {
                    reply.send(resultResponse(id, pong));
                } else {
                    write(notification("__heartbeat_pong__", pong));
                }
            }
            case "__shutdown__" -> shutdownRequested(params, id, reply);
            case "__handshake__" -> {
                if (reply != null) {
                    ObjectNode result = NODES.objectNode().put("version", "1.0");
                    result.putArray("capabilities").add("heartbeat").add("shutdown");
                    result.putObject("worker_info")
                            .put("name", "procwire-java")
                            .put("language", "java")
                            .put("pid", ProcessHandle.current().pid());
                    reply.send(resultResponse(id, result));
                }
            }
            default -> {
                if (reply != null) {
                    reply.send(errorResponse(id, JsonRpcErrors.error(JsonRpcErrors.METHOD_NOT_FOUND,
                            "Method not found: " + name + " (a reserved method this worker does not implement)", null)));
                }
            }
        }
    }

    private static void copy(JsonNode from, ObjectNode to, String field) {
        JsonNode v = from.get(field);
        if (v != null) {
            to.set(field, v);
        }
    }

    /**
     * Graceful shutdown: acknowledge, refuse new calls, let the calls in flight finish, say so, stop.
     * Draining runs on its own thread: the control thread keeps answering pings meanwhile.
     */
    private void shutdownRequested(JsonNode params, JsonNode id, Reply reply) {
        boolean first = draining.compareAndSet(false, true);
        if (reply != null) {
            reply.send(resultResponse(id, NODES.objectNode()
                    .put("status", "shutting_down")
                    .put("pending_requests", dispatcher.inFlight())));
        }
        if (!first) {
            return;
        }
        JsonNode t = params == null ? null : params.get("timeout_ms");
        long timeoutMs = t != null && t.isNumber() && t.asLong() > 0 ? t.asLong() : DEFAULT_SHUTDOWN_TIMEOUT_MS;
        long drainMs = timeoutMs * 4 / 5; // leave the parent time to see __shutdown_complete__ before it kills
        Thread drain = new Thread(() -> {
            try {
                if (!dispatcher.awaitIdle(drainMs, TimeUnit.MILLISECONDS)) {
                    Log.warn("shutting down with " + dispatcher.inFlight() + " requests still running");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            write(notification("__shutdown_complete__", NODES.objectNode().put("exit_code", 0)));
            shutdown.accept("shutdown requested over JSON-RPC");
        }, "procwire-jsonrpc-shutdown");
        drain.setDaemon(true);
        drain.start();
    }

    // ---- output -----------------------------------------------------------------------------

    static ObjectNode resultResponse(JsonNode id, JsonNode result) {
        ObjectNode r = NODES.objectNode().put("jsonrpc", "2.0");
        r.set("id", id);
        r.set("result", result);
        return r;
    }

    static ObjectNode errorResponse(JsonNode id, ObjectNode error) {
        ObjectNode r = NODES.objectNode().put("jsonrpc", "2.0");
        r.set("id", id);
        r.set("error", error);
        return r;
    }

    private static ObjectNode invalid(JsonNode id, String why) {
        return errorResponse(id, JsonRpcErrors.error(JsonRpcErrors.INVALID_REQUEST, "Invalid Request: " + why, null));
    }

    static ObjectNode notification(String method, JsonNode params) {
        ObjectNode n = NODES.objectNode().put("jsonrpc", "2.0").put("method", method);
        if (params != null && !params.isNull()) {
            n.set("params", params.isContainerNode() ? params : NODES.arrayNode(1).add(params));
        }
        return n;
    }

    private void write(JsonNode message) {
        if (closed) {
            return;
        }
        String line;
        try {
            line = MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            Log.error("cannot write a JSON-RPC message", e);
            return;
        }
        out.accept(line);
    }

    /** Events of the service, as notifications. */
    private final class EventSink implements FrameSink {
        @Override
        public void send(int eventId, int flags, int requestId, MsgPackWriter payload) {
            deliver(eventId, Arrays.copyOfRange(payload.buffer(), payload.headroom(), payload.headroom() + payload.size()));
        }

        @Override
        public void send(int eventId, int flags, int requestId, ByteBuffer payload) {
            byte[] bytes = new byte[payload.remaining()];
            payload.duplicate().get(bytes);
            deliver(eventId, bytes);
        }

        private void deliver(int eventId, byte[] payload) {
            EventDescriptor e = eventId > 0 && eventId < eventsById.length ? eventsById[eventId] : null;
            if (e == null) {
                Log.warn("dropped event with unknown id " + eventId);
                return;
            }
            JsonNode value;
            if (e.codec() == Codec.ARROW) {
                Log.warn("dropped event " + e.name() + ": it carries an Arrow table (Codec.ARROW), which JSON-RPC on "
                        + "stdio cannot carry");
                return;
            } else if (e.codec() == Codec.RAW) {
                value = NODES.binaryNode(payload);
            } else if (payload.length == 0) {
                value = null;
            } else {
                try {
                    value = JsonValues.fromValue(new MsgPackReader(payload).readValue());
                } catch (RuntimeException ex) {
                    Log.warn("dropped event " + e.name() + ": " + ex.getMessage());
                    return;
                }
            }
            write(notification(e.name(), value));
        }
    }
}
