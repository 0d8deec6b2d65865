package dev.procwire.processor;

import static dev.procwire.processor.AnnotationMirrors.EVENT;
import static dev.procwire.processor.AnnotationMirrors.PROCWIRE_METHOD;
import static dev.procwire.processor.AnnotationMirrors.PROCWIRE_SERVICE;
import static dev.procwire.processor.AnnotationMirrors.enumName;
import static dev.procwire.processor.AnnotationMirrors.mirror;
import static dev.procwire.processor.AnnotationMirrors.valuesOf;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.procwire.api.Codec;
import dev.procwire.api.Response;
import dev.procwire.processor.ServiceModel.ArrowMapping;
import dev.procwire.processor.ServiceModel.Binding;
import dev.procwire.processor.ServiceModel.Creation;
import dev.procwire.processor.ServiceModel.Encoding;
import dev.procwire.processor.ServiceModel.EventModel;
import dev.procwire.processor.ServiceModel.Iteration;
import dev.procwire.processor.ServiceModel.Method;
import dev.procwire.processor.ServiceModel.Parameter;
import dev.procwire.processor.ServiceModel.Result;
import dev.procwire.processor.ServiceModel.Target;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks one {@code @ProcwireService} class and builds its {@link ServiceModel}. Every problem is
 * reported on the element at fault through the {@link ErrorReporter}, and analysis carries on to find
 * the next; a service with any problem yields no model (and so no generated code).
 */
final class ServiceAnalyzer {
    private static final String CANCELLATION_TOKEN = "dev.procwire.api.CancellationToken";
    private static final String REQUEST_CONTEXT = "dev.procwire.api.RequestContext";
    private static final String STREAM_SINK = "dev.procwire.api.StreamSink";
    private static final String ACK_SINK = "dev.procwire.api.AckSink";
    private static final String EVENT_EMITTER = "dev.procwire.api.EventEmitter";

    /** Ids are u16 on the wire; 0, 0xFFFE and 0xFFFF are reserved. */
    static final int MAX_ID = 0xFFFD;

    private final Elements elements;
    private final Types types;
    private final TypeClassifier classifier;
    private final ArrowClassifier arrow;
    private final ErrorReporter errors;
    private final Predicate<Element> inSource;
    /** The service being analysed: where a problem in a supertype compiled elsewhere is reported. */
    private TypeElement service;

    /**
     * @param inSource whether an element is declared in a source file of this compilation (a problem
     *     inside such a value class is reported on its member; otherwise on the use site)
     */
    ServiceAnalyzer(Elements elements, Types types, TypeClassifier classifier, ErrorReporter errors,
            Predicate<Element> inSource) {
        this.elements = elements;
        this.types = types;
        this.classifier = classifier;
        this.arrow = new ArrowClassifier(elements);
        this.errors = errors;
        this.inSource = inSource;
    }

    /** The model of {@code service}, or {@code null} when it has problems (all of them reported). */
    ServiceModel analyze(TypeElement service) {
        int errorsBefore = errors.errorCount();
        checkServiceClass(service);

        this.service = service;
        ServiceHierarchy hierarchy = new ServiceHierarchy(elements, types, service, this::fail);
        List<ServiceHierarchy.ServedMethod> annotated = hierarchy.methods();
        if (annotated.size() > MAX_ID) {
            errors.error(service, mirror(service, PROCWIRE_SERVICE), service.getSimpleName() + " has "
                    + annotated.size() + " @ProcwireMethod methods, more than the " + MAX_ID
                    + " a u16 method id can address: split it into several services");
            return null;
        }
        Names.Allocator constants = new Names.Allocator();
        Names.Allocator handlers = new Names.Allocator();
        List<Method> methods = new ArrayList<>();
        Map<String, ExecutableElement> byName = new HashMap<>();
        for (ServiceHierarchy.ServedMethod served : annotated) {
            ExecutableElement m = served.contract();
            Method method = analyzeMethod(served, methods.size() + 1, constants, handlers);
            if (method == null) {
                continue;
            }
            ExecutableElement previous = byName.putIfAbsent(method.name(), m);
            if (previous != null) {
                String first = previous.getEnclosingElement() == m.getEnclosingElement()
                        ? previous.getSimpleName().toString() : ServiceHierarchy.describe(previous);
                fail(m, mirror(m, PROCWIRE_METHOD), "duplicate method name \"" + method.name() + "\": "
                        + (first.endsWith(")") ? first : first + "(…)") + " already uses it; give one of them another "
                        + "name with @ProcwireMethod(\"…\")");
                continue;
            }
            methods.add(method);
        }

        List<EventModel> events = new ArrayList<>();
        Creation creation = analyzeEvents(service, hierarchy.inheritedEventFields(), events);

        if (errors.errorCount() != errorsBefore) {
            return null;
        }
        List<ValueClass> valueClasses = reachableValueClasses(methods, events);
        for (ValueClass vc : valueClasses) {
            if (classifier.failed(vc)) {
                errors.error(service, "cannot generate the binding of " + service.getSimpleName() + ": it uses "
                        + vc.className().simpleName() + ", whose type has errors (reported on it)");
                return null;
            }
        }
        return new ServiceModel(service, Names.peerClass(ClassName.get(service), "_Procwire"),
                methods, events, creation, valueClasses);
    }

