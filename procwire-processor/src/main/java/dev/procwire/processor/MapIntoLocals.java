package dev.procwire.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import java.util.HashMap;
import java.util.Map;

/**
 * Emits the reading of a MsgPack map whose keys name values into local variables, the one way a
 * binding reads named parameters and a value codec reads the properties it passes to a constructor:
 *
 * <pre>{@code
 * String name = null;          // declare: the value a missing key leaves
 * int count = 0;
 * boolean hasCount = false;    // a primitive has no null: a flag says whether it came
 * int size = in.readMapHeader();
 * for (int i = 0; i < size; i++) {
 *     switch (MapKeys.readName(in)) {
 *         case "name" -> name = in.readNullableString();
 *         case "count" -> { count = in.readInt(); hasCount = true; }
 *         default -> in.skipValue();   // unknown keys are skipped
 *     }
 * }
 * if (!hasCount) throw new MsgPackException("missing …");
 * }</pre>
 *
 * The caller may add cases of its own between {@link #beginEntries} and {@link #endEntries}.
 */
final class MapIntoLocals {
    private final CodecEmitter emitter;
    private final NameAllocator locals;
    private final Map<String, String> localOf = new HashMap<>();
    private final Map<String, String> presenceOf = new HashMap<>();

    /** @param locals the names already taken in the method being generated; new locals are added to it */
    MapIntoLocals(CodecEmitter emitter, NameAllocator locals) {
        this.emitter = emitter;
        this.locals = locals;
    }

    /** The local that holds the value named {@code name} (a name the user chose), allocated on first use. */
    String local(String name) {
        return localOf.computeIfAbsent(name, n -> CodecEmitter.newLocal(locals, n));
    }

    /** Declares the local of {@code name} with the value a missing key leaves, and a presence flag for a primitive. */
    void declare(MethodSpec.Builder m, String name, WireType type) {
        m.addStatement("$T $N = $L", type.typeName(), local(name), CodecEmitter.missingValue(type));
        if (type instanceof WireType.Primitive) {
            String seen = locals.newName("has" + Names.capitalize(name));
            presenceOf.put(name, seen);
            m.addStatement("boolean $N = false", seen);
        }
    }

    /** Opens the loop over the map's entries and the {@code switch} on each key. */
    void beginEntries(MethodSpec.Builder m) {
        m.addStatement("int size = in.readMapHeader()");
        m.beginControlFlow("for (int i = 0; i < size; i++)");
        m.beginControlFlow("switch ($T.readName(in))", CodecEmitter.MAP_KEYS);
    }

    /** The {@code case} that reads the value of {@code key} into the declared local of {@code name}. */
    void readCase(MethodSpec.Builder m, String key, String name, WireType type) {
        if (presenceOf.containsKey(name)) {
            m.beginControlFlow("case $S ->", key);
            assign(m, name, type);
            m.endControlFlow();
        } else {
            m.addStatement("case $S -> $N = $L", key, localOf.get(name), emitter.read(type, "in"));
        }
    }

    /** Reads a value into the declared local of {@code name}, and marks it present. */
    void assign(MethodSpec.Builder m, String name, WireType type) {
        m.addStatement("$N = $L", localOf.get(name), emitter.read(type, "in"));
        String seen = presenceOf.get(name);
        if (seen != null) {
            m.addStatement("$N = true", seen);
        }
    }

    /** Skips the values of unknown keys, and closes the {@code switch} and the loop. */
    void endEntries(MethodSpec.Builder m) {
        m.addStatement("default -> in.skipValue()");
        m.endControlFlow().endControlFlow();
    }

    /** Fails with {@code message} when the primitive named {@code name} never arrived; nothing for other types. */
    void requirePresent(MethodSpec.Builder m, String name, String message) {
        String seen = presenceOf.get(name);
        if (seen != null) {
            m.beginControlFlow("if (!$N)", seen)
                    .addStatement("throw new $T($S)", CodecEmitter.MSGPACK_EXCEPTION, message)
                    .endControlFlow();
        }
    }
}
