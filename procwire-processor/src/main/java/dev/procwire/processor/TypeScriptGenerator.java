package dev.procwire.processor;

import dev.procwire.api.Codec;
import dev.procwire.api.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the parent's side of one service: an ES module {@code X.procwire.mjs} and its declarations
 * {@code X.procwire.d.mts}, exporting {@code defineX(module)} (adds every method and event to a
 * {@code @procwire/core} {@code Module}, with response kinds, codecs, {@code cancellable} and timeouts),
 * {@code class XClient} (one typed method per service method, one {@code on<Event>} per event), a type
 * per value class reached ({@link TypeScriptTypes}) and the schema type {@code XSchema}. Only emits:
 * the model is already valid.
 */
final class TypeScriptGenerator {
    /** The two files of one service. */
    record Files(String module, String declarations) {}

    /** An Arrow payload the parent receives: what its {@code arrowCodec} reads ({@code apache-arrow}'s). */
    private static final String ARROW_TABLE = "Table";
    /**
     * An Arrow payload the parent sends: what its {@code arrowCodec} writes — a {@code Table}, a
     * {@code RecordBatch} or a plain object of columns ({@code @procwire/codecs/arrow}'s).
     */
    private static final String ARROW_INPUT = "ArrowSerializable";

    private final ServiceModel model;
    private final Map<String, String> docs;
    private final String service;
    private final TypeScriptTypes types;

    private TypeScriptGenerator(ServiceModel model, Map<String, String> docs) {
        this.model = model;
        this.docs = docs;
        this.service = model.element().getSimpleName().toString();
        this.types = new TypeScriptTypes(model.valueClasses(), service,
                model.usesArrow() ? List.of(ARROW_TABLE, ARROW_INPUT) : List.of());
    }

    /**
     * Why the generated client cannot have the members the service asks for, or {@code null}: each
     * method is a member named as in Java and each event an {@code on<Event>} listener, so two of them
     * (overloads with different wire names, a method {@code onTick} beside an event {@code tick}) may
     * meet, and TypeScript keeps {@code constructor} for itself.
     */
    static String clientMemberClash(ServiceModel model) {
        String client = model.element().getSimpleName() + "Client";
        Map<String, String> members = new HashMap<>();
        members.put("constructor", "its constructor");
        for (ServiceModel.Method m : model.methods()) {
            String other = members.putIfAbsent(m.javaName(), "method " + m.javaName() + "() (\"" + m.name() + "\")");
            if (other != null) {
                return "the generated " + client + " would have two members named " + m.javaName() + ": " + other
                        + " and method " + m.javaName() + "() (\"" + m.name() + "\"): rename the Java method";
            }
        }
        for (ServiceModel.EventModel e : model.events()) {
            String other = members.putIfAbsent(listener(e.name()), "event \"" + e.name() + "\"");
            if (other != null) {
                return "the generated " + client + " would have two members named " + listener(e.name()) + ": " + other
                        + " and the listener of event \"" + e.name() + "\": rename the Java method, or the event";
            }
        }
        return null;
    }

    /**
     * @param docs each method's Javadoc, as plain text, by Java method name (methods without any left out)
     */
    static Files generate(ServiceModel model, Map<String, String> docs) {
        return new TypeScriptGenerator(model, docs).files();
    }

