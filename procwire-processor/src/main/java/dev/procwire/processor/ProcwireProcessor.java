package dev.procwire.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Generates, at compile time, everything the Procwire runtime needs to serve a
 * {@code @ProcwireService} class without reflection. In each round:
 *
 * <ol>
 *   <li>report {@code @ProcwireMethod} and {@code @Event} used outside a {@code @ProcwireService} class;
 *   <li>collect and check the {@code @WireAdapter} classes ({@link WireAdapters}), which teach the
 *       classifier the types they adapt, in this round and every later one;
 *   <li>for each {@code @ProcwireService} class, in name order: defer it to the next round if its
 *       signatures name types not generated yet; else analyse it into a {@link ServiceModel}
 *       ({@link ServiceAnalyzer}, with {@link TypeClassifier} deciding how each type travels as
 *       MsgPack, and {@link ArrowClassifier} how a type travels as an Arrow table), reporting every
 *       problem on the element at fault;
 *   <li>write its binding {@code <Service>_Procwire} ({@link BindingGenerator}), a codec
 *       {@code <Type>_ProcwireCodec} ({@link ValueCodecGenerator}) for each record, POJO and enum it
 *       uses that has none yet, shared by every service of the compilation, a mapping
 *       {@code <Record>_ProcwireArrow} ({@link ArrowMappingGenerator}) for each record it sends or
 *       receives as an Arrow table that has none yet, shared the same way, and the parent's typed
 *       TypeScript module for it ({@link TypeScriptOutput}, {@link TypeScriptGenerator});
 *   <li>when processing is over, write
 *       {@code META-INF/services/dev.procwire.runtime.binding.BindingProvider} listing every binding's
 *       provider, so {@code Procwire.serve(service)} finds it.
 * </ol>
 *
 * <p>No exception leaves the processor: a failure is reported, with its stack, on the element being
 * processed, and processing continues with the next one.
 */
@AutoService(Processor.class)
public final class ProcwireProcessor extends AbstractProcessor {
    private static final String BINDING_PROVIDER = "dev.procwire.runtime.binding.BindingProvider";
    static final String PROVIDERS_RESOURCE = "META-INF/services/" + BINDING_PROVIDER;
    static final String EVENT_ON_METHOD_PARAMETER = "@Event belongs on a field or a constructor parameter; a "
            + "method parameter cannot receive an emitter";