    private void checkServiceClass(TypeElement service) {
        AnnotationMirror ann = mirror(service, PROCWIRE_SERVICE);
        if (service.getKind() != ElementKind.CLASS) {
            errors.error(service, ann, "@ProcwireService marks a class; " + service.getSimpleName() + " is "
                    + article(service.getKind()));
            return;
        }
        String unreachable = TypeClassifier.unreachable(service);
        if (unreachable != null) {
            errors.error(service, ann, unreachable);
        }
        if (service.getModifiers().contains(Modifier.ABSTRACT)) {
            errors.error(service, ann, "@ProcwireService class " + service.getSimpleName() + " is abstract, but "
                    + "Procwire.serve finds the binding of the exact class of the instance it is given: annotate the "
                    + "concrete subclass with @ProcwireService instead (it serves the @ProcwireMethod methods it "
                    + "inherits)");
        }
        if (!service.getTypeParameters().isEmpty()) {
            errors.error(service, ann, "a service class cannot be generic: remove the type parameters of "
                    + service.getSimpleName());
        }
    }

    private static String article(ElementKind kind) {
        String k = kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return ("aeiou".indexOf(k.charAt(0)) >= 0 ? "an " : "a ") + k;
    }

    // ---- methods ----------------------------------------------------------------------------

    /** What {@code @ProcwireMethod} on one method says, defaults filled in. */
    private record Options(AnnotationMirror annotation, String javaName, String name, Response response, Codec codec,
            Codec requestCodec, Codec responseCodec, long timeoutMs) {

        static Options of(ExecutableElement m, Elements elements) {
            AnnotationMirror ann = mirror(m, PROCWIRE_METHOD);
            Map<String, AnnotationValue> values = valuesOf(elements, ann);
            String javaName = m.getSimpleName().toString();
            String name = (String) values.get("value").getValue();
            return new Options(ann, javaName, name.isEmpty() ? javaName : name,
                    Response.valueOf(enumName(values.get("response"))), Codec.valueOf(enumName(values.get("codec"))),
                    Codec.valueOf(enumName(values.get("requestCodec"))),
                    Codec.valueOf(enumName(values.get("responseCodec"))),
                    ((Number) values.get("timeoutMs").getValue()).longValue());
        }

        /** The codec of the payload the parent sends. */
        Codec request() {
            return resolve(requestCodec != Codec.DEFAULT ? requestCodec : codec);
        }

        /** The codec of what the worker answers: the result, stream chunks or ack data. */
        Codec responseSide() {
            return resolve(responseCodec != Codec.DEFAULT ? responseCodec : codec);
        }
    }

    /** The parameters of one method as they are sorted into roles, and what the sorting has seen so far. */
    private static final class ParameterRoles {
        final List<Parameter> parameters = new ArrayList<>();
        final Set<String> framework = new HashSet<>();
        /** Wire name → Java name of the payload parameters. */
        final Map<String, String> payloadWireNames = new HashMap<>();
        boolean hasSink;
        boolean hasAck;
        int payloadCount;
    }

