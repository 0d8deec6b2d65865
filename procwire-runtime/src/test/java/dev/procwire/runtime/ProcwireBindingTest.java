package dev.procwire.runtime;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.procwire.runtime.binding.BindingProvider;
import dev.procwire.runtime.binding.Handlers;
import dev.procwire.runtime.binding.ServiceBinding;
import org.junit.jupiter.api.Test;

/**
 * How a service class's binding is found (by the generated name, else through the service file), and the
 * error, which says which case it is and the fix, for a class without a usable one.
 */
class ProcwireBindingTest {
    /** A service whose binding (below) no service file lists: found by its generated name alone. */
    static final class FoundByName {}

    /** A service whose provider (below) is listed in the test service file, with no binding of the generated name. */
    static final class HandRegistered {}

    /** A service whose class of the generated name (below) provides another class's binding. */
    static final class Mismatched {}

    static final ServiceBinding FOUND_BY_NAME = Handlers.builder().build();
    static final ServiceBinding HAND_REGISTERED = Handlers.builder().build();

    @Test
    void bindingThatNoServiceFileListsIsFoundByItsGeneratedName() {
        assertSame(FOUND_BY_NAME, Procwire.bindingFor(new FoundByName()));
    }

    @Test
    void providerListedOnlyInTheServiceFileIsFound() {
        assertSame(HAND_REGISTERED, Procwire.bindingFor(new HandRegistered()));
    }

    @Test
    void providerOfTheGeneratedNameForAnotherClassIsNotUsed() {
        String m = assertThrows(IllegalArgumentException.class, () -> Procwire.bindingFor(new Mismatched())).getMessage();
        assertTrue(m.contains("ProcwireBindingTest_Mismatched_Procwire"), m);
    }

    /** A class the annotation processor never saw. */
    static final class NeverProcessed {}

    /** A class whose binding was generated (below) but whose registration was lost, as in a badly merged jar. */
    static final class LostRegistration {}

    @Test
    void classTheProcessorNeverSawNamesTheMissingBindingAndTheProcessorPath() {
        String m = assertThrows(IllegalArgumentException.class, () -> Procwire.bindingFor(new NeverProcessed())).getMessage();
        assertTrue(m.contains("dev.procwire.runtime.ProcwireBindingTest_NeverProcessed_Procwire"), m);
        assertTrue(m.contains("annotation processor did not run"), m);
        assertTrue(m.contains("annotationProcessorPaths") && m.contains("older than 3.5") && m.contains("maven.compiler.source/target"), m);
    }

    /** As {@link LostRegistration}, with an underscore in its name, which the processor writes {@code _1}. */
    static final class Lost_Registration {}

    @Test
    void bindingNameOfAClassWithAnUnderscoreIsTheOneTheProcessorWrites() {
        String m = assertThrows(IllegalArgumentException.class, () -> Procwire.bindingFor(new Lost_Registration())).getMessage();
        assertTrue(m.contains("ProcwireBindingTest_Lost_1Registration_Procwire exists"), m);
    }

    @Test
    void generatedButUnregisteredBindingNamesTheServiceFile() {
        String m = assertThrows(IllegalArgumentException.class, () -> Procwire.bindingFor(new LostRegistration())).getMessage();
        assertTrue(m.contains("META-INF/services/dev.procwire.runtime.binding.BindingProvider"), m);
        assertTrue(m.contains("ServicesResourceTransformer"), m);
    }
}

/** Stands in for the generated binding of {@link ProcwireBindingTest.LostRegistration}, never registered. */
final class ProcwireBindingTest_LostRegistration_Procwire {}

/** Stands in for the generated binding of {@link ProcwireBindingTest.Lost_Registration}, never registered. */
final class ProcwireBindingTest_Lost_1Registration_Procwire {}

/** Stands in for the generated binding of {@link ProcwireBindingTest.FoundByName}, in no service file. */
final class ProcwireBindingTest_FoundByName_Procwire {
    public static final class Provider implements BindingProvider {
        @Override
        public Class<?> serviceType() {
            return ProcwireBindingTest.FoundByName.class;
        }

        @Override
        public ServiceBinding bind(Object service) {
            return ProcwireBindingTest.FOUND_BY_NAME;
        }
    }
}

/** Has the generated name for {@link ProcwireBindingTest.Mismatched} but provides another class's binding. */
final class ProcwireBindingTest_Mismatched_Procwire {
    public static final class Provider implements BindingProvider {
        @Override
        public Class<?> serviceType() {
            return ProcwireBindingTest.FoundByName.class;
        }

        @Override
        public ServiceBinding bind(Object service) {
            return ProcwireBindingTest.FOUND_BY_NAME;
        }
    }
}