    private Files files() {
        // Types are reached in schema order, so the declarations come out in first-use order.
        List<String> schemaMethods = new ArrayList<>();
        for (ServiceModel.Method m : model.methods()) {
            String req = request(m);
            String res = answer(m);
            // In: what a codec writes; out: what it reads. Only the Arrow codec writes more than it reads.
            String reqIn = m.requestCodec() == Codec.ARROW ? ARROW_INPUT : req;
            String resIn = m.responseCodec() == Codec.ARROW && m.response() != Response.NONE ? ARROW_INPUT : res;
            schemaMethods.add("    " + TypeScriptTypes.key(m.name()) + ": { reqIn: " + reqIn + "; reqOut: " + req
                    + "; resIn: " + resIn + "; resOut: " + res + "; responseType: " + TypeScriptTypes.quote(
                    m.response().wireName()) + " };");
        }
        List<String> schemaEvents = new ArrayList<>();
        for (ServiceModel.EventModel e : model.events()) {
            String data = sent(e.encoding());
            String dataIn = e.codec() == Codec.ARROW ? ARROW_INPUT : data;
            schemaEvents.add("    " + TypeScriptTypes.key(e.name()) + ": { dataIn: " + dataIn + "; dataOut: " + data
                    + " };");
        }
        return new Files(module(), declarations(schemaMethods, schemaEvents));
    }

    private String header() {
        return "// Generated by dev.procwire.processor.ProcwireProcessor from "
                + model.serviceName().canonicalName() + ". Do not edit: rebuild the worker instead.\n";
    }

    private String module() {
        StringBuilder b = new StringBuilder(header());
        boolean raw = model.methods().stream().anyMatch(m -> m.requestCodec() == Codec.RAW
                || m.responseCodec() == Codec.RAW) || model.events().stream().anyMatch(e -> e.codec() == Codec.RAW);
        b.append("import { msgpack").append(raw ? ", rawCodec" : "").append(" } from \"@procwire/codecs\";\n");
        if (model.usesArrow()) {
            b.append("import { arrowCodec } from \"@procwire/codecs/arrow\";\n");
        }
        b.append('\n');
        b.append("/** Adds every method and event of ").append(service).append(" to `module`, and returns it. */\n");
        b.append("export function define").append(service).append("(module) {\n  return module");
        for (ServiceModel.Method m : model.methods()) {
            b.append("\n    .method(").append(TypeScriptTypes.quote(m.name())).append(", { requestCodec: ")
                    .append(codec(m.requestCodec())).append(", responseCodec: ").append(codec(m.responseCodec()))
                    .append(", response: ").append(TypeScriptTypes.quote(m.response().wireName()));
            if (cancellable(m)) {
                b.append(", cancellable: true");
            }
            if (m.timeoutMs() > 0) {
                b.append(", timeout: ").append(m.timeoutMs());
            }
            b.append(" })");
        }
        for (ServiceModel.EventModel e : model.events()) {
            b.append("\n    .event(").append(TypeScriptTypes.quote(e.name())).append(", { codec: ")
                    .append(codec(e.codec())).append(" })");
        }
        b.append(";\n}\n\n");
        b.append("/** Typed calls to a module made by `define").append(service).append("`. */\n");
        b.append("export class ").append(service).append("Client {\n  #module;\n\n");
        b.append("  constructor(module) {\n    this.#module = module;\n  }\n");
        for (ServiceModel.Method m : model.methods()) {
            boolean payload = m.binding() != ServiceModel.Binding.NONE;
            String call = m.response() == Response.STREAM ? "stream" : "send";
            b.append("\n  ").append(m.javaName()).append(payload ? "(payload, options) {\n" : "(options) {\n")
                    .append("    return this.#module.").append(call).append('(').append(TypeScriptTypes.quote(m.name()))
                    .append(payload ? ", payload" : ", " + unread(m.requestCodec())).append(", options);\n  }\n");
        }
        for (ServiceModel.EventModel e : model.events()) {
            b.append("\n  ").append(listener(e.name())).append("(handler) {\n    return this.#module.onEvent(")
                    .append(TypeScriptTypes.quote(e.name())).append(", handler);\n  }\n");
        }
        return b.append("}\n").toString();
    }