    private Method analyzeMethod(ServiceHierarchy.ServedMethod served, int id, Names.Allocator constants,
            Names.Allocator handlers) {
        ExecutableElement m = served.contract();
        int errorsBefore = errors.errorCount();
        Options options = Options.of(m, elements);
        checkNotReservedName(m, options);
        checkNotPrivate(m, options);
        if (!checkNotGeneric(m, options)) {
            return null;
        }
        checkTimeout(m, options);
        checkCodecsAgree(m, options);
        boolean usesArrow = options.request() == Codec.ARROW || options.responseSide() == Codec.ARROW;
        if (usesArrow && !arrow.available()) {
            fail(m, options.annotation(), options.javaName() + " uses " + ArrowClassifier.MISSING);
            return null;
        }

        ParameterRoles roles = new ParameterRoles();
        for (int index = 0; index < m.getParameters().size(); index++) {
            parameter(m.getParameters().get(index), served.type().getParameterTypes().get(index), options, roles);
        }
        Result result = analyzeResult(m, served.type().getReturnType(), options.response(), options.responseSide(),
                roles.hasSink, roles.hasAck);
        checkArrowAnswersATable(m, options, result, roles.hasAck);
        if (errors.errorCount() != errorsBefore || result == null) {
            return null;
        }
        String name = options.name();
        String javaName = options.javaName();
        String constant = constants.allocate("METHOD_" + Names.constantCase(name), "METHOD_" + id);
        String handler = handlers.allocate("handle" + Names.capitalize(javaName),
                "handle" + Names.capitalize(javaName) + id);
        List<TypeName> erased = m.getParameters().stream().map(p -> TypeName.get(types.erasure(p.asType())))
                .toList();
        return new Method(id, name, constant, handler, javaName, erased,
                served.implementation().getModifiers().contains(Modifier.STATIC), options.response(),
                options.request(), options.responseSide(), options.timeoutMs(), roles.parameters,
                binding(options.request(), roles), result);
    }

    private void checkNotReservedName(ExecutableElement m, Options options) {
        if (options.name().startsWith("$")) {
            fail(m, options.annotation(), "method name \"" + options.name() + "\" starts with '$', which the protocol "
                    + "reserves for control messages: choose another name");
        }
    }

    private void checkNotPrivate(ExecutableElement m, Options options) {
        if (m.getModifiers().contains(Modifier.PRIVATE)) {
            fail(m, options.annotation(), "@ProcwireMethod " + options.javaName() + " is private, so the generated "
                    + "binding cannot call it: make it package-private or public");
        }
    }

    /** Whether {@code m} has no type parameters; a generic one is not analysed further. */
    private boolean checkNotGeneric(ExecutableElement m, Options options) {
        if (m.getTypeParameters().isEmpty()) {
            return true;
        }
        fail(m, options.annotation(), "@ProcwireMethod " + options.javaName() + " is generic, so its payload has no "
                + "type to read: remove its type parameters and use concrete types");
        return false;
    }

    private void checkTimeout(ExecutableElement m, Options options) {
        if (options.timeoutMs() < 0) {
            fail(m, options.annotation(), "timeoutMs of " + options.javaName() + " is negative: use 0 for no timeout, "
                    + "or a positive number of milliseconds");
        }
    }

    private void checkCodecsAgree(ExecutableElement m, Options options) {
        Codec codec = options.codec();
        for (String side : List.of("requestCodec", "responseCodec")) {
            Codec c = side.equals("requestCodec") ? options.requestCodec() : options.responseCodec();
            if (codec != Codec.DEFAULT && c != Codec.DEFAULT && c != codec) {
                fail(m, options.annotation(), "conflicting codecs on " + options.javaName() + ": codec = " + codec
                        + " but " + side + " = " + c + "; set codec alone, or requestCodec and responseCodec alone");
            }
        }
    }

    /**
     * Under the ARROW response codec every answer is a table. A method that answers nothing would send an
     * empty payload (MsgPack nil, for a {@code CompletionStage<Void>}): the parent's {@code arrowCodec}
     * reads either as a table of no columns, where its typed client promises {@code null}. (A stream's
     * chunks are tables and its end is no answer; the raw codec's empty answer is an empty Buffer, a raw
     * answer like any other.)
     */
    private void checkArrowAnswersATable(ExecutableElement m, Options options, Result result, boolean hasAck) {
        if (options.responseSide() != Codec.ARROW) {
            return;
        }
        String answers;
        String fix;
        if (result instanceof Result.Void && options.response() == Response.RESULT) {
            answers = "returns void";
            fix = "return";
        } else if (result instanceof Result.Void && options.response() == Response.ACK && !hasAck) {
            answers = "acks with no data (it takes no AckSink)";
            fix = "ack through an AckSink of";
        } else if (result instanceof Result.Async a && a.encoding() instanceof Encoding.Nil) {
            answers = "completes with no value (Void)";
            fix = "complete it with";
        } else {
            return;
        }
        String msgpack = options.responseCodec() == Codec.ARROW ? "remove responseCodec = Codec.ARROW"
                : "set requestCodec = Codec.ARROW instead of codec = Codec.ARROW";
        fail(m, options.annotation(), options.javaName() + " " + answers + ", so it answers no table, but its response "
                + "codec is ARROW, whose every answer is one: " + fix + " VectorSchemaRoot, a record whose components "
                + "are columns or a List<R> of row records, or answer in MsgPack: " + msgpack);
    }

