package dev.procwire.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.procwire.api.ProcwireService;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The runtime and the API as JPMS modules: they resolve on a module path holding only their own
 * dependencies, and export exactly what users and generated code are written against.
 */
class ModuleDescriptorTest {

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** The runtime, the API and the libraries the runtime declares, found where the tests load them. */
    private static ModuleFinder modulePath() throws URISyntaxException {
        List<Path> paths = new ArrayList<>(List.of(location(Procwire.class), location(ProcwireService.class)));
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("jackson-databind-") || name.startsWith("jackson-core-")
                    || name.startsWith("jackson-annotations-") || name.startsWith("junixsocket-")) {
                paths.add(Path.of(entry));
            }
        }
        return ModuleFinder.of(paths.toArray(Path[]::new));
    }

    @Test
    void theRuntimeResolvesWithItsDeclaredDependenciesOnly() throws Exception {
        Configuration c = ModuleLayer.boot().configuration()
                .resolve(modulePath(), ModuleFinder.of(), Set.of("dev.procwire.runtime"));
        Set<String> resolved = c.modules().stream().map(ResolvedModule::name).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(resolved.containsAll(Set.of("dev.procwire.runtime", "dev.procwire.api", "org.newsclub.net.unix",
                "com.kohlschutter.junixsocket.nativecommon", "com.fasterxml.jackson.databind")), resolved.toString());
    }

    @Test
    void theRuntimeExportsOnlyWhatUsersAndGeneratedCodeUse() throws Exception {
        ModuleDescriptor runtime = modulePath().find("dev.procwire.runtime").orElseThrow().descriptor();
        assertEquals(Set.of("dev.procwire.runtime", "dev.procwire.runtime.binding", "dev.procwire.runtime.codec",
                        "dev.procwire.runtime.arrow"),
                runtime.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source)
                        .collect(Collectors.toSet()));
        assertTrue(runtime.uses().contains("dev.procwire.runtime.binding.BindingProvider"),
                "Procwire.serve finds bindings with a ServiceLoader");
        assertTrue(runtime.packages().stream().anyMatch(p -> p.startsWith("dev.procwire.runtime.internal.")),
                "the internal packages are in the module, not exported");
    }

    @Test
    void theRuntimeRequiresArrowOnlyAtCompileTime() throws Exception {
        ModuleDescriptor runtime = modulePath().find("dev.procwire.runtime").orElseThrow().descriptor();
        Set<String> arrow = new TreeSet<>();
        for (ModuleDescriptor.Requires r : runtime.requires()) {
            if (r.name().startsWith("org.apache.arrow")) {
                assertTrue(r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC),
                        r.name() + " must be optional (requires static): a worker without Arrow methods resolves without it");
                arrow.add(r.name());
            }
        }
        assertEquals(Set.of("org.apache.arrow.vector", "org.apache.arrow.memory.core", "org.apache.arrow.format"), arrow);
    }

    @Test
    void theApiExportsItsOnePackage() throws Exception {
        ModuleDescriptor api = modulePath().find("dev.procwire.api").orElseThrow().descriptor();
        assertEquals(Set.of("dev.procwire.api"),
                api.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        assertTrue(api.requires().stream().allMatch(r -> r.name().equals("java.base")), api.requires().toString());
    }
}
