package dev.procwire.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.procwire.processor.ServiceModel.ArrowMapping;
import dev.procwire.processor.ServiceModel.Binding;
import dev.procwire.processor.ServiceModel.Creation;
import dev.procwire.processor.ServiceModel.Encoding;
import dev.procwire.processor.ServiceModel.EventModel;
import dev.procwire.processor.ServiceModel.Method;
import dev.procwire.processor.ServiceModel.Parameter;
import dev.procwire.processor.ServiceModel.Result;
import dev.procwire.processor.ServiceModel.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Emits {@code <Service>_Procwire}, the {@code ServiceBinding} of one service: method and event id
 * constants, the method and event descriptors (the runtime renders the {@code $init} schema from
 * them), emitter injection in {@code attach}, one
 * {@code switch} in {@code invoke} that hands each method id to its handler, and a nested
 * {@code Provider} that {@code Procwire.serve} finds through {@code ServiceLoader}.
 *
 * <p>Each handler decodes its arguments with direct {@code MsgPackReader} calls (an Arrow payload: with
 * {@code ArrowPayloads.read} and the record's generated mapping), calls the service method and answers
 * through the {@code Call}. Handlers are separate methods, not cases inlined in the
 * switch, so no single method outgrows the JIT's size limit for compilation.
 */
final class BindingGenerator {
    private static final String BINDING_PACKAGE = "dev.procwire.runtime.binding";
    private static final ClassName SERVICE_BINDING = ClassName.get(BINDING_PACKAGE, "ServiceBinding");
    private static final ClassName BINDING_PROVIDER = ClassName.get(BINDING_PACKAGE, "BindingProvider");
    private static final ClassName METHOD_DESCRIPTOR = ClassName.get(BINDING_PACKAGE, "MethodDescriptor");
    private static final ClassName EVENT_DESCRIPTOR = ClassName.get(BINDING_PACKAGE, "EventDescriptor");
    private static final ClassName EVENT_PORT = ClassName.get(BINDING_PACKAGE, "EventPort");
    private static final ClassName CALL = ClassName.get(BINDING_PACKAGE, "Call");
    private static final ClassName DEFERRED_EMITTER = ClassName.get(BINDING_PACKAGE, "DeferredEmitter");
    private static final ClassName VALUE_TYPE = ClassName.get("dev.procwire.runtime.codec", "ValueType");
    private static final ClassName RESPONSE = ClassName.get("dev.procwire.api", "Response");
    private static final ClassName CODEC = ClassName.get("dev.procwire.api", "Codec");
    private static final ClassName STREAM_SINK = ClassName.get("dev.procwire.api", "StreamSink");
    private static final ClassName LIST = ClassName.get("java.util", "List");
    private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");

    private final ServiceModel model;
    private final ClassName binding;
    private final ClassName service;
    private final CodecEmitter emitter;
    private final Map<String, String> deferredFields = new HashMap<>();

    private BindingGenerator(ServiceModel model) {
        this.model = model;
        this.binding = model.bindingName();
        this.service = model.serviceName();
        this.emitter = new CodecEmitter(binding, List.of());
    }

    static JavaFile generate(ServiceModel model) {
        return new BindingGenerator(model).generate();
    }

    private JavaFile generate() {
        TypeSpec.Builder type = TypeSpec.classBuilder(binding)
                .addAnnotation(ValueCodecGenerator.GENERATED)
                .addAnnotation(ValueCodecGenerator.SUPPRESS_DEPRECATION)
                .addJavadoc("The Procwire binding of {@link $T}: serves its methods and events without reflection.\n",
                        service)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(SERVICE_BINDING)
                .addOriginatingElement(model.element());
        for (ValueClass vc : model.valueClasses()) {
            type.addOriginatingElement(vc.element());
        }
        addIdConstants(type);
        addFields(type);
        addConstructors(type);

        type.addMethod(override("methods", ParameterizedTypeName.get(LIST, METHOD_DESCRIPTOR))
                .addStatement("return METHODS").build());
        type.addMethod(override("events", ParameterizedTypeName.get(LIST, EVENT_DESCRIPTOR))
                .addStatement("return EVENTS").build());
        type.addMethod(attach());
        type.addMethod(invoke());
        for (Method m : model.methods()) {
            type.addMethod(handler(m));
        }
        type.addMethods(emitter.helpers());
        type.addType(provider());
        return JavaFile.builder(binding.packageName(), type.build()).skipJavaLangImports(true).indent("    ").build();
    }

    /** The {@code METHOD_} and {@code EVENT_} id constants. */
    private void addIdConstants(TypeSpec.Builder type) {
        for (Method m : model.methods()) {
            type.addField(FieldSpec.builder(TypeName.INT, m.constant(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .initializer("$L", m.id()).build());
        }
        for (EventModel e : model.events()) {
            type.addField(FieldSpec.builder(TypeName.INT, e.constant(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .initializer("$L", e.id()).build());
        }
    }

    /**
     * The descriptors (from which the runtime renders the {@code $init} schema), the service, and the
     * emitters a service constructor is given.
     */
    private void addFields(TypeSpec.Builder type) {
        type.addField(FieldSpec.builder(ParameterizedTypeName.get(LIST, METHOD_DESCRIPTOR), "METHODS",
                Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL).initializer(methodDescriptors()).build());
        type.addField(FieldSpec.builder(ParameterizedTypeName.get(LIST, EVENT_DESCRIPTOR), "EVENTS",
                Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL).initializer(eventDescriptors()).build());
        type.addField(service, "service", Modifier.PRIVATE, Modifier.FINAL);

        Names.Allocator fields = new Names.Allocator();
        fields.reserve("service");
        for (EventModel e : model.events()) {
            if (e.target() == Target.CONSTRUCTOR) {
                String field = fields.allocate(e.member() + "Emitter", "event" + e.id() + "Emitter");
                deferredFields.put(e.member(), field);
                type.addField(FieldSpec.builder(ParameterizedTypeName.get(DEFERRED_EMITTER, e.encoding().javaType()),
                        field, Modifier.PRIVATE, Modifier.FINAL).initializer("new $T<>($N,$W$L)", DEFERRED_EMITTER,
                        e.constant(), eventEncoder(e.encoding())).build());
            }
        }
    }

    /** The constructor taking the service, and the one creating it with its emitters, if it takes them. */
    private void addConstructors(TypeSpec.Builder type) {
        type.addMethod(MethodSpec.constructorBuilder()
                .addJavadoc("A binding that serves {@code service}.\n")
                .addModifiers(Modifier.PUBLIC)
                .addParameter(service, "service")
                .addStatement("this.service = $T.requireNonNull(service, $S)", OBJECTS, "service")
                .build());
        if (model.creation() == Creation.EVENT_CONSTRUCTOR) {
            List<CodeBlock> args = new ArrayList<>();
            for (EventModel e : model.events()) {
                if (e.target() == Target.CONSTRUCTOR) {
                    args.add(CodeBlock.of("$N", deferredFields.get(e.member())));
                }
            }
            type.addMethod(MethodSpec.constructorBuilder()
                    .addJavadoc("A binding that creates the service, handing its constructor the event emitters.\n")
                    .addModifiers(Modifier.PRIVATE)
                    .addStatement("this.service = new $T($L)", service, CodeBlock.join(args, ", "))
                    .build());
        }
    }

    private static String javadocSafe(String s) {
        return s.replace("*/", "*&#47;").replace("@", "&#64;").replace("{", "&#123;").replace("}", "&#125;");
    }

    private static MethodSpec.Builder override(String name, TypeName returns) {
        return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(returns);
    }

    private CodeBlock methodDescriptors() {
        if (model.methods().isEmpty()) {
            return CodeBlock.of("$T.of()", LIST);
        }
        List<CodeBlock> items = new ArrayList<>();
        for (Method m : model.methods()) {
            items.add(CodeBlock.of("new $T($N, $S, $T.$N, $LL, $T.$N, $T.$N)", METHOD_DESCRIPTOR, m.constant(), m.name(),
                    RESPONSE, m.response().name(), m.timeoutMs(), CODEC, m.requestCodec().name(), CODEC,
                    m.responseCodec().name()));
        }
        return CodeBlock.of("$T.of(\n$>$>$L$<$<)", LIST, CodeBlock.join(items, ",\n"));
    }

    private CodeBlock eventDescriptors() {
        if (model.events().isEmpty()) {
            return CodeBlock.of("$T.of()", LIST);
        }
        List<CodeBlock> items = new ArrayList<>();
        for (EventModel e : model.events()) {
            items.add(CodeBlock.of("new $T($N, $S, $T.$N)", EVENT_DESCRIPTOR, e.constant(), e.name(), CODEC,
                    e.codec().name()));
        }
        return CodeBlock.of("$T.of(\n$>$>$L$<$<)", LIST, CodeBlock.join(items, ",\n"));
    }

    private MethodSpec attach() {
        MethodSpec.Builder m = override("attach", TypeName.VOID).addParameter(EVENT_PORT, "events");
        for (EventModel e : model.events()) {
            CodeBlock emitter = CodeBlock.of("events.<$T>emitter($N,$W$L)", e.encoding().javaType(), e.constant(),
                    eventEncoder(e.encoding()));
            switch (e.target()) {
                case FIELD -> m.addStatement("service.$N = $L", e.member(), emitter);
                case STATIC_FIELD -> m.addStatement("$T.$N = $L", service, e.member(), emitter);
                case CONSTRUCTOR -> m.addStatement("$N.attach(events)", deferredFields.get(e.member()));
            }
        }
        return m.build();
    }

    private MethodSpec invoke() {
        MethodSpec.Builder m = override("invoke", TypeName.VOID)
                .addParameter(TypeName.INT, "methodId")
                .addParameter(CALL, "call")
                .addException(Exception.class)
                .beginControlFlow("switch (methodId)");
        for (Method method : model.methods()) {
            m.addStatement("case $N -> $N(call)", method.constant(), method.handlerName());
        }
        return m.addStatement("default -> throw new $T($S + methodId)", IllegalArgumentException.class,
                "unknown method id ").endControlFlow().build();
    }

    /**
     * The encoder of an event's emitter, made when the worker starts. A record's Arrow mapping is linked
     * in a lambda's body, on the first emit: linking it loads Arrow (its method returns a
     * {@code VectorSchemaRoot}), which start-up must not, nor fail when Arrow is missing.
     */
    private CodeBlock eventEncoder(Encoding e) {
        if (e instanceof Encoding.Arrow a && !(a.mapping() instanceof ArrowMapping.Table)) {
            return CodeBlock.of("(out, value) -> $L.encode(out, value)", encoder(e));
        }
        return encoder(e);
    }

    private CodeBlock encoder(Encoding e) {
        if (e instanceof Encoding.MsgPack m) {
            return emitter.encoder(m.type());
        }
        if (e instanceof Encoding.Arrow a) {
            if (a.mapping() instanceof ArrowMapping.Columns c) {
                return CodeBlock.of("$T.encoder($Z$T::write)", ArrowMappingGenerator.ARROW_PAYLOADS, c.record().mappingName());
            }
            if (a.mapping() instanceof ArrowMapping.Rows r) {
                return CodeBlock.of("$T.encoder($Z$T::writeRows)", ArrowMappingGenerator.ARROW_PAYLOADS, r.record().mappingName());
            }
            return CodeBlock.of("$T.TABLE", ArrowMappingGenerator.ARROW_PAYLOADS);
        }
        String name = e instanceof Encoding.RawBytes ? "RAW" : e instanceof Encoding.RawBuffer ? "RAW_BUFFER"
                : e instanceof Encoding.Nil n && n.raw() ? "NOTHING" : "NIL";
        return CodeBlock.of("$T.$N", CodecEmitter.CODECS, name);
    }

    // ---- handlers ---------------------------------------------------------------------------

    private MethodSpec handler(Method m) {
        MethodSpec.Builder h = MethodSpec.methodBuilder(m.handlerName())
                .addJavadoc(handlerDoc(m))
                .addModifiers(Modifier.PRIVATE)
                .addParameter(CALL, "call")
                .addException(Exception.class);
        MapIntoLocals named = new MapIntoLocals(emitter, CodecEmitter.locals("call", "in", "size", "i", "result",
                "sink", "chunks", "chunk", "service"));
        List<Parameter.Payload> payload = m.payloadParameters();
        for (Parameter.Payload p : payload) {
            named.local(p.javaName());
        }
        if (m.binding() == Binding.WHOLE) {
            Parameter.Payload p = payload.get(0);
            h.addStatement("$T in = call.reader()", CodecEmitter.READER);
            h.addStatement("$T $N = $L", p.type().typeName(), named.local(p.javaName()), emitter.read(p.type(), "in"));
        } else if (m.binding() == Binding.NAMED || m.binding() == Binding.BARE_OR_NAMED) {
            readNamed(h, m, payload, named);
        } else if (m.binding() == Binding.ARROW) {
            readArrow(h, m, named);
        }
        List<CodeBlock> args = new ArrayList<>();
        for (Parameter p : m.parameters()) {
            args.add(argument(p, named));
        }
        CodeBlock invocation = CodeBlock.of("$L.$N($L)", m.isStatic() ? CodeBlock.of("$T", service) : CodeBlock.of("service"),
                m.javaName(), CodeBlock.join(args, ",$W"));
        answer(h, m, invocation);
        return h.build();
    }

    /**
     * {@code Handles {@code name} with {@link Service#method(Type, Other)}.}: the link lets ctrl-click
     * reach the user's method, among overloads too. On two lines when one would pass 120 columns, and
     * without the parameter types when even the link alone would.
     */
    private CodeBlock handlerDoc(Method m) {
        String name = javadocSafe(m.name());
        List<String> simpleTypes = m.erasedParameters().stream().map(BindingGenerator::shown).toList();
        String link = String.join(".", service.simpleNames()) + "#" + m.javaName() + "(" + String.join(", ", simpleTypes)
                + ")";
        CodeBlock target = CodeBlock.of("$N($L)", m.javaName(), CodeBlock.join(
                m.erasedParameters().stream().map(t -> CodeBlock.of("$T", t)).toList(), ", "));
        int margin = "     * ".length();
        if (margin + "{@link }.".length() + link.length() > 120) {
            target = CodeBlock.of("$N", m.javaName());
        }
        boolean oneLine = margin + ("Handles {@code " + name + "} with {@link " + link + "}.").length() <= 120;
        return CodeBlock.of("Handles {@code $L} with$L{@link $T#$L}.\n", name, oneLine ? " " : "\n", service, target);
    }

    /** How a type is shown in the generated source: by its simple name(s), as it is imported. */
    private static String shown(TypeName t) {
        if (t instanceof ClassName c) {
            return String.join(".", c.simpleNames());
        }
        if (t instanceof com.palantir.javapoet.ArrayTypeName a) {
            return shown(a.componentType()) + "[]";
        }
        return t.toString();
    }

    /** Reads the payload parameters from a map keyed by their names (or, for one, from its bare value too). */
    private void readNamed(MethodSpec.Builder h, Method m, List<Parameter.Payload> payload, MapIntoLocals named) {
        h.addStatement("$T in = call.reader()", CodecEmitter.READER);
        for (Parameter.Payload p : payload) {
            named.declare(h, p.javaName(), p.type());
        }
        h.beginControlFlow("if (!in.tryReadNil())");
        if (m.binding() == Binding.BARE_OR_NAMED) {
            h.beginControlFlow("if (in.nextType() == $T.MAP)", VALUE_TYPE);
            namedParameters(h, payload, named);
            h.nextControlFlow("else");
            Parameter.Payload p = payload.get(0);
            named.assign(h, p.javaName(), p.type());
            h.endControlFlow();
        } else {
            namedParameters(h, payload, named);
        }
        h.endControlFlow();
        for (Parameter.Payload p : payload) {
            named.requirePresent(h, p.javaName(), "missing parameter " + p.wireName() + " (" + p.type().typeName() + ")");
        }
    }

    /** Reads the Arrow payload into a local: the table, or the record or rows its mapping reads from it. */
    private static void readArrow(MethodSpec.Builder h, Method m, MapIntoLocals named) {
        Parameter.ArrowPayload p = m.parameters().stream().filter(x -> x instanceof Parameter.ArrowPayload)
                .map(x -> (Parameter.ArrowPayload) x).findFirst().orElseThrow();
        CodeBlock table = CodeBlock.of("$T.read(call)", ArrowMappingGenerator.ARROW_PAYLOADS);
        String local = named.local(p.javaName());
        if (p.mapping() instanceof ArrowMapping.Columns c) {
            h.addStatement("$T $N = $T.read($L)", c.record().className(), local, c.record().mappingName(), table);
        } else if (p.mapping() instanceof ArrowMapping.Rows r) {
            h.addStatement("$T $N = $T.readRows($L)", ParameterizedTypeName.get(LIST, r.record().className()), local,
                    r.record().mappingName(), table);
        } else {
            h.addStatement("$T $N = $L", ArrowMappingGenerator.VECTOR_SCHEMA_ROOT, local, table);
        }
    }

    private static void namedParameters(MethodSpec.Builder h, List<Parameter.Payload> payload, MapIntoLocals named) {
        named.beginEntries(h);
        for (Parameter.Payload p : payload) {
            named.readCase(h, p.wireName(), p.javaName(), p.type());
        }
        named.endEntries(h);
    }

    /** The argument the handler passes for parameter {@code p}. */
    private CodeBlock argument(Parameter p, MapIntoLocals named) {
        if (p instanceof Parameter.Payload) {
            return CodeBlock.of("$N", named.local(p.javaName()));
        } else if (p instanceof Parameter.RawPayload raw) {
            return CodeBlock.of(raw.buffer() ? "call.payload()" : "call.payloadBytes()");
        } else if (p instanceof Parameter.ArrowPayload) {
            return CodeBlock.of("$N", named.local(p.javaName()));
        } else if (p instanceof Parameter.Cancellation) {
            return CodeBlock.of("call.cancellation()");
        } else if (p instanceof Parameter.Context) {
            return CodeBlock.of("call.context()");
        } else if (p instanceof Parameter.Sink s) {
            return CodeBlock.of("call.<$T>stream($L)", s.chunk().javaType(), encoder(s.chunk()));
        } else if (p instanceof Parameter.Ack a) {
            return CodeBlock.of("call.<$T>ack($L)", a.data().javaType(), encoder(a.data()));
        }
        throw new IllegalArgumentException(String.valueOf(p));
    }

    private void answer(MethodSpec.Builder h, Method m, CodeBlock invocation) {
        Result r = m.result();
        if (r instanceof Result.Void) {
            h.addStatement("$L", invocation);
        } else if (r instanceof Result.Value v) {
            if (v.encoding() instanceof Encoding.RawBuffer) {
                h.addStatement("$T result = $L", v.encoding().javaType(), invocation);
                h.beginControlFlow("if (result != null)").addStatement("call.replyRaw(result)").endControlFlow();
            } else {
                h.addStatement("call.<$T>reply($L,$W$L)", v.encoding().javaType(), encoder(v.encoding()), invocation);
            }
        } else if (r instanceof Result.Async a) {
            h.addStatement("$T result = $L", a.declared(), invocation);
            h.addStatement("call.<$T>replyLater($L,$W$T.requireNonNull(result,$W$S))", a.encoding().javaType(),
                    encoder(a.encoding()), OBJECTS, m.javaName() + " returned null instead of a CompletionStage");
        } else if (r instanceof Result.Chunks c) {
            TypeName element = c.encoding().javaType();
            h.addStatement("$T sink = call.<$T>stream($L)", ParameterizedTypeName.get(STREAM_SINK, element), element,
                    encoder(c.encoding()));
            switch (c.iteration()) {
                case STREAM -> h.beginControlFlow("try ($T chunks = $L)", c.declared(), invocation)
                        .beginControlFlow("if (chunks != null)")
                        .addStatement("chunks.forEachOrdered(sink::send)")
                        .endControlFlow()
                        .endControlFlow();
                case ITERATOR -> h.addStatement("$T chunks = $L", c.declared(), invocation)
                        .beginControlFlow("if (chunks != null)")
                        .beginControlFlow("while (chunks.hasNext())")
                        .addStatement("sink.send(chunks.next())")
                        .endControlFlow()
                        .endControlFlow();
                case ITERABLE -> h.addStatement("$T chunks = $L", c.declared(), invocation)
                        .beginControlFlow("if (chunks != null)")
                        .beginControlFlow("for ($T chunk : chunks)", element)
                        .addStatement("sink.send(chunk)")
                        .endControlFlow()
                        .endControlFlow();
            }
        }
    }

    // ---- provider ---------------------------------------------------------------------------

    private TypeSpec provider() {
        TypeSpec.Builder p = TypeSpec.classBuilder("Provider")
                .addJavadoc("Lets {@code Procwire.serve} find this binding; listed in\n"
                        + "{@code META-INF/services/dev.procwire.runtime.binding.BindingProvider}.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addSuperinterface(BINDING_PROVIDER)
                .addMethod(override("serviceType", ParameterizedTypeName.get(ClassName.get(Class.class),
                        WildcardTypeName.subtypeOf(Object.class)))
                        .addStatement("return $T.class", service).build())
                .addMethod(override("bind", SERVICE_BINDING)
                        .addParameter(Object.class, "service")
                        .addStatement("return new $T(($T) service)", binding, service).build());
        switch (model.creation()) {
            case NO_ARG_CONSTRUCTOR -> p.addMethod(override("create", SERVICE_BINDING)
                    .addStatement("return new $T(new $T())", binding, service).build());
            case EVENT_CONSTRUCTOR -> p.addMethod(override("create", SERVICE_BINDING)
                    .addStatement("return new $T()", binding).build());
            case NONE -> { }
        }
        return p.build();
    }
}