    /** How the handler reads the payload, from the request codec and the payload parameters. */
    private static Binding binding(Codec request, ParameterRoles roles) {
        if (request == Codec.RAW) {
            return roles.payloadCount == 0 ? Binding.NONE : Binding.RAW;
        }
        if (request == Codec.ARROW) {
            return roles.payloadCount == 0 ? Binding.NONE : Binding.ARROW;
        }
        List<Parameter.Payload> payload = roles.parameters.stream().filter(p -> p instanceof Parameter.Payload)
                .map(p -> (Parameter.Payload) p).toList();
        if (payload.isEmpty()) {
            return Binding.NONE;
        }
        if (payload.size() == 1) {
            return payload.get(0).type().takesWholePayload() ? Binding.WHOLE : Binding.BARE_OR_NAMED;
        }
        return Binding.NAMED;
    }

    // ---- parameter roles --------------------------------------------------------------------

    /** Sorts parameter {@code p} of type {@code type} into its role, or reports why it has none. */
    private void parameter(VariableElement p, TypeMirror type, Options options, ParameterRoles roles) {
        String pname = p.getSimpleName().toString();
        if (mirror(p, EVENT) != null) {
            fail(p, mirror(p, EVENT), ProcwireProcessor.EVENT_ON_METHOD_PARAMETER);
            return;
        }
        String erasure = erasureName(type);
        if (List.of(CANCELLATION_TOKEN, REQUEST_CONTEXT, STREAM_SINK, ACK_SINK).contains(erasure)
                && !roles.framework.add(erasure)) {
            fail(p, options.javaName() + " takes more than one " + simpleName(erasure) + ": remove " + pname);
            return;
        }
        switch (erasure) {
            case CANCELLATION_TOKEN -> roles.parameters.add(new Parameter.Cancellation(pname));
            case REQUEST_CONTEXT -> roles.parameters.add(new Parameter.Context(pname));
            case STREAM_SINK -> {
                roles.hasSink = true;
                answerParameter(p, type, options, roles, true);
            }
            case ACK_SINK -> {
                roles.hasAck = true;
                answerParameter(p, type, options, roles, false);
            }
            case EVENT_EMITTER -> fail(p, "an EventEmitter cannot be a method parameter: declare it as an "
                    + "@Event field or @Event constructor parameter of the service");
            default -> {
                roles.payloadCount++;
                switch (options.request()) {
                    case RAW -> rawPayloadParameter(p, type, options, roles);
                    case ARROW -> arrowPayloadParameter(p, type, options, roles);
                    default -> payloadParameter(p, type, options, roles);
                }
            }
        }
    }

    /**
     * A {@code StreamSink} ({@code stream}) or {@code AckSink} parameter: only in a method of that
     * response kind, with the type of what it sends.
     */
    private void answerParameter(VariableElement p, TypeMirror type, Options options, ParameterRoles roles,
            boolean stream) {
        String pname = p.getSimpleName().toString();
        String sink = stream ? "StreamSink" : "AckSink";
        Response needed = stream ? Response.STREAM : Response.ACK;
        if (options.response() != needed) {
            fail(p, sink + " " + pname + " only works in " + (stream ? "a stream" : "an ack") + " method: declare "
                    + "@ProcwireMethod(response = Response." + needed + ") on " + options.javaName() + ", or remove it");
            return;
        }
        TypeMirror sent = typeArgument(p, type, sink, stream ? "chunk" : "ack data");
        Encoding e = sent == null ? null
                : encoding(sent, options.responseSide(), pname, p, stream ? "a stream chunk" : "ack data");
        if (e != null) {
            roles.parameters.add(stream ? new Parameter.Sink(pname, e) : new Parameter.Ack(pname, e));
        }
    }

    private void rawPayloadParameter(VariableElement p, TypeMirror type, Options options, ParameterRoles roles) {
        boolean bytes = type.getKind() == TypeKind.ARRAY && erasureName(type).equals("byte[]");
        boolean buffer = erasureName(type).equals("java.nio.ByteBuffer");
        if (roles.payloadCount > 1 || !(bytes || buffer)) {
            fail(p, options.javaName() + " uses the RAW request codec, whose payload is just bytes: take a single "
                    + "byte[] or ByteBuffer parameter instead of " + p.getSimpleName() + " (" + type + ")");
            return;
        }
        roles.parameters.add(new Parameter.RawPayload(p.getSimpleName().toString(), buffer));
    }

