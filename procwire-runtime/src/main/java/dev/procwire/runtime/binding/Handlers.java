package dev.procwire.runtime.binding;

import dev.procwire.api.Codec;
import dev.procwire.api.EventEmitter;
import dev.procwire.api.Response;
import dev.procwire.runtime.codec.Encoder;
import dev.procwire.runtime.internal.control.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link ServiceBinding} built from lambdas, for handlers registered by name at run time (as the
 * Node and Rust clients do). Generated bindings are the usual way; both plug into the same dispatch.
 *
 * <pre>{@code
 * Handlers handlers = Handlers.builder()
 *     .method("echo", call -> call.reply(Codecs.VALUE, call.reader().readValue()))
 *     .method("hash", Response.RESULT, Codec.RAW, 0, call -> call.replyRaw(sha256(call.payload())))
 *     .event("tick")
 *     .build();
 * EventEmitter<Object> tick = handlers.emitter("tick", Codecs.VALUE);
 * Procwire.serve(handlers);
 * }</pre>
 */
public final class Handlers implements ServiceBinding {

    /** Handles one request. */
    @FunctionalInterface
    public interface Handler {
        void handle(Call call) throws Exception;
    }

    private final List<MethodDescriptor> methods;
    private final List<EventDescriptor> events;
    private final Handler[] handlers;
    private final String schemaJson;
    private volatile EventPort port;

    private Handlers(Builder b) {
        this.methods = List.copyOf(b.methods);
        this.events = List.copyOf(b.events);
        this.handlers = b.handlers.toArray(new Handler[0]);
        this.schemaJson = Schema.toJson(methods, events);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<MethodDescriptor> methods() {
        return methods;
    }

    @Override
    public List<EventDescriptor> events() {
        return events;
    }

    @Override
    public String schemaJson() {
        return schemaJson;
    }

    @Override
    public void attach(EventPort events) {
        this.port = events;
    }

    @Override
    public void invoke(int methodId, Call call) throws Exception {
        handlers[methodId - 1].handle(call);
    }

    /**
     * An emitter for the event named {@code eventName}. It may be taken before the worker starts;
     * events emitted before then are dropped.
     */
    public <T> EventEmitter<T> emitter(String eventName, Encoder<? super T> encoder) {
        for (EventDescriptor e : events) {
            if (e.name().equals(eventName)) {
                int id = e.id();
                return new EventEmitter<>() {
                    private volatile EventEmitter<T> bound;

                    @Override
                    public void emit(T event) {
                        EventEmitter<T> b = bound;
                        if (b == null) {
                            EventPort p = port;
                            if (p == null) {
                                return;
                            }
                            b = bound = p.emitter(id, encoder);
                        }
                        b.emit(event);
                    }
                };
            }
        }
        throw new IllegalArgumentException("no event named " + eventName);
    }

    /** Collects methods and events; ids follow registration order. */
    public static final class Builder {
        private final List<MethodDescriptor> methods = new ArrayList<>();
        private final List<Handler> handlers = new ArrayList<>();
        private final List<EventDescriptor> events = new ArrayList<>();
        private final Set<String> methodNames = new HashSet<>();
        private final Set<String> eventNames = new HashSet<>();

        private Builder() {}

        /** A MsgPack {@code result} method. */
        public Builder method(String name, Handler handler) {
            return method(name, Response.RESULT, Codec.MSGPACK, 0, handler);
        }

        /** A MsgPack method with the given response kind. */
        public Builder method(String name, Response response, Handler handler) {
            return method(name, response, Codec.MSGPACK, 0, handler);
        }

        /** A method with one codec for request and response, and an optional published timeout. */
        public Builder method(String name, Response response, Codec codec, long timeoutMs, Handler handler) {
            return method(name, response, codec, codec, timeoutMs, handler);
        }

        /** A method with separate request and response codecs. */
        public Builder method(String name, Response response, Codec requestCodec, Codec responseCodec, long timeoutMs,
                Handler handler) {
            if (!methodNames.add(name)) {
                throw new IllegalArgumentException("duplicate method name: " + name);
            }
            if (handler == null) {
                throw new NullPointerException("handler");
            }
            methods.add(new MethodDescriptor(methods.size() + 1, name, response, timeoutMs, requestCodec, responseCodec));
            handlers.add(handler);
            return this;
        }

        /** A MsgPack event. */
        public Builder event(String name) {
            return event(name, Codec.MSGPACK);
        }

        public Builder event(String name, Codec codec) {
            if (!eventNames.add(name)) {
                throw new IllegalArgumentException("duplicate event name: " + name);
            }
            events.add(new EventDescriptor(events.size() + 1, name, codec));
            return this;
        }

        public Handlers build() {
            return new Handlers(this);
        }
    }
}
