package dev.procwire.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runtime's public surface outside {@code internal}, pinned: a type added to (or dropped from)
 * what users and generated code may use is a decision, made here on purpose.
 */
class PublicTypesTest {
    private static final List<String> PUBLIC_TYPES = List.of(
            "dev.procwire.runtime.Procwire",
            "dev.procwire.runtime.Worker",
            "dev.procwire.runtime.WorkerOptions",
            "dev.procwire.runtime.WorkerOptions$LogLevel",
            "dev.procwire.runtime.WorkerOptions$PeerCheckMode",
            "dev.procwire.runtime.arrow.ArrowColumns",
            "dev.procwire.runtime.arrow.ArrowPayloadException",
            "dev.procwire.runtime.arrow.ArrowPayloads",
            "dev.procwire.runtime.arrow.TableBuilder",
            "dev.procwire.runtime.arrow.TableBuilder$DoubleRows",
            "dev.procwire.runtime.arrow.TableBuilder$FloatRows",
            "dev.procwire.runtime.binding.BindingProvider",
            "dev.procwire.runtime.binding.Call",
            "dev.procwire.runtime.binding.DeferredEmitter",
            "dev.procwire.runtime.binding.EventDescriptor",
            "dev.procwire.runtime.binding.EventPort",
            "dev.procwire.runtime.binding.Handlers",
            "dev.procwire.runtime.binding.Handlers$Builder",
            "dev.procwire.runtime.binding.Handlers$Handler",
            "dev.procwire.runtime.binding.MethodDescriptor",
            "dev.procwire.runtime.binding.ServiceBinding",
            "dev.procwire.runtime.codec.Codecs",
            "dev.procwire.runtime.codec.Decoder",
            "dev.procwire.runtime.codec.Encoder",
            "dev.procwire.runtime.codec.Extension",
            "dev.procwire.runtime.codec.InvalidPayloadException",
            "dev.procwire.runtime.codec.MapKeys",
            "dev.procwire.runtime.codec.MsgPackException",
            "dev.procwire.runtime.codec.MsgPackReader",
            "dev.procwire.runtime.codec.MsgPackReader$ExtensionHeader",
            "dev.procwire.runtime.codec.MsgPackWriter",
            "dev.procwire.runtime.codec.StringForm",
            "dev.procwire.runtime.codec.ValueType");

    @Test
    void thePublicTypesOutsideInternalAreThePinnedOnes() throws Exception {
        Path classes = Path.of(Procwire.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> found;
        try (Stream<Path> files = Files.walk(classes.resolve("dev/procwire/runtime"))) {
            found = files.map(p -> classes.relativize(p).toString())
                    .filter(n -> n.endsWith(".class") && !n.startsWith("dev/procwire/runtime/internal/"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .filter(PublicTypesTest::isPublic)
                    .sorted()
                    .toList();
        }
        assertEquals(PUBLIC_TYPES, found);
    }

    /** Public, and (for a nested type) inside public types all the way out. */
    private static boolean isPublic(String binaryName) {
        try {
            for (Class<?> c = Class.forName(binaryName, false, PublicTypesTest.class.getClassLoader()); c != null;
                    c = c.getEnclosingClass()) {
                if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
                    return false;
                }
            }
            return true;
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }
}