    private String declarations(List<String> schemaMethods, List<String> schemaEvents) {
        StringBuilder b = new StringBuilder(header());
        b.append("import type { EmptySchema, Module } from \"@procwire/core\";\n");
        if (model.usesArrow()) {
            b.append("import type { ").append(ARROW_INPUT).append(" } from \"@procwire/codecs/arrow\";\n");
            b.append("import type { ").append(ARROW_TABLE).append(" } from \"apache-arrow\";\n");
        }
        b.append('\n');
        b.append("/** Options of one call: an `AbortSignal` aborts it (the worker sees its `CancellationToken` fire). */\n");
        b.append("export interface CallOptions {\n  signal?: AbortSignal;\n}\n");
        for (String d : types.declarations()) {
            b.append('\n').append(d);
        }
        b.append("\n/** The methods and events of `").append(model.serviceName().canonicalName())
                .append("`, as `@procwire/core`'s `Module` types them. */\n");
        b.append("export type ").append(service).append("Schema = {\n  methods: {\n");
        schemaMethods.forEach(l -> b.append(l).append('\n'));
        b.append("  };\n  events: {\n");
        schemaEvents.forEach(l -> b.append(l).append('\n'));
        b.append("  };\n};\n\n");
        String schema = service + "Schema";
        b.append("/** What the parent sends to method `M`. */\n");
        b.append("export type ").append(service).append("Request<M extends keyof ").append(schema)
                .append("[\"methods\"]> = ").append(schema).append("[\"methods\"][M][\"reqIn\"];\n");
        b.append("/** What the parent receives from method `M`: its result, each chunk of a stream, or the ack. */\n");
        b.append("export type ").append(service).append("Response<M extends keyof ").append(schema)
                .append("[\"methods\"]> = ").append(schema).append("[\"methods\"][M][\"resOut\"];\n\n");
        b.append("/** Adds every method and event of ").append(service).append(" to `module`, and returns it. */\n");
        b.append("export declare function define").append(service).append("(module: Module<EmptySchema>): Module<")
                .append(schema).append(">;\n\n");
        b.append("/** Typed calls to a module made by `define").append(service).append("`. */\n");
        b.append("export declare class ").append(service).append("Client {\n  #private;\n  constructor(module: Module<")
                .append(schema).append(">);\n");
        for (ServiceModel.Method m : model.methods()) {
            b.append(comment(m));
            String name = TypeScriptTypes.quote(m.name());
            b.append("  ").append(m.javaName()).append('(');
            if (m.binding() != ServiceModel.Binding.NONE) {
                b.append("payload: ").append(service).append("Request<").append(name).append(">, ");
            }
            String result = service + "Response<" + name + ">";
            b.append("options?: CallOptions): ").append(m.response() == Response.STREAM
                    ? "AsyncIterable<" + result + ">" : "Promise<" + result + ">").append(";\n");
        }
        for (ServiceModel.EventModel e : model.events()) {
            b.append("  /** Calls `handler` with each `").append(e.name()).append("` event; returns what unsubscribes it. */\n");
            b.append("  ").append(listener(e.name())).append("(handler: (data: ").append(schema).append("[\"events\"][")
                    .append(TypeScriptTypes.quote(e.name())).append("][\"dataOut\"]) => void): () => void;\n");
        }
        return b.append("}\n").toString();
    }

    private String comment(ServiceModel.Method m) {
        String doc = docs.get(m.javaName());
        if (doc == null || doc.isBlank()) {
            return "";
        }
        StringBuilder b = new StringBuilder("  /**\n");
        for (String line : doc.strip().split("\n", -1)) {
            b.append(line.isBlank() ? "   *" : "   * " + line.strip().replace("*/", "*\\/")).append('\n');
        }
        return b.append("   */\n").toString();
    }