    private void arrowPayloadParameter(VariableElement p, TypeMirror type, Options options, ParameterRoles roles) {
        String pname = p.getSimpleName().toString();
        if (roles.payloadCount > 1) {
            fail(p, options.javaName() + " uses the ARROW request codec, whose payload is one table, so it takes one "
                    + "payload parameter: make " + pname + " a column of that table, or remove it");
            return;
        }
        try {
            ArrowMapping mapping = arrow.classify(type, pname);
            if (mapping == null) {
                fail(p, options.javaName() + " uses the ARROW request codec, whose payload is a table: take "
                        + ArrowClassifier.SHAPES + " instead of " + pname + " (" + type + ")");
                return;
            }
            roles.parameters.add(new Parameter.ArrowPayload(pname, mapping));
        } catch (TypeProblem problem) {
            report(problem, p);
        }
    }

    private void payloadParameter(VariableElement p, TypeMirror type, Options options, ParameterRoles roles) {
        String pname = p.getSimpleName().toString();
        try {
            String wireName = WireNames.of(pname, WireNames.policyOf(service), p);
            String clash = roles.payloadWireNames.putIfAbsent(wireName, pname);
            if (clash != null) {
                fail(p, "parameters " + clash + " and " + pname + " of " + options.javaName() + " would both "
                        + "travel as \"" + wireName + "\": give one another name with @WireName");
                return;
            }
            roles.parameters.add(new Parameter.Payload(pname, wireName,
                    classifier.classify(type, pname, elements.getPackageOf(service))));
        } catch (TypeProblem problem) {
            report(problem, p);
        }
    }

    // ---- results ----------------------------------------------------------------------------

    private Result analyzeResult(ExecutableElement m, TypeMirror rt, Response response, Codec codec, boolean hasSink,
            boolean hasAck) {
        String javaName = m.getSimpleName().toString();
        boolean isVoid = rt.getKind() == TypeKind.VOID;
        switch (response) {
            case STREAM:
                return streamResult(m, rt, codec, hasSink);
            case NONE:
                if (!isVoid) {
                    fail(m, javaName + " is a NONE (fire-and-forget) method, whose result is never sent: "
                            + "return void instead of " + rt);
                    return null;
                }
                return new Result.Void();
            default:
                if (hasAck && !isVoid) {
                    fail(m, "ack method " + javaName + " acknowledges through its AckSink, so it must return "
                            + "void, not " + rt);
                    return null;
                }
                return isVoid ? new Result.Void() : valueResult(m, rt, codec);
        }
    }

    private Result streamResult(ExecutableElement m, TypeMirror rt, Codec codec, boolean hasSink) {
        String javaName = m.getSimpleName().toString();
        if (hasSink) {
            if (rt.getKind() != TypeKind.VOID) {
                fail(m, "stream method " + javaName + " sends its chunks through its StreamSink, so "
                        + "it must return void, not " + rt);
                return null;
            }
            return new Result.Void();
        }
        for (Iteration it : Iteration.values()) {
            DeclaredType iterable = asSuper(rt, switch (it) {
                case STREAM -> "java.util.stream.Stream";
                case ITERATOR -> "java.util.Iterator";
                case ITERABLE -> "java.lang.Iterable";
            });
            if (iterable != null) {
                if (iterable.getTypeArguments().isEmpty()) {
                    fail(m, "stream method " + javaName + " returns a raw " + rt + ": give it the "
                            + "chunk type, e.g. Stream<Chunk>");
                    return null;
                }
                TypeMirror element = iterable.getTypeArguments().get(0);
                Encoding e = encoding(element, codec, javaName + "()[]", m, "a stream chunk");
                return e == null ? null : new Result.Chunks(TypeName.get(rt), it, e);
            }
        }
        fail(m, "stream method " + javaName + " has no way to send chunks: take a StreamSink<T> "
                + "parameter, or return a Stream<T>, Iterator<T> or Iterable<T> of the chunks");
        return null;
    }

