package dev.procwire.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.procwire.api.Codec;
import dev.procwire.api.Response;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.TypeElement;

/**
 * What the user wrote in one {@code @ProcwireService} class, validated: everything the binding
 * generator needs and nothing it has to check again.
 *
 * @param element the service class
 * @param bindingName {@code <Service>_Procwire}
 * @param methods in id order (ids 1, 2, …, declaration order)
 * @param events in id order (declaration order of fields and constructor parameters)
 * @param creation how {@code BindingProvider.create()} makes an instance, if it can
 * @param valueClasses every record, POJO and enum the service's types reach, in first-use order
 */
record ServiceModel(TypeElement element, ClassName bindingName, List<Method> methods, List<EventModel> events,
        Creation creation, List<ValueClass> valueClasses) {

    ClassName serviceName() {
        return ClassName.get(element);
    }

    /** Whether a method or event uses the Arrow codec (only then does generated code name Arrow's types). */
    boolean usesArrow() {
        return methods.stream().anyMatch(m -> m.requestCodec() == Codec.ARROW || m.responseCodec() == Codec.ARROW)
                || events.stream().anyMatch(e -> e.codec() == Codec.ARROW);
    }

    /**
     * The records of the Arrow payloads, results, chunks, acks and events, each once, in first-use order:
     * each has a generated {@code _ProcwireArrow} class.
     */
    List<ArrowRecord> arrowRecords() {
        Set<ArrowMapping> mappings = new LinkedHashSet<>();
        for (Method m : methods) {
            for (Parameter p : m.parameters()) {
                if (p instanceof Parameter.ArrowPayload a) {
                    mappings.add(a.mapping());
                } else if (p instanceof Parameter.Sink s) {
                    addMapping(mappings, s.chunk());
                } else if (p instanceof Parameter.Ack a) {
                    addMapping(mappings, a.data());
                }
            }
            if (m.result() instanceof Result.Value v) {
                addMapping(mappings, v.encoding());
            } else if (m.result() instanceof Result.Async a) {
                addMapping(mappings, a.encoding());
            } else if (m.result() instanceof Result.Chunks c) {
                addMapping(mappings, c.encoding());
            }
        }
        events.forEach(e -> addMapping(mappings, e.encoding()));
        Set<ArrowRecord> records = new LinkedHashSet<>();
        for (ArrowMapping m : mappings) {
            if (m instanceof ArrowMapping.Columns c) {
                records.add(c.record());
            } else if (m instanceof ArrowMapping.Rows r) {
                records.add(r.record());
            }
        }
        return List.copyOf(records);
    }

    private static void addMapping(Set<ArrowMapping> out, Encoding e) {
        if (e instanceof Encoding.Arrow a) {
            out.add(a.mapping());
        }
    }

    /** How the provider's {@code create()} instantiates the service. */
    enum Creation {
        /** It cannot: {@code create()} keeps the default that throws. */
        NONE,
        /** {@code new Service()}. */
        NO_ARG_CONSTRUCTOR,
        /** {@code new Service(emitter, …)}, passing the {@code @Event} emitters in parameter order. */
        EVENT_CONSTRUCTOR
    }

    /** How a payload is bound to a method's parameters. */
    enum Binding {
        /** No payload parameter: the payload is not read. */
        NONE,
        /** One record, POJO, map or {@code Object} parameter takes the whole payload. */
        WHOLE,
        /** One parameter of another type takes the bare value, or the value of its name in a map payload. */
        BARE_OR_NAMED,
        /** Each parameter takes the value of its name in a map payload. */
        NAMED,
        /** The raw codec: the single parameter is the payload bytes. */
        RAW,
        /** The Arrow codec: the single parameter is the payload table, or what it maps to. */
        ARROW
    }

    /**
     * One {@code @ProcwireMethod}.
     *
     * @param erasedParameters the erasures of the Java method's parameter types, for a Javadoc link to it
     */
    record Method(int id, String name, String constant, String handlerName, String javaName,
            List<TypeName> erasedParameters, boolean isStatic, Response response, Codec requestCodec, Codec responseCodec, long timeoutMs, List<Parameter> parameters,
            Binding binding, Result result) {

        /** The parameters read from the payload, in declaration order. */
        List<Parameter.Payload> payloadParameters() {
            return parameters.stream().filter(p -> p instanceof Parameter.Payload)
                    .map(p -> (Parameter.Payload) p).toList();
        }
    }

    /** How a value the worker sends (a result, chunk, ack or event) is encoded. */
    sealed interface Encoding {
        /** The Java type of the values encoded (wildcards replaced by their bound), boxed. */
        TypeName javaType();

        /** MsgPack, by the writer of {@code type}. */
        record MsgPack(WireType type, TypeName javaType) implements Encoding {}

        /** The raw codec, from a {@code byte[]}. */
        record RawBytes() implements Encoding {
            @Override
            public TypeName javaType() {
                return com.palantir.javapoet.ArrayTypeName.of(TypeName.BYTE);
            }
        }

        /** The raw codec, from a {@code ByteBuffer}'s remaining bytes. */
        record RawBuffer() implements Encoding {
            @Override
            public TypeName javaType() {
                return ClassName.get("java.nio", "ByteBuffer");
            }
        }

        /** The Arrow codec: a table, written from {@code javaType} by {@code mapping}. */
        record Arrow(ArrowMapping mapping, TypeName javaType) implements Encoding {}

        /**
         * No value, for {@code CompletionStage<Void>}: MsgPack nil, or no bytes when {@code raw} (as a
         * {@code void} raw method answers).
         */
        record Nil(boolean raw) implements Encoding {
            @Override
            public TypeName javaType() {
                return ClassName.get(Void.class);
            }
        }
    }

    /** A method parameter, bound from the payload or supplied by the runtime. */
    sealed interface Parameter {
        String javaName();

        /** Read from the payload by {@code type}'s reader; {@code wireName} is its key in a map payload. */
        record Payload(String javaName, String wireName, WireType type) implements Parameter {}

        /** The raw payload: {@code byte[]} ({@code buffer} false) or a read-only {@code ByteBuffer}. */
        record RawPayload(String javaName, boolean buffer) implements Parameter {}

        /** The Arrow payload: the table, or the record or rows {@code mapping} reads from it. */
        record ArrowPayload(String javaName, ArrowMapping mapping) implements Parameter {}

        /** {@code CancellationToken}. */
        record Cancellation(String javaName) implements Parameter {}

        /** {@code RequestContext}. */
        record Context(String javaName) implements Parameter {}

        /** {@code StreamSink<T>}. */
        record Sink(String javaName, Encoding chunk) implements Parameter {}

        /** {@code AckSink<T>}. */
        record Ack(String javaName, Encoding data) implements Parameter {}
    }

    /** What a method returns, and what the binding does with it. */
    sealed interface Result {
        /** {@code void}: the runtime completes the call when the method returns. */
        record Void() implements Result {}

        /** A value answered at once. */
        record Value(Encoding encoding) implements Result {}


        /** A {@code CompletionStage} (declared as {@code declared}) answered when it completes. */
        record Async(TypeName declared, Encoding encoding) implements Result {}

        /** A {@code Stream}, {@code Iterator} or {@code Iterable} whose elements are the stream's chunks. */
        record Chunks(TypeName declared, Iteration iteration, Encoding encoding) implements Result {}
    }

    /** How an Arrow table is bound to a Java value. */
    sealed interface ArrowMapping {
        /** The table itself: {@code VectorSchemaRoot}. */
        record Table() implements ArrowMapping {}

        /** A record whose components are the table's columns. */
        record Columns(ArrowRecord record) implements ArrowMapping {}

        /** A {@code List} of records, one per row, whose components are the values of the row. */
        record Rows(ArrowRecord record) implements ArrowMapping {}
    }

    /** How returned chunks are iterated. */
    enum Iteration { STREAM, ITERATOR, ITERABLE }

    /**
     * One {@code @Event}.
     *
     * @param member the field or constructor parameter name
     * @param target where the emitter goes
     */
    record EventModel(int id, String name, String constant, Codec codec, Encoding encoding, Target target,
            String member) {}

    /** Where an event's emitter is injected. */
    enum Target { FIELD, STATIC_FIELD, CONSTRUCTOR }
}