    /** The payload type, after the binding rules ({@code ServiceModel.Binding}). */
    private String request(ServiceModel.Method m) {
        List<ServiceModel.Parameter.Payload> params = m.payloadParameters();
        params.forEach(p -> types.reach(p.type(), TypeScriptTypes.Side.INPUT));
        return switch (m.binding()) {
            case NONE -> switch (m.requestCodec()) {    // not read; the parent's codec still needs a value
                case RAW -> "Buffer";
                case ARROW -> ARROW_TABLE;
                default -> "undefined";
            };
            case RAW -> "Buffer";
            case ARROW -> ARROW_TABLE;    // as the worker reads it; the parent sends any ARROW_INPUT
            case WHOLE -> types.type(params.get(0).type(), TypeScriptTypes.Side.INPUT);
            case BARE_OR_NAMED -> {
                ServiceModel.Parameter.Payload p = params.get(0);
                String bare = types.field(p.type(), TypeScriptTypes.Side.INPUT);
                String named = "{ " + types.property(p.wireName(), TypeScriptTypes.nullable(p.type()), p.type(),
                        TypeScriptTypes.Side.INPUT) + " }";
                yield bare + " | " + named;
            }
            case NAMED -> {
                List<String> props = new ArrayList<>();
                for (ServiceModel.Parameter.Payload p : params) {
                    props.add(types.property(p.wireName(), TypeScriptTypes.nullable(p.type()), p.type(),
                            TypeScriptTypes.Side.INPUT));
                }
                yield "{ " + String.join(" ", props) + " }";
            }
        };
    }

    /** What the parent gets back: the result, each chunk, or the ack's data. */
    private String answer(ServiceModel.Method m) {
        if (m.response() == Response.NONE) {
            return "void";
        }
        for (ServiceModel.Parameter p : m.parameters()) {
            if (p instanceof ServiceModel.Parameter.Sink s) {
                return sent(s.chunk());
            }
            if (p instanceof ServiceModel.Parameter.Ack a) {
                return sent(a.data());
            }
        }
        ServiceModel.Result r = m.result();
        if (r instanceof ServiceModel.Result.Value v) {
            return sent(v.encoding());
        }
        if (r instanceof ServiceModel.Result.Async a) {
            return sent(a.encoding());
        }
        if (r instanceof ServiceModel.Result.Chunks c) {
            return sent(c.encoding());
        }
        // void: a result is nil (no bytes under the raw codec: an empty Buffer); an ack carries no data.
        return m.response() == Response.ACK ? "void" : m.responseCodec() == Codec.RAW ? "Buffer" : "null";
    }

    private String sent(ServiceModel.Encoding encoding) {
        if (encoding instanceof ServiceModel.Encoding.MsgPack mp) {
            types.reach(mp.type(), TypeScriptTypes.Side.OUTPUT);
            return types.field(mp.type(), TypeScriptTypes.Side.OUTPUT);
        }
        if (encoding instanceof ServiceModel.Encoding.Nil n) {
            return n.raw() ? "Buffer" : "null";    // no bytes: the parent's rawCodec reads an empty Buffer
        }
        if (encoding instanceof ServiceModel.Encoding.Arrow) {
            return ARROW_TABLE;    // the parent's arrowCodec
        }
        return "Buffer";    // the parent's rawCodec
    }

    /**
     * What the client sends to a method that reads no payload: nothing under MsgPack (nil), but the raw and
     * Arrow codecs cannot serialize {@code undefined}, so an empty Buffer or a table of no columns.
     */
    private static String unread(Codec requestCodec) {
        return switch (requestCodec) {
            case RAW -> "Buffer.alloc(0)";
            case ARROW -> "{}";
            default -> "undefined";
        };
    }

    private static boolean cancellable(ServiceModel.Method m) {
        return m.response() == Response.STREAM || m.parameters().stream().anyMatch(p ->
                p instanceof ServiceModel.Parameter.Cancellation || p instanceof ServiceModel.Parameter.Context);
    }

    private static String codec(Codec codec) {
        return switch (codec) {
            case RAW -> "rawCodec";
            case ARROW -> "arrowCodec";
            default -> "msgpack()";
        };
    }

    /** {@code onLog} for {@code log}, {@code onOrderPlaced} for {@code order-placed} or {@code order_placed}. */
    static String listener(String event) {
        StringBuilder b = new StringBuilder("on");
        for (String word : event.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                b.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return b.toString();
    }
}