    /** The result of a {@code result} or {@code ack} method returning {@code rt}, not void. */
    private Result valueResult(ExecutableElement m, TypeMirror rt, Codec codec) {
        String javaName = m.getSimpleName().toString();
        String path = javaName + "()";
        DeclaredType stage = asSuper(rt, "java.util.concurrent.CompletionStage");
        if (stage == null) {
            Encoding e = encoding(rt, codec, path, m, "the result");
            return e == null ? null : new Result.Value(e);
        }
        if (stage.getTypeArguments().isEmpty()) {
            fail(m, javaName + " returns a raw " + rt + ": give it the result type, e.g. "
                    + "CompletionStage<Result>");
            return null;
        }
        TypeMirror value = stage.getTypeArguments().get(0);
        if (erasureName(value).equals("java.lang.Void")) {
            return new Result.Async(TypeName.get(rt), new Encoding.Nil(codec == Codec.RAW));
        }
        Encoding e = encoding(value, codec, path, m, "the result");
        return e == null ? null : new Result.Async(TypeName.get(rt), e);
    }

    /** The type a value of {@code type} is handled as: a wildcard's bound ({@code Object} if none), boxed. */
    private static TypeName javaType(TypeMirror type) {
        if (type.getKind() == TypeKind.WILDCARD) {
            javax.lang.model.type.WildcardType w = (javax.lang.model.type.WildcardType) type;
            TypeMirror bound = w.getExtendsBound() != null ? w.getExtendsBound() : w.getSuperBound();
            return bound == null ? ClassName.OBJECT : javaType(bound);
        }
        return TypeName.get(type).box();
    }

    /** How a value the worker sends is encoded under {@code codec}, or {@code null} (reported). */
    private Encoding encoding(TypeMirror type, Codec codec, String path, Element at, String what) {
        if (codec == Codec.RAW) {
            if (type.getKind() == TypeKind.ARRAY && erasureName(type).equals("byte[]")) {
                return new Encoding.RawBytes();
            }
            if (erasureName(type).equals("java.nio.ByteBuffer")) {
                return new Encoding.RawBuffer();
            }
            fail(at, what + " of " + at.getSimpleName() + " uses the RAW codec, which sends bytes as they "
                    + "are: use byte[] or ByteBuffer instead of " + type);
            return null;
        }
        if (codec == Codec.ARROW) {
            return arrowEncoding(type, path, at, what);
        }
        try {
            return new Encoding.MsgPack(classifier.classify(type, path, elements.getPackageOf(service)), javaType(type));
        } catch (TypeProblem problem) {
            report(problem, at);
            return null;
        }
    }

    /** How a value the worker sends is written as an Arrow table, or {@code null} (reported). */
    private Encoding arrowEncoding(TypeMirror type, String path, Element at, String what) {
        try {
            ArrowMapping mapping = arrow.classify(type, path);
            if (mapping == null) {
                fail(at, what + " of " + at.getSimpleName() + " uses the ARROW codec, which sends a table: use "
                        + ArrowClassifier.SHAPES + " instead of " + type);
                return null;
            }
            return new Encoding.Arrow(mapping, javaType(type));
        } catch (TypeProblem problem) {
            report(problem, at);
            return null;
        }
    }

    private TypeMirror typeArgument(Element at, TypeMirror type, String what, String role) {
        List<? extends TypeMirror> args = ((DeclaredType) type).getTypeArguments();
        if (args.isEmpty()) {
            fail(at, "raw " + what + " " + at.getSimpleName() + ": give it the " + role + " type, e.g. "
                    + what + "<String>");
            return null;
        }
        return args.get(0);
    }

    // ---- events -----------------------------------------------------------------------------