    private ErrorReporter errors;
    private Elements elements;
    private Types types;
    private Filer filer;
    private WireAdapters adapters;
    private TypeClassifier classifier;
    private ServiceAnalyzer analyzer;
    private TypeScriptOutput typeScript;
    private final Set<String> sourceTypes = new HashSet<>();
    private final Set<String> deferred = new TreeSet<>();
    /** Every supertype of every service met so far, by name (no element is held across rounds). */
    private final Set<String> servedSupertypes = new HashSet<>();
    /** Codecs and Arrow mappings written or found so far, by name. */
    private final Set<String> generatedPeers = new HashSet<>();
    /** Services in a named module → their generated provider, checked against the module at the end. */
    private final Map<String, String> modularProviders = new TreeMap<>();
    /** Binding provider → its service, by name: no Element is held from one round to the next. */
    private final Map<String, String> providers = new LinkedHashMap<>();

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        errors = new ErrorReporter(env.getMessager());
        elements = env.getElementUtils();
        types = env.getTypeUtils();
        filer = env.getFiler();
        adapters = new WireAdapters(elements, env.getTypeUtils(), errors, this::inSource);
        classifier = new TypeClassifier(elements, env.getTypeUtils(), adapters);
        analyzer = new ServiceAnalyzer(elements, env.getTypeUtils(), classifier, errors, this::inSource);
        typeScript = new TypeScriptOutput(filer, elements, errors, env.getOptions());
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(TypeScriptOutput.DIR_OPTION, TypeScriptOutput.QUALIFIED_OPTION);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(AnnotationMirrors.PROCWIRE_SERVICE, AnnotationMirrors.PROCWIRE_METHOD, AnnotationMirrors.EVENT,
                AnnotationMirrors.WIRE_ADAPTER, AnnotationMirrors.TO_WIRE, AnnotationMirrors.FROM_WIRE);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        try {
            for (Element e : round.getRootElements()) {
                if (e instanceof TypeElement t) {
                    sourceTypes.add(t.getQualifiedName().toString());
                }
            }
            if (round.processingOver()) {
                finish();
                return false;
            }
            processRound(round);
        } catch (RuntimeException | Error e) {
            errors.internalError(annotations.isEmpty() ? null : annotations.iterator().next(), e);
        }
        // Not claimed: a round whose annotations were all claimed skips the processors that support
        // "*" after this one (LaterRoundTypesTest shows one). -Xlint:processing then warns that nobody
        // claimed them; the README says to build with -Xlint:all,-processing.
        return false;
    }

    /** The last round: the services still deferred (their types will not appear now), then the provider list. */
    private void finish() {
        for (String name : deferred) {
            TypeElement service = elements.getTypeElement(name);
            if (service != null) {
                processService(service);
            }
        }
        deferred.clear();
        writeProviders();
        modularProviders.forEach((name, provider) -> {
            TypeElement service = elements.getTypeElement(name);
            if (service != null) {
                checkModuleProvides(service, provider);
            }
        });
    }

    /**
     * One round: remembers the supertypes of its services, reports misplaced annotations, collects the
     * adapters, then processes every service (deferred ones first), in name order, deferring again one
     * whose types are not generated yet.
     */
    private void processRound(RoundEnvironment round) {
        TypeElement serviceAnnotation = elements.getTypeElement(AnnotationMirrors.PROCWIRE_SERVICE);
        if (serviceAnnotation != null) {
            for (Element e : round.getElementsAnnotatedWith(serviceAnnotation)) {
                if (e instanceof TypeElement t) {
                    rememberSupertypes(t);
                }
            }
        }
        reportStrayAnnotations(round);
        reportMisplacedWireAnnotations(round);
        adapters.collect(round, classifier);
        List<TypeElement> services = new ArrayList<>();
        for (String name : deferred) {
            TypeElement t = elements.getTypeElement(name);
            if (t != null) {
                services.add(t);
            }
        }
        deferred.clear();
        if (serviceAnnotation != null) {
            for (Element e : round.getElementsAnnotatedWith(serviceAnnotation)) {
                if (e instanceof TypeElement t) {
                    services.add(t);
                } else {
                    errors.error(e, "@ProcwireService marks a class");
                }
            }
        }
        services.sort(Comparator.comparing(t -> t.getQualifiedName().toString()));
        for (TypeElement service : services) {
            if (hasUnresolvedTypes(service)) {
                deferred.add(service.getQualifiedName().toString());
            } else {
                processService(service);
            }
        }
    }

    private void processService(TypeElement service) {
        try {
            ServiceModel model = analyzer.analyze(service);
            if (model == null) {
                return;
            }
            write(BindingGenerator.generate(model), service);
            for (ArrowRecord r : model.arrowRecords()) {
                if (peerNeeded(r.mappingName(), r.element())) {
                    write(ArrowMappingGenerator.generate(r), r.element());
                }
            }
            for (ValueClass vc : model.valueClasses()) {
                if (peerNeeded(vc.codecName(), vc.element())) {
                    write(ValueCodecGenerator.generate(vc), vc.element());
                }
            }
            providers.put(model.bindingName().reflectionName() + "$Provider", service.getQualifiedName().toString());
            ModuleElement module = elements.getModuleOf(service);
            if (module != null && !module.isUnnamed()) {
                modularProviders.put(service.getQualifiedName().toString(),
                        model.bindingName().canonicalName() + ".Provider");
            }
            typeScript.write(model);
        } catch (RuntimeException | Error e) {
            errors.internalError(service, e);
        }
    }

    /**
     * Whether to write {@code peer}, a class generated about {@code type} alone (its codec or its Arrow
     * mapping) and shared by every service that uses it: once per compilation, and not at all when
     * {@code type} was compiled elsewhere and brought it along. A type from this compilation's sources
     * always gets a fresh one (a class file of the old one may be on the class path).
     */
    private boolean peerNeeded(ClassName peer, TypeElement type) {
        String name = peer.canonicalName();
        return generatedPeers.add(name) && (inSource(type) || elements.getTypeElement(name) == null);
    }

    private void write(JavaFile file, Element blame) {
        try {
            file.writeTo(filer);
        } catch (IOException e) {
            errors.error(blame, "could not write " + file.packageName() + "." + file.typeSpec().name() + ": " + e);
        }
    }

    /** Whether {@code e} is declared in a source file of this compilation. */
    private boolean inSource(Element e) {
        Element outer = e;
        for (Element x = e; x != null && x.getKind() != ElementKind.PACKAGE && x.getKind() != ElementKind.MODULE;
                x = x.getEnclosingElement()) {
            outer = x;
        }
        return outer instanceof TypeElement t && sourceTypes.contains(t.getQualifiedName().toString());
    }

    /** Records the names of {@code service}'s supertypes: their annotated members are served, not stray. */
    private void rememberSupertypes(TypeElement service) {
        ArrayDeque<TypeMirror> pending = new ArrayDeque<>(types.directSupertypes(service.asType()));
        while (!pending.isEmpty()) {
            TypeMirror t = pending.poll();
            if (t instanceof DeclaredType d && servedSupertypes.add(
                    ((TypeElement) d.asElement()).getQualifiedName().toString())) {
                pending.addAll(types.directSupertypes(t));
            }
        }
    }

    /**
     * Reports {@code @ProcwireMethod} and {@code @Event} members no service can ever serve. A member of a
     * service, or of a supertype of a service of this compilation, is served. One of an interface or
     * abstract class is left alone: a service compiled later may extend it (and its compilation checks
     * it). One of any other class is reported: most likely its class lacks {@code @ProcwireService}.
     */
    private void reportStrayAnnotations(RoundEnvironment round) {
        TypeElement method = elements.getTypeElement(AnnotationMirrors.PROCWIRE_METHOD);
        TypeElement event = elements.getTypeElement(AnnotationMirrors.EVENT);
        if (method != null) {
            for (Element e : round.getElementsAnnotatedWith(method)) {
                TypeElement owner = (TypeElement) e.getEnclosingElement();
                if (!servable(owner)) {
                    errors.error(e, AnnotationMirrors.mirror(e, AnnotationMirrors.PROCWIRE_METHOD), "@ProcwireMethod "
                            + e.getSimpleName() + " is in " + owner.getSimpleName() + ", which is not a service: "
                            + "annotate " + owner.getSimpleName() + " with @ProcwireService, or extend it in a "
                            + "@ProcwireService class (make it abstract if that class is compiled separately)");
                }
            }
        }
        if (event != null) {
            for (Element e : round.getElementsAnnotatedWith(event)) {
                Element owner = e.getEnclosingElement();
                AnnotationMirror ann = AnnotationMirrors.mirror(e, AnnotationMirrors.EVENT);
                if (e.getKind() == ElementKind.PARAMETER && owner.getKind() == ElementKind.METHOD) {
                    errors.error(e, ann, EVENT_ON_METHOD_PARAMETER);
                    continue;
                }
                boolean constructorParameter = e.getKind() == ElementKind.PARAMETER;
                TypeElement type = (TypeElement) (constructorParameter ? owner.getEnclosingElement() : owner);
                if (AnnotationMirrors.mirror(type, AnnotationMirrors.PROCWIRE_SERVICE) != null) {
                    continue;
                }
                if (type.getKind() == ElementKind.INTERFACE) {
                    errors.error(e, ann, "@Event " + e.getSimpleName() + " is in interface " + type.getSimpleName()
                            + ", whose fields are static final, so no emitter can be injected: declare it in the "
                            + "service class or a superclass of it");
                } else if (!servable(type)) {
                    errors.error(e, ann, "@Event " + e.getSimpleName() + " is in " + type.getSimpleName()
                            + ", which is not a service: annotate " + type.getSimpleName() + " with @ProcwireService");
                } else if (constructorParameter) {
                    errors.error(e, ann, "@Event " + e.getSimpleName() + " is a constructor parameter of "
                            + type.getSimpleName() + ", which is not the service class: only the constructor of the "
                            + "@ProcwireService class receives emitters; take the emitter there and pass it to super(…)");
                }
            }
        }
    }

    /**
     * Reports the wire annotations on a type that they cannot apply to: {@code @Discriminator} on a type
     * that is not sealed, and {@code @WireName} on a class that no sealed type permits (on a type it
     * names a discriminator value).
     */
    private void reportMisplacedWireAnnotations(RoundEnvironment round) {
        TypeElement discriminator = elements.getTypeElement(AnnotationMirrors.DISCRIMINATOR);
        if (discriminator != null) {
            for (Element e : round.getElementsAnnotatedWith(discriminator)) {
                if (!e.getModifiers().contains(Modifier.SEALED)) {
                    errors.error(e, AnnotationMirrors.mirror(e, AnnotationMirrors.DISCRIMINATOR), "@Discriminator names the key that tells a "
                            + "sealed type's subtypes apart, but " + e.getSimpleName() + " is not sealed: seal it, or "
                            + "remove the annotation");
                }
            }
        }
        TypeElement wireName = elements.getTypeElement(AnnotationMirrors.WIRE_NAME);
        if (wireName != null) {
            for (Element e : round.getElementsAnnotatedWith(wireName)) {
                if (e instanceof TypeElement t && !TypeClassifier.permittedBySealed(t)) {
                    errors.error(e, AnnotationMirrors.mirror(e, AnnotationMirrors.WIRE_NAME), "@WireName on a class names its "
                            + "discriminator value in a sealed type that permits it, but no sealed type permits "
                            + t.getSimpleName() + ": rename its properties with @WireName on each, or remove it");
                }
            }
        }
    }

    /** Whether a service may serve the annotated members of {@code type}, here or in a later compilation. */
    private boolean servable(TypeElement type) {
        return AnnotationMirrors.mirror(type, AnnotationMirrors.PROCWIRE_SERVICE) != null
                || type.getKind() == ElementKind.INTERFACE
                || type.getModifiers().contains(Modifier.ABSTRACT)
                || servedSupertypes.contains(type.getQualifiedName().toString());
    }

    /**
     * Whether anything the service reaches — its signatures and those of its supertypes (whose
     * methods it may serve), and the fields, record components and getters of the value classes they
     * name, at any depth — names a type not generated yet (by another processor, in a later round).
     * Such a service waits, by name, for the next round.
     */
    private boolean hasUnresolvedTypes(TypeElement service) {
        Set<String> seen = new HashSet<>();
        for (TypeElement type : new ServiceHierarchy(elements, types, service, (at, annotation, message) -> { })
                .types()) {
            if (containsError(type.getSuperclass()) || type.getInterfaces().stream().anyMatch(i -> containsError(i))
                    || declaresUnresolvedTypes(type, seen)) {
                return true;
            }
        }
        return false;
    }

    private boolean declaresUnresolvedTypes(TypeElement type, Set<String> seen) {
        for (Element e : type.getEnclosedElements()) {
            if (e.getKind() == ElementKind.METHOD || e.getKind() == ElementKind.CONSTRUCTOR) {
                ExecutableElement m = (ExecutableElement) e;
                if (reachesError(m.getReturnType(), seen)) {
                    return true;
                }
                for (VariableElement p : m.getParameters()) {
                    if (reachesError(p.asType(), seen)) {
                        return true;
                    }
                }
            } else if (e.getKind() == ElementKind.FIELD && reachesError(e.asType(), seen)) {
                return true;
            }
        }
        return false;
    }

    /** {@link #containsError}, and the same for the members of the value classes {@code t} names. */
    private boolean reachesError(TypeMirror t, Set<String> seen) {
        if (containsError(t)) {
            return true;
        }
        if (t instanceof ArrayType a) {
            return reachesError(a.getComponentType(), seen);
        }
        if (!(t instanceof DeclaredType d)) {
            return false;
        }
        for (TypeMirror arg : d.getTypeArguments()) {
            if (reachesError(arg, seen)) {
                return true;
            }
        }
        TypeElement te = (TypeElement) d.asElement();
        String name = te.getQualifiedName().toString();
        if (name.startsWith("java.") || name.startsWith("javax.") || !seen.add(name)) {
            return false;
        }
        for (Element e : te.getEnclosedElements()) {
            if (e.getModifiers().contains(javax.lang.model.element.Modifier.STATIC)) {
                continue;
            }
            TypeMirror member = switch (e.getKind()) {
                case FIELD, RECORD_COMPONENT -> e.asType();
                case METHOD -> ((ExecutableElement) e).getParameters().isEmpty() ? ((ExecutableElement) e).getReturnType() : null;
                default -> null;
            };
            if (member != null && reachesError(member, seen)) {
                return true;
            }
        }
        return reachesError(te.getSuperclass(), seen);
    }

    private static boolean containsError(TypeMirror t) {
        if (t.getKind() == TypeKind.ERROR) {
            return true;
        }
        if (t instanceof ArrayType a) {
            return containsError(a.getComponentType());
        }
        if (t instanceof WildcardType w) {
            return (w.getExtendsBound() != null && containsError(w.getExtendsBound()))
                    || (w.getSuperBound() != null && containsError(w.getSuperBound()));
        }
        if (t instanceof DeclaredType d) {
            for (TypeMirror arg : d.getTypeArguments()) {
                if (containsError(arg)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A service in a named module is found through its module's {@code provides} clause: the
     * {@code META-INF/services} file this processor writes is read only on the class path, so without the
     * clause {@code Procwire.serve} would fail at start-up. Says which line to add. Called once processing
     * is over: the clause names a generated class, and reading the module's directives before that class
     * exists would make javac resolve the clause too early.
     */
    private void checkModuleProvides(TypeElement service, String provider) {
        ModuleElement module = elements.getModuleOf(service);
        for (ModuleElement.Directive d : module.getDirectives()) {
            if (d instanceof ModuleElement.ProvidesDirective p
                    && p.getService().getQualifiedName().contentEquals(BINDING_PROVIDER)
                    && p.getImplementations().stream().anyMatch(i -> i.getQualifiedName().contentEquals(provider))) {
                return;
            }
        }
        errors.error(service, service.getSimpleName() + " is in module " + module.getQualifiedName() + ", which does "
                + "not declare its binding (the META-INF/services file is read only on the class path): add \"provides "
                + BINDING_PROVIDER + " with " + provider + ";\" to its module-info.java");
    }

    /**
     * Writes the provider list once, merged with the one an earlier compilation of the same output may
     * have left (keeping only entries whose class still exists), sorted for a stable file.
     */
    private void writeProviders() {
        if (providers.isEmpty()) {
            return;
        }
        Set<String> lines = new TreeSet<>(providers.keySet());
        try {
            FileObject existing = filer.getResource(StandardLocation.CLASS_OUTPUT, "", PROVIDERS_RESOURCE);
            try (BufferedReader r = new BufferedReader(new InputStreamReader(existing.openInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    String name = line.trim();
                    if (!name.isEmpty() && !name.startsWith("#")
                            && elements.getTypeElement(name.replace('$', '.')) != null) {
                        lines.add(name);
                    }
                }
            }
        } catch (IOException | RuntimeException noEarlierFile) {
            // Nothing to merge.
        }
        Element[] services = providers.values().stream().map(elements::getTypeElement)
                .filter(java.util.Objects::nonNull).toArray(Element[]::new);
        try {
            FileObject out = filer.createResource(StandardLocation.CLASS_OUTPUT, "", PROVIDERS_RESOURCE, services);
            try (Writer w = out.openWriter()) {
                for (String line : lines) {
                    w.write(line);
                    w.write('\n');
                }
            }
        } catch (IOException e) {
            errors.error(services.length > 0 ? services[0] : null, "could not write " + PROVIDERS_RESOURCE + ": " + e);
        }
    }
}