    private Creation analyzeEvents(TypeElement service, List<VariableElement> inheritedFields, List<EventModel> events) {
        Names.Allocator constants = new Names.Allocator();
        Map<String, Element> byName = new HashMap<>();
        ExecutableElement eventConstructor = null;
        boolean noArgConstructor = false;
        for (Element e : service.getEnclosedElements()) {
            if (e.getKind() == ElementKind.FIELD && mirror(e, EVENT) != null) {
                eventField((VariableElement) e, events, byName, constants);
            } else if (e.getKind() == ElementKind.CONSTRUCTOR) {
                ExecutableElement ctor = (ExecutableElement) e;
                boolean any = ctor.getParameters().stream().anyMatch(p -> mirror(p, EVENT) != null);
                if (!any) {
                    if (ctor.getParameters().isEmpty() && !ctor.getModifiers().contains(Modifier.PRIVATE)) {
                        noArgConstructor = true;
                    }
                    continue;
                }
                if (eventConstructor != null) {
                    errors.error(ctor, "only one constructor may take @Event emitters; "
                            + service.getSimpleName() + " already has one");
                    continue;
                }
                eventConstructor = ctor;
                if (ctor.getModifiers().contains(Modifier.PRIVATE)) {
                    errors.error(ctor, "the constructor taking @Event emitters is private, so the generated binding "
                            + "cannot call it: make it package-private or public");
                }
                for (VariableElement p : ctor.getParameters()) {
                    AnnotationMirror ann = mirror(p, EVENT);
                    if (ann == null) {
                        errors.error(p, "the generated binding cannot supply constructor parameter "
                                + p.getSimpleName() + ": a constructor taking @Event emitters may take only @Event "
                                + "EventEmitter parameters");
                        continue;
                    }
                    addEvent(p, ann, Target.CONSTRUCTOR, events, byName, constants);
                }
            }
        }
        for (VariableElement f : inheritedFields) {
            eventField(f, events, byName, constants);
        }
        if (events.size() > MAX_ID) {
            errors.error(service, service.getSimpleName() + " declares " + events.size() + " events, more than the "
                    + MAX_ID + " a u16 event id can address");
        }
        boolean instantiable = !service.getModifiers().contains(Modifier.ABSTRACT)
                && (service.getNestingKind() == NestingKind.TOP_LEVEL || service.getModifiers().contains(Modifier.STATIC));
        if (eventConstructor != null) {
            return instantiable ? Creation.EVENT_CONSTRUCTOR : Creation.NONE;
        }
        return instantiable && noArgConstructor ? Creation.NO_ARG_CONSTRUCTOR : Creation.NONE;
    }

    private void eventField(VariableElement f, List<EventModel> events, Map<String, Element> byName,
            Names.Allocator constants) {
        AnnotationMirror ann = mirror(f, EVENT);
        String fname = f.getSimpleName().toString();
        if (f.getModifiers().contains(Modifier.PRIVATE)) {
            fail(f, ann, "@Event field " + fname + " is private, so the generated binding cannot inject "
                    + "its emitter: make it package-private or public");
        }
        if (f.getModifiers().contains(Modifier.FINAL)) {
            fail(f, ann, "@Event field " + fname + " is final, so the generated binding cannot inject "
                    + "its emitter: remove final");
        }
        Target target = f.getModifiers().contains(Modifier.STATIC) ? Target.STATIC_FIELD : Target.FIELD;
        addEvent(f, ann, target, events, byName, constants);
    }

    private void addEvent(VariableElement v, AnnotationMirror ann, Target target, List<EventModel> events,
            Map<String, Element> byName, Names.Allocator constants) {
        Map<String, AnnotationValue> values = valuesOf(elements, ann);
        String member = v.getSimpleName().toString();
        String name = (String) values.get("value").getValue();
        if (name.isEmpty()) {
            name = member;
        }
        Codec codec = resolve(Codec.valueOf(enumName(values.get("codec"))));
        if (codec == Codec.ARROW && !arrow.available()) {
            fail(v, ann, "event " + name + " uses " + ArrowClassifier.MISSING);
            return;
        }
        TypeMirror type = v.asType();
        String what = target == Target.CONSTRUCTOR ? "@Event parameter " : "@Event field ";
        if (!erasureName(type).equals(EVENT_EMITTER)) {
            fail(v, ann, what + member + " must be an EventEmitter<T>, not " + type
                    + ": declare it as EventEmitter<Payload>");
            return;
        }
        List<? extends TypeMirror> args = ((DeclaredType) type).getTypeArguments();
        if (args.isEmpty()) {
            fail(v, ann, what + member + " is a raw EventEmitter: give it the event type, e.g. "
                    + "EventEmitter<Progress>");
            return;
        }
        if (name.startsWith("$")) {
            fail(v, ann, "event name \"" + name + "\" starts with '$', which the protocol reserves: choose "
                    + "another name");
            return;
        }
        Element previous = byName.putIfAbsent(name, v);
        if (previous != null) {
            fail(v, ann, "duplicate event name \"" + name + "\": " + previous.getSimpleName()
                    + " already declares it; give one of them another name with @Event(\"…\")");
            return;
        }
        Encoding encoding = encoding(args.get(0), codec, member, v, "the event " + name);
        if (encoding == null) {
            return;
        }
        int id = events.size() + 1;
        String constant = constants.allocate("EVENT_" + Names.constantCase(name), "EVENT_" + id);
        events.add(new EventModel(id, name, constant, codec, encoding, target, member));
    }

    // ---- helpers ----------------------------------------------------------------------------

    private void fail(Element at, String message) {
        fail(at, null, message);
    }

    /**
     * Reports a problem on {@code at}, or, when {@code at} is in a supertype compiled elsewhere (no
     * source line to point at), on the service, naming where the problem is.
     */
    private void fail(Element at, AnnotationMirror annotation, String message) {
        if (inSource.test(at)) {
            errors.error(at, annotation, message);
        } else {
            errors.error(service, mirror(service, PROCWIRE_SERVICE), "in " + inheritedFrom(at) + ", which "
                    + service.getSimpleName() + " inherits: " + message);
        }
    }

    private static String inheritedFrom(Element e) {
        if (e instanceof ExecutableElement m) {
            return ServiceHierarchy.describe(m);
        }
        Element owner = e.getEnclosingElement();
        if (owner instanceof ExecutableElement m) {
            return ServiceHierarchy.describe(m) + ", parameter " + e.getSimpleName();
        }
        return owner.getSimpleName() + "." + e.getSimpleName();
    }

    /**
     * Reports a type problem on the member at fault when it is in this compilation (once, however many
     * use sites reach it), else on the use site.
     */
    private void report(TypeProblem problem, Element useSite) {
        Element culprit = problem.culprit();
        if (culprit != null && inSource.test(culprit)) {
            errors.errorOnce(culprit, problem.template(), problem.getMessage());
        } else {
            fail(useSite, problem.getMessage());
        }
    }

    private List<ValueClass> reachableValueClasses(List<Method> methods, List<EventModel> events) {
        ArrayDeque<WireType> pending = new ArrayDeque<>();
        for (Method m : methods) {
            for (Parameter p : m.parameters()) {
                if (p instanceof Parameter.Payload payload) {
                    pending.add(payload.type());
                } else if (p instanceof Parameter.Sink s) {
                    add(pending, s.chunk());
                } else if (p instanceof Parameter.Ack a) {
                    add(pending, a.data());
                }
            }
            if (m.result() instanceof Result.Value v) {
                add(pending, v.encoding());
            } else if (m.result() instanceof Result.Async a) {
                add(pending, a.encoding());
            } else if (m.result() instanceof Result.Chunks c) {
                add(pending, c.encoding());
            }
        }
        for (EventModel e : events) {
            add(pending, e.encoding());
        }
        Set<ValueClass> seen = new LinkedHashSet<>();
        while (!pending.isEmpty()) {
            WireType t = pending.poll();
            if (t instanceof WireType.Value v) {
                pending.addAll(v.typeArguments());
                if (seen.add(v.valueClass())) {
                    for (ValueClass.Property p : v.valueClass().properties()) {
                        pending.add(p.type());
                    }
                    for (ValueClass.Subtype s : v.valueClass().subtypes()) {
                        pending.add(new WireType.Value(s.valueClass(), List.of()));
                    }
                }
            } else if (t instanceof WireType.Sequence s) {
                pending.add(s.element());
            } else if (t instanceof WireType.ArrayOf a) {
                pending.add(a.component());
            } else if (t instanceof WireType.Dictionary d) {
                pending.add(d.key());
                pending.add(d.value());
            } else if (t instanceof WireType.OptionalOf o) {
                pending.add(o.element());
            } else if (t instanceof WireType.Adapted a) {
                pending.add(a.wire());
            }
        }
        return List.copyOf(seen);
    }

    private static void add(ArrayDeque<WireType> pending, Encoding e) {
        if (e instanceof Encoding.MsgPack m) {
            pending.add(m.type());
        }
    }

    private DeclaredType asSuper(TypeMirror type, String qualifiedName) {
        if (type.getKind() != TypeKind.DECLARED) {
            return null;
        }
        ArrayDeque<TypeMirror> pending = new ArrayDeque<>();
        pending.add(type);
        while (!pending.isEmpty()) {
            TypeMirror t = pending.poll();
            if (t.getKind() == TypeKind.DECLARED && erasureName(t).equals(qualifiedName)) {
                return (DeclaredType) t;
            }
            pending.addAll(types.directSupertypes(t));
        }
        return null;
    }

    private String erasureName(TypeMirror type) {
        TypeMirror erased = types.erasure(type);
        if (erased.getKind() == TypeKind.DECLARED) {
            return ((TypeElement) ((DeclaredType) erased).asElement()).getQualifiedName().toString();
        }
        return erased.toString();
    }

    private static String simpleName(String qualifiedName) {
        return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
    }

    private static Codec resolve(Codec c) {
        return c == Codec.DEFAULT ? Codec.MSGPACK : c;
    }
}
